// The Summary tab's figures on a session played through the local service's data plane and
// loaded as the console loads it: peaks with when, joins and leaves, errors by code.
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
    void figures()
    {
        LocalHarness h;
        QVERIFY2(h.ok(), qPrintable(h.error()));
        const QString stage = h.createStage(QStringLiteral("summary"));
        const auto host = h.join(stage, QStringLiteral("host"), true);
        const auto guest = h.join(stage, QStringLiteral("guest"), true);
        const auto fan = h.join(stage, QStringLiteral("fan"));
        QTest::qWait(30);
        h.plane("leave", at(stage, guest.participantId));
        QTest::qWait(30);
        for (int i = 0; i < 2; ++i)
            h.plane("subscribe", at(stage, fan.participantId,
                                    {{QStringLiteral("remoteParticipantId"),
                                      guest.participantId}})); // refused twice: guest has left

        SessionLoader loader(h.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, host.sessionId);
        QVERIFY(done.wait(10000));
        const SessionStore &store = loader.store();
        const SessionSummary s = summarizeSession(store);

        QCOMPARE(s.participants, 3);
        QCOMPARE(s.joins, 3);
        QCOMPARE(s.leaves, 1);
        QCOMPARE(s.peakParticipants, 3);
        QCOMPARE(s.peakPublishers, 2);
        // The peak of publishers came when the guest started publishing, before the fan joined.
        const int guestIndex = store.findParticipant(guest.participantId);
        qint64 guestPublish = 0;
        for (quint32 e : store.participants()[guestIndex].events) {
            if (store.events()[int(e)].name == SessionStore::PublishStarted)
                guestPublish = store.events()[int(e)].timeMs;
        }
        QCOMPARE(s.peakPublishersAtMs, guestPublish);
        QVERIFY(s.peakParticipantsAtMs >= guestPublish);
        QVERIFY(s.startMs > 0);
        QCOMPARE(s.endMs, 0); // live
        QVERIFY(s.durationMs >= 60);

        QCOMPARE(s.errors.size(), 1);
        QCOMPARE(s.errors[0].code, QStringLiteral("PUBLISHER_NOT_FOUND"));
        QCOMPARE(s.errors[0].count, 2);
        QCOMPARE(s.errors[0].participants, QVector<int>{store.findParticipant(fan.participantId)});
        QCOMPARE(store.errorCodeText(store.events()[int(s.errors[0].firstEvent)]),
                 QStringLiteral("PUBLISHER_NOT_FOUND"));
        QVERIFY(s.replicasIn.isEmpty());
        QVERIFY(s.replicasOut.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessionSummary)
#include "tst_sessionsummary.moc"
