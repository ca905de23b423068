// Replicas: the ListParticipantReplicas list (a ResourceListModel under
// QAbstractItemModelTester) and "Go to source" from the replica participant in the destination
// stage; the replica's lane is marked in the timeline.
#include "localharness.h"
#include "models/roles.h"
#include "models/sessionloader.h"
#include "models/sessionreplicas.h"
#include "models/sessiontimelinepainter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace gr;

class TestSessionReplicas : public QObject
{
    Q_OBJECT
private slots:
    void listAndGoToSource()
    {
        GR_LOCAL_STAGE(h, source, "source");
        const QString destination = h.createStage(QStringLiteral("destination"));
        const auto host = h.join(source, QStringLiteral("host"), true);
        const QJsonObject started = h.call(ivs::Operation::StartParticipantReplication,
                                           {{QStringLiteral("sourceStageArn"), source},
                                            {QStringLiteral("destinationStageArn"), destination},
                                            {QStringLiteral("participantId"), host.participantId}});
        QVERIFY2(!started.contains(QStringLiteral("__error")),
                 qPrintable(started.value(QLatin1String("__error")).toString()));

        models::ResourceListModel replicas(
            h.client(), sessionreplicas::participantReplicasSpec(source, host.participantId));
        QAbstractItemModelTester tester(&replicas,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(QTest::qWaitFor([&] { return replicas.rowCount() == 1; }, 10000));
        QCOMPARE(replicas.columnCount(), 4);
        const QJsonObject row =
            replicas.data(replicas.index(0, 0), models::JsonRole).toJsonObject();
        QCOMPARE(row.value(QLatin1String("destinationStageArn")).toString(), destination);
        const QString destinationSession =
            row.value(QLatin1String("destinationSessionId")).toString();
        QVERIFY(!destinationSession.isEmpty());

        // In the destination session the replica points back to its source.
        const QJsonArray participants = h.call(ivs::Operation::ListParticipants,
                                               {{QStringLiteral("stageArn"), destination},
                                                {QStringLiteral("sessionId"), destinationSession}})
                                            .value(QLatin1String("participants"))
                                            .toArray();
        QCOMPARE(participants.size(), 1);
        const auto back = sessionreplicas::sourceOf(participants.first().toObject());
        QVERIFY(back.has_value());
        QCOMPARE(back->stageArn, source);
        QCOMPARE(back->sessionId, host.sessionId);
        QCOMPARE(back->participantId, host.participantId);
        // The source participant is not a replica: nothing to go to.
        const QJsonArray sources = h.call(ivs::Operation::ListParticipants,
                                          {{QStringLiteral("stageArn"), source},
                                           {QStringLiteral("sessionId"), host.sessionId}})
                                       .value(QLatin1String("participants"))
                                       .toArray();
        QVERIFY(!sessionreplicas::sourceOf(sources.first().toObject()).has_value());

        // The destination session's timeline marks the replica's lane.
        SessionLoader loader(h.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(destination, destinationSession);
        QVERIFY(done.wait(10000));
        SessionTimelinePainter painter(&loader.store());
        painter.rebuild();
        QCOMPARE(painter.lanes().size(), 1);
        QVERIFY(painter.lanes().first().replica);
    }
};

QTEST_GUILESS_MAIN(TestSessionReplicas)
#include "tst_sessionreplicas.moc"
