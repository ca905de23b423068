// One rate budget for every poller, through the console's window on a local service that
// enforces the quotas (--quotas): with the live monitor polling twenty live stages (more than
// the 5 TPS Get/List quota can keep fresh), the session page opened by the user is served first
// — its Errors column fills while the monitor gets only the gaps — and no request of the
// console's own polling is throttled. The list page's status line and the charts say their data
// age from the budget, and the charts follow live as a view of it. The stage tree polls as
// views of it too, level by level: every ListStageSessions of an expanded stage is a turn of
// that node's view. Screenshots in test-output/screenshots/budget-session.png and
// budget-tree.png.
#include "aws/requestlog.h"
#include "localconnection.h"
#include "localharness.h"
#include "models/livemonitor.h"
#include "models/metricsmodel.h"
#include "models/ratebudget.h"
#include "models/resourcekinds.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "screenshot.h"
#include "sessionplay.h"
#include "ui/connection.h"
#include "ui/listpage.h"
#include "ui/metricspanel.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"
#include "ui/stagemetrics.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTreeView>
#include <QtTest>

using namespace gr;
using play::at;

namespace
{

int columnOf(const QAbstractItemModel *model, const QString &title)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() == title)
            return c;
    }
    return -1;
}

int throttlesIn(const aws::RequestLog *log)
{
    int n = 0;
    for (const aws::RequestLogEntry &e : log->entries())
        n += e.outcome == QLatin1String("ThrottlingException") ? 1 : 0;
    return n;
}

// The monitor as a wall showing every live stage would run it: all of them Visible.
void watchEveryStage(models::LiveMonitor *monitor)
{
    QObject::connect(monitor, &QAbstractItemModel::rowsInserted, monitor, [monitor] {
        QSet<QString> all;
        for (int row = 0; row < monitor->rowCount(); ++row)
            all.insert(monitor->index(row).data(models::LiveMonitor::StageArnRole).toString());
        monitor->setVisibleStages(QStringLiteral("test-wall"), all);
    });
}
} // namespace

class TestBudget : public QObject
{
    Q_OBJECT
    LocalHarness *h = nullptr;
    QStringList busy;
    QString stage, session, viewer;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().setValue(QStringLiteral("window/live"), true);
        local::LocalServiceOptions options;
        options.quotas = true;
        h = new LocalHarness(options, /*paced=*/true);
        QVERIFY2(h->ok(), qPrintable(h->error()));
        // Twenty live stages of three participants: more than the quota can refresh every 3 s.
        for (int i = 0; i < 20; ++i) {
            const QString arn = h->createStage(QStringLiteral("show-%1").arg(i));
            QVERIFY(!arn.isEmpty());
            for (int p = 0; p < 3; ++p)
                QVERIFY(
                    !h->join(arn, QStringLiteral("user-%1").arg(p), p < 2).participantId.isEmpty());
            busy << arn;
        }
        // The session the user opens: a host, and a viewer whose publish is refused.
        stage = h->createStage(QStringLiteral("town-hall"));
        const auto host = h->join(stage, QStringLiteral("host"), true);
        session = host.sessionId;
        const QString token =
            play::token(*h, stage, QStringLiteral("viewer"), {QStringLiteral("SUBSCRIBE")});
        viewer = h->plane("join", {{QStringLiteral("token"), token}})
                     .value(QLatin1String("participantId"))
                     .toString();
        QVERIFY(!viewer.isEmpty());
        QTest::qWait(80);
        h->plane("publish", at(stage, viewer)); // refused: INSUFFICIENT_CAPABILITIES
        QTest::qWait(1100);                     // the set-up's requests leave the quota window
    }
    void cleanupTestCase() { delete h; }

    void sessionPageGoesBeforeTheMonitor()
    {
        LocalConsole window(h->service()->url());
        window.resize(1400, 850);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::Connection *connection = window.connection();
        QVERIFY(connection->liveUpdates());

        // The monitor, as a wall showing every live stage would run it.
        models::LiveMonitor *monitor = connection->liveMonitor();
        QAbstractItemModelTester monitorTester(monitor);
        watchEveryStage(monitor);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->rowCount(), 21, 20000);
        // Under load: every tile listed once, and more polls wanting the quota than it has.
        QTRY_VERIFY_WITH_TIMEOUT(monitor->oldestAgeMs() >= 0, 30000);

        const int monitorBefore = monitor->requestsStarted();
        QElapsedTimer opened;
        opened.start();
        QVERIFY(window.showSession(stage, session));
        ui::SessionPage *page = window.sessionPage();
        QVERIFY(page);
        models::ResourceListModel *list = page->participants()->model();
        QAbstractItemModelTester listTester(list);
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 2, 10000);
        const int errors = columnOf(list, QStringLiteral("Errors"));
        QVERIFY(errors >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(list->index(list->rowOfKey(viewer), errors).data().toString(),
                                  QStringLiteral("1"), 20000);
        const qint64 filledMs = opened.elapsed();
        const int monitorDuring = monitor->requestsStarted() - monitorBefore;
        qInfo("Errors column filled after %lld ms; the monitor started %d requests meanwhile",
              filledMs, monitorDuring);
        // The page's loading (GetStageSession, ListParticipants, two participants' events) goes
        // first: the monitor only gets the turns the page leaves between its round trips, not
        // the 10-20 it used to take ahead of it.
        QVERIFY2(monitorDuring <= 4, qPrintable(QString::number(monitorDuring)));
        QCOMPARE(list->index(list->rowOfKey(viewer), errors)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")),
                 true);

        // The list page's status line: its age from the budget's view of it.
        ui::ListPage *participants = page->participants();
        QVERIFY(participants->liveView() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            participants->statusLabel()->text().contains(QStringLiteral("updated")), 15000);
        // The label is repainted once a second: the budget's text may have moved on meanwhile
        // (under a loaded CI machine a second tick can come late: 3.25 s once).
        QTRY_VERIFY_WITH_TIMEOUT(participants->statusLabel()->text().contains(
                                     connection->budget()->ageText(participants->liveView())),
                                 10000);
        shoot(&window, QStringLiteral("budget-session.png"));

        // The monitor kept polling (it was not starved), and nothing was throttled.
        QTRY_VERIFY_WITH_TIMEOUT(monitor->requestsStarted() - monitorBefore >= monitorDuring + 10,
                                 15000);
        QCOMPARE(throttlesIn(connection->log()), 0);
    }

    // The tree has no timer of its own: the stage list is a Background view, each expanded
    // node a Visible one, and each of their requests is one of the budget's turns; the monitor
    // keeps polling beside it and nothing is throttled.
    void treePollsThroughTheBudget()
    {
        LocalConsole window(h->service()->url(), QSize(1400, 850));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showKind(models::Kind::Stage)); // no page of the window lists sessions
        ui::Connection *connection = window.connection();
        models::RateBudget *budget = connection->budget();
        models::LiveMonitor *monitor = connection->liveMonitor();
        watchEveryStage(monitor);
        models::StageTreeModel *tree = window.treeModel();
        QAbstractItemModelTester tester(tree);
        QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(), 21, 20000);
        const int stagesView = tree->viewOf({});
        QVERIFY(stagesView != 0 && budget->hasView(stagesView));
        QCOMPARE(budget->priority(stagesView), models::RateBudget::Priority::Background);

        // The user opens the town hall and its session in the tree.
        QModelIndex hall;
        for (int r = 0; r < tree->rowCount(); ++r) {
            if (tree->index(r, 0).data(models::KeyRole).toString() == stage)
                hall = tree->index(r, 0);
        }
        QVERIFY(hall.isValid());
        QCOMPARE(tree->viewOf(hall), 0); // collapsed: not polled
        window.stageTree()->expand(hall);
        QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(hall), 1, 10000);
        const QModelIndex sessionNode = tree->index(0, 0, hall);
        window.stageTree()->expand(sessionNode);
        QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(sessionNode), 2, 10000);
        const int hallView = tree->viewOf(hall);
        QVERIFY(hallView != 0 && tree->viewOf(sessionNode) != 0 &&
                tree->viewOf(sessionNode) != hallView);
        QCOMPARE(budget->priority(hallView), models::RateBudget::Priority::Visible);

        // From here on, every ListStageSessions the console makes is a turn of the hall's view
        // (an answer and its turn's end come in one go), and the tree asks nothing directly.
        int listed = 0, turns = 0;
        const aws::RequestLog *log = connection->log();
        QObject::connect(log, &aws::RequestLog::appended, &window, [&listed, log] {
            listed += log->entries().back().operation == QLatin1String("ListStageSessions");
        });
        QObject::connect(budget, &models::RateBudget::ageChanged, &window,
                         [&turns, hallView](int id) { turns += id == hallView; });
        const int direct = tree->directRequests();
        const int monitorBefore = monitor->requestsStarted();
        QTRY_VERIFY_WITH_TIMEOUT(turns >= 2, 60000);
        QCOMPARE(listed, turns);
        QCOMPARE(tree->directRequests(), direct);
        // The monitor was not starved by the tree's views.
        QVERIFY2(monitor->requestsStarted() - monitorBefore >= 10,
                 qPrintable(QString::number(monitor->requestsStarted() - monitorBefore)));
        QVERIFY(sessionNode.data(Qt::ToolTipRole).toString().contains(QLatin1String("updated")));
        window.stageTree()->scrollTo(sessionNode);
        shoot(window.stageTree(), QStringLiteral("budget-tree.png"));

        // Collapsed: its view leaves the budget, and so does the session's below it.
        const int sessionView = tree->viewOf(sessionNode);
        window.stageTree()->collapse(hall);
        QVERIFY(!budget->hasView(hallView));
        QVERIFY(!budget->hasView(sessionView));
        QCOMPARE(throttlesIn(log), 0);
    }

    void livePollingFollowsThePage()
    {
        LocalConsole window(h->service()->url());
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, session));
        ui::ListPage *participants = window.sessionPage()->participants();
        QVERIFY(participants->liveView() != 0);
        const int view = participants->liveView();
        models::RateBudget *budget = window.connection()->budget();
        QVERIFY(budget->hasView(view));
        // Live updates off: the page's view leaves the budget.
        window.connection()->setLiveUpdates(false);
        QCOMPARE(participants->liveView(), 0);
        QVERIFY(!budget->hasView(view));
        window.connection()->setLiveUpdates(true);
        QVERIFY(participants->liveView() != 0);
        // Hidden (a tab not shown): still kept, but in the background.
        participants->hide();
        const int hidden = participants->liveView();
        QVERIFY(budget->hasView(hidden));
        QCOMPARE(budget->priority(hidden), models::RateBudget::Priority::Background);
        participants->show();
        QCOMPARE(budget->priority(participants->liveView()),
                 models::RateBudget::Priority::Selected);
    }

    void chartsFollowLiveThroughTheBudget()
    {
        LocalConsole window(h->service()->url());
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::StageMetrics charts(window.connection(), stage);
        charts.resize(900, 300);
        charts.show();
        models::MetricsModel *model = charts.model();
        QAbstractItemModelTester tester(model);
        QVERIFY(model->isLive());
        // The chart's refresh is a view of the connection's budget: its age is the budget's.
        QTRY_VERIFY_WITH_TIMEOUT(model->ageText().startsWith(QStringLiteral("updated")), 15000);
        QVERIFY2(charts.panel()->ageText().contains(model->ageText()),
                 qPrintable(charts.panel()->ageText()));
        QVERIFY(model->updatedAt().isValid());
        const QDateTime first = model->updatedAt();
        // Followed live: a second answer comes a period later, in its turn.
        QTRY_VERIFY_WITH_TIMEOUT(model->updatedAt() > first, 15000);
        QCOMPARE(throttlesIn(window.connection()->log()), 0);
    }
};

QTEST_MAIN(TestBudget)
#include "tst_budget.moc"
