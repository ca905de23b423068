// StageTreeModel against the local service, under QAbstractItemModelTester: lazy levels and a
// refresh that merges every opened level in place.

#include "localharness.h"
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

QTEST_GUILESS_MAIN(TestStageTree)
#include "tst_stagetree.moc"
