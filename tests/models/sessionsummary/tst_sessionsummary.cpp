// summarizeSession on a session played through the data plane: peaks with their times, joins
// and leaves, errors grouped by code (most frequent first) with their events, per-participant
// error counts, replicas out.
#include "localharness.h"
#include "models/sessionloader.h"
#include "models/sessionsummary.h"
#include "sessionplay.h"

#include <QSignalSpy>
#include <QtTest>

using namespace gr;
using play::at;

class TestSessionSummary : public QObject
{
    Q_OBJECT
private slots:
    void summary()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("summary"));
        const QString elsewhere = h.createStage(QStringLiteral("elsewhere"));
        const auto a = h.join(stage, QStringLiteral("a"), true);
        const auto b = h.join(stage, QStringLiteral("b"), true);
        const auto c = h.join(stage, QStringLiteral("a"), false); // same user, second device
        for (const QString &remote : {QStringLiteral("x"), QStringLiteral("y")})
            h.plane("subscribe",
                    at(stage, c.participantId, {{QStringLiteral("remoteParticipantId"), remote}}));
        h.plane("error", at(stage, b.participantId,
                            {{QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                             {QStringLiteral("errorCode"), QStringLiteral("BITRATE_EXCEEDED")}}));
        h.call(ivs::Operation::StartParticipantReplication,
               {{QStringLiteral("sourceStageArn"), stage},
                {QStringLiteral("destinationStageArn"), elsewhere},
                {QStringLiteral("participantId"), a.participantId}});
        h.plane("leave", at(stage, b.participantId));

        SessionLoader loader(h.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, a.sessionId);
        QVERIFY(done.wait(10000));
        const SessionStore &store = loader.store();
        const SessionSummary s = summarizeSession(store);
        QCOMPARE(s.participants, 3);
        QCOMPARE(s.users, 2);
        QCOMPARE(s.joins, 3);
        QCOMPARE(s.leaves, 1);
        QCOMPARE(s.peakConnected, 3);
        QCOMPARE(s.peakPublishers, 2);
        QVERIFY(s.peakPublishersAtMs <= s.peakConnectedAtMs);
        QVERIFY(s.peakConnectedAtMs >= s.startMs);
        QCOMPARE(s.endMs, qint64(0)); // still live
        QCOMPARE(s.replicasOut, 1);
        QCOMPARE(s.errors.size(), 2);
        QCOMPARE(s.errors[0].code, QStringLiteral("PUBLISHER_NOT_FOUND"));
        QCOMPARE(s.errors[0].count, 2);
        QCOMPARE(s.errors[0].events.size(), 2);
        QCOMPARE(s.errors[1].code, QStringLiteral("BITRATE_EXCEEDED"));
        QCOMPARE(s.errorsByParticipant.value(store.findParticipant(c.participantId)), 2);
        QCOMPARE(s.errorsByParticipant.value(store.findParticipant(b.participantId)), 1);
        QCOMPARE(s.errorsByParticipant.value(store.findParticipant(a.participantId)), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionSummary)
#include "tst_sessionsummary.moc"
