// --state FILE: everything the service knows, saved atomically (QSaveFile) after changes and
// loaded at start. A file that cannot be read is reported and left untouched.

#include "local/localservice_p.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace gr::local
{

namespace
{

constexpr int kStateVersion = 1;

QJsonObject mapToJson(const std::map<QString, QJsonObject> &map)
{
    QJsonObject out;
    for (const auto &[key, value] : map)
        out.insert(key, value);
    return out;
}

void mapFromJson(const QJsonObject &in, std::map<QString, QJsonObject> *map)
{
    map->clear();
    for (auto it = in.begin(); it != in.end(); ++it)
        (*map)[it.key()] = it->toObject();
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime time(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject eventToJson(const Event &e)
{
    return {{QStringLiteral("name"), e.name},
            {QStringLiteral("time"), iso(e.time)},
            {QStringLiteral("remote"), e.remoteParticipantId},
            {QStringLiteral("errorCode"), e.errorCode},
            {QStringLiteral("destinationStageArn"), e.destinationStageArn},
            {QStringLiteral("destinationSessionId"), e.destinationSessionId},
            {QStringLiteral("replica"), e.replica},
            {QStringLiteral("previousToken"), e.previousToken},
            {QStringLiteral("newToken"), e.newToken}};
}

Event eventFromJson(const QJsonObject &o)
{
    return {o.value(QLatin1String("name")).toString(),
            time(o.value(QLatin1String("time"))),
            o.value(QLatin1String("remote")).toString(),
            o.value(QLatin1String("errorCode")).toString(),
            o.value(QLatin1String("destinationStageArn")).toString(),
            o.value(QLatin1String("destinationSessionId")).toString(),
            o.value(QLatin1String("replica")).toBool(),
            o.value(QLatin1String("previousToken")).toObject(),
            o.value(QLatin1String("newToken")).toObject()};
}

// Field table so participants are written and read by the same list.
struct StringField {
    const char *name;
    QString Participant::*member;
};
const StringField kParticipantStrings[] = {
    {"id", &Participant::id},
    {"userId", &Participant::userId},
    {"ispName", &Participant::ispName},
    {"osName", &Participant::osName},
    {"osVersion", &Participant::osVersion},
    {"browserName", &Participant::browserName},
    {"browserVersion", &Participant::browserVersion},
    {"sdkVersion", &Participant::sdkVersion},
    {"recordingS3BucketName", &Participant::recordingS3BucketName},
    {"recordingS3Prefix", &Participant::recordingS3Prefix},
    {"recordingState", &Participant::recordingState},
    {"protocol", &Participant::protocol},
    {"replicationType", &Participant::replicationType},
    {"replicationState", &Participant::replicationState},
    {"sourceStageArn", &Participant::sourceStageArn},
    {"sourceSessionId", &Participant::sourceSessionId},
    {"ingestConfigurationArn", &Participant::ingestConfigurationArn}};

QJsonObject participantToJson(const Participant &p)
{
    QJsonObject o;
    for (const StringField &f : kParticipantStrings)
        o.insert(QLatin1String(f.name), p.*(f.member));
    o.insert(QStringLiteral("connected"), p.connected);
    o.insert(QStringLiteral("firstJoinTime"), iso(p.firstJoinTime));
    o.insert(QStringLiteral("attributes"), p.attributes);
    o.insert(QStringLiteral("published"), p.published);
    o.insert(QStringLiteral("redundantIngest"), p.redundantIngest);
    o.insert(QStringLiteral("canPublish"), p.canPublish);
    o.insert(QStringLiteral("canSubscribe"), p.canSubscribe);
    o.insert(QStringLiteral("tokenExpiration"), iso(p.tokenExpiration));
    o.insert(QStringLiteral("subscribedTo"),
             QJsonArray::fromStringList(QStringList(p.subscribedTo.begin(), p.subscribedTo.end())));
    QJsonArray events;
    for (const Event &e : p.events)
        events.append(eventToJson(e));
    o.insert(QStringLiteral("events"), events);
    return o;
}

std::unique_ptr<Participant> participantFromJson(const QJsonObject &o)
{
    auto p = std::make_unique<Participant>();
    for (const StringField &f : kParticipantStrings)
        (*p).*(f.member) = o.value(QLatin1String(f.name)).toString();
    p->connected = o.value(QLatin1String("connected")).toBool();
    p->firstJoinTime = time(o.value(QLatin1String("firstJoinTime")));
    p->attributes = o.value(QLatin1String("attributes")).toObject();
    p->published = o.value(QLatin1String("published")).toBool();
    p->redundantIngest = o.value(QLatin1String("redundantIngest")).toBool();
    p->canPublish = o.value(QLatin1String("canPublish")).toBool(true);
    p->canSubscribe = o.value(QLatin1String("canSubscribe")).toBool(true);
    p->tokenExpiration = time(o.value(QLatin1String("tokenExpiration")));
    for (const QJsonValue &v : o.value(QLatin1String("subscribedTo")).toArray())
        p->subscribedTo.insert(v.toString());
    for (const QJsonValue &v : o.value(QLatin1String("events")).toArray())
        p->events.push_back(eventFromJson(v.toObject()));
    return p;
}

} // namespace

bool LocalService::Impl::writeState(QString *error)
{
    if (options.stateFile.isEmpty())
        return true;
    QJsonObject runtimeJson;
    for (const auto &[stageArn, runtime] : runtimes) {
        QJsonArray sessions;
        for (const auto &s : runtime.sessions) {
            QJsonArray participants;
            for (const auto &p : s->participants)
                participants.append(participantToJson(*p));
            sessions.append(QJsonObject{{QStringLiteral("id"), s->id},
                                        {QStringLiteral("startTime"), iso(s->startTime)},
                                        {QStringLiteral("endTime"), iso(s->endTime)},
                                        {QStringLiteral("active"), runtime.active == s.get()},
                                        {QStringLiteral("participants"), participants}});
        }
        runtimeJson.insert(stageArn, sessions);
    }
    QJsonObject tokenJson;
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        tokenJson.insert(it.key(), QJsonObject{{QStringLiteral("stageArn"), it->stageArn},
                                               {QStringLiteral("expiration"), iso(it->expiration)},
                                               {QStringLiteral("revoked"), it->revoked},
                                               {QStringLiteral("userId"), it->userId},
                                               {QStringLiteral("attributes"), it->attributes},
                                               {QStringLiteral("capabilities"),
                                                QJsonArray::fromStringList(it->capabilities)}});
    QJsonArray replicaJson;
    for (const Replica &r : replicas)
        replicaJson.append(
            QJsonObject{{QStringLiteral("sourceStageArn"), r.sourceStageArn},
                        {QStringLiteral("participantId"), r.participantId},
                        {QStringLiteral("sourceSessionId"), r.sourceSessionId},
                        {QStringLiteral("destinationStageArn"), r.destinationStageArn},
                        {QStringLiteral("destinationSessionId"), r.destinationSessionId},
                        {QStringLiteral("replicationState"), r.replicationState},
                        {QStringLiteral("reconnectWindowSeconds"), r.reconnectWindowSeconds},
                        {QStringLiteral("attributes"), r.attributes}});
    QJsonObject idempotency;
    for (auto it = compositionByIdempotencyToken.begin(); it != compositionByIdempotencyToken.end();
         ++it)
        idempotency.insert(it.key(), it.value());
    const QJsonObject state{
        {QStringLiteral("greenroomLocalState"), kStateVersion},
        {QStringLiteral("region"), options.region},
        {QStringLiteral("account"), options.account},
        // The service's token key, so tokens issued before a restart still verify.
        {QStringLiteral("serviceKey"), QString::fromLatin1(serviceKey.privatePem())},
        {QStringLiteral("stages"), mapToJson(stages)},
        {QStringLiteral("encoderConfigurations"), mapToJson(encoderConfigurations)},
        {QStringLiteral("storageConfigurations"), mapToJson(storageConfigurations)},
        {QStringLiteral("publicKeys"), mapToJson(publicKeys)},
        {QStringLiteral("ingestConfigurations"), mapToJson(ingestConfigurations)},
        {QStringLiteral("compositions"), mapToJson(compositions)},
        {QStringLiteral("idempotencyTokens"), idempotency},
        {QStringLiteral("runtimes"), runtimeJson},
        {QStringLiteral("tokens"), tokenJson},
        {QStringLiteral("replicas"), replicaJson}};
    QSaveFile file(options.stateFile);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write state file %1: %2")
                     .arg(options.stateFile, file.errorString());
        return false;
    }
    file.write(QJsonDocument(state).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write state file %1: %2")
                     .arg(options.stateFile, file.errorString());
        return false;
    }
    dirty = false;
    return true;
}

bool LocalService::Impl::loadState(QString *error)
{
    QFile file(options.stateFile);
    if (!file.exists())
        return true; // a new state file is created on the first change
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read state file %1: %2")
                     .arg(options.stateFile, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QString keep = QStringLiteral(
        "; it was left as it is: fix it, move it away or choose another --state file");
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("state file %1 is not valid JSON (%2 at byte %3)%4")
                     .arg(options.stateFile, parseError.errorString())
                     .arg(parseError.offset)
                     .arg(keep);
        return false;
    }
    const QJsonObject state = doc.object();
    if (state.value(QLatin1String("greenroomLocalState")).toInt() != kStateVersion) {
        *error = QStringLiteral(
                     "state file %1 is not a greenroom-local state file (version %2 expected)%3")
                     .arg(options.stateFile)
                     .arg(kStateVersion)
                     .arg(keep);
        return false;
    }
    if (state.value(QLatin1String("region")).toString() != options.region ||
        state.value(QLatin1String("account")).toString() != options.account) {
        *error = QStringLiteral("state file %1 belongs to region %2, account %3, not %4, %5%6")
                     .arg(options.stateFile, state.value(QLatin1String("region")).toString(),
                          state.value(QLatin1String("account")).toString(), options.region,
                          options.account, keep);
        return false;
    }
    Es384Key key;
    QString keyError;
    if (Es384Key::fromPem(state.value(QLatin1String("serviceKey")).toString().toLatin1(), &key,
                          &keyError) &&
        key.hasPrivateKey())
        serviceKey = std::move(key);
    mapFromJson(state.value(QLatin1String("stages")).toObject(), &stages);
    mapFromJson(state.value(QLatin1String("encoderConfigurations")).toObject(),
                &encoderConfigurations);
    mapFromJson(state.value(QLatin1String("storageConfigurations")).toObject(),
                &storageConfigurations);
    mapFromJson(state.value(QLatin1String("publicKeys")).toObject(), &publicKeys);
    mapFromJson(state.value(QLatin1String("ingestConfigurations")).toObject(),
                &ingestConfigurations);
    mapFromJson(state.value(QLatin1String("compositions")).toObject(), &compositions);
    const QJsonObject idempotency = state.value(QLatin1String("idempotencyTokens")).toObject();
    for (auto it = idempotency.begin(); it != idempotency.end(); ++it)
        compositionByIdempotencyToken.insert(it.key(), it->toString());
    const QJsonObject runtimeJson = state.value(QLatin1String("runtimes")).toObject();
    for (auto it = runtimeJson.begin(); it != runtimeJson.end(); ++it) {
        StageRuntime &runtime = runtimes[it.key()];
        for (const QJsonValue &sv : it->toArray()) {
            const QJsonObject so = sv.toObject();
            auto session = std::make_unique<Session>();
            session->id = so.value(QLatin1String("id")).toString();
            session->startTime = time(so.value(QLatin1String("startTime")));
            session->endTime = time(so.value(QLatin1String("endTime")));
            for (const QJsonValue &pv : so.value(QLatin1String("participants")).toArray()) {
                auto p = participantFromJson(pv.toObject());
                session->connected += p->connected ? 1 : 0;
                session->byId.insert(p->id, p.get());
                session->participants.push_back(std::move(p));
            }
            if (so.value(QLatin1String("active")).toBool())
                runtime.active = session.get();
            runtime.sessions.push_back(std::move(session));
        }
    }
    for (const auto &[stageArn, stage] : stages)
        runtimes[stageArn];
    const QJsonObject tokenJson = state.value(QLatin1String("tokens")).toObject();
    for (auto it = tokenJson.begin(); it != tokenJson.end(); ++it) {
        const QJsonObject t = it->toObject();
        QStringList caps;
        for (const QJsonValue &c : t.value(QLatin1String("capabilities")).toArray())
            caps << c.toString();
        tokens.insert(it.key(), {t.value(QLatin1String("stageArn")).toString(),
                                 time(t.value(QLatin1String("expiration"))),
                                 t.value(QLatin1String("revoked")).toBool(),
                                 t.value(QLatin1String("userId")).toString(),
                                 t.value(QLatin1String("attributes")).toObject(), caps});
    }
    for (const QJsonValue &v : state.value(QLatin1String("replicas")).toArray()) {
        const QJsonObject r = v.toObject();
        replicas.push_back({r.value(QLatin1String("sourceStageArn")).toString(),
                            r.value(QLatin1String("participantId")).toString(),
                            r.value(QLatin1String("sourceSessionId")).toString(),
                            r.value(QLatin1String("destinationStageArn")).toString(),
                            r.value(QLatin1String("destinationSessionId")).toString(),
                            r.value(QLatin1String("replicationState")).toString(),
                            r.value(QLatin1String("reconnectWindowSeconds")).toInt(),
                            r.value(QLatin1String("attributes")).toObject()});
    }
    return true;
}

} // namespace gr::local
