// StageTreeModel against the local service, under QAbstractItemModelTester: lazy levels, a
// refresh that merges every opened level in place, and live polling level by level through a
// RateBudget (the stage list in the background, each expanded node a view of its own).

#include "localharness.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace gr;
using models::StageTreeModel;

class TestStageTree : public QObject
{
    Q_OBJECT
private slots:
    void lazyLevelsAndRefresh();
    void liveCountsAndErrorBadges();
    void pollsEachExpandedLevelThroughTheBudget();
    void selectionAndCurrentStayOnTheirParticipant();
    void takesTheMonitorsParticipantListings();
};

void TestStageTree::lazyLevelsAndRefresh()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("alpha"));
    h.createStage(QStringLiteral("beta"));
    const auto a = h.join(stage, QStringLiteral("ann"), true);
    const auto b = h.join(stage, QStringLiteral("ben"));

    StageTreeModel model(h.client());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page at a time
    QTRY_COMPARE(model.rowCount(), 2);
    QModelIndex stageIndex;
    for (int r = 0; r < 2; ++r) {
        if (model.index(r, 0).data(models::KeyRole).toString() == stage)
            stageIndex = model.index(r, 0);
    }
    QVERIFY(stageIndex.isValid());
    QCOMPARE(stageIndex.data().toString(), QStringLiteral("alpha"));
    QCOMPARE(stageIndex.siblingAtColumn(1).data().toString(), QStringLiteral("live"));
    QVERIFY(model.hasChildren(stageIndex));
    QCOMPARE(model.rowCount(stageIndex), 0); // not listed until asked
    // From here on the tester checks every change (it also asks for children itself).
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.fetchMore(stageIndex);
    QTRY_COMPARE(model.rowCount(stageIndex), 1);
    const QModelIndex sessionIndex = model.index(0, 0, stageIndex);
    QCOMPARE(model.nodeType(sessionIndex), StageTreeModel::NodeType::Session);
    QCOMPARE(sessionIndex.data(models::KeyRole).toString(), a.sessionId);
    model.fetchMore(sessionIndex);
    QTRY_COMPARE(model.rowCount(sessionIndex), 2);
    const QModelIndex annIndex = model.index(0, 0, sessionIndex);
    QCOMPARE(model.stageArn(annIndex), stage);
    QCOMPARE(model.sessionId(annIndex), a.sessionId);
    QVERIFY(annIndex.data().toString().startsWith(QLatin1String("ann")));
    // No monitor: `published` is all there is, and it says "ever published".
    QVERIFY(annIndex.siblingAtColumn(1).data().toString().contains(QLatin1String("has published")));
    QVERIFY(!annIndex.data(StageTreeModel::PublishingNowRole).isValid());
    QVERIFY(!model.hasChildren(annIndex));

    // Ben leaves, Cy joins: a refresh updates every opened level without resetting.
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), b.participantId}});
    h.join(stage, QStringLiteral("cy"));
    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QPersistentModelIndex persistentAnn(annIndex);
    model.refresh();
    QTRY_COMPARE(model.rowCount(sessionIndex), 3);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(reset.count(), 0);
    QVERIFY(persistentAnn.isValid());
    QVERIFY(persistentAnn.data().toString().startsWith(QLatin1String("ann")));
    const QModelIndex benIndex = model.index(1, 0, sessionIndex);
    QCOMPARE(benIndex.siblingAtColumn(1).data().toString(), QStringLiteral("disconnected"));
}

// The live session's counts and error badge come from the monitor; an ended session keeps the
// count it had when it ended; a session nobody watched shows none (no request per node).
void TestStageTree::liveCountsAndErrorBadges()
{
    LocalHarness h({}, true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("alpha"));
    // An earlier session, ended before anyone watched.
    const auto early = h.join(stage, QStringLiteral("early"));
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), early.participantId}});
    const auto ann = h.join(stage, QStringLiteral("ann"), true);
    const auto ben = h.join(stage, QStringLiteral("ben"));
    QVERIFY(ann.sessionId != early.sessionId);

    models::RateBudget budget;
    models::LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    monitor.setPublisherRescanMs(500);
    StageTreeModel model(h.client());
    model.setMonitor(&monitor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 1);
    const QPersistentModelIndex stageIndex = model.index(0, 0);
    QTRY_COMPARE(model.rowCount(stageIndex), 2);
    QPersistentModelIndex live, ended;
    for (int r = 0; r < 2; ++r) {
        const QModelIndex i = model.index(r, 0, stageIndex);
        (i.data(models::KeyRole).toString() == ann.sessionId ? live : ended) = i;
    }
    QVERIFY(live.isValid() && ended.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(stageIndex.sibling(stageIndex.row(), 1)
                                 .data()
                                 .toString()
                                 .endsWith(QStringLiteral("1 pub · 1 sub")),
                             10000);
    QVERIFY(
        live.sibling(live.row(), 1).data().toString().endsWith(QStringLiteral("1 pub · 1 sub")));
    QCOMPARE(stageIndex.data(StageTreeModel::PublishersRole).toInt(), 1);
    QCOMPARE(stageIndex.data(StageTreeModel::ErrorCountRole).toInt(), 0);
    QVERIFY(!ended.sibling(ended.row(), 1).data().toString().contains(QLatin1String("pub")));
    QVERIFY(!ended.data(StageTreeModel::ErrorCountRole).isValid());
    // An ended session says from when to when, not only its start.
    QVERIFY2(ended.sibling(ended.row(), 1).data().toString().contains(QStringLiteral(" – ")),
             qPrintable(ended.sibling(ended.row(), 1).data().toString()));

    // Who publishes now is the monitor's to say: Ann stops, her summary still says she
    // published, the tree says she no longer does once her events are read.
    model.fetchMore(live);
    QTRY_COMPARE(model.rowCount(live), 2);
    QPersistentModelIndex annNode;
    for (int r = 0; r < 2; ++r) {
        if (model.index(r, 0, live).data(models::KeyRole).toString() == ann.participantId)
            annNode = model.index(r, 0, live);
    }
    QVERIFY(annNode.isValid());
    QTRY_COMPARE(annNode.sibling(annNode.row(), 1).data().toString(),
                 QStringLiteral("connected, publishing"));
    QVERIFY(annNode.data(StageTreeModel::PublishingNowRole).toBool());
    QCOMPARE(annNode.data(StageTreeModel::ActivityRole).toInt(),
             int(StageTreeModel::Activity::Publishing));
    h.plane("unpublish", {{QStringLiteral("stageArn"), stage},
                          {QStringLiteral("participantId"), ann.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(annNode.data(StageTreeModel::PublishingNowRole), QVariant(false),
                              10000);
    QCOMPARE(annNode.sibling(annNode.row(), 1).data().toString(),
             QStringLiteral("connected, stopped publishing"));
    // Its icon says so too (it showed the connected dot, like a participant who never published).
    QCOMPARE(annNode.data(StageTreeModel::ActivityRole).toInt(),
             int(StageTreeModel::Activity::StoppedPublishing));
    // Ben never published: plain connected.
    for (int r = 0; r < 2; ++r) {
        const QModelIndex i = model.index(r, 1, live);
        if (i.siblingAtColumn(0).data(models::KeyRole).toString() == ben.participantId) {
            QCOMPARE(i.data().toString(), QStringLiteral("connected"));
            QCOMPARE(i.siblingAtColumn(0).data(StageTreeModel::ActivityRole).toInt(),
                     int(StageTreeModel::Activity::Connected));
        }
    }
    QVERIFY(stageIndex.sibling(stageIndex.row(), 1)
                .data()
                .toString()
                .endsWith(QStringLiteral("0 pub · 2 sub")));
    QVERIFY(
        annNode.data(models::JsonRole).toJsonObject().value(QLatin1String("published")).toBool());

    h.plane("error", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), ben.participantId},
                      {QStringLiteral("name"), QStringLiteral("JOIN_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("INSUFFICIENT_CAPABILITIES")}});
    QTRY_COMPARE_WITH_TIMEOUT(stageIndex.data(StageTreeModel::ErrorCountRole).toInt(), 1, 10000);
    QCOMPARE(live.data(StageTreeModel::ErrorCountRole).toInt(), 1);
    QVERIFY(live.data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Errors in the last five minutes: 1")));
    // The badge says what it counts, beside an alert's count of all since the first.
    QVERIFY(live.data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("the Alerts dock counts all since the first")));
    QVERIFY(!ended.data(StageTreeModel::ErrorCountRole).isValid());

    // Ann leaves: the session ends; its node keeps its count, the stage shows none.
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), ann.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(monitor.rowCount(), 0, 10000);
    // The stage says idle as soon as the monitor knows, not at the tree's next stage list
    // (the walkthrough read "idle" in the tree beside a live tile on the wall).
    QVERIFY2(
        stageIndex.sibling(stageIndex.row(), 1).data().toString().startsWith(QLatin1String("idle")),
        qPrintable(stageIndex.sibling(stageIndex.row(), 1).data().toString()));
    QCOMPARE(live.data(StageTreeModel::ErrorCountRole).toInt(), 1);
    QVERIFY(!stageIndex.data(StageTreeModel::ErrorCountRole).isValid());
    QVERIFY(
        !stageIndex.sibling(stageIndex.row(), 1).data().toString().contains(QLatin1String("pub")));
    model.setKnownSessionErrors(early.sessionId, 3);
    QCOMPARE(ended.data(StageTreeModel::ErrorCountRole).toInt(), 3);
}

namespace
{
QModelIndex childWithKey(const QAbstractItemModel &model, const QModelIndex &parent,
                         const QString &key)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        if (model.index(r, 0, parent).data(models::KeyRole).toString() == key)
            return model.index(r, 0, parent);
    }
    return {};
}
} // namespace

// No timer of its own: the stage list is one Background view of the budget, each expanded
// stage or session one Visible view (Background when the tree is hidden), gone when collapsed,
// when its node goes, or when polling is off; a turn lists that node's children again and
// merges them in place.
void TestStageTree::pollsEachExpandedLevelThroughTheBudget()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString alpha = h.createStage(QStringLiteral("alpha"));
    const QString beta = h.createStage(QStringLiteral("beta"));
    const auto ann = h.join(alpha, QStringLiteral("ann"), true);

    models::RateBudget budget;
    budget.setBackgroundFactor(2);
    StageTreeModel model(h.client());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    // Within the 5 TPS quota (the budget serves Visible views before Background ones).
    model.setIntervals(500, 1000);
    model.setBudget(&budget);
    QCOMPARE(model.viewOf({}), 0); // polling is off until Live updates say so
    model.setPolling(true);
    const int stagesView = model.viewOf({});
    QVERIFY(stagesView != 0);
    QCOMPARE(budget.priority(stagesView), models::RateBudget::Priority::Background);
    // The stage list in its turns (the tester also lists it once, as a view would).
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(budget.ageMs(stagesView) >= 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(model.polledRequests() >= 1, 5000);
    QVERIFY(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith(QLatin1String("Stages updated")));

    const QPersistentModelIndex alphaNode = childWithKey(model, {}, alpha);
    QVERIFY(alphaNode.isValid());
    QCOMPARE(model.viewOf(alphaNode), 0); // collapsed: not polled
    model.fetchMore(alphaNode);           // what the view does on expanding
    model.setExpanded(alphaNode, true);
    const int alphaView = model.viewOf(alphaNode);
    QVERIFY(alphaView != 0);
    QCOMPARE(budget.priority(alphaView), models::RateBudget::Priority::Visible);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(alphaNode), 1, 5000);
    const QPersistentModelIndex sessionNode = model.index(0, 0, alphaNode);
    model.fetchMore(sessionNode);
    model.setExpanded(sessionNode, true);
    const int sessionView = model.viewOf(sessionNode);
    QVERIFY(sessionView != 0 && sessionView != alphaView);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(sessionNode), 1, 5000);

    // Someone joins: the expanded session's view lists them, with no refresh() and no reset.
    const int directBefore = model.directRequests();
    const int polledBefore = model.polledRequests();
    h.join(alpha, QStringLiteral("ben"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(sessionNode), 2, 5000);
    QCOMPARE(model.directRequests(), directBefore);
    QVERIFY(model.polledRequests() > polledBefore);
    QTRY_VERIFY_WITH_TIMEOUT(model.data(sessionNode, Qt::ToolTipRole)
                                 .toString()
                                 .contains(QLatin1String("Participants updated")),
                             5000);

    // The tree hidden: its expanded nodes wait in the background; shown: Visible again.
    model.setShown(false);
    QCOMPARE(budget.priority(alphaView), models::RateBudget::Priority::Background);
    QCOMPARE(budget.priority(sessionView), models::RateBudget::Priority::Background);
    QCOMPARE(budget.priority(stagesView), models::RateBudget::Priority::Background);
    model.setShown(true);
    QCOMPARE(budget.priority(sessionView), models::RateBudget::Priority::Visible);

    // Collapsing the stage stops its view and the views below it (the session is not shown).
    model.setExpanded(alphaNode, false);
    QVERIFY(!budget.hasView(alphaView));
    QVERIFY(!budget.hasView(sessionView));
    QCOMPARE(model.viewOf(sessionNode), 0);
    // Expanded again: the session, still expanded in the view, is polled again too.
    model.setExpanded(alphaNode, true);
    QVERIFY(model.viewOf(alphaNode) != 0);
    QVERIFY(model.viewOf(sessionNode) != 0);

    // A stage that goes takes its views with it.
    const QPersistentModelIndex betaNode = childWithKey(model, {}, beta);
    model.fetchMore(betaNode);
    model.setExpanded(betaNode, true);
    const int betaView = model.viewOf(betaNode);
    QVERIFY(betaView != 0);
    const int directDelete = model.directRequests();
    h.call(ivs::Operation::DeleteStage, {{QStringLiteral("arn"), beta}});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000); // the stage list's turn found it gone
    QCOMPARE(model.directRequests(), directDelete);
    QVERIFY(!betaNode.isValid());
    QVERIFY(!budget.hasView(betaView));

    // Live updates off: no view at all.
    model.setPolling(false);
    QVERIFY(!budget.hasView(stagesView));
    QCOMPARE(model.viewOf(alphaNode), 0);
    QCOMPARE(model.viewOf(sessionNode), 0);
    const int polledOff = model.polledRequests();
    QTest::qWait(1200);
    QCOMPARE(model.polledRequests(), polledOff);
    QCOMPARE(reset.count(), 0);
    Q_UNUSED(ann);
}

// The tree's highlight and its focus frame were once seen on different rows after a refresh.
// A participant selected in a view stays the current and the only selected row while rows are
// inserted and removed around it and the monitor reports changes; and a monitor change reports
// only the participants whose publishing changed (it reported every participant of the live
// session on every tick).
void TestStageTree::selectionAndCurrentStayOnTheirParticipant()
{
    LocalHarness h({}, true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("alpha"));
    const QString doomed = h.createStage(QStringLiteral("beta")); // idle, deleted below
    const auto ann = h.join(stage, QStringLiteral("ann"), true);
    const auto ben = h.join(stage, QStringLiteral("ben"));
    const auto cy = h.join(stage, QStringLiteral("cy"), true);

    models::RateBudget budget;
    models::LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    monitor.setPublisherRescanMs(500);
    StageTreeModel model(h.client());
    model.setMonitor(&monitor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTreeView view;
    view.setModel(&model);
    view.resize(480, 360);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QTRY_COMPARE(model.rowCount(), 2);
    const QPersistentModelIndex stageIndex = childWithKey(model, {}, stage);
    QVERIFY(stageIndex.isValid());
    view.expand(stageIndex);
    QTRY_COMPARE(model.rowCount(stageIndex), 1);
    const QPersistentModelIndex session = model.index(0, 0, stageIndex);
    view.expand(session);
    QTRY_COMPARE(model.rowCount(session), 3);
    // The monitor knows who publishes, and has told the tree since its participants came.
    QTRY_COMPARE_WITH_TIMEOUT(
        childWithKey(model, session, cy.participantId).data(StageTreeModel::PublishingNowRole),
        QVariant(true), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        childWithKey(model, session, ben.participantId).data(StageTreeModel::PublishingNowRole),
        QVariant(false), 10000);
    QSignalSpy monitorTicks(&monitor, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(monitorTicks.count() >= 1, 10000);

    view.setFocus();
    view.setCurrentIndex(childWithKey(model, session, ben.participantId));
    // Empty when the current and the one selected row are Ben's, else what they are.
    auto offBen = [&]() -> QString {
        const QString current =
            view.currentIndex().siblingAtColumn(0).data(models::KeyRole).toString();
        const QModelIndexList rows = view.selectionModel()->selectedRows();
        QStringList selected;
        for (const QModelIndex &row : rows)
            selected << row.data(models::KeyRole).toString();
        if (current == ben.participantId && selected == QStringList{ben.participantId})
            return {};
        return QStringLiteral("current %1, selected %2").arg(current, selected.join(u' '));
    };
    QCOMPARE(offBen(), QString());

    // From here: which participant rows does the model say changed? (Read as they are told.)
    QStringList reported;
    connect(&model, &QAbstractItemModel::dataChanged, &view,
            [&](const QModelIndex &from, const QModelIndex &to) {
                if (from.parent() != session)
                    return;
                for (int row = from.row(); row <= to.row(); ++row)
                    reported << model.index(row, 0, session).data(models::KeyRole).toString();
            });
    // Rows come and go around Ben: a participant joins, a stage is created and another
    // deleted (the stage list above him), Ann leaves, Cy stops publishing; then a refresh.
    const auto dee = h.join(stage, QStringLiteral("dee"));
    h.createStage(QStringLiteral("gamma"));
    h.call(ivs::Operation::DeleteStage, {{QStringLiteral("arn"), doomed}});
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), ann.participantId}});
    h.plane("unpublish", {{QStringLiteral("stageArn"), stage},
                          {QStringLiteral("participantId"), cy.participantId}});
    model.refresh();
    QTRY_COMPARE(model.rowCount(session), 4);
    QTRY_VERIFY(!childWithKey(model, {}, doomed).isValid());
    QTRY_COMPARE(model.rowCount(), 2);
    QTRY_VERIFY(!model.isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(
        childWithKey(model, session, cy.participantId).data(StageTreeModel::PublishingNowRole),
        QVariant(false), 10000);
    // The monitor ticks on: each of its changes is one the tree could report.
    const qsizetype ticks = monitorTicks.count();
    QTRY_VERIFY_WITH_TIMEOUT(monitorTicks.count() >= ticks + 3, 10000);
    QCOMPARE(offBen(), QString());
    QVERIFY(childWithKey(model, session, dee.participantId).isValid());

    // Ben's row never changed (he neither left nor published): never reported. Ann's leave
    // and Cy's stop were.
    QVERIFY2(!reported.contains(ben.participantId), qPrintable(reported.join(u' ')));
    QVERIFY(reported.contains(ann.participantId));
    QVERIFY(reported.contains(cy.participantId));
}

// The tree's participants lagged the session page's table by up to one tree poll: the monitor
// lists the live session's participants more often, and the tree now takes its listings. With
// no polling of the tree's own, a participant who joins appears in the tree, and one who starts
// publishing is shown so, without a request by the tree.
void TestStageTree::takesTheMonitorsParticipantListings()
{
    LocalHarness h({}, true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("alpha"));
    const auto ann = h.join(stage, QStringLiteral("ann"), true);
    const auto ben = h.join(stage, QStringLiteral("ben"));

    models::RateBudget budget;
    models::LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    StageTreeModel model(h.client()); // not polling: only what it is asked, and the monitor
    model.setMonitor(&monitor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 1);
    const QPersistentModelIndex stageIndex = model.index(0, 0);
    model.fetchMore(stageIndex);
    QTRY_COMPARE(model.rowCount(stageIndex), 1);
    const QPersistentModelIndex session = model.index(0, 0, stageIndex);
    model.fetchMore(session);
    QTRY_COMPARE(model.rowCount(session), 2);
    QTRY_VERIFY(!model.isLoading());
    const int requests = model.directRequests() + model.polledRequests();
    const QPersistentModelIndex annNode = childWithKey(model, session, ann.participantId);
    const QPersistentModelIndex benNode = childWithKey(model, session, ben.participantId);

    const auto cy = h.join(stage, QStringLiteral("cy"));
    h.plane("publish", {{QStringLiteral("stageArn"), stage},
                        {QStringLiteral("participantId"), ben.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(session), 3, 10000);
    // After the rows shown, the rows shown unmoved.
    QCOMPARE(model.index(2, 0, session).data(models::KeyRole).toString(), cy.participantId);
    QCOMPARE(annNode.data(models::KeyRole).toString(), ann.participantId);
    QTRY_VERIFY_WITH_TIMEOUT(
        benNode.data(models::JsonRole).toJsonObject().value(QLatin1String("published")).toBool(),
        10000);
    QCOMPARE(model.directRequests() + model.polledRequests(), requests);
}

QTEST_MAIN(TestStageTree)
#include "tst_stagetree.moc"
