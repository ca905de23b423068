// StageTreeModel against the local service, under QAbstractItemModelTester: lazy levels and a
// refresh that merges every opened level in place.

#include "localharness.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gr;
using models::StageTreeModel;

class TestStageTree : public QObject
{
    Q_OBJECT
private slots:
    void lazyLevelsAndRefresh();
    void liveCountsAndErrorBadges();
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
    QVERIFY(annIndex.siblingAtColumn(1).data().toString().contains(QLatin1String("publishing")));
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

    h.plane("error", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), ben.participantId},
                      {QStringLiteral("name"), QStringLiteral("JOIN_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("INSUFFICIENT_CAPABILITIES")}});
    QTRY_COMPARE_WITH_TIMEOUT(stageIndex.data(StageTreeModel::ErrorCountRole).toInt(), 1, 10000);
    QCOMPARE(live.data(StageTreeModel::ErrorCountRole).toInt(), 1);
    QVERIFY(live.data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Errors in the last five minutes: 1")));
    QVERIFY(!ended.data(StageTreeModel::ErrorCountRole).isValid());

    // Ann leaves: the session ends; its node keeps its count, the stage shows none.
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), ann.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(monitor.rowCount(), 0, 10000);
    QCOMPARE(live.data(StageTreeModel::ErrorCountRole).toInt(), 1);
    QVERIFY(!stageIndex.data(StageTreeModel::ErrorCountRole).isValid());
    QVERIFY(
        !stageIndex.sibling(stageIndex.row(), 1).data().toString().contains(QLatin1String("pub")));
    model.setKnownSessionErrors(early.sessionId, 3);
    QCOMPARE(ended.data(StageTreeModel::ErrorCountRole).toInt(), 3);
}

QTEST_GUILESS_MAIN(TestStageTree)
#include "tst_stagetree.moc"
