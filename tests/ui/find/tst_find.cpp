// The Find dialog: typing a user id lists where that user is; Enter picks the first and emits
// its stage, session and participant. Through the window: stage names match from the tree as
// they are typed, with no request, and the GetParticipant probes that answer "not found" are
// expected answers, not failures, in the request log's "Only writes and failures". The dialog
// opens inside a window smaller than it, a long ARN elided with the whole line in its tool tip.
// Screenshots: test-output/screenshots/find*.png.
#include "localconnection.h"
#include "localharness.h"
#include "models/findmodel.h"
#include "models/requestlogmodel.h"
#include "models/stagetreemodel.h"
#include "sessionplay.h"
#include "ui/connection.h"
#include "ui/finddialog.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/participantpage.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QToolBar>
#include <QtTest>

using namespace gr;

class TestFind : public QObject
{
    Q_OBJECT
private slots:
    void typeAndJump()
    {
        GR_LOCAL_STAGE(h, stage, "main-stage");
        const auto carla = h.join(stage, QStringLiteral("carla"), true);
        h.join(stage, QStringLiteral("dmitri"), false);

        FindDialog dialog(h.client());
        dialog.model()->setDebounceMs(20);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.queryField(), QStringLiteral("carla"));
        QVERIFY(QTest::qWaitFor(
            [&] { return dialog.model()->rowCount() == 1 && !dialog.model()->isSearching(); },
            10000));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))
                    ->text()
                    .contains(QStringLiteral("1 found")));
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
        QVERIFY(dialog.grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find.png")));

        QSignalSpy chosen(&dialog, &FindDialog::chosen);
        QTest::keyClick(dialog.queryField(), Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toInt(), int(FindModel::Kind::Participant));
        QCOMPARE(chosen.first().at(1).toString(), stage);
        QCOMPARE(chosen.first().at(2).toString(), carla.sessionId);
        QCOMPARE(chosen.first().at(3).toString(), carla.participantId);
        QVERIFY(!dialog.isVisible());
    }

    void stageNamesAndExpectedProbesThroughTheWindow()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        GR_LOCAL_STAGE(h, main, "main-stage");
        const QString side = h.createStage(QStringLiteral("side-show"));
        const auto carla = h.join(main, QStringLiteral("carla"), true);
        h.join(side, QStringLiteral("erin"), true);

        LocalConsole window(h.service()->url(), QSize(1280, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount(), 2, 10000);

        // Ctrl+K; a stage's name, as typed, before any request.
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        FindDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<FindDialog *>()) != nullptr);
        FindModel *model = dialog->model();
        // Its query has the focus: typing goes there with no click first.
        QTRY_COMPARE(QApplication::focusWidget(), dialog->queryField());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("SIDE"));
        QCOMPARE(dialog->queryField()->text(), QStringLiteral("SIDE"));
        QCOMPARE(model->requestCount(), 0);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->result(0).kind, FindModel::Kind::Stage);
        QCOMPARE(model->result(0).stageArn, side);
        QVERIFY(dialog->grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find-stage-name.png")));

        // A participant id: GetParticipant asks every recent session; all but one say
        // "not found" (erin's session does not hold carla's id).
        dialog->queryField()->clear();
        QTest::keyClicks(dialog->queryField(), carla.participantId);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1 && !model->isSearching(), 15000);
        QCOMPARE(model->result(0).participantId, carla.participantId);

        auto *only = window.findChild<QCheckBox *>(QStringLiteral("logWritesOnly"));
        QTableView *log = nullptr;
        for (QTableView *candidate : window.findChildren<QTableView *>())
            if (candidate->accessibleName() == QLatin1String("Request log"))
                log = candidate;
        QVERIFY(only && log);
        // The whole log keeps the probe that found nothing, marked expected, raw text kept.
        auto probes = [log](bool expectedOnly) {
            int n = 0;
            QAbstractItemModel *m = log->model();
            for (int r = 0; r < m->rowCount(); ++r) {
                const QModelIndex outcome = m->index(r, models::RequestLogModel::Outcome);
                if (m->index(r, models::RequestLogModel::Operation).data().toString() ==
                        QLatin1String("GetParticipant") &&
                    (!expectedOnly || outcome.data(models::RequestLogModel::ExpectedRole).toBool()))
                    ++n;
            }
            return n;
        };
        QTRY_VERIFY(probes(true) >= 1);
        QAbstractItemModel *m = log->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex outcome = m->index(r, models::RequestLogModel::Outcome);
            if (!outcome.data(models::RequestLogModel::ExpectedRole).toBool())
                continue;
            QCOMPARE(outcome.data().toString(),
                     QStringLiteral("expected: ResourceNotFoundException"));
            QVERIFY(outcome.data(Qt::ToolTipRole).toString().contains(QLatin1String("HTTP 404")));
        }
        // "Only writes and failures": no Find probe there.
        only->setChecked(true);
        QCOMPARE(probes(false), 0);
        QVERIFY(window.grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find-probes-not-failures.png")));
        only->setChecked(false);
        QVERIFY(probes(false) >= 2); // the one that found carla, and the expected one(s)

        // Enter on a stage result opens it with its name.
        dialog->queryField()->clear();
        QTest::keyClicks(dialog->queryField(), QStringLiteral("main"));
        QTRY_VERIFY(model->rowCount() >= 1 && model->result(0).stageArn == main);
        QTest::keyClick(dialog->queryField(), Qt::Key_Return);
        QTRY_VERIFY(window.listPage() && window.listPage()->scope().stageArn == main);

        // Enter on a participant found by its id: its events are titled with its user id once
        // the session's list has it, not "Events of participant <id>" for good.
        dialog = window.openFind(); // Ctrl+K from the keyboard is tested above
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        model = dialog->model();
        dialog->queryField()->clear();
        QTest::keyClicks(dialog->queryField(), carla.participantId);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1 && !model->isSearching(), 15000);
        QTest::keyClick(dialog->queryField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage() && window.sessionPage()->participant(),
                                 10000);
        auto eventsTitle = [&window] {
            for (QLabel *label : window.sessionPage()->participant()->findChildren<QLabel *>())
                if (label->text().contains(QLatin1String("Events of")))
                    return label->text();
            return QString();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(eventsTitle().contains(QLatin1String("Events of carla (")),
                                  qPrintable(eventsTitle()), 10000);
    }

    // A user id of a session that rotated out of the newest few (ended, opened before and so
    // cached on this computer) is found there, with no request for it, and Enter opens it.
    void findsUsersOfCachedSessionsThatRotatedOut()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QDir(ui::SessionAnalysis::sessionCache().directory()).removeRecursively();
        GR_LOCAL_STAGE(h, stage, "rotating");
        const auto old = h.join(stage, QStringLiteral("old-timer"), true);
        h.plane("leave", play::at(stage, old.participantId)); // the session ends
        QStringList sessions{old.sessionId};
        for (const char *user : {"second", "third", "fourth"}) {
            const auto later = h.join(stage, QLatin1String(user));
            if (!sessions.contains(later.sessionId))
                sessions << later.sessionId;
            h.plane("leave", play::at(stage, later.participantId));
        }
        QCOMPARE(sessions.size(), 4); // more than the newest three Find asks the service about

        LocalConsole window(h.service()->url(), QSize(1280, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, old.sessionId));
        QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage()->analysis()->isLoaded(), 15000);
        const QString cached = ui::SessionAnalysis::sessionCache().pathFor(
            ui::SessionAnalysis::cacheKey(window.connection()), stage, old.sessionId);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(cached), 10000);
        QVERIFY(window.showKind(models::Kind::Stage)); // away from the session

        FindDialog *dialog = window.openFind();
        QVERIFY(dialog);
        dialog->model()->setDebounceMs(20);
        QVERIFY2(dialog->scopeLabel()->text().contains(QStringLiteral("cached")),
                 qPrintable(dialog->scopeLabel()->text()));
        QTest::keyClicks(dialog->queryField(), QStringLiteral("Old-Tim"));
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->model()->rowCount() == 1 && !dialog->model()->isSearching(), 15000);
        const FindModel::Result &found = dialog->model()->result(0);
        QCOMPARE(found.sessionId, old.sessionId);
        QCOMPARE(found.participantId, old.participantId);
        QCOMPARE(found.userId, QStringLiteral("old-timer"));
        QVERIFY2(found.how.contains(QStringLiteral("cached")), qPrintable(found.how));
        QCOMPARE(found.stageName, QStringLiteral("rotating"));
        QVERIFY(dialog->grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find-cached-session.png")));
        QTest::keyClick(dialog->queryField(), Qt::Key_Return);
        QTRY_VERIFY(window.sessionPage() &&
                    window.sessionPage()->scope().sessionId == old.sessionId);
        QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage()->participant(), 10000);
        QCOMPARE(window.sessionPage()->participant()->scope().participantId, old.participantId);
    }

    // The toolbar's Find opens the Find dialog, its query focused, also after it was closed
    // and opened again; Ctrl+F stays the page's "Filter rows" box.
    void toolbarButtonOpensFindFocused()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        LocalHarness h;
        QVERIFY(h.ok());
        h.createStage(QStringLiteral("main-stage"));
        ui::MainWindow window({localChoice()}, localConnectionFactory(h.service()->url()));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openConnection(0);
        QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount(), 1, 10000);

        QAction *find = window.action(QStringLiteral("find"));
        QVERIFY(find);
        QCOMPARE(find->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
        auto *button = window.mainToolBar()->widgetForAction(find);
        QVERIFY(button && button->isVisible());
        for (int round = 0; round < 2; ++round) {
            QVERIFY(!window.findChild<FindDialog *>());
            QTest::mouseClick(button, Qt::LeftButton);
            FindDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = window.findChild<FindDialog *>()) != nullptr);
            QTRY_COMPARE(QApplication::focusWidget(), dialog->queryField());
            QVERIFY(window.listPage()->filterBox() != QApplication::focusWidget());
            QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("main"));
            QCOMPARE(dialog->queryField()->text(), QStringLiteral("main"));
            // Ctrl+K while it is open: the same dialog, its query focused and selected.
            QCOMPARE(window.openFind(), dialog);
            QCOMPARE(QApplication::focusWidget(), dialog->queryField());
            QCOMPARE(dialog->queryField()->selectedText(), QStringLiteral("main"));
            dialog->close();
            QTRY_VERIFY(!window.findChild<FindDialog *>());
        }

        // Ctrl+F (the "filter" action) is the page's filter box.
        QAction *filter = window.action(QStringLiteral("filter"));
        QVERIFY(filter);
        QCOMPARE(filter->shortcut(), QKeySequence(QKeySequence::Find));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        filter->trigger();
        QTRY_COMPARE(QApplication::focusWidget(), window.listPage()->filterBox());
        QVERIFY(!window.findChild<FindDialog *>());
    }

    // Where the dialog goes: never past its window's right or bottom edge, shrunk when the
    // window is smaller than it.
    void placementStaysInside()
    {
        const QRect bounds(0, 0, 1000, 700);
        for (const QRect &over : {QRect(0, 0, 1000, 700), QRect(700, 500, 300, 200),
                                  QRect(-200, -100, 400, 300), QRect(100, 100, 500, 300)}) {
            const QRect placed = FindDialog::placement(bounds, over);
            QVERIFY2(bounds.contains(placed), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                             .arg(placed.x())
                                                             .arg(placed.y())
                                                             .arg(placed.width())
                                                             .arg(placed.height())));
            QVERIFY(placed.width() >= 300 && placed.height() >= 200);
        }
        const QRect small = FindDialog::placement(QRect(50, 60, 500, 320), QRect(50, 60, 500, 320));
        QCOMPARE(small, QRect(58, 68, 484, 304)); // the window less 8 px each side
    }

    // Through a window narrower and lower than the dialog would be: it opens inside the window,
    // and a stage with a long name and ARN is one row elided in the middle, the whole line in
    // its tool tip, no sideways scrolling.
    void longArnInsideASmallWindow()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        LocalHarness h;
        QVERIFY(h.ok());
        const QString name =
            QStringLiteral("quarterly-all-hands-town-hall-with-the-whole-company-and-guests");
        const QString stage = h.createStage(name);
        ui::MainWindow window({localChoice()}, localConnectionFactory(h.service()->url()));
        window.resize(600, 380);
        window.move(150, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openConnection(0);
        QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount(), 1, 10000);

        FindDialog *dialog = window.openFind();
        QVERIFY(dialog);
        dialog->model()->setDebounceMs(20);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::keyClicks(dialog->queryField(), stage);
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->model()->rowCount() >= 1 && !dialog->model()->isSearching(), 10000);
        QTest::qWait(50);
        QVERIFY2(window.frameGeometry().contains(dialog->frameGeometry()),
                 qPrintable(QStringLiteral("dialog %1,%2 %3x%4 in window %5,%6 %7x%8")
                                .arg(dialog->frameGeometry().x())
                                .arg(dialog->frameGeometry().y())
                                .arg(dialog->frameGeometry().width())
                                .arg(dialog->frameGeometry().height())
                                .arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())));
        QListView *list = dialog->resultsView();
        const QModelIndex row = list->model()->index(0, 0);
        const QString line = row.data().toString();
        QVERIFY2(line.contains(stage), qPrintable(line));
        // The line is longer than the list is wide: what is shown is elided, not scrolled.
        QVERIFY(list->fontMetrics().horizontalAdvance(line) > list->viewport()->width());
        QVERIFY(list->visualRect(row).width() <= list->viewport()->width());
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        QCOMPARE(row.data(Qt::ToolTipRole).toString(), line);
        QVERIFY(window.grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find-small-window-main.png")));
        QVERIFY(dialog->grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find-small-window.png")));
        dialog->close();
    }
};

QTEST_MAIN(TestFind)
#include "tst_find.moc"
