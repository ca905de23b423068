// --state FILE: everything the service knows. A request that changed something is answered
// once the change is on disk (group commit: one write at a time off the service's thread, taking
// every change made until it starts). Loaded strictly at start: a file with a wrong member is
// refused with the member's path, and left untouched.

#include "local/durablefile.h"
#include "local/localservice_p.h"

#include <QFile>
#include <QJsonDocument>

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

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
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
    o.insert(QStringLiteral("published"), p.everPublished);
    o.insert(QStringLiteral("publishing"), p.publishing);
    o.insert(QStringLiteral("redundantIngest"), p.redundantIngest);
    o.insert(QStringLiteral("canPublish"), p.canPublish);
    o.insert(QStringLiteral("canSubscribe"), p.canSubscribe);
    o.insert(QStringLiteral("tokenExpiration"), iso(p.tokenExpiration));
    o.insert(QStringLiteral("subscribedTo"),
             QJsonArray::fromStringList(QStringList(p.subscribedTo.begin(), p.subscribedTo.end())));
    QJsonArray events;
    for (const Event &e : p.events)
        events.append(eventJson(p.id, e));
    o.insert(QStringLiteral("events"), events);
    return o;
}

} // namespace

QByteArray LocalService::Impl::stateBytes() const
{
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
    return QJsonDocument(state).toJson(QJsonDocument::Compact);
}

aws::Expected<void> LocalService::Impl::writeState()
{
    if (options.stateFile.isEmpty())
        return {};
    const quint64 target = changeCount;
    if (aws::Expected<void> written = writeFileDurably(options.stateFile, stateBytes()); !written)
        return written;
    durableCount = target;
    dirty = false;
    return {};
}

void LocalService::Impl::afterCommit(std::function<void(bool, const QString &)> deliver)
{
    awaitingDisk.push_back({changeCount, std::move(deliver)});
    requestCommit();
}

void LocalService::Impl::requestCommit()
{
    if (committing || options.stateFile.isEmpty())
        return; // commitDone starts the next one
    if (changeCount == durableCount) {
        while (!awaitingDisk.empty()) {
            auto waiter = std::move(awaitingDisk.front());
            awaitingDisk.pop_front();
            waiter.deliver(true, {});
        }
        return;
    }
    committing = true;
    saveTimer.stop();
    const quint64 target = changeCount;
    const QByteArray bytes = stateBytes();
    const QString path = options.stateFile;
    LocalService *owner = q;
    committer = std::thread([this, owner, path, bytes, target] {
        const aws::Expected<void> written = writeFileDurably(path, bytes);
        QMetaObject::invokeMethod(
            owner,
            [this, target, ok = written.ok(), error = written.message()] {
                commitDone(target, ok, error);
            },
            Qt::QueuedConnection);
    });
}

void LocalService::Impl::commitDone(quint64 target, bool ok, const QString &error)
{
    if (committer.joinable())
        committer.join();
    committing = false;
    if (ok) {
        durableCount = qMax(durableCount, target);
        dirty = changeCount != durableCount;
    } else {
        qWarning("greenroom-local: %s", qPrintable(error));
    }
    while (!awaitingDisk.empty() && awaitingDisk.front().change <= target) {
        auto waiter = std::move(awaitingDisk.front());
        awaitingDisk.pop_front();
        waiter.deliver(ok, error);
    }
    // Changes made during the write: at once if a request waits for them, else debounced.
    if (!awaitingDisk.empty())
        requestCommit();
    else if (dirty && !saveTimer.isActive())
        saveTimer.start();
}

void LocalService::Impl::waitForCommit()
{
    if (committer.joinable())
        committer.join();
}

namespace
{

// Strict decoding: every member read is checked for its type, and the first wrong one is
// reported by its path ("runtimes[\"arn:...\"][0].participants[3].connected must be a boolean").
class Reader
{
public:
    QString error;

    bool fail(const QString &path, const char *what)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1 must be %2").arg(path, QLatin1String(what));
        return false;
    }
    static QString at(const QString &path, const QString &key)
    {
        return QStringLiteral("%1[\"%2\"]").arg(path, key);
    }
    static QString at(const QString &path, qsizetype index)
    {
        return QStringLiteral("%1[%2]").arg(path).arg(index);
    }
    static QString member(const QString &path, const char *key)
    {
        return path.isEmpty() ? QLatin1String(key) : path + QLatin1Char('.') + QLatin1String(key);
    }

    // Optional members: absent is the default; present must have the type.
    QJsonObject object(const QJsonObject &o, const char *key, const QString &path)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isObject())
            fail(member(path, key), "an object");
        return v.toObject();
    }
    QJsonArray array(const QJsonObject &o, const char *key, const QString &path)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isArray())
            fail(member(path, key), "an array");
        return v.toArray();
    }
    QString string(const QJsonObject &o, const char *key, const QString &path)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isString())
            fail(member(path, key), "a string");
        return v.toString();
    }
    bool boolean(const QJsonObject &o, const char *key, const QString &path, bool fallback = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isBool())
            fail(member(path, key), "a boolean");
        return v.toBool(fallback);
    }
    int integer(const QJsonObject &o, const char *key, const QString &path)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && (!v.isDouble() || v.toDouble() != double(v.toInt())))
            fail(member(path, key), "an integer");
        return v.toInt();
    }
    QDateTime time(const QJsonObject &o, const char *key, const QString &path)
    {
        const QString text = string(o, key, path);
        const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!text.isEmpty() && !t.isValid())
            fail(member(path, key), "an ISO 8601 time");
        return t;
    }
    QStringList strings(const QJsonObject &o, const char *key, const QString &path)
    {
        QStringList out;
        const QJsonArray items = array(o, key, path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items[i].isString())
                fail(at(member(path, key), i), "a string");
            out << items[i].toString();
        }
        return out;
    }
    QJsonObject element(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject())
            fail(path, "an object");
        return v.toObject();
    }
};

// Events are kept in their wire form (eventJson); files written before that used "time" and
// "remote", still read.
Event readEvent(Reader &r, const QJsonObject &o, const QString &path)
{
    const bool legacy = o.contains(QLatin1String("time"));
    return {r.string(o, "name", path),
            r.time(o, legacy ? "time" : "eventTime", path),
            r.string(o, legacy ? "remote" : "remoteParticipantId", path),
            r.string(o, "errorCode", path),
            r.string(o, "destinationStageArn", path),
            r.string(o, "destinationSessionId", path),
            r.boolean(o, "replica", path),
            r.object(o, "previousToken", path),
            r.object(o, "newToken", path)};
}

std::unique_ptr<Participant> readParticipant(Reader &r, const QJsonObject &o, const QString &path)
{
    auto p = std::make_unique<Participant>();
    for (const StringField &f : kParticipantStrings)
        (*p).*(f.member) = r.string(o, f.name, path);
    if (p->id.isEmpty())
        r.fail(Reader::member(path, "id"), "a participant id");
    p->connected = r.boolean(o, "connected", path);
    p->firstJoinTime = r.time(o, "firstJoinTime", path);
    p->attributes = r.object(o, "attributes", path);
    p->everPublished = r.boolean(o, "published", path);
    // State files written before "publishing" was kept apart read "published" as publishing now.
    p->publishing = r.boolean(o, "publishing", path, p->everPublished);
    p->everPublished = p->everPublished || p->publishing;
    p->redundantIngest = r.boolean(o, "redundantIngest", path);
    p->canPublish = r.boolean(o, "canPublish", path, true);
    p->canSubscribe = r.boolean(o, "canSubscribe", path, true);
    p->tokenExpiration = r.time(o, "tokenExpiration", path);
    for (const QString &id : r.strings(o, "subscribedTo", path))
        p->subscribedTo.insert(id);
    const QJsonArray events = r.array(o, "events", path);
    const QString eventsPath = Reader::member(path, "events");
    for (qsizetype i = 0; i < events.size(); ++i)
        p->events.push_back(readEvent(r, r.element(events[i], Reader::at(eventsPath, i)),
                                      Reader::at(eventsPath, i)));
    return p;
}

} // namespace

aws::Expected<void> LocalService::Impl::loadState()
{
    QFile file(options.stateFile);
    if (!file.exists())
        return {}; // created by start()
    if (!file.open(QIODevice::ReadOnly))
        return aws::failure(aws::AwsError::Kind::File,
                            QStringLiteral("cannot read state file %1: %2")
                                .arg(options.stateFile, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QString keep = QStringLiteral(
        "; it was left as it is: fix it, move it away or choose another --state file");
    if (parseError.error != QJsonParseError::NoError) {
        return aws::failure(aws::AwsError::Kind::Invalid,
                            QStringLiteral("state file %1 is not valid JSON (%2 at byte %3)%4")
                                .arg(options.stateFile, parseError.errorString())
                                .arg(parseError.offset)
                                .arg(keep));
    }
    const QJsonObject state = doc.object();
    if (state.value(QLatin1String("greenroomLocalState")).toInt() != kStateVersion) {
        return aws::failure(
            aws::AwsError::Kind::Invalid,
            QStringLiteral(
                "state file %1 is not a greenroom-local state file (version %2 expected)%3")
                .arg(options.stateFile)
                .arg(kStateVersion)
                .arg(keep));
    }
    if (state.value(QLatin1String("region")).toString() != options.region ||
        state.value(QLatin1String("account")).toString() != options.account) {
        return aws::failure(
            aws::AwsError::Kind::Invalid,
            QStringLiteral("state file %1 belongs to region %2, account %3, not %4, %5%6")
                .arg(options.stateFile, state.value(QLatin1String("region")).toString(),
                     state.value(QLatin1String("account")).toString(), options.region,
                     options.account, keep));
    }
    const auto refuse = [&](const QString &what) {
        return aws::failure(
            aws::AwsError::Kind::Invalid,
            QStringLiteral("state file %1: %2%3").arg(options.stateFile, what, keep));
    };
    aws::Expected<Es384Key> key =
        Es384Key::fromPem(state.value(QLatin1String("serviceKey")).toString().toLatin1());
    if (!key || !key->hasPrivateKey())
        return refuse(QStringLiteral("serviceKey must be the service's ES384 private key in PEM "
                                     "(every token it issued depends on it)"));

    Reader r;
    // Resources are kept in their output form: each is checked against the model's output
    // shape, and its key must be its ARN.
    struct Table {
        const char *member;
        std::map<QString, QJsonObject> *map;
        const char *getOperation;
        const char *outputMember;
    };
    const Table tables[] = {{"stages", &stages, "GetStage", "stage"},
                            {"encoderConfigurations", &encoderConfigurations,
                             "GetEncoderConfiguration", "encoderConfiguration"},
                            {"storageConfigurations", &storageConfigurations,
                             "GetStorageConfiguration", "storageConfiguration"},
                            {"publicKeys", &publicKeys, "GetPublicKey", "publicKey"},
                            {"ingestConfigurations", &ingestConfigurations,
                             "GetIngestConfiguration", "ingestConfiguration"},
                            {"compositions", &compositions, "GetComposition", "composition"}};
    std::map<QString, QJsonObject> loaded[std::size(tables)];
    for (size_t t = 0; t < std::size(tables); ++t) {
        const QJsonObject items = r.object(state, tables[t].member, {});
        for (auto it = items.begin(); it != items.end(); ++it) {
            const QString path = Reader::at(QLatin1String(tables[t].member), it.key());
            const QJsonObject item = r.element(*it, path);
            if (item.value(QLatin1String("arn")).toString() != it.key())
                r.fail(Reader::member(path, "arn"), "a string equal to its key");
            const QString invalid =
                validator().checkOutput(QLatin1String(tables[t].getOperation),
                                        {{QLatin1String(tables[t].outputMember), item}});
            if (!invalid.isEmpty() && r.error.isEmpty())
                r.error =
                    QStringLiteral("%1 does not have the model's shape: %2").arg(path, invalid);
            if (!r.error.isEmpty())
                return refuse(r.error);
            loaded[t][it.key()] = item;
        }
    }
    const QJsonObject idempotency = r.object(state, "idempotencyTokens", {});
    QHash<QString, QString> byToken;
    for (auto it = idempotency.begin(); it != idempotency.end(); ++it) {
        if (!it->isString())
            r.fail(Reader::at(QStringLiteral("idempotencyTokens"), it.key()), "a string");
        byToken.insert(it.key(), it->toString());
    }
    std::map<QString, StageRuntime> loadedRuntimes;
    const QJsonObject runtimeJson = r.object(state, "runtimes", {});
    for (auto it = runtimeJson.begin(); it != runtimeJson.end() && r.error.isEmpty(); ++it) {
        const QString path = Reader::at(QStringLiteral("runtimes"), it.key());
        if (!it->isArray())
            return refuse(QStringLiteral("%1 must be an array").arg(path));
        StageRuntime &runtime = loadedRuntimes[it.key()];
        const QJsonArray sessions = it->toArray();
        for (qsizetype i = 0; i < sessions.size(); ++i) {
            const QString sessionPath = Reader::at(path, i);
            const QJsonObject so = r.element(sessions[i], sessionPath);
            auto session = std::make_unique<Session>();
            session->id = r.string(so, "id", sessionPath);
            session->startTime = r.time(so, "startTime", sessionPath);
            session->endTime = r.time(so, "endTime", sessionPath);
            const QJsonArray participants = r.array(so, "participants", sessionPath);
            const QString participantsPath = Reader::member(sessionPath, "participants");
            for (qsizetype k = 0; k < participants.size() && r.error.isEmpty(); ++k) {
                const QString participantPath = Reader::at(participantsPath, k);
                auto p = readParticipant(r, r.element(participants[k], participantPath),
                                         participantPath);
                session->connected += p->connected ? 1 : 0;
                session->byId.insert(p->id, p.get());
                session->noteMedia(p.get());
                session->participants.push_back(std::move(p));
            }
            if (r.boolean(so, "active", sessionPath))
                runtime.active = session.get();
            runtime.sessions.push_back(std::move(session));
        }
    }
    std::remove_reference_t<decltype(tokens)> loadedTokens;
    const QJsonObject tokenJson = r.object(state, "tokens", {});
    for (auto it = tokenJson.begin(); it != tokenJson.end() && r.error.isEmpty(); ++it) {
        const QString path = Reader::at(QStringLiteral("tokens"), it.key());
        const QJsonObject t = r.element(*it, path);
        loadedTokens.insert(it.key(),
                            {r.string(t, "stageArn", path), r.time(t, "expiration", path),
                             r.boolean(t, "revoked", path), r.string(t, "userId", path),
                             r.object(t, "attributes", path), r.strings(t, "capabilities", path)});
    }
    std::vector<Replica> loadedReplicas;
    const QJsonArray replicaJson = r.array(state, "replicas", {});
    for (qsizetype i = 0; i < replicaJson.size() && r.error.isEmpty(); ++i) {
        const QString path = Reader::at(QStringLiteral("replicas"), i);
        const QJsonObject o = r.element(replicaJson[i], path);
        loadedReplicas.push_back(
            {r.string(o, "sourceStageArn", path), r.string(o, "participantId", path),
             r.string(o, "sourceSessionId", path), r.string(o, "destinationStageArn", path),
             r.string(o, "destinationSessionId", path), r.string(o, "replicationState", path),
             r.integer(o, "reconnectWindowSeconds", path), r.object(o, "attributes", path)});
    }
    if (!r.error.isEmpty())
        return refuse(r.error);

    // All read: only now does the service take it.
    serviceKey = std::move(*key);
    for (size_t t = 0; t < std::size(tables); ++t)
        *tables[t].map = std::move(loaded[t]);
    compositionByIdempotencyToken = byToken;
    runtimes = std::move(loadedRuntimes);
    for (const auto &[stageArn, stage] : stages)
        runtimes[stageArn];
    tokens = loadedTokens;
    replicas = std::move(loadedReplicas);
    return {};
}

} // namespace gr::local
