// --demo: a few stages kept busy with realistic traffic through the same data plane real
// participants use, so every view of the console has something true to show. Bounded: old
// sessions are dropped so memory stays flat however long it runs.

#include "local/localservice_p.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace gr::local
{

namespace
{

constexpr int kMaxConnectedPerStage = 9;
constexpr size_t kSessionsKept = 8;

const char *const kUsers[] = {"alice", "bob",  "chen",  "dana", "emeka", "farah", "goran",
                              "hiro",  "ines", "jamal", "kofi", "lena",  "mateo", "nora"};
const char *const kBrowsers[][2] = {
    {"Chrome", "131.0"}, {"Firefox", "133.0"}, {"Safari", "18.1"}, {"Edge", "131.0"}};
const char *const kSystems[][2] = {
    {"Windows", "11"}, {"macOS", "15.1"}, {"iOS", "18.1"}, {"Android", "15"}, {"Linux", "6.8"}};
const char *const kIsps[] = {"Comcast", "Deutsche Telekom", "Orange", "Vodafone", "Verizon Fios"};
const char *const kErrors[][2] = {{"PUBLISH_ERROR", "BITRATE_EXCEEDED"},
                                  {"PUBLISH_ERROR", "RESOLUTION_EXCEEDED"},
                                  {"PUBLISH_ERROR", "INVALID_VIDEO_CODEC"}};

template <typename T, size_t N> const T &pickOne(const T (&items)[N])
{
    return items[QRandomGenerator::global()->bounded(int(N))];
}

// Incidents as they happen on real stages, one every few rounds on the town hall, so every
// diagnosis rule has something true to show. Only sequences the real service emits: each goes
// through the same data plane a client would use.
void playIncident(LocalService::Impl *impl, const QString &stageArn, int which)
{
    auto call = [impl](const char *action, const QJsonObject &body) {
        HttpRequest r;
        r.method = "POST";
        r.path = QByteArray("/__greenroom/") + action;
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return QJsonDocument::fromJson(impl->dataPlane(r).body).object();
    };
    auto token = [impl, &stageArn](const char *user, const QJsonArray &caps = {}) {
        ServiceError e;
        QJsonObject config{{QStringLiteral("userId"), QLatin1String(user)},
                           {QStringLiteral("duration"), 30}};
        if (!caps.isEmpty())
            config.insert(QStringLiteral("capabilities"), caps);
        return impl->issueToken(stageArn, config, &e);
    };
    auto at = [stageArn](const QString &participantId, QJsonObject more = {}) {
        more.insert(QStringLiteral("stageArn"), stageArn);
        more.insert(QStringLiteral("participantId"), participantId);
        return more;
    };
    auto joinAs = [&](const char *user, const QJsonArray &caps = {}) {
        return call("join",
                    {{QStringLiteral("token"), token(user, caps).value(QLatin1String("token"))},
                     {QStringLiteral("browserName"), QStringLiteral("Chrome")},
                     {QStringLiteral("sdkVersion"), QStringLiteral("1.21.0")}})
            .value(QLatin1String("participantId"))
            .toString();
    };
    Session *session = impl->runtimes[stageArn].active;
    auto publishers = [&] {
        std::vector<Participant *> out;
        if (session) {
            for (const auto &p : session->participants) {
                if (p->connected && p->publishing)
                    out.push_back(p.get());
            }
        }
        return out;
    };
    switch (which % 5) {
    case 0: { // a thirteenth publisher: the panel is full
        for (int i = 0; publishers().size() < 12 && i < 12; ++i) {
            const QString id = joinAs("panelist");
            call("publish", at(id));
            session = impl->runtimes[stageArn].active;
        }
        const QString late = joinAs("late-speaker");
        call("publish", at(late));
        impl->schedule(3, [call, at, late] { call("leave", at(late)); });
        break;
    }
    case 1: { // a subscriber whose publisher just left
        std::vector<Participant *> live = publishers();
        if (live.empty()) {
            const QString id = joinAs("presenter");
            call("publish", at(id));
            session = impl->runtimes[stageArn].active;
            live = publishers();
        }
        if (live.empty())
            break;
        const QString publisher = live.front()->id;
        const QString fan = joinAs("latecomer", {QStringLiteral("SUBSCRIBE")});
        call("leave", at(publisher));
        // The subscriber's app still lists the publisher and subscribes a moment later.
        impl->schedule(0.4, [call, at, fan, publisher] {
            call("subscribe", at(fan, {{QStringLiteral("remoteParticipantId"), publisher}}));
        });
        break;
    }
    case 2: { // tokens: a viewer's token cannot publish; an expired token cannot even join
        const QString viewer = joinAs("viewer-with-mic", {QStringLiteral("SUBSCRIBE")});
        call("publish", at(viewer));
        const QJsonObject stale = token("returning-guest");
        const QString jti = stale.value(QLatin1String("participantId")).toString();
        if (impl->tokens.contains(jti))
            impl->tokens[jti].expiration = impl->now().addSecs(-60); // issued long ago
        // Refused before the service records anything: no participant, no event.
        call("join", {{QStringLiteral("token"), stale.value(QLatin1String("token"))}});
        break;
    }
    case 3: { // a camera above 720p
        const QString id = joinAs("4k-webcam");
        call("error",
             at(id, {{QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                     {QStringLiteral("errorCode"), QStringLiteral("RESOLUTION_EXCEEDED")}}));
        break;
    }
    case 4: { // a network drop: the SDK rejoins with the same token a few seconds later
        const QJsonObject t = token("on-the-train");
        const QJsonObject join{{QStringLiteral("token"), t.value(QLatin1String("token"))},
                               {QStringLiteral("osName"), QStringLiteral("iOS")}};
        const QString id = call("join", join).value(QLatin1String("participantId")).toString();
        call("publish", at(id));
        call("leave", at(id));
        impl->schedule(4, [call, at, join, id] {
            call("join", join);
            call("publish", at(id));
        });
        break;
    }
    }
}

} // namespace

void LocalService::Impl::startDemo()
{
    // A state file from an earlier run already has the demo's resources: adopt its stages.
    for (const auto &[stageArn, stage] : stages) {
        if (stage.value(QLatin1String("tags")).toObject().value(QLatin1String("greenroom-demo")) ==
            QLatin1String("true"))
            demoStages.insert(stageArn);
    }
    if (!demoStages.empty()) {
        startDemoTimer();
        return;
    }
    ServiceError e;
    const QJsonObject storage =
        createStorageConfiguration(
            {{QStringLiteral("name"), QStringLiteral("demo-recordings")},
             {QStringLiteral("s3"), QJsonObject{{QStringLiteral("bucketName"),
                                                 QStringLiteral("greenroom-demo-recordings")}}}},
            &e)
            .value(QLatin1String("storageConfiguration"))
            .toObject();
    const QJsonObject encoder =
        createEncoderConfiguration({{QStringLiteral("name"), QStringLiteral("hd-720p30")}}, &e)
            .value(QLatin1String("encoderConfiguration"))
            .toObject();
    createEncoderConfiguration(
        {{QStringLiteral("name"), QStringLiteral("fhd-1080p30")},
         {QStringLiteral("video"), QJsonObject{{QStringLiteral("width"), 1920},
                                               {QStringLiteral("height"), 1080},
                                               {QStringLiteral("bitrate"), 6000000}}}},
        &e);
    const QString storageArn = storage.value(QLatin1String("arn")).toString();
    const QJsonObject demoTags{{QStringLiteral("env"), QStringLiteral("demo")},
                               {QStringLiteral("greenroom-demo"), QStringLiteral("true")}};
    for (const char *name : {"town-hall", "podcast-studio", "game-night"}) {
        QJsonObject in{{QStringLiteral("name"), QLatin1String(name)},
                       {QStringLiteral("tags"), demoTags}};
        if (QByteArray(name) == "podcast-studio")
            in.insert(QStringLiteral("autoParticipantRecordingConfiguration"),
                      QJsonObject{{QStringLiteral("storageConfigurationArn"), storageArn}});
        demoStages.insert(createStage(in, &e)
                              .value(QLatin1String("stage"))
                              .toObject()
                              .value(QLatin1String("arn"))
                              .toString());
    }
    demoStages.insert(createStage({{QStringLiteral("name"), QStringLiteral("quiet-room")},
                                   {QStringLiteral("tags"), demoTags}},
                                  &e)
                          .value(QLatin1String("stage"))
                          .toObject()
                          .value(QLatin1String("arn"))
                          .toString());
    // Something for the key and ingest views too: an imported key and an OBS-style ingest.
    importPublicKey({{QStringLiteral("name"), QStringLiteral("token-signer")},
                     {QStringLiteral("publicKeyMaterial"),
                      QString::fromLatin1(Es384Key::generate().publicPem())}},
                    &e);
    for (const auto &[stageArn, stage] : stages) {
        if (demoStages.count(stageArn) &&
            stage.value(QLatin1String("name")) == QLatin1String("game-night"))
            createIngestConfiguration({{QStringLiteral("name"), QStringLiteral("obs-studio")},
                                       {QStringLiteral("ingestProtocol"), QStringLiteral("RTMPS")},
                                       {QStringLiteral("stageArn"), stageArn},
                                       {QStringLiteral("userId"), QStringLiteral("streamer")}},
                                      &e);
    }
    // A composition of the town hall into S3, started once people are there.
    const QString encoderArn = encoder.value(QLatin1String("arn")).toString();
    schedule(5, [this, storageArn, encoderArn] {
        for (const auto &[stageArn, stage] : stages) {
            if (!demoStages.count(stageArn) ||
                stage.value(QLatin1String("name")) != QLatin1String("town-hall"))
                continue;
            ServiceError ignored;
            startComposition(
                {{QStringLiteral("stageArn"), stageArn},
                 {QStringLiteral("destinations"),
                  QJsonArray{QJsonObject{
                      {QStringLiteral("name"), QStringLiteral("archive")},
                      {QStringLiteral("s3"),
                       QJsonObject{{QStringLiteral("storageConfigurationArn"), storageArn},
                                   {QStringLiteral("encoderConfigurationArns"),
                                    QJsonArray{encoderArn}}}}}}}},
                &ignored);
        }
    });
    startDemoTimer();
}

void LocalService::Impl::startDemoTimer()
{
    demoTimer.setInterval(int(700 / (options.timeScale > 0 ? options.timeScale : 1.0)));
    QObject::connect(&demoTimer, &QTimer::timeout, q, [this] { demoStep(); });
    demoTimer.start();
}

void LocalService::Impl::demoStep()
{
    ++demoRound;
    auto *rng = QRandomGenerator::global();
    auto call = [this](const char *action, const QJsonObject &body) {
        HttpRequest r;
        r.method = "POST";
        r.path = QByteArray("/__greenroom/") + action;
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return dataPlane(r);
    };
    for (auto &[stageArn, stage] : stages) {
        if (!demoStages.count(stageArn))
            continue; // a stage the user made: never taken over
        if (stage.value(QLatin1String("name")) == QLatin1String("quiet-room"))
            continue; // one stage stays empty, as real accounts have
        if (stage.value(QLatin1String("name")) == QLatin1String("town-hall") &&
            demoRound % 20 == 10) {
            playIncident(this, stageArn, demoRound / 20);
            continue;
        }
        StageRuntime &runtime = runtimes[stageArn];
        Session *session = runtime.active;
        std::vector<Participant *> connected;
        if (session) {
            for (const auto &p : session->participants) {
                if (p->connected && p->replicationType != QLatin1String("REPLICA"))
                    connected.push_back(p.get());
            }
        }
        const int roll = rng->bounded(100);
        const QString &arn = stageArn; // clang 14 cannot capture a structured binding
        auto base = [&](Participant *p) {
            return QJsonObject{{QStringLiteral("stageArn"), arn},
                               {QStringLiteral("participantId"), p->id}};
        };
        // Every few minutes a stage empties, so sessions end and new ones begin.
        if (session && demoRound % 240 == 0) {
            for (Participant *p : connected)
                call("leave", base(p));
            continue;
        }
        if (int(connected.size()) < kMaxConnectedPerStage && (connected.size() < 2 || roll < 30)) {
            ServiceError e;
            const bool viewer = rng->bounded(4) == 0;
            QJsonObject config{
                {QStringLiteral("userId"), QLatin1String(pickOne(kUsers))},
                {QStringLiteral("duration"), 30},
                {QStringLiteral("attributes"),
                 QJsonObject{{QStringLiteral("role"),
                              viewer ? QStringLiteral("viewer") : QStringLiteral("speaker")}}}};
            if (viewer)
                config.insert(QStringLiteral("capabilities"),
                              QJsonArray{QStringLiteral("SUBSCRIBE")});
            const QJsonObject token = issueToken(stageArn, config, &e);
            const auto &browser = pickOne(kBrowsers);
            const auto &system = pickOne(kSystems);
            call("join", {{QStringLiteral("token"), token.value(QLatin1String("token"))},
                          {QStringLiteral("browserName"), QLatin1String(browser[0])},
                          {QStringLiteral("browserVersion"), QLatin1String(browser[1])},
                          {QStringLiteral("osName"), QLatin1String(system[0])},
                          {QStringLiteral("osVersion"), QLatin1String(system[1])},
                          {QStringLiteral("ispName"), QLatin1String(pickOne(kIsps))},
                          {QStringLiteral("sdkVersion"), QStringLiteral("1.21.0")}});
            continue;
        }
        if (connected.empty())
            continue;
        Participant *p = connected[size_t(rng->bounded(int(connected.size())))];
        if (roll < 45) {
            call(p->publishing ? "unpublish" : "publish", base(p));
        } else if (roll < 80) {
            std::vector<Participant *> publishers;
            for (Participant *other : connected) {
                if (other != p && other->publishing && !p->subscribedTo.contains(other->id))
                    publishers.push_back(other);
            }
            if (!publishers.empty()) {
                QJsonObject body = base(p);
                body.insert(QStringLiteral("remoteParticipantId"),
                            publishers[size_t(rng->bounded(int(publishers.size())))]->id);
                call("subscribe", body);
            }
        } else if (roll < 85) {
            const auto &error = pickOne(kErrors);
            QJsonObject body = base(p);
            body.insert(QStringLiteral("name"), QLatin1String(error[0]));
            body.insert(QStringLiteral("errorCode"), QLatin1String(error[1]));
            call("error", body);
        } else if (int(connected.size()) > 3) {
            call("leave", base(p));
        }
    }
    varyDemoNetworks(); // some participants' networks degrade and recover
    // Keep memory flat: forget old sessions and expired tokens.
    for (auto &[stageArn, runtime] : runtimes) {
        while (runtime.sessions.size() > kSessionsKept &&
               runtime.sessions.front().get() != runtime.active)
            runtime.sessions.erase(runtime.sessions.begin());
    }
    if (demoRound % 50 == 0) {
        const QDateTime t = now();
        for (auto it = tokens.begin(); it != tokens.end();) {
            if (it->expiration < t)
                it = tokens.erase(it);
            else
                ++it;
        }
    }
}

} // namespace gr::local
