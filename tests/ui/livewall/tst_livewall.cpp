// The live wall through the window, with two connections side by side (two local services:
// the window's own and one added on the wall, as a user adds a profile or an endpoint):
// troubled stages first, click and Enter drill down (switching connection for the other's
// tile), the tree's counts and error badge, and a publishers alert fired by the monitor in the
// Alerts dock with its jump-to. Screenshots under test-output/screenshots.

#include "aws/profiles.h"
#include "local/localservice.h"
#include "localconnection.h"
#include "localharness.h"
#include "models/alertrules.h"
#include "models/livemonitor.h"
#include "models/stagetreemodel.h"
#include "privatesettings.h"
#include "ui/alertsdock.h"
#include "ui/connection.h"
#include "ui/elidedlabel.h"
#include "ui/listpage.h"
#include "ui/livewall.h"
#include "ui/mainwindow.h"
#include "ui/participantpage.h"
#include "ui/sessionpage.h"
#include "ui/stableorder.h"
#include "ui/stagetile.h"

#include <functional>
#include <memory>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPixmap>
#include <QProcessEnvironment>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>
#include <tuple>

using namespace gr;
using models::LiveMonitor;

class TestLiveWall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("greenroom-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("livewall"));
        // Another run of this test beside this one (another build or worktree) must not clear
        // or rewrite the connections this run's wall remembers.
        QVERIFY2(m_settings.error().isEmpty(), qPrintable(m_settings.error()));
        QSettings().clear();
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    }
    void twoConnectionsTroubledFirstAndDrillDown();
    void tilesHoldStillUnderThePointer();
    void tilesHoldStillForAPointerOnItsWay();
    void tilesHoldStillWhenTheWallOpensUnderThePointer();
    void tileToolTipFollowsItsFigures();
    void tileToolTipSectionsApart();
    void tileCodesAreItsLiveSessions();
    void shortcutReopensTheWallFromAnywhere();
    void demoTilesSayTheirProblem();
    void unreachableConnectionSaysSo();
    void connectionWithoutCredentialsSaysSoAtOnce();
    void tileTextsClearOfTheBadge_data();
    void tileTextsClearOfTheBadge();
    void columnsFromTheWidth();

private:
    PrivateSettings m_settings;
};

namespace
{
const QString kLocalA = QStringLiteral("Local A");
const QString kLocalB = QStringLiteral("Local B (endpoint)");

QModelIndex tileOf(QAbstractItemModel *tiles, const QString &name)
{
    for (int row = 0; row < tiles->rowCount(); ++row) {
        const QModelIndex index = tiles->index(row, 0);
        if (index.data(LiveMonitor::NameRole).toString() == name)
            return index;
    }
    return {};
}

QString problemOf(ui::LiveWall *wall, const QModelIndex &tile)
{
    auto *delegate = qobject_cast<ui::StageTileDelegate *>(wall->view()->itemDelegate());
    return ui::StageTileDelegate::mainProblem(tile, delegate->codesOf(tile));
}

// Shows `window` at 1200 x 800 on its first connection and opens its live wall (null if either
// did not come).
ui::LiveWall *openWallOf(ui::MainWindow &window)
{
    window.resize(1200, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return nullptr;
    window.openConnection(0);
    return window.showLiveWall();
}

QString tileNames(QAbstractItemModel *tiles)
{
    QStringList names;
    for (int row = 0; row < tiles->rowCount(); ++row)
        names << tiles->index(row, 0).data(LiveMonitor::NameRole).toString();
    return names.join(QLatin1Char(','));
}
// Two live stages on one local service, alpha (host-a) and beta (host-b publishing), on the
// window's live wall, the order's grace after a click kept short.
struct AlphaBetaWall {
    LocalHarness a;
    QString alpha, beta;
    LocalHarness::Joined guest; // beta's publisher
    std::unique_ptr<ui::MainWindow> window;
    ui::LiveWall *wall = nullptr;

    // Empty when the wall is up, else what failed.
    QString open()
    {
        if (!a.ok())
            return a.error();
        alpha = a.createStage(QStringLiteral("alpha"));
        a.join(alpha, QStringLiteral("host-a"), true);
        beta = a.createStage(QStringLiteral("beta"));
        guest = a.join(beta, QStringLiteral("host-b"), true);
        window = std::make_unique<ui::MainWindow>(QList<ui::ConnectionChoice>{localChoice(kLocalA)},
                                                  localConnectionFactory(a.service()->url()));
        window->resize(1200, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the window was never exposed");
        window->openConnection(0);
        // Those who have published have their events read again every 0.5 s, not 2 min.
        window->connection()->liveMonitor()->setPublisherRescanMs(500);
        wall = window->showLiveWall();
        if (!wall)
            return QStringLiteral("no live wall");
        wall->stableOrder()->setGraceMs(200);
        return {};
    }

    // Beta gets into trouble: a publish error, then its publisher stops. The monitor reads the
    // events of a connected participant that has published again now and then (`published`
    // stays true once it did): one of those reads counts the error.
    void troubleBeta()
    {
        a.plane("error", {{QStringLiteral("stageArn"), beta},
                          {QStringLiteral("participantId"), guest.participantId},
                          {QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                          {QStringLiteral("errorCode"), QStringLiteral("BITRATE_EXCEEDED")}});
        a.plane("unpublish", {{QStringLiteral("stageArn"), beta},
                              {QStringLiteral("participantId"), guest.participantId}});
    }
};

} // namespace

void TestLiveWall::twoConnectionsTroubledFirstAndDrillDown()
{
    LocalHarness a, b;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    QVERIFY2(b.ok(), qPrintable(b.error()));
    // A: a calm show, a full one (12 publishers: the quota), one with a failed join.
    const QString calm = a.createStage(QStringLiteral("calm-show"));
    a.join(calm, QStringLiteral("host"), true);
    a.join(calm, QStringLiteral("viewer"));
    const QString full = a.createStage(QStringLiteral("full-house"));
    for (int i = 0; i < 12; ++i)
        a.join(full, QStringLiteral("panel-%1").arg(i), true);
    const QString rough = a.createStage(QStringLiteral("rough-night"));
    a.join(rough, QStringLiteral("singer"), true);
    const auto guest = a.join(rough, QStringLiteral("guest"));
    a.createStage(QStringLiteral("idle-room"));
    // B: another account or region, one show.
    const QString remote = b.createStage(QStringLiteral("remote-keynote"));
    b.join(remote, QStringLiteral("speaker"), true);
    b.join(remote, QStringLiteral("cohost"), true);
    b.join(remote, QStringLiteral("audience"));

    const QHash<QString, QUrl> urls{{kLocalA, a.service()->url()}, {kLocalB, b.service()->url()}};
    ui::ConnectionChoice endpoint{
        ui::ConnectionChoice::Kind::Endpoint, kLocalB, {}, {}, b.service()->url().toString()};
    ui::MainWindow window({localChoice(kLocalA), endpoint},
                          [urls](const ui::ConnectionChoice &choice) {
                              return localConnectionFactory(urls.value(choice.label))(choice);
                          });
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    // Publishers >= 12 is off by default; this operator turns it on.
    QList<models::AlertRule> rules = models::AlertEngine::defaultRules();
    for (models::AlertRule &r : rules) {
        if (r.kind == models::AlertRule::Kind::PublishersAtLeast)
            r.enabled = true;
    }
    window.connection()->alerts()->setRules(rules);

    // View → Live wall (Ctrl+Shift+W).
    QAction *wallAction = window.action(QStringLiteral("liveWall"));
    QVERIFY(wallAction);
    QCOMPARE(wallAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+W")));
    wallAction->trigger();
    auto *wall = window.liveWall();
    QVERIFY(wall);
    const auto added = wall->addConnection(kLocalB);
    QVERIFY2(added, qPrintable(added.message()));
    QCOMPARE(wall->connectionNames(), QStringList({kLocalA, kLocalB}));
    QCOMPARE(ui::LiveWall::rememberedNames(), QStringList({kLocalA, kLocalB}));

    // The guest's join fails: an error on rough-night.
    a.plane("error", {{QStringLiteral("stageArn"), rough},
                      {QStringLiteral("participantId"), guest.participantId},
                      {QStringLiteral("name"), QStringLiteral("JOIN_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("INSUFFICIENT_CAPABILITIES")}});

    QAbstractItemModel *tiles = wall->tiles();
    QTRY_COMPARE_WITH_TIMEOUT(tiles->rowCount(), 4, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("rough-night")).data(LiveMonitor::ErrorsRole).toInt() == 1,
        15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("full-house")).data(LiveMonitor::PublishersRole).toInt() == 12,
        15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("remote-keynote")).data(LiveMonitor::AgeMsRole).toLongLong() >=
            0,
        15000);
    // Troubled first: the full stage, then the one with an error, then the calm ones.
    QTRY_COMPARE(tileNames(tiles),
                 QStringLiteral("full-house,rough-night,calm-show,remote-keynote"));
    const QModelIndex keynote = tileOf(tiles, QStringLiteral("remote-keynote"));
    QCOMPARE(keynote.data(LiveMonitor::ConnectionNameRole).toString(), kLocalB);
    QCOMPARE(keynote.data(LiveMonitor::PublishersRole).toInt(), 2);
    QCOMPARE(keynote.data(LiveMonitor::SubscribersRole).toInt(), 1);
    QTRY_VERIFY(
        wall->status()->fullText().contains(QLatin1String("4 live stages on 2 connections")));
    // Red only for the troubled (a full stage); one error is a warning, said in words.
    QTRY_VERIFY2(wall->status()->fullText().contains(QStringLiteral("1 troubled · 1 with errors")),
                 qPrintable(wall->status()->fullText()));
    using Tile = ui::StageTileDelegate;
    QCOMPARE(Tile::severity(tileOf(tiles, QStringLiteral("full-house"))), Tile::Severity::Troubled);
    QCOMPARE(Tile::severity(tileOf(tiles, QStringLiteral("rough-night"))), Tile::Severity::Erring);
    QCOMPARE(Tile::severity(tileOf(tiles, QStringLiteral("calm-show"))), Tile::Severity::Fine);
    QCOMPARE(problemOf(wall, tileOf(tiles, QStringLiteral("full-house"))),
             QStringLiteral("12/12 publishers: the stage is full"));
    QTRY_COMPARE_WITH_TIMEOUT(problemOf(wall, tileOf(tiles, QStringLiteral("rough-night"))),
                              QStringLiteral("1 error in 5 min: INSUFFICIENT_CAPABILITIES"), 5000);
    QCOMPARE(problemOf(wall, tileOf(tiles, QStringLiteral("calm-show"))), QString());
    QTest::qWait(1100); // ages and session starts painted
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-two-connections.png")));

    // The tree: counts on the live stages, the error badge on rough-night and its session.
    models::StageTreeModel *tree = window.treeModel();
    QModelIndex roughNode;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < tree->rowCount(); ++row) {
                if (tree->index(row, 0).data().toString() == QLatin1String("rough-night"))
                    roughNode = tree->index(row, 0);
            }
            return roughNode.isValid();
        }(),
        10000);
    QCOMPARE(roughNode.data(models::StageTreeModel::ErrorCountRole).toInt(), 1);
    QCOMPARE(roughNode.siblingAtColumn(1).data().toString(),
             QStringLiteral("live · 1 pub · 0 sub"));
    window.stageTree()->expand(roughNode);
    QTRY_VERIFY_WITH_TIMEOUT(tree->rowCount(roughNode) == 1, 10000);
    const QModelIndex roughSession = tree->index(0, 0, roughNode);
    QCOMPARE(roughSession.data(models::StageTreeModel::ErrorCountRole).toInt(), 1);
    const QString sessionStatus = roughSession.siblingAtColumn(1).data().toString();
    QVERIFY2(sessionStatus.endsWith(QStringLiteral("1 pub · 0 sub")), qPrintable(sessionStatus));

    // The monitor fired "publishers >= 12" for full-house: it is in the Alerts dock.
    auto *dock = window.findChild<ui::AlertsDock *>(QStringLiteral("alertsDock"));
    QVERIFY(dock);
    QAbstractItemModel *alerts = dock->alerts();
    QAbstractItemModelTester alertsTester(alerts,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto findAlert = [alerts](const QString &where, const QString &connection) {
        for (int i = 0; i < alerts->rowCount(); ++i) {
            const QModelIndex index = alerts->index(i, ui::AlertsDock::Where);
            if (index.data().toString().startsWith(where) &&
                (connection.isEmpty() ||
                 index.siblingAtColumn(0).data(ui::AlertsDock::ConnectionRole) == connection))
                return QPersistentModelIndex(index);
        }
        return QPersistentModelIndex();
    };
    QPersistentModelIndex fullAlert;
    QTRY_VERIFY_WITH_TIMEOUT((fullAlert = findAlert(QStringLiteral("full-house"), {})).isValid(),
                             10000);
    QTest::qWait(100);
    // Where names the stage as the user knows it, not by its id; so does the text.
    QCOMPARE(fullAlert.data().toString(), QStringLiteral("full-house"));
    QVERIFY(fullAlert.sibling(fullAlert.row(), ui::AlertsDock::Text)
                .data()
                .toString()
                .contains(QLatin1String("Stage full-house has 12 publishers")));
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-tree-badges-alert.png")));

    // Enter on a tile of this connection opens its stage.
    wall->view()->setFocus();
    wall->view()->setCurrentIndex(tileOf(tiles, QStringLiteral("calm-show")));
    QTest::keyClick(wall->view(), Qt::Key_Return);
    QTRY_VERIFY(window.listPage() && window.listPage()->scope().stageArn == calm);
    QCOMPARE(window.connectionName(), kLocalA);

    // The alert's jump-to opens full-house.
    const QRect rect = dock->list()->visualRect(fullAlert);
    QTest::mouseClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(window.listPage() && window.listPage()->scope().stageArn == full);

    // Back on the wall (the added connection remembered), a click on the other connection's
    // tile switches the window to it, on that stage.
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    wall = window.liveWall();
    QVERIFY(wall);
    // The wall comes back with both at once: it restores them from the settings as it opens.
    QCOMPARE(wall->connectionNames(), QStringList({kLocalA, kLocalB}));
    tiles = wall->tiles();
    QTRY_VERIFY_WITH_TIMEOUT(tileOf(tiles, QStringLiteral("remote-keynote")).isValid(), 15000);
    const QRect tileRect =
        wall->view()->visualRect(tileOf(tiles, QStringLiteral("remote-keynote")));
    QVERIFY(tileRect.isValid());
    QTest::mouseClick(wall->view()->viewport(), Qt::LeftButton, {}, tileRect.center());
    QTRY_COMPARE(window.connectionName(), kLocalB);
    QTRY_VERIFY(window.listPage() && window.listPage()->scope().stageArn == remote);
    QTest::qWait(300);
    QVERIFY(window.grab().save(QStringLiteral(
        GR_TEST_OUTPUT_DIR "/screenshots/livewall-drilled-to-other-connection.png")));

    // Opened from B, the wall shows both again (A is now the one the wall connects itself).
    wall = window.showLiveWall();
    QVERIFY(wall);
    QCOMPARE(wall->connectionNames(), QStringList({kLocalB, kLocalA}));
    QTRY_COMPARE_WITH_TIMEOUT(wall->tiles()->rowCount(), 4, 15000);
    QTest::qWait(1100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-from-the-other-connection.png")));

    // The wall's own connection to A raises its alerts in the dock, labelled with A; the
    // jump-to switches the window back to A, on rough-night's session.
    QPersistentModelIndex roughAlert;
    QTRY_VERIFY_WITH_TIMEOUT(
        (roughAlert = findAlert(QStringLiteral("rough-night"), kLocalA)).isValid(), 15000);
    QVERIFY(!dock->list()->isColumnHidden(ui::AlertsDock::ConnectionColumn));
    QCOMPARE(
        roughAlert.sibling(roughAlert.row(), ui::AlertsDock::ConnectionColumn).data().toString(),
        kLocalA);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-alerts-of-two-connections.png")));
    const QRect roughRect = dock->list()->visualRect(roughAlert);
    QTest::mouseClick(dock->list()->viewport(), Qt::LeftButton, {}, roughRect.center());
    QTest::mouseDClick(dock->list()->viewport(), Qt::LeftButton, {}, roughRect.center());
    QTRY_COMPARE(window.connectionName(), kLocalA);
    QTRY_VERIFY(window.sessionPage() && window.sessionPage()->scope().stageArn == rough);
    // On the guest's page its JOIN_ERROR itself is selected, not only the guest (the fourth
    // walkthrough read another error's explanation under the list).
    QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage()->participant() &&
                                 window.sessionPage()->participant()->scope().participantId ==
                                     guest.participantId,
                             10000);
    ui::ParticipantPage *guestPage = window.sessionPage()->participant();
    auto selectedEventName = [guestPage] {
        const QModelIndexList rows = guestPage->table()->selectionModel()
                                         ? guestPage->table()->selectionModel()->selectedRows()
                                         : QModelIndexList();
        if (rows.size() != 1)
            return QString();
        const QAbstractItemModel *shown = guestPage->table()->model();
        for (int column = 0; column < shown->columnCount(); ++column) {
            const QString text = shown->index(rows.first().row(), column).data().toString();
            if (text.endsWith(QLatin1String("_ERROR")) || text == QLatin1String("JOINED"))
                return text;
        }
        return QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(selectedEventName(), QStringLiteral("JOIN_ERROR"), 10000);
}

void TestLiveWall::tilesHoldStillUnderThePointer()
{
    AlphaBetaWall f;
    const QString problem = f.open();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ui::MainWindow &window = *f.window;
    ui::LiveWall *wall = f.wall;
    QAbstractItemModel *tiles = wall->tiles();
    QTRY_COMPARE_WITH_TIMEOUT(tileNames(tiles), QStringLiteral("alpha,beta"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::AgeMsRole).toLongLong() >= 0,
        15000);

    // The pointer rests on alpha, about to click it.
    QWidget *viewport = wall->view()->viewport();
    const QPoint onAlpha =
        wall->view()->visualRect(tileOf(tiles, QStringLiteral("alpha"))).center();
    QTest::mouseMove(viewport, onAlpha);
    if (!viewport->underMouse()) {
        // Offscreen platforms move no real pointer: deliver the enter the desktop would.
        QEnterEvent enter(onAlpha, viewport->mapTo(&window, onAlpha),
                          viewport->mapToGlobal(onAlpha));
        QApplication::sendEvent(viewport, &enter);
    }
    QVERIFY(wall->stableOrder()->holding());
    // Beta gets into trouble: it would go first, but not under the user's hand.
    f.troubleBeta();
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::ErrorsRole).toInt() == 1, 20000);
    QTest::qWait(300);
    QCOMPARE(tileNames(tiles), QStringLiteral("alpha,beta"));
    QCOMPARE(wall->view()->indexAt(onAlpha).data(LiveMonitor::NameRole).toString(),
             QStringLiteral("alpha"));
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-held-under-pointer.png")));

    // The pointer leaves the wall (for the navigator): the troubled stage takes its place first.
    QTest::mouseMove(&window, QPoint(10, window.height() / 2));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(viewport, &leave);
    QTRY_VERIFY(!wall->stableOrder()->holding());
    QTRY_COMPARE(tileNames(tiles), QStringLiteral("beta,alpha"));
    QTest::qWait(1100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-reordered-after-leave.png")));
}

// The pointer on its way to a tile: on the wall's page (its title row, or a tile's margin from
// it), not yet on a tile, the order already holds, so a change just before the pointer gets
// there does not move the tile it was aimed at; far away again, the new order comes.
void TestLiveWall::tilesHoldStillForAPointerOnItsWay()
{
    AlphaBetaWall f;
    const QString problem = f.open();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ui::MainWindow &window = *f.window;
    ui::LiveWall *wall = f.wall;
    // The pointer starts far from the wall (on the navigator).
    const QPoint far(10, window.height() / 2);
    QVERIFY(!wall->geometry()
                 .translated(wall->mapTo(&window, QPoint(0, 0)) - wall->pos())
                 .adjusted(-60, -60, 60, 60)
                 .contains(far));
    QTest::mouseMove(&window, far);
    QWidget *viewport = wall->view()->viewport();
    QEvent away(QEvent::Leave);
    QApplication::sendEvent(viewport, &away);
    QAbstractItemModel *tiles = wall->tiles();
    QTRY_COMPARE_WITH_TIMEOUT(tileNames(tiles), QStringLiteral("alpha,beta"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::AgeMsRole).toLongLong() >= 0,
        15000);
    QTRY_VERIFY(!wall->stableOrder()->holding());

    // On its way: over the wall's title row, above the tiles.
    const QPoint onTheWay = wall->mapTo(&window, QPoint(wall->width() / 2, 4));
    QVERIFY(!viewport->rect().contains(viewport->mapFrom(&window, onTheWay)));
    QTest::mouseMove(&window, onTheWay);
    QVERIFY(wall->stableOrder()->pointerNear());
    QVERIFY(wall->stableOrder()->holding());
    // Beta gets into trouble meanwhile.
    f.troubleBeta();
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::ErrorsRole).toInt() == 1, 30000);
    QTest::qWait(300);
    QCOMPARE(tileNames(tiles), QStringLiteral("alpha,beta"));
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-held-on-the-way.png")));

    // Far away again: after a moment, the troubled stage goes first.
    QTest::mouseMove(&window, far);
    QVERIFY(!wall->stableOrder()->pointerNear());
    QVERIFY(wall->stableOrder()->holding()); // for kApproachHoldMs yet
    QTRY_VERIFY(!wall->stableOrder()->holding());
    QTRY_COMPARE(tileNames(tiles), QStringLiteral("beta,alpha"));
}

// The wall opened under a pointer that has not moved since (View → Live wall clicked over the
// page, Ctrl+Shift+W): the order holds from the start, not from the first mouse move (the
// walkthrough's tiles re-sorted once as the pointer came onto the wall).
void TestLiveWall::tilesHoldStillWhenTheWallOpensUnderThePointer()
{
    LocalHarness a;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    a.createStage(QStringLiteral("alpha"));
    ui::MainWindow window({localChoice(kLocalA)}, localConnectionFactory(a.service()->url()));
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    // The pointer rests in the middle of the page, where the wall's title row will be: on the
    // wall's page but not on a tile.
    QWidget *page = window.centralWidget();
    QVERIFY(page);
    const QPoint rest = page->mapTo(&window, QPoint(page->width() / 2, 12));
    QTest::mouseMove(&window, rest);
    QTest::qWait(50);
    ui::LiveWall *wall = window.showLiveWall();
    QVERIFY(wall);
    QVERIFY2(wall->rect().contains(wall->mapFrom(&window, rest)),
             "the pointer is not on the wall's page");
    QTRY_VERIFY_WITH_TIMEOUT(wall->stableOrder()->pointerNear(), 1000);
    QVERIFY(wall->stableOrder()->holding());
    // Held until the pointer goes.
    QTest::qWait(ui::StableOrder::kApproachHoldMs + 200);
    QVERIFY(wall->stableOrder()->holding());
    QTest::mouseMove(&window, QPoint(10, window.height() / 2));
    QTRY_VERIFY(!wall->stableOrder()->holding());
}

// A tile's tool tip, open while the stage's figures change, says the new figures (it used to
// keep the text it opened with).
void TestLiveWall::tileToolTipFollowsItsFigures()
{
    LocalHarness a;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    const QString alpha = a.createStage(QStringLiteral("alpha"));
    a.join(alpha, QStringLiteral("host-a"), true);
    ui::MainWindow window({localChoice(kLocalA)}, localConnectionFactory(a.service()->url()));
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    ui::LiveWall *wall = window.showLiveWall();
    QVERIFY(wall);
    QAbstractItemModel *tiles = wall->tiles();
    QTRY_COMPARE_WITH_TIMEOUT(tileNames(tiles), QStringLiteral("alpha"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("alpha")).data(LiveMonitor::AgeMsRole).toLongLong() >= 0,
        15000);

    QWidget *viewport = wall->view()->viewport();
    // Once the view has laid its tiles out.
    auto alphaCentre = [&] {
        return wall->view()->visualRect(tileOf(tiles, QStringLiteral("alpha"))).center();
    };
    QTRY_VERIFY(wall->view()->indexAt(alphaCentre()).data(LiveMonitor::NameRole) ==
                QStringLiteral("alpha"));
    const QPoint onAlpha = alphaCentre();
    QHelpEvent help(QEvent::ToolTip, onAlpha, viewport->mapToGlobal(onAlpha));
    QApplication::sendEvent(viewport, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QLatin1String("1 of 12 publishers, 0 subscribers")),
             qPrintable(QToolTip::text()));

    // Two viewers join while the tool tip is open: it says so, still open.
    a.join(alpha, QStringLiteral("viewer-1"));
    a.join(alpha, QStringLiteral("viewer-2"));
    QTRY_VERIFY2_WITH_TIMEOUT(
        QToolTip::text().contains(QLatin1String("1 of 12 publishers, 2 subscribers")),
        qPrintable(QToolTip::text()), 15000);
    QVERIFY(QToolTip::isVisible());
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->inherits("QTipLabel") && w->isVisible())
            QVERIFY(w->grab().save(
                QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-tooltip-follows.png")));
    }
    QToolTip::hideText();
}

// The demo, as a new user first sees it: each tile's trouble said in words; red only for the
// troubled, so the wall is not all red.
void TestLiveWall::demoTilesSayTheirProblem()
{
    local::LocalServiceOptions options;
    options.demo = true;
    options.timeScale = 1; // as a new user runs it: errors in real minutes
    LocalHarness h(options);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    ui::MainWindow window({localChoice(kLocalA)}, localConnectionFactory(h.service()->url()));
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    ui::LiveWall *wall = window.showLiveWall();
    QVERIFY(wall);
    QAbstractItemModel *tiles = wall->tiles();
    QTRY_VERIFY_WITH_TIMEOUT(tiles->rowCount() >= 2, 20000);
    // Every tile listed, and a while for errors to be read.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < tiles->rowCount(); ++r) {
                if (tiles->index(r, 0).data(LiveMonitor::AgeMsRole).toLongLong() < 0)
                    return false;
            }
            return true;
        }(),
        30000);
    QTest::qWait(8000);
    using Tile = ui::StageTileDelegate;
    int troubled = 0, erring = 0;
    for (int r = 0; r < tiles->rowCount(); ++r) {
        const QModelIndex tile = tiles->index(r, 0);
        const Tile::Severity level = Tile::severity(tile);
        const QString problem = problemOf(wall, tile);
        qInfo("  %s: %s (errors %d)", qPrintable(tile.data(LiveMonitor::NameRole).toString()),
              qPrintable(problem), tile.data(LiveMonitor::ErrorsRole).toInt());
        troubled += level == Tile::Severity::Troubled;
        erring += level == Tile::Severity::Erring;
        // A tile in colour says why in words; a fine one claims no problem.
        QCOMPARE(problem.isEmpty(), level == Tile::Severity::Fine);
        if (tile.data(LiveMonitor::ErrorsRole).toInt() > 0 && level == Tile::Severity::Erring)
            QVERIFY2(problem.contains(QLatin1String("in 5 min")), qPrintable(problem));
    }
    qInfo("demo wall: %d tiles, %d troubled (red), %d with errors (amber)", int(tiles->rowCount()),
          troubled, erring);
    QVERIFY2(troubled < tiles->rowCount(), "every tile red");
    QVERIFY(
        window.grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-demo.png")));
}

// A connection added to the wall that cannot list its stages (here: nothing listens at its
// endpoint; with AWS, missing credentials or access denied) is named in the wall's status line
// with the service's text in its tip, instead of simply showing no tile (the walkthrough ticked
// "AWS" with no credentials and saw nothing happen).
void TestLiveWall::unreachableConnectionSaysSo()
{
    LocalHarness a;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    const QString broken = QStringLiteral("Nowhere (endpoint)");
    const ui::ConnectionChoice nowhere{
        ui::ConnectionChoice::Kind::Endpoint, broken, {}, {}, QStringLiteral("http://127.0.0.1:9")};
    const QUrl urlA = a.service()->url();
    ui::MainWindow window(
        {localChoice(kLocalA), nowhere}, [urlA](const ui::ConnectionChoice &choice) {
            return localConnectionFactory(choice.kind == ui::ConnectionChoice::Kind::Local
                                              ? urlA
                                              : QUrl(choice.endpointUrl))(choice);
        });
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    ui::LiveWall *wall = window.showLiveWall();
    QVERIFY(wall);
    const auto added = wall->addConnection(broken);
    QVERIFY2(added, qPrintable(added.message()));
    // Until it answers, the wall says it is waiting for it.
    QVERIFY2(wall->status()->fullText().section(QStringLiteral("waiting for "), 1).contains(broken),
             qPrintable(wall->status()->fullText()));
    QTRY_VERIFY2_WITH_TIMEOUT(wall->status()->fullText().contains(
                                  QStringLiteral("could not list the stages of %1").arg(broken)),
                              qPrintable(wall->status()->fullText()), 30000);
    QVERIFY(wall->status()->toolTip().startsWith(broken + QStringLiteral(": ")));
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-unreachable-connection.png")));
}

// An AWS connection added to the wall on a machine with no credentials at all (a clean HOME,
// no AWS_* keys): the wall says so within a few seconds, and stays saying it (the walkthrough
// read "waiting for AWS …"; a "Could not add" line was overwritten by the next tick). The
// chain is the AWS CLI's without instance metadata: the IMDS endpoint, a port that accepts
// and never answers, is never asked.
void TestLiveWall::connectionWithoutCredentialsSaysSoAtOnce()
{
    QTcpServer silentImds;
    QVERIFY(silentImds.listen(QHostAddress::LocalHost));
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"),
               QStringLiteral("http://127.0.0.1:%1").arg(silentImds.serverPort()));
    const aws::ProfileResolver resolver(env, home.path());
    QNetworkAccessManager network;

    const QString aws = QStringLiteral("AWS (eu-west-1)");
    const ui::ConnectionChoice awsChoice{
        ui::ConnectionChoice::Kind::Profile, aws, {}, QStringLiteral("eu-west-1"), {}};
    const QString bare = QStringLiteral("AWS");
    const ui::ConnectionChoice bareChoice{ui::ConnectionChoice::Kind::Profile, bare, {}, {}, {}};
    LocalHarness a;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    const QUrl urlA = a.service()->url();
    ui::MainWindow window(
        {localChoice(kLocalA), awsChoice, bareChoice},
        [&](const ui::ConnectionChoice &choice) -> aws::Expected<ui::Connection *> {
            if (choice.kind == ui::ConnectionChoice::Kind::Local)
                return localConnectionFactory(urlA)(choice);
            // As the console's own factory: resolve, or say why not.
            QObject owner;
            const auto resolved = resolver.resolveWithCredentials(
                {choice.profile, choice.region, choice.endpointUrl}, &network, &owner);
            if (!resolved)
                return resolved.error();
            return aws::failure(aws::AwsError::Kind::Invalid,
                                QStringLiteral("credentials found in a clean HOME"));
        });
    ui::LiveWall *wall = openWallOf(window);
    QVERIFY(wall);
    QElapsedTimer clock;
    clock.start();
    const auto added = wall->addConnection(aws);
    QVERIFY(!added);
    QCOMPARE(added.error().kind, aws::AwsError::Kind::Credentials);
    const QString said = aws + QStringLiteral(": no credentials found — add a profile or keys");
    QTRY_VERIFY2_WITH_TIMEOUT(wall->status()->fullText().contains(said),
                              qPrintable(wall->status()->fullText()), 3000);
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    for (const QString &part : wall->status()->fullText().split(QStringLiteral(" · ")))
        QVERIFY2(!part.startsWith(QLatin1String("waiting for")) || !part.contains(aws),
                 qPrintable(part));
    // Still said after the wall's ticks (the status line is rebuilt every second).
    QTest::qWait(2500);
    QVERIFY2(wall->status()->fullText().contains(said), qPrintable(wall->status()->fullText()));
    QVERIFY(!silentImds.hasPendingConnections());
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-no-credentials.png")));
    // Removed from the wall, it is no longer spoken of.
    wall->removeConnection(aws);
    QTRY_VERIFY(!wall->status()->fullText().contains(aws));

    // No region and no credentials: both said, on one line, elided, the whole in the tip.
    QVERIFY(!wall->addConnection(bare));
    QTRY_VERIFY2(wall->status()->fullText().contains(
                     bare + QStringLiteral(": no region and no credentials: ")),
                 qPrintable(wall->status()->fullText()));
    QTest::qWait(50);
    QVERIFY2(wall->status()->isElided(), qPrintable(wall->status()->text()));
    QVERIFY(wall->status()->text().endsWith(QChar(0x2026)));
    QVERIFY2(wall->status()->text().startsWith(QStringLiteral("could not add ") + bare),
             qPrintable(wall->status()->text())); // what is wrong is read first
    QVERIFY(wall->status()->toolTip().contains(wall->status()->fullText()));
    QVERIFY2(wall->status()->height() < 2 * wall->status()->fontMetrics().lineSpacing(),
             qPrintable(QString::number(wall->status()->height())));
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-no-region-no-credentials.png")));
}

// Ctrl+Shift+W, pressed where the user's keyboard focus is, opens the wall again after a tile
// replaced it: from the tree, the stage's list, the Alerts and Request log docks (docked and
// floating, each then a window of its own).
void TestLiveWall::shortcutReopensTheWallFromAnywhere()
{
    AlphaBetaWall f;
    const QString problem = f.open();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ui::MainWindow &window = *f.window;
    QTRY_VERIFY_WITH_TIMEOUT(tileOf(f.wall->tiles(), QStringLiteral("alpha")).isValid(), 15000);
    auto *alerts = window.findChild<QDockWidget *>(QStringLiteral("alertsDock"));
    auto *log = window.findChild<QDockWidget *>(QStringLiteral("requestLog"));
    QVERIFY(alerts && log);
    struct Place {
        const char *name;
        std::function<QWidget *()> focus; // sets the focus there; the widget with it
    };
    const QList<Place> places{
        {"the stage tree", [&] { return static_cast<QWidget *>(window.stageTree()); }},
        {"the stage's list", [&] { return static_cast<QWidget *>(window.listPage()->table()); }},
        {"the Alerts dock", [&] { return alerts->widget(); }},
        {"the Request log dock", [&] { return log->widget(); }},
        {"the floating Alerts dock",
         [&] {
             alerts->setFloating(true);
             return alerts->widget();
         }},
        {"the floating Request log dock",
         [&] {
             log->setFloating(true);
             return log->widget();
         }},
        // The focus was in the floating dock the user closed with its X: the window has it.
        {"the window, the floating Alerts dock closed",
         [&] {
             alerts->setFloating(true);
             alerts->widget()->setFocus();
             alerts->close();
             return static_cast<QWidget *>(&window);
         }},
    };
    for (const Place &place : places) {
        // A tile opens its stage: the wall's page is replaced.
        ui::LiveWall *wall = window.liveWall();
        QVERIFY2(wall, place.name);
        const QModelIndex alpha = tileOf(wall->tiles(), QStringLiteral("alpha"));
        QVERIFY(alpha.isValid());
        wall->view()->setFocus();
        wall->view()->setCurrentIndex(alpha);
        QTest::keyClick(wall->view(), Qt::Key_Return);
        QTRY_VERIFY2(window.listPage() && window.listPage()->scope().stageArn == f.alpha,
                     place.name);
        QWidget *target = place.focus();
        QVERIFY2(target, place.name);
        target->activateWindow();
        QWidget *focus = target->focusWidget() ? target->focusWidget() : target;
        QList<QWidget *> inside = target->findChildren<QWidget *>();
        for (QWidget *child : std::as_const(inside)) {
            if (child->focusPolicy() != Qt::NoFocus && child->isVisible()) {
                focus = child;
                break;
            }
        }
        focus->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY2(QApplication::focusWidget() == focus, place.name);
        QTest::keyClick(focus, Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2(window.liveWall(), place.name);
        alerts->setFloating(false);
        alerts->show();
        log->setFloating(false);
    }

    // Before any connection is open the shortcut says why no wall comes.
    ui::MainWindow fresh({localChoice(kLocalA)}, localConnectionFactory(f.a.service()->url()));
    fresh.resize(900, 600);
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    fresh.activateWindow();
    QTest::keyClick(&fresh, Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!fresh.liveWall());
    QVERIFY2(fresh.statusBar()->currentMessage().contains(QLatin1String("choose a connection")),
             qPrintable(fresh.statusBar()->currentMessage()));
}

// A tile's tip keeps its sections apart: the summary ("Main problem: …") is not read as one more
// line of the error text above it (it ran straight after the error codes).
void TestLiveWall::tileToolTipSectionsApart()
{
    QStandardItemModel model;
    auto *tile = new QStandardItem;
    tile->setData(QStringLiteral("rough-night"), LiveMonitor::NameRole);
    tile->setData(kLocalA, LiveMonitor::ConnectionNameRole);
    tile->setData(QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abc"),
                  LiveMonitor::StageArnRole);
    tile->setData(QStringLiteral("st-1"), LiveMonitor::SessionIdRole);
    tile->setData(2, LiveMonitor::PublishersRole);
    tile->setData(3, LiveMonitor::ErrorsRole);
    model.appendRow(tile);
    const QStringList codes{QStringLiteral("BITRATE_EXCEEDED"),
                            QStringLiteral("INSUFFICIENT_CAPABILITIES")};
    const QString tip = ui::StageTileDelegate::describe(model.index(0, 0), codes);
    const QStringList sections = tip.split(QStringLiteral("\n\n"));
    QCOMPARE(sections.size(), 4);
    QVERIFY2(sections[0].startsWith(QLatin1String("rough-night (Local A)\n")), qPrintable(tip));
    QVERIFY2(sections[1].startsWith(QLatin1String("2 of 12 publishers")), qPrintable(tip));
    QCOMPARE(sections[2],
             QStringLiteral("3 errors in the last five minutes\n"
                            "Error codes: BITRATE_EXCEEDED, INSUFFICIENT_CAPABILITIES"));
    QCOMPARE(sections[3], QStringLiteral("Main problem: 3 errors in 5 min: BITRATE_EXCEEDED, "
                                         "INSUFFICIENT_CAPABILITIES"));
    // More codes than the verdict names: it says how many more (the sixth walkthrough read two
    // codes under a list of four).
    const QStringList four = codes + QStringList{QStringLiteral("QUOTA_EXCEEDED"),
                                                 QStringLiteral("PUBLISHER_NOT_FOUND")};
    QVERIFY2(ui::StageTileDelegate::describe(model.index(0, 0), four)
                 .endsWith(QLatin1String(
                     "Main problem: 3 errors in 5 min: BITRATE_EXCEEDED, INSUFFICIENT_CAPABILITIES "
                     "and 2 more")),
             qPrintable(ui::StageTileDelegate::describe(model.index(0, 0), four)));
    // No section starts or ends blank (no stray empty line).
    for (const QString &section : sections)
        QVERIFY2(!section.isEmpty() && !section.startsWith(QLatin1Char('\n')) &&
                     !section.endsWith(QLatin1Char('\n')),
                 qPrintable(tip));
}

// The tile's codes are those of the errors it counts: its live session's. An earlier session
// of the same stage (its alerts stay in the dock) does not add codes to the next one's tile
// (the fifth walkthrough read "2 errors in the last five minutes" beside four codes).
void TestLiveWall::tileCodesAreItsLiveSessions()
{
    AlphaBetaWall f;
    const QString problem = f.open();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QAbstractItemModel *tiles = f.wall->tiles();
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::AgeMsRole).toLongLong() >= 0,
        15000);
    const QString firstSession =
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::SessionIdRole).toString();
    f.troubleBeta(); // BITRATE_EXCEEDED in beta's first session
    QTRY_COMPARE_WITH_TIMEOUT(problemOf(f.wall, tileOf(tiles, QStringLiteral("beta"))),
                              QStringLiteral("1 error in 5 min: BITRATE_EXCEEDED"), 20000);
    // Beta's only participant leaves: the session ends. A new one starts with another error.
    f.a.plane("leave", {{QStringLiteral("stageArn"), f.beta},
                        {QStringLiteral("participantId"), f.guest.participantId}});
    QTRY_VERIFY_WITH_TIMEOUT(!tileOf(tiles, QStringLiteral("beta")).isValid(), 15000);
    const auto encore = f.a.join(f.beta, QStringLiteral("encore"), true);
    QVERIFY(encore.sessionId != firstSession);
    f.a.plane("error",
              {{QStringLiteral("stageArn"), f.beta},
               {QStringLiteral("participantId"), encore.participantId},
               {QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
               {QStringLiteral("errorCode"), QStringLiteral("INSUFFICIENT_CAPABILITIES")}});
    QTRY_VERIFY_WITH_TIMEOUT(
        tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::ErrorsRole).toInt() == 1, 20000);
    QCOMPARE(tileOf(tiles, QStringLiteral("beta")).data(LiveMonitor::SessionIdRole).toString(),
             encore.sessionId);
    QTRY_COMPARE_WITH_TIMEOUT(problemOf(f.wall, tileOf(tiles, QStringLiteral("beta"))),
                              QStringLiteral("1 error in 5 min: INSUFFICIENT_CAPABILITIES"), 5000);
}

void TestLiveWall::tileTextsClearOfTheBadge_data()
{
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("publishers");
    QTest::addColumn<int>("width");
    using Tile = ui::StageTileDelegate;
    for (const int width : {int(Tile::kMinTileWidth), 260, int(Tile::kDefaultTileWidth)}) {
        const QByteArray w = QByteArray::number(width);
        // The walkthrough's: a full stage with errors ("publishers (full)" under the pill).
        QTest::newRow("full, 12 errors, " + w) << 12 << 12 << width;
        QTest::newRow("full, 1 error, " + w) << 1 << 12 << width;
        QTest::newRow("full, 1234 errors, " + w) << 1234 << 12 << width;
        QTest::newRow("3 publishers, no errors, " + w) << 0 << 3 << width;
    }
}

// No text of a tile overlaps another or the errors pill, at the widths the wall gives tiles
// (the pill covered "publishers (full)" on a narrow tile); each stays inside the tile.
void TestLiveWall::tileTextsClearOfTheBadge()
{
    QFETCH(int, errors);
    QFETCH(int, publishers);
    QFETCH(int, width);
    QStandardItemModel model;
    auto *item = new QStandardItem;
    item->setData(QStringLiteral("full-house-of-the-annual-general-meeting"),
                  LiveMonitor::NameRole);
    item->setData(kLocalB, LiveMonitor::ConnectionNameRole);
    item->setData(QStringLiteral("st-1"), LiveMonitor::SessionIdRole);
    item->setData(QDateTime::currentDateTimeUtc().addSecs(-(3 * 3600 + 5 * 60)),
                  LiveMonitor::SessionStartRole);
    item->setData(publishers, LiveMonitor::PublishersRole);
    item->setData(1234, LiveMonitor::SubscribersRole);
    item->setData(errors, LiveMonitor::ErrorsRole);
    item->setData(qint64(45000), LiveMonitor::AgeMsRole);
    item->setData(QStringLiteral("FAILED"), LiveMonitor::RecordingRole);
    item->setData(QStringLiteral("RECONNECTING"), LiveMonitor::CompositionRole);
    model.appendRow(item);
    ui::StageTileDelegate delegate;
    delegate.setCodes([](const QString &, const QString &) {
        return QStringList{QStringLiteral("INSUFFICIENT_CAPABILITIES"),
                           QStringLiteral("BITRATE_EXCEEDED")};
    });
    const QModelIndex index = model.index(0, 0);
    const QFont font = QApplication::font();
    const auto layout = delegate.layoutOf(QRect(0, 0, width, 170), index, font);
    const auto texts = layout.texts();
    QCOMPARE(layout.badge, errors > 0);
    QVERIFY(texts.size() >= 10);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const auto &[what, rect] = texts[i];
        QVERIFY2(layout.inner.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect),
                 qPrintable(QStringLiteral("%1 at (%2, %3) %4 x %5 outside the tile's inside")
                                .arg(what)
                                .arg(rect.left())
                                .arg(rect.top())
                                .arg(rect.width())
                                .arg(rect.height())));
        for (qsizetype j = i + 1; j < texts.size(); ++j) {
            const auto &[other, otherRect] = texts[j];
            QVERIFY2(!rect.intersects(otherRect),
                     qPrintable(QStringLiteral("%1 (x %2..%3, y %4..%5) overlaps %6 (x %7..%8, "
                                               "y %9..%10)")
                                    .arg(what)
                                    .arg(rect.left())
                                    .arg(rect.right())
                                    .arg(rect.top())
                                    .arg(rect.bottom())
                                    .arg(other)
                                    .arg(otherRect.left())
                                    .arg(otherRect.right())
                                    .arg(otherRect.top())
                                    .arg(otherRect.bottom())));
        }
    }
    // What a full stage is said to be stays whole, and so does the error count.
    if (publishers == 12)
        QCOMPARE(layout.publishersLabelText, QStringLiteral("publishers (full)"));
    if (errors > 0)
        QVERIFY2(layout.errorsText.startsWith(QString::number(errors)),
                 qPrintable(layout.errorsText));
    QVERIFY(!layout.ageText.contains(QChar(0x2026)));
    QVERIFY(layout.spark.height() >= 10);

    QPixmap picture(width, 170);
    picture.fill(QApplication::palette().color(QPalette::Window));
    {
        QPainter painter(&picture);
        QStyleOptionViewItem option;
        option.rect = picture.rect();
        option.font = font;
        option.palette = QApplication::palette();
        delegate.paint(&painter, option, index);
    }
    QVERIFY(
        picture.save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-tile-%1-%2-%3.png")
                         .arg(width)
                         .arg(publishers)
                         .arg(errors)));
}

// The wall has as many columns as its width takes (one column in a pane two tiles wide, before);
// tried at two window widths.
void TestLiveWall::columnsFromTheWidth()
{
    LocalHarness a;
    QVERIFY2(a.ok(), qPrintable(a.error()));
    for (int i = 0; i < 7; ++i)
        a.join(a.createStage(QStringLiteral("show-%1").arg(i)), QStringLiteral("host"), true);
    ui::MainWindow window({localChoice(kLocalA)}, localConnectionFactory(a.service()->url()));
    ui::LiveWall *wall = openWallOf(window);
    QVERIFY(wall);
    QAbstractItemModel *tiles = wall->tiles();
    QTRY_COMPARE_WITH_TIMEOUT(tiles->rowCount(), 7, 15000);
    using Tile = ui::StageTileDelegate;
    for (const int windowWidth : {1280, 1900}) {
        window.resize(windowWidth, 800);
        QListView *view = wall->view();
        int room = 0, columns = 0, tileWidth = 0;
        QString why;
        // Laid out for this width (once the window's layout has given the wall its new one).
        const auto laidOut = [&] {
            room = view->viewport()->width();
            std::tie(columns, tileWidth) = ui::LiveWall::columnsFor(ui::LiveWall::tileRoom(view));
            QSet<int> lefts;
            int right = 0;
            for (int row = 0; row < tiles->rowCount(); ++row) {
                const QRect r = view->visualRect(tiles->index(row, 0));
                lefts.insert(r.left());
                right = std::max(right, r.right() + 1);
                if (r.width() != tileWidth)
                    return (why = QStringLiteral("a tile %1 px wide, not %2")
                                      .arg(r.width())
                                      .arg(tileWidth)),
                           false;
            }
            why = QStringLiteral("%1 columns, right edge at %2 in %3 px; wanted %4 of %5 px")
                      .arg(lefts.size())
                      .arg(right)
                      .arg(room)
                      .arg(columns)
                      .arg(tileWidth);
            return int(lefts.size()) == columns && right <= room;
        };
        QTRY_VERIFY2(laidOut(), qPrintable(why));
        // No room for one more column, and the tiles within the widths they are drawn for.
        QVERIFY2(room - columns * tileWidth < Tile::kMinTileWidth, qPrintable(why));
        QVERIFY(tileWidth >= Tile::kMinTileWidth && tileWidth <= Tile::kDefaultTileWidth);
        // The wall takes more than one column in these panes (one column before, at 1280).
        QVERIFY2(columns >= 2, qPrintable(why));
        QTest::qWait(100);
        QVERIFY(window.grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livewall-columns-%1.png")
                .arg(windowWidth)));
    }
}

QTEST_MAIN(TestLiveWall)
#include "tst_livewall.moc"
