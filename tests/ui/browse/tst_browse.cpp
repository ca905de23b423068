// Clicks through the console against an in-process local service: choose the local service,
// open a stage, a session, a participant, and read its events. A screenshot of each step is
// saved under test-output/screenshots.

#include "localconnection.h"
#include "localharness.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "screenshot.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace gr;

class TestBrowse : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clickThrough();
    void restoredWidthsWidenForLongerNames();
};

void TestBrowse::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // no user settings read or written
}

void TestBrowse::clickThrough()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("town-hall"));
    h.createStage(QStringLiteral("podcast-studio"));
    h.createStage(QStringLiteral("quiet-room"));
    const auto host = h.join(stage, QStringLiteral("alice"), true);
    const auto guest = h.join(stage, QStringLiteral("bob"), true);
    const auto viewer = h.join(stage, QStringLiteral("chen"));
    h.plane("subscribe", {{QStringLiteral("stageArn"), stage},
                          {QStringLiteral("participantId"), viewer.participantId},
                          {QStringLiteral("remoteParticipantId"), host.participantId}});
    h.plane("error", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), viewer.participantId},
                      {QStringLiteral("name"), QStringLiteral("SUBSCRIBE_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("PUBLISHER_NOT_FOUND")},
                      {QStringLiteral("remoteParticipantId"), guest.participantId}});
    h.plane("subscribe", {{QStringLiteral("stageArn"), stage},
                          {QStringLiteral("participantId"), viewer.participantId},
                          {QStringLiteral("remoteParticipantId"), guest.participantId}});

    const QUrl url = h.service()->url();
    QSettings().clear(); // a first run: the default widths
    ui::MainWindow window({localChoice()}, localConnectionFactory(url));
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // 1. Choose the local service: the stages are listed. The AWS region chooser goes (the
    // local service has its own region).
    auto *regions = window.findChild<QComboBox *>(QStringLiteral("regionBox"));
    QVERIFY(regions && regions->isVisible());
    window.openConnection(0);
    QTRY_VERIFY(!regions->isVisible()); // the tool bar's layout hides it on its next pass
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount(), 3, 10000);
    QTest::qWait(100);
    shoot(&window, QStringLiteral("browse-1-stages.png"));

    // 2. Open the stage in the navigator: its sessions.
    models::StageTreeModel *tree = window.treeModel();
    QModelIndex stageIndex;
    for (int r = 0; r < tree->rowCount(); ++r) {
        if (tree->index(r, 0).data(models::KeyRole).toString() == stage)
            stageIndex = tree->index(r, 0);
    }
    QVERIFY(stageIndex.isValid());
    window.stageTree()->setCurrentIndex(stageIndex);
    window.stageTree()->expand(stageIndex);
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(stageIndex), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.detail()->identity().isEmpty(), 10000);
    QCOMPARE(window.detail()->identity(), stage);

    // 3. Open the session: its participants.
    const QModelIndex sessionIndex = tree->index(0, 0, stageIndex);
    window.stageTree()->setCurrentIndex(sessionIndex);
    window.stageTree()->expand(sessionIndex);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(sessionIndex), 3, 10000);
    // Browser, OS and the rest come from GetParticipant, fetched for the rows on screen.
    for (int r = 0; r < 3; ++r)
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->index(r, 8).data().toString(),
                                  QStringLiteral("Firefox"), 10000);
    QTest::qWait(100);
    shoot(&window, QStringLiteral("browse-2-participants.png"));
    // The tree's first-run width shows a participant's name and id whole beside the status.
    QVERIFY(window.mainSplitter()->sizes().first() >= window.defaultTreeWidth() * 9 / 10);
    for (int r = 0; r < 3; ++r) {
        const QModelIndex participant = tree->index(r, 0, sessionIndex);
        const QString name = participant.data().toString();
        const int needed =
            16 + 8 + window.stageTree()->fontMetrics().horizontalAdvance(name); // icon, text
        QVERIFY2(window.stageTree()->visualRect(participant).width() >= needed, qPrintable(name));
    }

    // 3b. Two filters: the user id goes to the service, "never published" is applied here.
    auto *user = window.findChild<QLineEdit *>(QStringLiteral("filterUser"));
    auto *published = window.findChild<QComboBox *>(QStringLiteral("filterPublished"));
    QVERIFY(user && published && user->isVisible());
    // The note wraps: the centre pane keeps its width (the tree and the detail pane theirs).
    QWidget *centre = window.mainSplitter()->widget(1);
    const int centreWidth = centre->width();
    user->setText(QStringLiteral("chen"));
    published->setCurrentIndex(2);
    emit published->activated(2);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    QVERIFY(window.listModel()->spec().input.contains(QStringLiteral("filterByUserId")));
    auto *status = window.findChild<QLabel *>(QStringLiteral("tableStatus"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("also filtered here by published")));
    QVERIFY(status->toolTip().contains(QStringLiteral("one filter per request")));
    QTest::qWait(50); // let the layout settle
    QCOMPARE(centre->width(), centreWidth);
    shoot(&window, QStringLiteral("browse-2b-filtered.png"));
    user->setText(QString());
    published->setCurrentIndex(0);
    emit published->activated(0);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
    for (int r = 0; r < 3; ++r)
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->index(r, 8).data().toString(),
                                  QStringLiteral("Firefox"), 10000);

    // 4. Select the viewer in the table: every field, and the event timeline.
    int viewerRow = -1;
    QAbstractItemModel *proxy = window.table()->model();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        if (proxy->index(r, 0).data(models::KeyRole).toString() == viewer.participantId)
            viewerRow = r;
    }
    QVERIFY(viewerRow >= 0);
    window.table()->selectRow(viewerRow);
    QTRY_VERIFY_WITH_TIMEOUT(window.eventsModel() && window.eventsModel()->rowCount() == 4, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.detail()->identity(), viewer.participantId, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.detail()
                                  ->fields()
                                  ->findItems(QStringLiteral("Browser name"), Qt::MatchExactly)
                                  .isEmpty(),
                             10000);
    QStringList names;
    for (int r = 0; r < window.eventsModel()->rowCount(); ++r)
        names << window.eventsModel()->index(r, 1).data().toString();
    QCOMPARE(names,
             (QStringList{QStringLiteral("JOINED"), QStringLiteral("SUBSCRIBE_STARTED"),
                          QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("SUBSCRIBE_STARTED")}));
    // The error is explained where the user reads the timeline.
    window.events()->selectRow(2);
    QTRY_VERIFY(window.eventHelp()->text().contains(QStringLiteral("PUBLISHER_NOT_FOUND")));
    QVERIFY(window.eventHelp()->text().contains(QStringLiteral("not publishing")));
    QTest::qWait(100);
    shoot(&window, QStringLiteral("browse-3-participant-events.png"));

    // 5. The viewer starts publishing: after a refresh the fields say so, as the table does
    // (the filters above gave the page a new list model; the pane follows that one).
    const auto publishedField = [&] {
        const auto items = window.detail()->fields()->findItems(
            QStringLiteral("Published"), Qt::MatchExactly | Qt::MatchRecursive);
        return items.isEmpty() ? QString() : items.first()->text(1);
    };
    QCOMPARE(publishedField(), QStringLiteral("no"));
    h.plane("publish", {{QStringLiteral("stageArn"), stage},
                        {QStringLiteral("participantId"), viewer.participantId}});
    window.refresh();
    const int publishedColumn = 4;
    QTRY_COMPARE_WITH_TIMEOUT(
        window.listModel()
            ->index(window.listModel()->rowOfKey(viewer.participantId), publishedColumn)
            .data()
            .toString(),
        QStringLiteral("yes"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(publishedField(), QStringLiteral("yes"), 10000);
}

QTEST_MAIN(TestBrowse)
// Column widths saved by yesterday's run, today's longer names: the Name column widens to
// them (restored widths are a floor, not a cap). The walkthrough saw "podcas…" beside a Tags
// column with room to spare.
void TestBrowse::restoredWidthsWidenForLongerNames()
{
    QSettings().clear();
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.createStage(QStringLiteral("hall"));
    {
        ui::MainWindow yesterday({localChoice()}, localConnectionFactory(h.service()->url()));
        yesterday.resize(1400, 860);
        yesterday.show();
        yesterday.openConnection(0);
        QTRY_VERIFY_WITH_TIMEOUT(yesterday.listModel() && yesterday.listModel()->rowCount() == 1,
                                 10000);
        QTest::qWait(50);
        // The user widened the ARN column: the list's columns are saved with the window.
        QHeaderView *header = yesterday.listPage()->table()->horizontalHeader();
        header->resizeSection(2, header->sectionSize(2) + 40);
        yesterday.close();
    }
    const QString longest = QStringLiteral("podcast-studio-weekly-roundtable");
    h.createStage(longest);
    ui::MainWindow window({localChoice()}, localConnectionFactory(h.service()->url()));
    window.resize(1400, 860);
    window.show();
    window.openConnection(0);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.listModel() && window.listModel()->rowCount() == 2, 10000);
    QTableView *table = window.listPage()->table();
    QVERIFY(window.listPage()->keepsColumnWidths()); // yesterday's widths were restored
    const int wanted = table->fontMetrics().horizontalAdvance(longest);
    QTRY_VERIFY2(
        table->horizontalHeader()->sectionSize(0) > wanted,
        qPrintable(
            QStringLiteral("%1 <= %2").arg(table->horizontalHeader()->sectionSize(0)).arg(wanted)));
    shoot(&window, QStringLiteral("browse-restored-widths-widen.png"));
}

#include "tst_browse.moc"
