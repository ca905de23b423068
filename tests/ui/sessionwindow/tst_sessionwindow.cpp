// The session's timeline, summary, problems and tools through the console's window on a
// session played through the local service's data plane: a click on the timeline selects the
// participant everywhere, the Summary's error links and the Problems list open the participant
// and its event with its diagnosis, Find jumps there, Check a token verifies against the local
// service's key, Export session writes the bundle off the GUI thread, and a list's context
// menu copies the row as an AWS CLI command. Screenshots in test-output/screenshots/window-*.
#include "localconnection.h"
#include "localharness.h"
#include "models/diagnosismodel.h"
#include "models/findmodel.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/sessionerrors.h"
#include "models/sessionexport.h"
#include "models/sessionloader.h"
#include "screenshot.h"
#include "sessionplay.h"
#include "ui/connection.h"
#include "ui/detailpane.h"
#include "ui/finddialog.h"
#include "ui/listpage.h"
#include "ui/participantpage.h"
#include "ui/replicaspanel.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"
#include "ui/sessiontimeline.h"
#include "ui/tokencheckdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace gr;
using play::at;

class TestSessionWindow : public QObject
{
    Q_OBJECT
    LocalHarness *h = nullptr;
    QString stage, session, host, guest, fan, viewer, viewerToken;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QLatin1String(ui::ParticipantPage::kTabSetting)); // Events first
        h = new LocalHarness;
        QVERIFY2(h->ok(), qPrintable(h->error()));
        stage = h->createStage(QStringLiteral("town-hall"));
        const auto hostJ = h->join(stage, QStringLiteral("host"), true);
        host = hostJ.participantId;
        session = hostJ.sessionId;
        guest = h->join(stage, QStringLiteral("guest"), true).participantId;
        fan = h->join(stage, QStringLiteral("fan")).participantId;
        QTest::qWait(80);
        h->plane("subscribe", at(stage, fan, {{QStringLiteral("remoteParticipantId"), host}}));
        viewerToken =
            play::token(*h, stage, QStringLiteral("viewer"), {QStringLiteral("SUBSCRIBE")});
        viewer = h->plane("join", {{QStringLiteral("token"), viewerToken}})
                     .value(QLatin1String("participantId"))
                     .toString();
        QTest::qWait(80);
        h->plane("publish", at(stage, viewer)); // refused: INSUFFICIENT_CAPABILITIES
        QTest::qWait(80);
        h->plane("leave", at(stage, guest));
        QTest::qWait(60);
        h->plane("subscribe", at(stage, fan, {{QStringLiteral("remoteParticipantId"), guest}}));
        QTest::qWait(60);
    }
    void cleanupTestCase() { delete h; }

    void sessionTabs()
    {
        LocalConsole window(h->service()->url());
        window.resize(1500, 900);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, session));
        ui::SessionPage *page = window.sessionPage();
        QVERIFY(page);
        QTabWidget *tabs = page->tabs();
        QCOMPARE(tabs->count(), 4);
        QCOMPARE(tabs->tabText(1).remove(QLatin1Char('&')), QStringLiteral("Timeline"));
        ui::SessionAnalysis *analysis = page->analysis();
        QTRY_VERIFY_WITH_TIMEOUT(analysis->isLoaded(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(page->participants()->model()->rowCount(), 4, 10000);

        // The Errors column: each participant's *_ERROR events of this session, from the loaded
        // events (no request per row), red with the codes in the tool tip; and the session's
        // total for the tree's badge.
        {
            models::ResourceListModel *list = page->participants()->model();
            int errorsColumn = -1;
            for (int c = 0; c < list->columnCount(); ++c) {
                if (list->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() ==
                    QLatin1String("Errors"))
                    errorsColumn = c;
            }
            QVERIFY(errorsColumn >= 0);
            const QModelIndex viewerErrors = list->index(list->rowOfKey(viewer), errorsColumn);
            const QModelIndex hostErrors = list->index(list->rowOfKey(host), errorsColumn);
            QTRY_COMPARE(viewerErrors.data().toString(), QStringLiteral("1"));
            QCOMPARE(hostErrors.data().toString(), QStringLiteral("0"));
            QVERIFY(viewerErrors.data(Qt::ForegroundRole).isValid());
            QVERIFY2(viewerErrors.data(Qt::ToolTipRole)
                         .toString()
                         .contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")),
                     qPrintable(viewerErrors.data(Qt::ToolTipRole).toString()));
            const int fanErrors = list->index(list->rowOfKey(fan), errorsColumn).data().toInt();
            QVERIFY(fanErrors >= 1); // PUBLISHER_NOT_FOUND: the guest had left
            auto *index = models::SessionErrorIndex::of(window.connection()->client());
            QCOMPARE(index->errorCount(stage, session), fanErrors + 1);
            // Sorted by the count, most errors first (the view sorts by the raw value).
            page->participants()->table()->sortByColumn(errorsColumn, Qt::DescendingOrder);
            const QModelIndex top = page->participants()->proxy()->index(0, errorsColumn);
            QCOMPARE(int(top.data(models::RawValueRole).toDouble()), qMax(fanErrors, 1));
            shoot(&window, QStringLiteral("window-participants-errors.png"));
            page->participants()->table()->sortByColumn(-1, Qt::AscendingOrder);
        }

        // Timeline: a click on the viewer's error marker selects the viewer in the table, shows
        // its events and the detail pane shows it.
        tabs->setCurrentIndex(1);
        SessionTimeline *timeline = analysis->timeline();
        timeline->fit();
        QTest::qWait(50);
        const SessionStore &store = analysis->loader()->store();
        const int viewerIndex = store.findParticipant(viewer);
        const int lane = timeline->painter().laneOf(viewerIndex);
        QVERIFY(lane >= 0);
        const auto &markers = timeline->painter().lanes()[lane].markers;
        QCOMPARE(markers.size(), 1);
        const QPoint pos(
            SessionTimelinePainter::kLabelWidth +
                int(timeline->axis().xForTime(store.events()[int(markers[0])].timeMs)),
            SessionTimelinePainter::kAxisHeight + lane * SessionTimelinePainter::kLaneHeight +
                SessionTimelinePainter::kLaneHeight / 2 -
                timeline->verticalScrollBar()->value() * SessionTimelinePainter::kLaneHeight);
        QTest::mouseMove(timeline->viewport(), pos);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(timeline->selectedEvent(), int(markers[0]));
        QCOMPARE(page->participants()->selectedKey(), viewer);
        QVERIFY(page->participant());
        QCOMPARE(page->participant()->scope().participantId, viewer);
        QCOMPARE(window.detail()->identity(), viewer);
        QCOMPARE(tabs->currentIndex(), 1); // the timeline stays in view
        // The pick is visible on the timeline: the lane tinted with a bar at its edge, a halo
        // behind the marker, and the event described in words under the lanes.
        {
            const int laneMid =
                SessionTimelinePainter::kAxisHeight + lane * SessionTimelinePainter::kLaneHeight +
                SessionTimelinePainter::kLaneHeight / 2 - timeline->verticalScrollBar()->value();
            const QImage shown =
                timeline->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
            QCOMPARE(QColor(shown.pixel(1, laneMid)), QColor(0x15, 0x65, 0xc0));
            int halo = 0;
            for (int dx = -10; dx <= 10; ++dx) {
                for (int dy = -10; dy <= 10; ++dy)
                    halo +=
                        QColor(shown.pixel(pos.x() + dx, laneMid + dy)) == QColor(0xff, 0xcc, 0x80);
            }
            QVERIFY2(halo > 10, qPrintable(QString::number(halo)));
            const QString info = analysis->selectionInfo()->text();
            QVERIFY2(info.contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")) &&
                         info.contains(QStringLiteral("viewer")),
                     qPrintable(info));
            QVERIFY(analysis->selectionInfo()->isVisible());
            // With what the code means, in full.
            QVERIFY2(info.contains(QStringLiteral("token does not allow")), qPrintable(info));
            QTRY_VERIFY(
                analysis->selectionInfo()->height() >=
                analysis->selectionInfo()->heightForWidth(analysis->selectionInfo()->width()));
        }
        shoot(&window, QStringLiteral("window-timeline.png"));
        // The same event is the one selected in the Events list on the Participants tab.
        tabs->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(page->participant()->table()->currentIndex().isValid(), 10000);
        {
            const QModelIndex current = page->participant()->table()->currentIndex();
            QString row;
            for (int c = 0; c < 3; ++c)
                row += current.sibling(current.row(), c).data().toString() + QLatin1Char(' ');
            QVERIFY2(row.contains(QStringLiteral("PUBLISH_ERROR")), qPrintable(row));
            shoot(&window, QStringLiteral("window-timeline-pick-in-events.png"));
            // And back: another event picked in the list is the one selected on the timeline.
            QTableView *events = page->participant()->table();
            const int other = current.row() == 0 ? 1 : 0;
            events->setCurrentIndex(events->model()->index(other, 0));
            QVERIFY(timeline->selectedEvent() >= 0);
            QVERIFY(timeline->selectedEvent() != int(markers[0]));
            QCOMPARE(int(store.events()[timeline->selectedEvent()].participant), viewerIndex);
            QVERIFY(!analysis->selectionInfo()->text().contains(
                QStringLiteral("INSUFFICIENT_CAPABILITIES")));
        }
        tabs->setCurrentIndex(1);

        // Summary: peaks, errors by code as links.
        tabs->setCurrentIndex(2);
        const QString summary = analysis->summary()->toPlainText();
        QVERIFY2(summary.contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")),
                 qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("PUBLISHER_NOT_FOUND")));
        QVERIFY(summary.contains(QStringLiteral("Peak publishers")));
        QTRY_VERIFY(
            !analysis->summary()->toPlainText().contains(QStringLiteral("Asking the service")));
        shoot(&window, QStringLiteral("window-summary.png"));
        emit analysis->summary()->anchorClicked(QUrl(QStringLiteral("participant:%1#0").arg(fan)));
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(page->participant()->scope().participantId, fan);

        // Problems: the capabilities finding, its detail, and a double-click to the event.
        tabs->setCurrentIndex(3);
        DiagnosisModel *problems = analysis->problemsModel();
        QVERIFY(problems->rowCount() >= 2);
        int capabilityRow = -1;
        for (int r = 0; r < problems->rowCount(); ++r) {
            if (problems->finding(r).rule == QLatin1String("capabilities"))
                capabilityRow = r;
        }
        QVERIFY(capabilityRow >= 0);
        analysis->problems()->selectRow(capabilityRow);
        QVERIFY(analysis->problemDetail()->toPlainText().contains(QStringLiteral("What to do")));
        QVERIFY(analysis->problemDetail()->toPlainText().contains(QStringLiteral("Evidence")));
        shoot(&window, QStringLiteral("window-problems.png"));
        emit analysis->problems()->activated(problems->index(capabilityRow, 0));
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(page->participant()->scope().participantId, viewer);
        // The jump shows the event on the Events tab; the Diagnosis tab counts the findings.
        ui::ParticipantPage *participant = page->participant();
        QCOMPARE(participant->tabs()->currentIndex(), 0);
        QTRY_VERIFY(participant->tabs()
                        ->tabText(participant->tabs()->indexOf(participant->diagnosisTab()))
                        .contains(QStringLiteral("(")));
        QLabel *findings = participant->findings();
        QVERIFY(findings->text().contains(QStringLiteral("PUBLISH")));
        // Each participant's diagnosis lists only findings about it: the fan's failed
        // subscription to the guest who had left is the fan's, not the guest's.
        {
            int count = -1;
            const QString forFan = analysis->participantFindingsHtml(fan, &count);
            QVERIFY2(forFan.contains(QStringLiteral("tried to watch")), qPrintable(forFan));
            QVERIFY(count >= 1);
            const QString forGuest = analysis->participantFindingsHtml(guest, &count);
            QVERIFY2(!forGuest.contains(QStringLiteral("tried to watch")), qPrintable(forGuest));
            QCOMPARE(count, 0);
            QVERIFY(findings->text().contains(QStringLiteral("Problems tab")));
        }
        // The event of the finding is selected in the events once they are listed.
        QTRY_VERIFY_WITH_TIMEOUT(page->participant()->table()->currentIndex().isValid(), 10000);
        const QModelIndex current = page->participant()->table()->currentIndex();
        const QString selectedName = current.sibling(current.row(), 1).data().toString() +
                                     current.sibling(current.row(), 0).data().toString() +
                                     current.sibling(current.row(), 2).data().toString();
        QVERIFY2(selectedName.contains(QStringLiteral("PUBLISH_ERROR")), qPrintable(selectedName));
        shoot(&window, QStringLiteral("window-participant-event.png"));
        participant->tabs()->setCurrentWidget(participant->diagnosisTab());
        QVERIFY(findings->isVisible());
        // Wrapped to the tab as soon as it shows: no line runs under its edge.
        auto *diagnosisArea = qobject_cast<QScrollArea *>(participant->diagnosisTab());
        QVERIFY(diagnosisArea);
        QVERIFY(!diagnosisArea->horizontalScrollBar()->isVisible());
        QVERIFY(findings->width() <= diagnosisArea->viewport()->width());
        shoot(&window, QStringLiteral("window-participant-diagnosis.png"));
        participant->tabs()->setCurrentIndex(0);

        // Copy as AWS CLI command from the participants' context menu.
        QApplication::clipboard()->clear();
        QTimer::singleShot(300, [] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction *action : menu->actions()) {
                if (action->text() == QLatin1String("Copy as AWS CLI command"))
                    action->trigger();
            }
            menu->close();
        });
        QTableView *table = page->participants()->table();
        const QRect rowRect = table->visualRect(table->currentIndex());
        emit table->customContextMenuRequested(rowRect.center());
        const QString command = QApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QStringLiteral("aws ivs-realtime get-participant")),
                 qPrintable(command));
        QVERIFY(command.contains(viewer));
        QVERIFY(command.contains(QStringLiteral("--endpoint-url")));
    }

    // A session larger than SessionAnalysis::kAutoLoadParticipants lists its participants and
    // waits for the user before listing every participant's events; Load all events loads them.
    void largeSessionWaitsForTheUser()
    {
        const QString crowd = h->createStage(QStringLiteral("crowd"));
        QString crowdSession;
        const int people = ui::SessionAnalysis::kAutoLoadParticipants + 5;
        for (int i = 0; i < people; ++i)
            crowdSession = h->join(crowd, QStringLiteral("u%1").arg(i)).sessionId;
        QVERIFY(!crowdSession.isEmpty());
        LocalConsole window(h->service()->url());
        window.resize(1500, 900);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(crowd, crowdSession));
        ui::SessionAnalysis *analysis = window.sessionPage()->analysis();
        QTRY_VERIFY_WITH_TIMEOUT(!analysis->loadAllButton()->isHidden(), 20000);
        QVERIFY(!analysis->loader()->isRunning());
        QVERIFY(!analysis->isLoaded());
        // Only the session, its participant pages and the few event requests already queued.
        QVERIFY2(analysis->loader()->requestCount() <
                     people / 10 + ui::SessionAnalysis::kLoaderInFlight + 4,
                 qPrintable(QString::number(analysis->loader()->requestCount())));
        QVERIFY(analysis->status()->text().contains(QString::number(people)));
        window.sessionPage()->tabs()->setCurrentIndex(1);
        shoot(&window, QStringLiteral("window-large-session.png"));

        QTest::mouseClick(analysis->loadAllButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(analysis->isLoaded(), 60000);
        QCOMPARE(analysis->loader()->store().participants().size(), people);
        QVERIFY(analysis->loader()->requestCount() >= people);
        QVERIFY(analysis->loadAllButton()->isHidden());
    }

    void findTokenExport()
    {
        LocalConsole window(h->service()->url());
        window.resize(1500, 900);
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Find: the viewer by user id; Enter opens its session with it selected.
        FindDialog *find = window.openFind();
        QVERIFY(find);
        find->model()->setDebounceMs(20);
        QTest::keyClicks(find->queryField(), QStringLiteral("viewer"));
        QVERIFY(QTest::qWaitFor(
            [&] { return find->model()->rowCount() >= 1 && !find->model()->isSearching(); },
            10000));
        shoot(find, QStringLiteral("window-find.png"));
        QTest::keyClick(find->queryField(), Qt::Key_Return);
        QVERIFY(window.sessionPage());
        QCOMPARE(window.sessionPage()->scope().sessionId, session);
        QVERIFY(window.sessionPage()->participant());
        QCOMPARE(window.sessionPage()->participant()->scope().participantId, viewer);
        shoot(&window, QStringLiteral("window-find-jumped.png"));

        // Check a token: the local service's key is offered and the signature verifies.
        TokenCheckDialog *check = window.openTokenCheck();
        QTRY_VERIFY_WITH_TIMEOUT(check->windowTitle().contains(QStringLiteral("local service")),
                                 10000);
        check->findChild<QLineEdit *>(QStringLiteral("token"))->setText(viewerToken);
        QVERIFY2(check->resultText().contains(QStringLiteral("valid (ES384)")),
                 qPrintable(check->resultText()));
        shoot(check, QStringLiteral("window-token-check.png"));
        check->close();

        // Export session: the bundle is written, with every file and no token in it.
        QTemporaryDir out;
        const QString bundle = out.filePath(QStringLiteral("bundle"));
        QString result = QStringLiteral("pending");
        window.exportSession(stage, session, bundle,
                             [&](const aws::Expected<void> &r) { result = r.error().toString(); });
        QTRY_VERIFY_WITH_TIMEOUT(result != QLatin1String("pending"), 20000);
        QVERIFY2(result.isEmpty(), qPrintable(result));
        for (const QString &file : sessionexport::bundleFiles()) {
            QFile f(QDir(bundle).filePath(file));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            QVERIFY2(!f.readAll().contains(viewerToken.toLatin1()), qPrintable(file));
        }
        // A second export into the same, now full, folder is refused in words.
        result = QStringLiteral("pending");
        window.exportSession(stage, session, bundle,
                             [&](const aws::Expected<void> &r) { result = r.error().toString(); });
        QTRY_VERIFY_WITH_TIMEOUT(result != QLatin1String("pending"), 20000);
        QVERIFY(!result.isEmpty());
    }

    void replicasGoToSource()
    {
        const QString source = h->createStage(QStringLiteral("studio"));
        const QString destination = h->createStage(QStringLiteral("overflow"));
        const auto star = h->join(source, QStringLiteral("star"), true);
        const QJsonObject started =
            h->call(ivs::Operation::StartParticipantReplication,
                    {{QStringLiteral("sourceStageArn"), source},
                     {QStringLiteral("destinationStageArn"), destination},
                     {QStringLiteral("participantId"), star.participantId}});
        QVERIFY2(!started.contains(QStringLiteral("__error")),
                 qPrintable(started.value(QLatin1String("__error")).toString()));

        LocalConsole window(h->service()->url());
        window.resize(1500, 900);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(source, star.sessionId));
        ui::SessionPage *page = window.sessionPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->participants()->model()->rowCount(), 1, 10000);
        page->participants()->selectKey(star.participantId);
        QTRY_VERIFY(page->participant() && page->participant()->findChild<ui::ReplicasPanel *>());
        auto *panel = page->participant()->findChild<ui::ReplicasPanel *>();
        QVERIFY(panel->replicas());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, 10000);
        // A source's replicas are a tab of the participant's page.
        QTabWidget *participantTabs = page->participant()->tabs();
        QVERIFY(participantTabs->indexOf(panel->parentWidget()) > 0);
        participantTabs->setCurrentWidget(panel->parentWidget());
        shoot(&window, QStringLiteral("window-replicas.png"));
        participantTabs->setCurrentIndex(0);
        emit panel->replicas()->activated(panel->model()->index(0, 0));
        // The replica, in the destination stage's session.
        QTRY_VERIFY(window.sessionPage() && window.sessionPage()->scope().stageArn == destination);
        page = window.sessionPage();
        // The offscreen pointer rests where an earlier case left it, over the new page's rows,
        // which holds the list's refreshes (as a user's resting pointer would): it moves away.
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(page->participants()->table()->viewport(), &leave);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->participant() && page->participant()->findChild<ui::ReplicasPanel *>() &&
                page->participant()->findChild<ui::ReplicasPanel *>()->goToSource(),
            10000);
        panel = page->participant()->findChild<ui::ReplicasPanel *>();
        QVERIFY(panel->label()->text().contains(source));
        // A replica's one line stays above the tabs, in view whichever tab is chosen.
        QCOMPARE(panel->parentWidget(), page->participant());
        QTRY_VERIFY(panel->goToSource()->isVisible());
        shoot(&window, QStringLiteral("window-replica-source.png"));
        QTest::mouseClick(panel->goToSource(), Qt::LeftButton);
        QTRY_VERIFY(window.sessionPage() && window.sessionPage()->scope().stageArn == source);
        QCOMPARE(window.sessionPage()->scope().sessionId, star.sessionId);
        QTRY_VERIFY(window.sessionPage()->participant());
        QCOMPARE(window.sessionPage()->participant()->scope().participantId, star.participantId);
    }
};

QTEST_MAIN(TestSessionWindow)
#include "tst_sessionwindow.moc"
