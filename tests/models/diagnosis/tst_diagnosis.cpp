// Diagnosis rules, each on a session played through the local service's data plane and loaded
// with SessionLoader, as the console would see it; the Problems model under
// QAbstractItemModelTester.
#include "localharness.h"
#include "models/diagnosismodel.h"
#include "models/sessionloader.h"
#include "sessionplay.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace gr;

namespace
{
using play::at;
using play::joinWith;
using play::token;

std::unique_ptr<SessionLoader> load(LocalHarness &h, const QString &stage, const QString &session)
{
    auto loader = std::make_unique<SessionLoader>(h.client());
    QSignalSpy done(loader.get(), &SessionLoader::finished);
    loader->start(stage, session);
    done.wait(10000);
    return loader;
}

QVector<Finding> withRule(const QVector<Finding> &all, const QString &rule)
{
    QVector<Finding> out;
    for (const Finding &f : all) {
        if (f.rule == rule)
            out << f;
    }
    return out;
}

QStringList evidenceNames(const SessionStore &store, const Finding &f)
{
    QStringList out;
    for (quint32 i : f.evidence)
        out << SessionStore::eventNameText(store.events()[int(i)].name);
    return out;
}
} // namespace

class TestDiagnosis : public QObject
{
    Q_OBJECT
private slots:
    void publishRefusedForCapabilities()
    {
        GR_LOCAL_STAGE(h, stage, "caps");
        const auto viewer =
            joinWith(h, token(h, stage, QStringLiteral("viewer"), {QStringLiteral("SUBSCRIBE")}));
        h.plane("publish", at(stage, viewer.participantId));
        // A speaker whose token is exchanged for a subscribe-only one, then tries to publish.
        const auto speaker = joinWith(h, token(h, stage, QStringLiteral("speaker")));
        h.plane("exchange-token",
                at(stage, speaker.participantId,
                   {{QStringLiteral("token"),
                     token(h, stage, QStringLiteral("speaker"), {QStringLiteral("SUBSCRIBE")})}}));
        h.plane("publish", at(stage, speaker.participantId));

        const auto loader = load(h, stage, viewer.sessionId);
        const SessionStore &store = loader->store();
        const auto found = withRule(diagnosis::diagnoseSession(store), "capabilities");
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[0].participant, store.findParticipant(viewer.participantId));
        QVERIFY(found[0].title.contains(QStringLiteral("viewer")));
        QVERIFY(found[0].title.contains(QStringLiteral("could not publish")));
        QCOMPARE(evidenceNames(store, found[0]), QStringList{QStringLiteral("PUBLISH_ERROR")});
        QVERIFY(found[0].action.contains(QStringLiteral("PUBLISH")));
        // The exchanged token's capabilities are the evidence.
        QCOMPARE(found[1].participant, store.findParticipant(speaker.participantId));
        QCOMPARE(evidenceNames(store, found[1]),
                 (QStringList{QStringLiteral("TOKEN_EXCHANGED"), QStringLiteral("PUBLISH_ERROR")}));
        QVERIFY2(found[1].explanation.contains(QStringLiteral("[SUBSCRIBE]")),
                 qPrintable(found[1].explanation));
    }

    void thirteenthPublisher()
    {
        GR_LOCAL_STAGE(h, stage, "crowded");
        QString session, thirteenth;
        for (int i = 0; i < 13; ++i) {
            const auto j = h.join(stage, QStringLiteral("p%1").arg(i), true);
            session = j.sessionId;
            thirteenth = j.participantId;
        }
        const auto loader = load(h, stage, session);
        const SessionStore &store = loader->store();
        const auto found = withRule(diagnosis::diagnoseSession(store), "publisher-quota");
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].participant, store.findParticipant(thirteenth));
        QVERIFY2(found[0].title.contains(QStringLiteral("12 publishers")),
                 qPrintable(found[0].title));
        QCOMPARE(found[0].evidence.size(), 13); // the twelve PUBLISH_STARTED and the error
        QCOMPARE(evidenceNames(store, found[0]).count(QStringLiteral("PUBLISH_STARTED")), 12);
        QCOMPARE(diagnosis::publishersAt(store, found[0].timeMs), 12);
        QVERIFY(found[0].reference.contains(QStringLiteral("service-quotas")));
        // The finding is the thirteenth's: the twelve it counts do not list it as theirs.
        const int first = int(store.events()[int(found[0].evidence[0])].participant);
        QVERIFY(first != found[0].participant);
        QCOMPARE(withRule(diagnosis::diagnoseParticipant(store, first), "publisher-quota").size(),
                 0);
        QCOMPARE(
            withRule(diagnosis::diagnoseParticipant(store, found[0].participant), "publisher-quota")
                .size(),
            1);
    }

    void subscriberRacingAPublishersLeave()
    {
        GR_LOCAL_STAGE(h, stage, "race");
        const auto host = h.join(stage, QStringLiteral("host"), true);
        const auto fan = h.join(stage, QStringLiteral("fan"), false);
        const auto other = h.join(stage, QStringLiteral("other"), true);
        h.plane("subscribe", at(stage, fan.participantId,
                                {{QStringLiteral("remoteParticipantId"), host.participantId}}));
        h.plane("leave", at(stage, host.participantId));
        h.plane("subscribe", at(stage, fan.participantId,
                                {{QStringLiteral("remoteParticipantId"), host.participantId}}));
        h.plane("unpublish", at(stage, other.participantId));
        h.plane("subscribe", at(stage, fan.participantId,
                                {{QStringLiteral("remoteParticipantId"), other.participantId}}));

        const auto loader = load(h, stage, host.sessionId);
        const SessionStore &store = loader->store();
        const auto found = withRule(diagnosis::diagnoseSession(store), "publisher-not-found");
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[0].participant, store.findParticipant(fan.participantId));
        QCOMPARE(evidenceNames(store, found[0]),
                 (QStringList{QStringLiteral("LEFT"), QStringLiteral("SUBSCRIBE_ERROR")}));
        QVERIFY2(found[0].explanation.contains(QStringLiteral("had left the stage")),
                 qPrintable(found[0].explanation));
        QCOMPARE(int(store.events()[int(found[0].evidence[0])].participant),
                 store.findParticipant(host.participantId));
        QVERIFY(found[1].explanation.contains(QStringLiteral("had stopped publishing")));
        // The subscriber's diagnosis holds both, with the publisher's leave as evidence; the
        // publisher's own holds neither: the findings are about the subscriber.
        const auto forFan =
            diagnosis::diagnoseParticipant(store, store.findParticipant(fan.participantId));
        QCOMPARE(withRule(forFan, "publisher-not-found").size(), 2);
        const auto forHost =
            diagnosis::diagnoseParticipant(store, store.findParticipant(host.participantId));
        QCOMPARE(withRule(forHost, "publisher-not-found").size(), 0);
        for (const Finding &f : forHost)
            QCOMPARE(f.participant, store.findParticipant(host.participantId));
    }

    void joinThatNeverReachedTheService()
    {
        GR_LOCAL_STAGE(h, stage, "ghost");
        const auto host = h.join(stage, QStringLiteral("host"), true);
        // A token with a broken signature: refused before anything is recorded.
        QString bad = token(h, stage, QStringLiteral("ghost"));
        bad.chop(4);
        bad += QStringLiteral("AAAA");
        int status = 0;
        h.plane("join", {{QStringLiteral("token"), bad}}, &status);
        QCOMPARE(status, 401);
        const auto loader = load(h, stage, host.sessionId);
        const SessionStore &store = loader->store();
        QCOMPARE(store.participants().size(), 1); // the ghost is nowhere
        const auto found = withRule(diagnosis::diagnoseSession(store), "invisible-joins");
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].severity, Finding::Severity::Note);
        QVERIFY(found[0].explanation.contains(QStringLiteral("never seen by the service")));
        QVERIFY(found[0].evidence.isEmpty());
    }

    void networkDropAndReconnect()
    {
        GR_LOCAL_STAGE(h, stage, "flaky");
        const auto anchor = h.join(stage, QStringLiteral("anchor"), true);
        const QString t = token(h, stage, QStringLiteral("mobile"));
        const auto first = joinWith(h, t);
        h.plane("leave", at(stage, first.participantId));
        const auto again = joinWith(h, t);
        QCOMPARE(again.participantId, first.participantId);
        const auto loader = load(h, stage, anchor.sessionId);
        const SessionStore &store = loader->store();
        const auto found = withRule(diagnosis::diagnoseSession(store), "reconnect");
        QCOMPARE(found.size(), 1);
        QCOMPARE(evidenceNames(store, found[0]),
                 (QStringList{QStringLiteral("LEFT"), QStringLiteral("JOINED")}));
        QVERIFY(found[0].title.contains(QStringLiteral("came back")));
        QCOMPARE(found[0].severity, Finding::Severity::Warning);
    }

    void mediaLimitsAndJoinErrors()
    {
        GR_LOCAL_STAGE(h, stage, "limits");
        const auto a = h.join(stage, QStringLiteral("a"), true);
        const auto b = h.join(stage, QStringLiteral("b"), true);
        h.plane("error",
                at(stage, a.participantId,
                   {{QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                    {QStringLiteral("errorCode"), QStringLiteral("RESOLUTION_EXCEEDED")}}));
        // Refused for its bitrate at every retry: three times.
        for (int retry = 0; retry < 3; ++retry)
            h.plane("error",
                    at(stage, a.participantId,
                       {{QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                        {QStringLiteral("errorCode"), QStringLiteral("BITRATE_EXCEEDED")}}));
        h.plane("error",
                at(stage, b.participantId,
                   {{QStringLiteral("name"), QStringLiteral("JOIN_ERROR")},
                    {QStringLiteral("errorCode"), QStringLiteral("INTERNAL_SERVER_EXCEPTION")}}));
        const auto loader = load(h, stage, a.sessionId);
        const SessionStore &store = loader->store();
        const auto all = diagnosis::diagnoseSession(store);
        const auto resolution = withRule(all, "resolution-limit");
        QCOMPARE(resolution.size(), 1);
        QVERIFY(resolution[0].explanation.contains(QStringLiteral("720p")));
        QVERIFY(resolution[0].reference.contains(QStringLiteral("rt-stream-ingest")));
        const auto bitrate = withRule(all, "bitrate-limit");
        // One finding that says how often, with every refusal as its evidence (the walkthrough
        // read the same problem three times over).
        QCOMPARE(bitrate.size(), 1);
        QVERIFY(bitrate[0].explanation.contains(QStringLiteral("8.5 Mbps")));
        QVERIFY2(bitrate[0].explanation.contains(QStringLiteral("3 times in all")),
                 qPrintable(bitrate[0].explanation));
        QCOMPARE(bitrate[0].evidence.size(), 3);
        QCOMPARE(withRule(all, "join-error").size(), 1);
        // The join error ended b's presence: a LEFT that carries the reason.
        const auto disconnected = withRule(all, "disconnected");
        QCOMPARE(disconnected.size(), 1);
        QVERIFY(disconnected[0].title.contains(QStringLiteral("INTERNAL_SERVER_EXCEPTION")));
        // A clean session has only the note.
        LocalHarness clean;
        const QString quiet = clean.createStage(QStringLiteral("quiet"));
        const auto solo = clean.join(quiet, QStringLiteral("solo"), true);
        clean.plane("leave", at(quiet, solo.participantId));
        const auto quietLoader = load(clean, quiet, solo.sessionId);
        const auto none = diagnosis::diagnoseSession(quietLoader->store());
        QCOMPARE(none.size(), 1);
        QCOMPARE(none[0].rule, QStringLiteral("invisible-joins"));
    }

    void demoPlaysEveryIncident()
    {
        // The demo, fast: its incidents on the town hall must show every rule, through the
        // same data plane and the same loader as a real session.
        play::FastDemo demo;
        QVERIFY(demo.ok());
        QSet<QString> rules;
        const QSet<QString> wanted{QStringLiteral("publisher-quota"),
                                   QStringLiteral("publisher-not-found"),
                                   QStringLiteral("capabilities"),
                                   QStringLiteral("resolution-limit"), QStringLiteral("reconnect")};
        QElapsedTimer clock;
        clock.start();
        while (!rules.contains(wanted) && clock.elapsed() < 30000) {
            QTest::qWait(1000);
            for (const QString &session : demo.townHallSessions()) {
                const auto loader = load(demo.harness, demo.townHall, session);
                for (const Finding &f : diagnosis::diagnoseSession(loader->store()))
                    rules.insert(f.rule);
            }
        }
        QVERIFY2(rules.contains(wanted),
                 qPrintable(QStringList(rules.values()).join(QStringLiteral(", "))));
    }

    void problemsModelGrowsInPlace()
    {
        GR_LOCAL_STAGE(h, stage, "model");
        const auto host = h.join(stage, QStringLiteral("host"), true);
        const auto fan = h.join(stage, QStringLiteral("fan"), false);
        h.plane("subscribe", at(stage, fan.participantId,
                                {{QStringLiteral("remoteParticipantId"), QStringLiteral("nope")}}));
        SessionLoader loader(h.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, host.sessionId);
        QVERIFY(done.wait(10000));
        DiagnosisModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(loader.store());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, DiagnosisModel::ParticipantColumn)).toString(),
                 QStringLiteral("fan (%1)").arg(fan.participantId));
        QCOMPARE(model.data(model.index(1, DiagnosisModel::ParticipantColumn)).toString(),
                 QStringLiteral("whole session"));
        QVERIFY(!model.data(model.index(0, 0), DiagnosisModel::EvidenceRole).toList().isEmpty());

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        h.plane("leave", at(stage, host.participantId));
        h.plane("subscribe", at(stage, fan.participantId,
                                {{QStringLiteral("remoteParticipantId"), host.participantId}}));
        done.clear();
        loader.refresh();
        QVERIFY(done.wait(10000));
        model.update(loader.store());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.data(model.index(2, DiagnosisModel::TitleColumn)).toString(),
                 QStringLiteral("A join that never reached the service leaves no event"));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "tst_diagnosis.moc"
