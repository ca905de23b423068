// Stages, participant tokens, sessions, participants, events and participant replication.

#include "local/localservice_p.h"

#include <QJsonDocument>

namespace gr::local
{

namespace
{

constexpr int kMaxStages = 1000;

const QString kStage = QStringLiteral("stage");

QJsonObject recordingDefaults()
{
    return QJsonObject{
        {QStringLiteral("storageConfigurationArn"), QString()},
        {QStringLiteral("mediaTypes"), QJsonArray{QStringLiteral("AUDIO_VIDEO")}},
        {QStringLiteral("thumbnailConfiguration"),
         QJsonObject{{QStringLiteral("targetIntervalSeconds"), 60},
                     {QStringLiteral("storage"), QJsonArray{QStringLiteral("SEQUENTIAL")}},
                     {QStringLiteral("recordingMode"), QStringLiteral("DISABLED")}}},
        {QStringLiteral("recordingReconnectWindowSeconds"), 0},
        {QStringLiteral("hlsConfiguration"),
         QJsonObject{{QStringLiteral("targetSegmentDurationSeconds"), 6}}},
        {QStringLiteral("recordParticipantReplicas"), true},
    };
}

QString idOf(const QString &arn)
{
    return arn.section(QLatin1Char('/'), -1);
}

} // namespace

ServiceError LocalService::Impl::checkAttributes(const QJsonObject &attributes,
                                                 const QString &member)
{
    qsizetype bytes = 0;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        if (!it->isString())
            return ServiceError::validation(
                QStringLiteral("Value at '%1.%2' must be a string").arg(member, it.key()));
        bytes += it.key().toUtf8().size() + it->toString().toUtf8().size();
    }
    if (bytes > 1024)
        return ServiceError::validation(
            QStringLiteral("Value at '%1' failed to satisfy constraint: the attributes must not "
                           "exceed 1 KB in total (they are %2 bytes)")
                .arg(member)
                .arg(bytes));
    return {};
}

ServiceError LocalService::Impl::checkTags(const QJsonObject &tags) const
{
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (it.key().startsWith(QLatin1String("aws:"), Qt::CaseInsensitive))
            return ServiceError::validation(
                QStringLiteral("Tag keys starting with 'aws:' are reserved: '%1'").arg(it.key()));
    }
    return {};
}

QJsonObject LocalService::Impl::stageJson(const QJsonObject &stored, bool summary) const
{
    QJsonObject stage;
    for (const char *key : {"arn", "name", "tags"}) {
        if (stored.contains(QLatin1String(key)))
            stage.insert(QLatin1String(key), stored.value(QLatin1String(key)));
    }
    const auto runtime = runtimes.find(stored.value(QLatin1String("arn")).toString());
    if (runtime != runtimes.end() && runtime->second.active)
        stage.insert(QStringLiteral("activeSessionId"), runtime->second.active->id);
    if (summary)
        return stage;
    stage.insert(QStringLiteral("autoParticipantRecordingConfiguration"),
                 stored.value(QLatin1String("autoParticipantRecordingConfiguration")));
    stage.insert(QStringLiteral("endpoints"), stored.value(QLatin1String("endpoints")));
    return stage;
}

QJsonObject LocalService::Impl::participantJson(const Participant &p, bool summary) const
{
    if (summary && p.summaryEvents == qsizetype(p.events.size()) &&
        p.summaryRecording == p.recordingState)
        return p.summaryCache;
    QJsonObject o{{QStringLiteral("participantId"), p.id},
                  {QStringLiteral("state"),
                   p.connected ? QStringLiteral("CONNECTED") : QStringLiteral("DISCONNECTED")},
                  {QStringLiteral("firstJoinTime"), iso(p.firstJoinTime)},
                  {QStringLiteral("published"), p.everPublished},
                  {QStringLiteral("recordingState"), p.recordingState},
                  {QStringLiteral("replicationType"), p.replicationType}};
    if (!p.userId.isEmpty())
        o.insert(QStringLiteral("userId"), p.userId);
    if (!p.replicationState.isEmpty())
        o.insert(QStringLiteral("replicationState"), p.replicationState);
    if (!p.sourceStageArn.isEmpty()) {
        o.insert(QStringLiteral("sourceStageArn"), p.sourceStageArn);
        o.insert(QStringLiteral("sourceSessionId"), p.sourceSessionId);
    }
    if (summary) {
        p.summaryBytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
        p.summaryCache = o;
        p.summaryEvents = qsizetype(p.events.size());
        p.summaryRecording = p.recordingState;
        return o;
    }
    o.insert(QStringLiteral("attributes"), p.attributes);
    const std::pair<const char *, const QString *> info[] = {
        {"ispName", &p.ispName},
        {"osName", &p.osName},
        {"osVersion", &p.osVersion},
        {"browserName", &p.browserName},
        {"browserVersion", &p.browserVersion},
        {"sdkVersion", &p.sdkVersion},
        {"recordingS3BucketName", &p.recordingS3BucketName},
        {"recordingS3Prefix", &p.recordingS3Prefix},
        {"ingestConfigurationArn", &p.ingestConfigurationArn}};
    for (const auto &[key, value] : info) {
        if (!value->isEmpty())
            o.insert(QLatin1String(key), *value);
    }
    o.insert(QStringLiteral("protocol"), p.protocol);
    o.insert(QStringLiteral("redundantIngest"), p.redundantIngest);
    return o;
}

QJsonObject LocalService::Impl::issueToken(const QString &stageArn, const QJsonObject &config,
                                           ServiceError *e)
{
    const QJsonObject attributes = config.value(QLatin1String("attributes")).toObject();
    if (const ServiceError bad = checkAttributes(attributes, QStringLiteral("attributes"));
        bad.isError()) {
        *e = bad;
        return {};
    }
    const int duration = config.value(QLatin1String("duration")).toInt(720);
    QJsonArray capabilities =
        config.contains(QLatin1String("capabilities"))
            ? config.value(QLatin1String("capabilities")).toArray()
            : QJsonArray{QStringLiteral("PUBLISH"), QStringLiteral("SUBSCRIBE")};
    const QString participantId = newId(12);
    const QDateTime issued = now();
    const QDateTime expiration = issued.addSecs(qint64(duration) * 60);
    const QString userId = config.value(QLatin1String("userId")).toString();
    const QString stageId = idOf(stageArn);
    QJsonObject claims{
        {QStringLiteral("exp"), expiration.toSecsSinceEpoch()},
        {QStringLiteral("iat"), issued.toSecsSinceEpoch()},
        {QStringLiteral("jti"), participantId},
        {QStringLiteral("resource"), stageArn},
        {QStringLiteral("topic"), stageId},
        {QStringLiteral("events_url"), QStringLiteral("wss://global.events.live-video.net")},
        {QStringLiteral("whip_url"),
         QStringLiteral("https://%1.global-bm.whip.live-video.net").arg(stageId.toLower())},
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("capabilities"),
         QJsonObject{
             {QStringLiteral("allow_publish"), capabilities.contains(QStringLiteral("PUBLISH"))},
             {QStringLiteral("allow_subscribe"),
              capabilities.contains(QStringLiteral("SUBSCRIBE"))}}},
        {QStringLiteral("version"), QStringLiteral("1.0")}};
    QStringList caps;
    for (const QJsonValue &c : capabilities)
        caps << c.toString();
    tokens.insert(participantId, {stageArn, expiration, false, userId, attributes, caps});
    QJsonObject token{{QStringLiteral("participantId"), participantId},
                      {QStringLiteral("token"), QString::fromLatin1(encodeJwt(claims, serviceKey))},
                      {QStringLiteral("attributes"), attributes},
                      {QStringLiteral("duration"), duration},
                      {QStringLiteral("capabilities"), capabilities},
                      {QStringLiteral("expirationTime"), iso(expiration)}};
    if (!userId.isEmpty())
        token.insert(QStringLiteral("userId"), userId);
    changed();
    return token;
}

Output LocalService::Impl::createStage(const QJsonObject &in, ServiceError *e)
{
    if (int(stages.size()) >= kMaxStages) {
        *e = ServiceError::quota(
            QStringLiteral("Maximum number of stages (%1) reached").arg(kMaxStages));
        return {};
    }
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    QJsonObject recording =
        in.value(QLatin1String("autoParticipantRecordingConfiguration")).toObject();
    const QString storage = recording.value(QLatin1String("storageConfigurationArn")).toString();
    if (!storage.isEmpty() && !storageConfigurations.count(storage)) {
        *e = ServiceError::notFound(
            QStringLiteral("Storage configuration %1 not found").arg(storage));
        return {};
    }
    const QString id = newId(12);
    const QString stageArn = arn(kStage, id);
    QJsonObject stage{
        {QStringLiteral("arn"), stageArn},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("autoParticipantRecordingConfiguration"),
         withDefaults(recording, recordingDefaults())},
        {QStringLiteral("endpoints"),
         QJsonObject{
             {QStringLiteral("events"), QStringLiteral("wss://global.events.live-video.net")},
             {QStringLiteral("whip"),
              QStringLiteral("https://%1.global-bm.whip.live-video.net").arg(id.toLower())},
             {QStringLiteral("rtmp"),
              QStringLiteral("rtmp://%1.global-contribute-staging.live-video.net/app/")
                  .arg(id.toLower())},
             {QStringLiteral("rtmps"),
              QStringLiteral("rtmps://%1.global-contribute-staging.live-video.net:443/app/")
                  .arg(id.toLower())}}}};
    if (in.contains(QLatin1String("name")))
        stage.insert(QStringLiteral("name"), in.value(QLatin1String("name")));
    QJsonArray issued;
    // Check every token configuration before creating anything: nothing half-made on error.
    for (const QJsonValue &config :
         in.value(QLatin1String("participantTokenConfigurations")).toArray()) {
        if ((*e = checkAttributes(config.toObject().value(QLatin1String("attributes")).toObject(),
                                  QStringLiteral("participantTokenConfigurations.attributes")))
                .isError())
            return {};
    }
    stages[stageArn] = stage;
    runtimes[stageArn];
    for (const QJsonValue &config :
         in.value(QLatin1String("participantTokenConfigurations")).toArray())
        issued.append(issueToken(stageArn, config.toObject(), e));
    changed();
    return {{QStringLiteral("stage"), stageJson(stage, false)},
            {QStringLiteral("participantTokens"), issued}};
}

Output LocalService::Impl::getStage(const QJsonObject &in, ServiceError *e)
{
    const auto it = stages.find(in.value(QLatin1String("arn")).toString());
    if (it == stages.end()) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    return {{QStringLiteral("stage"), stageJson(it->second, false)}};
}

Output LocalService::Impl::updateStage(const QJsonObject &in, ServiceError *e)
{
    const QString stageArn = in.value(QLatin1String("arn")).toString();
    const auto it = stages.find(stageArn);
    if (it == stages.end()) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    QJsonObject stage = it->second;
    if (in.contains(QLatin1String("name")))
        stage.insert(QStringLiteral("name"), in.value(QLatin1String("name")));
    if (in.contains(QLatin1String("autoParticipantRecordingConfiguration"))) {
        const StageRuntime &runtime = runtimes[stageArn];
        if (runtime.active) {
            for (const auto &p : runtime.active->participants) {
                if (p->connected && (p->recordingState == QLatin1String("ACTIVE") ||
                                     p->recordingState == QLatin1String("STARTING"))) {
                    *e = ServiceError::conflict(QStringLiteral(
                        "Auto participant recording cannot be changed while participants are "
                        "being recorded"));
                    return {};
                }
            }
        }
        QJsonObject recording =
            in.value(QLatin1String("autoParticipantRecordingConfiguration")).toObject();
        const QString storage =
            recording.value(QLatin1String("storageConfigurationArn")).toString();
        if (!storage.isEmpty() && !storageConfigurations.count(storage)) {
            *e = ServiceError::notFound(
                QStringLiteral("Storage configuration %1 not found").arg(storage));
            return {};
        }
        // An empty storage ARN turns recording off and resets the other fields.
        const QJsonObject base =
            storage.isEmpty()
                ? recordingDefaults()
                : withDefaults(stage.value(QLatin1String("autoParticipantRecordingConfiguration"))
                                   .toObject(),
                               recordingDefaults());
        stage.insert(QStringLiteral("autoParticipantRecordingConfiguration"),
                     storage.isEmpty() ? base : withDefaults(recording, base));
    }
    it->second = stage;
    changed();
    return {{QStringLiteral("stage"), stageJson(stage, false)}};
}

Output LocalService::Impl::deleteStage(const QJsonObject &in, ServiceError *e)
{
    const QString stageArn = in.value(QLatin1String("arn")).toString();
    if (!stages.count(stageArn)) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    for (const auto &[compositionArn, composition] : compositions) {
        const QString state = composition.value(QLatin1String("state")).toString();
        if (composition.value(QLatin1String("stageArn")).toString() == stageArn &&
            (state == QLatin1String("STARTING") || state == QLatin1String("ACTIVE"))) {
            *e = ServiceError::conflict(
                QStringLiteral("Stage has an active composition %1; stop it first")
                    .arg(compositionArn));
            return {};
        }
    }
    StageRuntime &runtime = runtimes[stageArn];
    if (Session *session = runtime.active) {
        for (const auto &p : session->participants) {
            if (p->connected)
                leave(stageArn, session, p.get(), QString());
        }
    }
    for (auto it = tokens.begin(); it != tokens.end(); ++it) {
        if (it->stageArn == stageArn)
            it->revoked = true;
    }
    stages.erase(stageArn);
    runtimes.erase(stageArn);
    changed();
    return {};
}

Output LocalService::Impl::listStages(const QJsonObject &in, ServiceError *e)
{
    std::vector<std::pair<QString, int>> keys;
    std::vector<const QJsonObject *> items;
    for (const auto &[key, stage] : stages) {
        keys.emplace_back(key, int(items.size()));
        items.push_back(&stage);
    }
    const Page page = paginate(
        QStringLiteral("ListStages"), std::move(keys), in, 50,
        [&](int i) { return stageJson(*items[size_t(i)], true); }, e);
    QJsonObject out{{QStringLiteral("stages"), page.items}};
    if (!page.nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), page.nextToken);
    return out;
}

Output LocalService::Impl::createParticipantToken(const QJsonObject &in, ServiceError *e)
{
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    if (!stages.count(stageArn)) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    const QJsonObject token = issueToken(stageArn, in, e);
    if (e->isError())
        return {};
    return {{QStringLiteral("participantToken"), token}};
}

Session *LocalService::Impl::ensureSession(const QString &stageArn)
{
    StageRuntime &runtime = runtimes[stageArn];
    if (!runtime.active) {
        auto session = std::make_unique<Session>();
        session->id = QStringLiteral("st-") + newId(13);
        session->startTime = now();
        runtime.active = session.get();
        runtime.sessions.push_back(std::move(session));
        changed();
    }
    return runtime.active;
}

void LocalService::Impl::addEvent(Participant *p, Event event)
{
    if (!event.time.isValid())
        event.time = now();
    // Events are served in time order; a clock that steps back must not reorder them.
    if (!p->events.empty() && event.time < p->events.back().time)
        event.time = p->events.back().time;
    p->events.push_back(std::move(event));
    changed();
}

void LocalService::Impl::leave(const QString &stageArn, Session *session, Participant *p,
                               const QString &errorCode)
{
    if (!p->connected)
        return;
    // Stop what the participant was doing, in the order a client would report it. Only a
    // publisher has subscribers (unpublishing ends their subscriptions): a session of many
    // participants is not walked for each one that leaves.
    for (size_t i = 0; p->publishing && i < session->participants.size(); ++i) {
        Participant *other = session->participants[i].get();
        if (other->connected && other->subscribedTo.remove(p->id))
            addEvent(other,
                     {QStringLiteral("SUBSCRIBE_STOPPED"), {}, p->id, {}, {}, {}, false, {}, {}});
    }
    for (const QString &remote : std::as_const(p->subscribedTo))
        addEvent(p, {QStringLiteral("SUBSCRIBE_STOPPED"), {}, remote, {}, {}, {}, false, {}, {}});
    p->subscribedTo.clear();
    if (p->publishing) {
        p->publishing = false;
        addEvent(p, {QStringLiteral("PUBLISH_STOPPED"), {}, {}, {}, {}, {}, false, {}, {}});
    }
    for (Replica &replica : replicas) {
        if (replica.sourceStageArn == stageArn && replica.participantId == p->id &&
            replica.replicationState == QLatin1String("ACTIVE")) {
            QJsonObject stop{{QStringLiteral("sourceStageArn"), stageArn},
                             {QStringLiteral("destinationStageArn"), replica.destinationStageArn},
                             {QStringLiteral("participantId"), p->id}};
            ServiceError ignored;
            stopParticipantReplication(stop, &ignored);
        }
    }
    p->connected = false;
    if (p->recordingState == QLatin1String("ACTIVE") ||
        p->recordingState == QLatin1String("STARTING")) {
        p->recordingState = QStringLiteral("STOPPING");
        const QString sessionId = session->id;
        const QString participantId = p->id;
        schedule(2.0, [this, stageArn, sessionId, participantId] {
            auto runtime = runtimes.find(stageArn);
            if (runtime == runtimes.end())
                return;
            for (const auto &s : runtime->second.sessions) {
                if (s->id == sessionId) {
                    if (Participant *pp = s->byId.value(participantId);
                        pp && pp->recordingState == QLatin1String("STOPPING"))
                        pp->recordingState = QStringLiteral("STOPPED");
                }
            }
        });
    }
    addEvent(p, {QStringLiteral("LEFT"),
                 {},
                 {},
                 errorCode,
                 {},
                 {},
                 p->replicationType == QLatin1String("REPLICA"),
                 {},
                 {}});
    --session->connected;
    endSessionIfEmpty(stageArn, session);
}

void LocalService::Impl::endSessionIfEmpty(const QString &stageArn, Session *session)
{
    if (session->connected > 0)
        return;
    StageRuntime &runtime = runtimes[stageArn];
    session->endTime = now();
    if (runtime.active == session)
        runtime.active = nullptr;
    runtime.emptySince = now();
    changed();
}

Output LocalService::Impl::disconnectParticipant(const QJsonObject &in, ServiceError *e)
{
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    const QString participantId = in.value(QLatin1String("participantId")).toString();
    if (!stages.count(stageArn)) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    StageRuntime &runtime = runtimes[stageArn];
    Participant *p = runtime.active ? runtime.active->byId.value(participantId) : nullptr;
    auto token = tokens.find(participantId);
    const bool tokenOfStage = token != tokens.end() && token->stageArn == stageArn;
    if (!tokenOfStage && !(p && p->connected)) {
        *e = ServiceError::notFound(QStringLiteral("Participant %1 not found").arg(participantId));
        return {};
    }
    if (tokenOfStage)
        token->revoked = true;
    if (p && p->connected)
        leave(stageArn, runtime.active, p, QString());
    changed();
    return {};
}

static Session *findSession(std::map<QString, StageRuntime> &runtimes, const QString &stageArn,
                            const QString &sessionId)
{
    const auto it = runtimes.find(stageArn);
    if (it == runtimes.end())
        return nullptr;
    for (const auto &s : it->second.sessions) {
        if (s->id == sessionId)
            return s.get();
    }
    return nullptr;
}

static QJsonObject sessionJson(const Session &s)
{
    QJsonObject o{{QStringLiteral("sessionId"), s.id},
                  {QStringLiteral("startTime"), s.startTime.toUTC().toString(Qt::ISODateWithMs)}};
    if (s.endTime.isValid())
        o.insert(QStringLiteral("endTime"), s.endTime.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

Output LocalService::Impl::getStageSession(const QJsonObject &in, ServiceError *e)
{
    Session *s = findSession(runtimes, in.value(QLatin1String("stageArn")).toString(),
                             in.value(QLatin1String("sessionId")).toString());
    if (!s) {
        *e = ServiceError::notFound(QStringLiteral("Stage session not found"));
        return {};
    }
    return {{QStringLiteral("stageSession"), sessionJson(*s)}};
}

Output LocalService::Impl::listStageSessions(const QJsonObject &in, ServiceError *e)
{
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    std::vector<std::pair<QString, int>> keys;
    const auto it = runtimes.find(stageArn);
    const std::vector<std::unique_ptr<Session>> empty;
    const auto &sessions = it == runtimes.end() ? empty : it->second.sessions;
    // Newest first: the key sorts by inverted start time.
    for (size_t i = 0; i < sessions.size(); ++i)
        keys.emplace_back(
            QStringLiteral("%1-%2")
                .arg(Q_INT64_C(99999999999999) - sessions[i]->startTime.toMSecsSinceEpoch(), 14, 10,
                     QLatin1Char('0'))
                .arg(sessions[i]->id),
            int(i));
    const Page page = paginate(
        QStringLiteral("ListStageSessions"), std::move(keys), in, 50,
        [&](int i) { return sessionJson(*sessions[size_t(i)]); }, e);
    QJsonObject out{{QStringLiteral("stageSessions"), page.items}};
    if (!page.nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), page.nextToken);
    return out;
}

Output LocalService::Impl::getParticipant(const QJsonObject &in, ServiceError *e)
{
    Session *s = findSession(runtimes, in.value(QLatin1String("stageArn")).toString(),
                             in.value(QLatin1String("sessionId")).toString());
    Participant *p =
        s ? s->byId.value(in.value(QLatin1String("participantId")).toString()) : nullptr;
    if (!p) {
        *e = ServiceError::notFound(QStringLiteral("Participant not found"));
        return {};
    }
    return {{QStringLiteral("participant"), participantJson(*p, false)}};
}

Output LocalService::Impl::listParticipants(const QJsonObject &in, ServiceError *e)
{
    int filters = 0;
    for (const char *f :
         {"filterByUserId", "filterByPublished", "filterByState", "filterByRecordingState"})
        filters += in.contains(QLatin1String(f)) ? 1 : 0;
    if (filters > 1) {
        *e = ServiceError::validation(
            QStringLiteral("Only one of filterByUserId, filterByPublished, filterByState and "
                           "filterByRecordingState may be given per request"));
        return {};
    }
    Session *s = findSession(runtimes, in.value(QLatin1String("stageArn")).toString(),
                             in.value(QLatin1String("sessionId")).toString());
    size_t position = 0;
    if (!pageStart(QStringLiteral("ListParticipants"), in, &position, e))
        return {};
    const int maxResults = pageSize(in, 50);
    const QString user = in.value(QLatin1String("filterByUserId")).toString();
    const QJsonValue published = in.value(QLatin1String("filterByPublished"));
    const QString state = in.value(QLatin1String("filterByState")).toString();
    const QString recording = in.value(QLatin1String("filterByRecordingState")).toString();
    const auto accepted = [&](const Participant &p) {
        if (!user.isEmpty() && p.userId != user)
            return false;
        if (published.isBool() && p.everPublished != published.toBool())
            return false;
        if (!state.isEmpty() && (state == QLatin1String("CONNECTED")) != p.connected)
            return false;
        return recording.isEmpty() || p.recordingState == recording;
    };
    // The hottest list of live monitoring: a cursor into the join order, answered from each
    // participant's cached JSON.
    QByteArray body = "{\"participants\":[";
    int count = 0;
    size_t last = 0;
    const size_t end = s ? s->participants.size() : 0;
    for (; position < end && count < maxResults; ++position) {
        const Participant &p = *s->participants[position];
        if (!accepted(p))
            continue;
        participantJson(p, true); // refreshes the cache if stale
        if (count++ > 0)
            body += ',';
        body += p.summaryBytes;
        last = position;
    }
    body += ']';
    // A token only when something may follow (the real service does not end on an empty page).
    bool more = false;
    for (size_t next = position; next < end && count > 0 && !more; ++next)
        more = accepted(*s->participants[next]);
    if (more)
        body += ",\"nextToken\":\"" +
                encodeToken(QStringLiteral("ListParticipants"), positionKey(last)).toLatin1() + '"';
    body += '}';
    return Output::json(body);
}

Output LocalService::Impl::listParticipantEvents(const QJsonObject &in, ServiceError *e)
{
    Session *s = findSession(runtimes, in.value(QLatin1String("stageArn")).toString(),
                             in.value(QLatin1String("sessionId")).toString());
    Participant *p =
        s ? s->byId.value(in.value(QLatin1String("participantId")).toString()) : nullptr;
    size_t position = 0;
    if (!pageStart(QStringLiteral("ListParticipantEvents"), in, &position, e))
        return {};
    const int maxResults = pageSize(in, 50);
    const size_t end = p ? p->events.size() : 0;
    QJsonArray events;
    for (; position < end && events.size() < maxResults; ++position)
        events.append(eventJson(p->id, p->events[position]));
    QJsonObject out{{QStringLiteral("events"), events}};
    if (position < end && !events.isEmpty())
        out.insert(QStringLiteral("nextToken"),
                   encodeToken(QStringLiteral("ListParticipantEvents"), positionKey(position - 1)));
    return out;
}

Output LocalService::Impl::startParticipantReplication(const QJsonObject &in, ServiceError *e)
{
    const QString source = in.value(QLatin1String("sourceStageArn")).toString();
    const QString destination = in.value(QLatin1String("destinationStageArn")).toString();
    const QString participantId = in.value(QLatin1String("participantId")).toString();
    if (source == destination) {
        *e = ServiceError::validation(
            QStringLiteral("The source and destination stages must differ"));
        return {};
    }
    if (!stages.count(source) || !stages.count(destination)) {
        *e = ServiceError::notFound(
            QStringLiteral("Stage %1 not found").arg(stages.count(source) ? destination : source));
        return {};
    }
    if ((*e = checkAttributes(in.value(QLatin1String("attributes")).toObject(),
                              QStringLiteral("attributes")))
            .isError())
        return {};
    StageRuntime &runtime = runtimes[source];
    Participant *p = runtime.active ? runtime.active->byId.value(participantId) : nullptr;
    if (!p || !p->connected) {
        *e = ServiceError::notFound(
            QStringLiteral("Participant %1 is not connected to the source stage")
                .arg(participantId));
        return {};
    }
    if (p->replicationType == QLatin1String("REPLICA")) {
        *e = ServiceError::conflict(QStringLiteral("A replica participant cannot be replicated"));
        return {};
    }
    for (const Replica &r : replicas) {
        if (r.sourceStageArn == source && r.participantId == participantId &&
            r.destinationStageArn == destination && r.replicationState == QLatin1String("ACTIVE")) {
            *e = ServiceError::conflict(QStringLiteral("Participant %1 is already replicated to %2")
                                            .arg(participantId, destination));
            return {};
        }
    }
    Session *destinationSession = ensureSession(destination);
    auto replica = std::make_unique<Participant>(*p);
    replica->summaryEvents = -1; // the copied cache describes the source, not the replica
    replica->events.clear();
    replica->subscribedTo.clear();
    replica->firstJoinTime = now();
    replica->replicationType = QStringLiteral("REPLICA");
    replica->replicationState = QStringLiteral("ACTIVE");
    replica->sourceStageArn = source;
    replica->sourceSessionId = runtime.active->id;
    replica->recordingState = QStringLiteral("DISABLED");
    replica->everPublished = replica->publishing; // of this session, not the source's
    const QJsonObject extra = in.value(QLatin1String("attributes")).toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        replica->attributes.insert(it.key(), *it);
    Participant *replicaPtr = replica.get();
    if (Participant *previous = destinationSession->byId.value(p->id)) {
        // Replicated before into this session: reconnect the same record.
        const bool everPublished = previous->everPublished;
        *previous = *replicaPtr;
        previous->everPublished = previous->everPublished || everPublished;
        replicaPtr = previous;
    } else {
        destinationSession->byId.insert(replica->id, replicaPtr);
        destinationSession->participants.push_back(std::move(replica));
    }
    replicaPtr->connected = true;
    ++destinationSession->connected;
    destinationSession->noteMedia(replicaPtr);
    addEvent(replicaPtr, {QStringLiteral("JOINED"), {}, {}, {}, {}, {}, true, {}, {}});
    if (replicaPtr->publishing)
        addEvent(replicaPtr, {QStringLiteral("PUBLISH_STARTED"), {}, {}, {}, {}, {}, true, {}, {}});
    p->replicationType = QStringLiteral("SOURCE");
    p->replicationState = QStringLiteral("ACTIVE");
    addEvent(p, {QStringLiteral("REPLICATION_STARTED"),
                 {},
                 {},
                 {},
                 destination,
                 destinationSession->id,
                 false,
                 {},
                 {}});
    replicas.push_back({source, participantId, runtime.active->id, destination,
                        destinationSession->id, QStringLiteral("ACTIVE"),
                        in.value(QLatin1String("reconnectWindowSeconds")).toInt(0), extra});
    changed();
    return {};
}

Output LocalService::Impl::stopParticipantReplication(const QJsonObject &in, ServiceError *e)
{
    const QString source = in.value(QLatin1String("sourceStageArn")).toString();
    const QString destination = in.value(QLatin1String("destinationStageArn")).toString();
    const QString participantId = in.value(QLatin1String("participantId")).toString();
    auto it = std::find_if(replicas.begin(), replicas.end(), [&](const Replica &r) {
        return r.sourceStageArn == source && r.destinationStageArn == destination &&
               r.participantId == participantId && r.replicationState == QLatin1String("ACTIVE");
    });
    if (it == replicas.end()) {
        *e = ServiceError::notFound(QStringLiteral("No active replication of %1 from %2 to %3")
                                        .arg(participantId, source, destination));
        return {};
    }
    it->replicationState = QStringLiteral("STOPPED");
    const QString destinationSessionId = it->destinationSessionId;
    if (Session *s = findSession(runtimes, destination, destinationSessionId)) {
        if (Participant *replica = s->byId.value(participantId)) {
            replica->replicationState = QStringLiteral("STOPPED");
            leave(destination, s, replica, QString());
        }
    }
    if (Session *s = findSession(runtimes, source, it->sourceSessionId)) {
        if (Participant *p = s->byId.value(participantId)) {
            addEvent(p, {QStringLiteral("REPLICATION_STOPPED"),
                         {},
                         {},
                         {},
                         destination,
                         destinationSessionId,
                         false,
                         {},
                         {}});
            const bool stillReplicating =
                std::any_of(replicas.begin(), replicas.end(), [&](const Replica &r) {
                    return r.sourceStageArn == source && r.participantId == participantId &&
                           r.replicationState == QLatin1String("ACTIVE");
                });
            if (!stillReplicating)
                p->replicationState = QStringLiteral("STOPPED");
        }
    }
    changed();
    return {};
}

Output LocalService::Impl::listParticipantReplicas(const QJsonObject &in, ServiceError *e)
{
    const QString source = in.value(QLatin1String("sourceStageArn")).toString();
    const QString participantId = in.value(QLatin1String("participantId")).toString();
    std::vector<std::pair<QString, int>> keys;
    for (size_t i = 0; i < replicas.size(); ++i) {
        if (replicas[i].sourceStageArn == source && replicas[i].participantId == participantId)
            keys.emplace_back(QStringLiteral("%1").arg(i, 9, 10, QLatin1Char('0')), int(i));
    }
    const Page page = paginate(
        QStringLiteral("ListParticipantReplicas"), std::move(keys), in, 50,
        [&](int i) {
            const Replica &r = replicas[size_t(i)];
            return QJsonObject{{QStringLiteral("sourceStageArn"), r.sourceStageArn},
                               {QStringLiteral("participantId"), r.participantId},
                               {QStringLiteral("sourceSessionId"), r.sourceSessionId},
                               {QStringLiteral("destinationStageArn"), r.destinationStageArn},
                               {QStringLiteral("destinationSessionId"), r.destinationSessionId},
                               {QStringLiteral("replicationState"), r.replicationState}};
        },
        e);
    QJsonObject out{{QStringLiteral("replicas"), page.items}};
    if (!page.nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), page.nextToken);
    return out;
}

} // namespace gr::local
