// The simulated data plane under /__greenroom/: what real clients do over WebRTC, reduced to
// JSON calls, so that sessions, participants and events come to exist as they would.

#include "local/localservice_p.h"

#include <QJsonDocument>

namespace gr::local
{

namespace
{

const QStringList kErrorCodes = {QStringLiteral("INSUFFICIENT_CAPABILITIES"),
                                 QStringLiteral("QUOTA_EXCEEDED"),
                                 QStringLiteral("PUBLISHER_NOT_FOUND"),
                                 QStringLiteral("BITRATE_EXCEEDED"),
                                 QStringLiteral("RESOLUTION_EXCEEDED"),
                                 QStringLiteral("STREAM_DURATION_EXCEEDED"),
                                 QStringLiteral("INVALID_AUDIO_CODEC"),
                                 QStringLiteral("INVALID_VIDEO_CODEC"),
                                 QStringLiteral("INVALID_PROTOCOL"),
                                 QStringLiteral("INVALID_STREAM_KEY"),
                                 QStringLiteral("REUSE_OF_STREAM_KEY"),
                                 QStringLiteral("B_FRAME_PRESENT"),
                                 QStringLiteral("INVALID_INPUT"),
                                 QStringLiteral("INTERNAL_SERVER_EXCEPTION")};

constexpr int kMaxPublishers = 12;

ServiceError planeError(int status, const char *type, const QString &message)
{
    return {status, QLatin1String(type), message};
}

QJsonObject tokenSummary(const QStringList &capabilities, const QJsonObject &attributes,
                         const QString &userId, const QDateTime &expiration)
{
    QJsonObject o{
        {QStringLiteral("capabilities"), QJsonArray::fromStringList(capabilities)},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("expirationTime"), expiration.toUTC().toString(Qt::ISODateWithMs)}};
    if (!userId.isEmpty())
        o.insert(QStringLiteral("userId"), userId);
    return o;
}

} // namespace

// Verifies a participant token (service-issued, or self-signed with an imported key).
static ServiceError readToken(LocalService::Impl *impl, const QByteArray &token, IssuedToken *out,
                              QString *participantId)
{
    const aws::Expected<DecodedJwt> decoded = decodeJwt(token);
    if (!decoded || decoded->header.value(QLatin1String("alg")) != QLatin1String("ES384"))
        return planeError(401, "InvalidToken", QStringLiteral("The token is not an ES384 JWT"));
    const DecodedJwt &jwt = *decoded;
    bool verified = impl->serviceKey.verify(jwt.signingInput, jwt.signature);
    for (auto it = impl->publicKeys.begin(); !verified && it != impl->publicKeys.end(); ++it) {
        const aws::Expected<Es384Key> key = Es384Key::fromPem(
            it->second.value(QLatin1String("publicKeyMaterial")).toString().toUtf8());
        if (key)
            verified = key->verify(jwt.signingInput, jwt.signature);
    }
    if (!verified)
        return planeError(401, "InvalidToken", QStringLiteral("The token signature is not valid"));
    const QJsonObject &claims = jwt.claims;
    *participantId = claims.value(QLatin1String("jti")).toString();
    const auto issued = impl->tokens.constFind(*participantId);
    if (issued != impl->tokens.constEnd()) {
        *out = *issued;
    } else {
        // Self-signed: everything comes from the claims.
        out->stageArn = claims.value(QLatin1String("resource")).toString();
        out->expiration =
            QDateTime::fromSecsSinceEpoch(claims.value(QLatin1String("exp")).toInteger(), Qt::UTC);
        out->userId = claims.value(QLatin1String("user_id")).toString();
        out->attributes = claims.value(QLatin1String("attributes")).toObject();
        const QJsonObject caps = claims.value(QLatin1String("capabilities")).toObject();
        out->capabilities.clear();
        if (caps.value(QLatin1String("allow_publish")).toBool())
            out->capabilities << QStringLiteral("PUBLISH");
        if (caps.value(QLatin1String("allow_subscribe")).toBool())
            out->capabilities << QStringLiteral("SUBSCRIBE");
        if (participantId->isEmpty())
            *participantId = impl->newId(12);
    }
    if (out->revoked)
        return planeError(403, "TokenRevoked",
                          QStringLiteral("The token was revoked (participant disconnected)"));
    if (!out->expiration.isValid() || out->expiration <= impl->now())
        return planeError(
            401, "TokenExpired",
            QStringLiteral("The token expired at %1").arg(out->expiration.toString(Qt::ISODate)));
    return {};
}

QJsonObject LocalService::Impl::join(const QJsonObject &in, ServiceError *e)
{
    IssuedToken token;
    QString participantId;
    if ((*e = readToken(this, in.value(QLatin1String("token")).toString().toUtf8(), &token,
                        &participantId))
            .isError())
        return {};
    const QString requested = in.value(QLatin1String("stageArn")).toString();
    if (!requested.isEmpty() && requested != token.stageArn) {
        *e = planeError(
            403, "WrongStage",
            QStringLiteral("The token is for stage %1, not %2").arg(token.stageArn, requested));
        return {};
    }
    return admit(participantId, token, in, e);
}

QJsonObject LocalService::Impl::admit(const QString &participantId, const IssuedToken &token,
                                      const QJsonObject &in, ServiceError *e)
{
    const auto stage = stages.find(token.stageArn);
    if (stage == stages.end()) {
        *e = planeError(404, "StageNotFound",
                        QStringLiteral("Stage %1 does not exist").arg(token.stageArn));
        return {};
    }
    Session *session = ensureSession(token.stageArn);
    Participant *p = session->byId.value(participantId);
    if (p && p->connected) {
        *e = planeError(409, "AlreadyConnected",
                        QStringLiteral("Participant %1 is already connected").arg(participantId));
        return {};
    }
    if (!p) {
        auto created = std::make_unique<Participant>();
        p = created.get();
        p->id = participantId;
        p->firstJoinTime = now();
        session->byId.insert(participantId, p);
        session->participants.push_back(std::move(created));
    }
    p->userId = token.userId;
    p->attributes = token.attributes;
    p->canPublish = token.capabilities.contains(QStringLiteral("PUBLISH"));
    p->canSubscribe = token.capabilities.contains(QStringLiteral("SUBSCRIBE"));
    p->tokenExpiration = token.expiration;
    const std::pair<const char *, QString *> info[] = {{"ispName", &p->ispName},
                                                       {"osName", &p->osName},
                                                       {"osVersion", &p->osVersion},
                                                       {"browserName", &p->browserName},
                                                       {"browserVersion", &p->browserVersion},
                                                       {"sdkVersion", &p->sdkVersion}};
    for (const auto &[key, field] : info) {
        if (in.contains(QLatin1String(key)))
            *field = in.value(QLatin1String(key)).toString();
    }
    p->protocol = in.value(QLatin1String("protocol")).toString(QStringLiteral("WHIP"));
    p->connected = true;
    ++session->connected;

    // Auto participant recording starts with the participant.
    const QJsonObject recording =
        stage->second.value(QLatin1String("autoParticipantRecordingConfiguration")).toObject();
    const QString storageArn = recording.value(QLatin1String("storageConfigurationArn")).toString();
    const auto storage = storageConfigurations.find(storageArn);
    if (storage != storageConfigurations.end()) {
        p->recordingS3BucketName = storage->second.value(QLatin1String("s3"))
                                       .toObject()
                                       .value(QLatin1String("bucketName"))
                                       .toString();
        p->recordingS3Prefix =
            QStringLiteral("%1-%2-%3")
                .arg(token.stageArn.section(QLatin1Char('/'), -1), session->id, p->id);
        p->recordingState = QStringLiteral("STARTING");
        const QString stageArn = token.stageArn, sessionId = session->id, id = p->id;
        schedule(1.0, [this, stageArn, sessionId, id] {
            const auto runtime = runtimes.find(stageArn);
            if (runtime == runtimes.end() || !runtime->second.active ||
                runtime->second.active->id != sessionId)
                return;
            if (Participant *pp = runtime->second.active->byId.value(id);
                pp && pp->connected && pp->recordingState == QLatin1String("STARTING"))
                pp->recordingState = QStringLiteral("ACTIVE");
        });
    }
    addEvent(p, {QStringLiteral("JOINED"), {}, {}, {}, {}, {}, false, {}, {}});
    return {{QStringLiteral("participantId"), p->id},
            {QStringLiteral("sessionId"), session->id},
            {QStringLiteral("stageArn"), token.stageArn}};
}

ServiceError LocalService::Impl::dataPlaneAccess(const HttpRequest &request)
{
    if (options.openDataPlane || request.path == "/__greenroom/health")
        return {};
    return verifySignature(request);
}

void LocalService::Impl::joinMany(const HttpRequest &request,
                                  std::function<void(HttpResponse)> done)
{
    QJsonParseError parseError;
    const QJsonObject in = QJsonDocument::fromJson(request.body, &parseError).object();
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    const int count = in.value(QLatin1String("count")).toInt();
    if (request.method != "POST" || parseError.error != QJsonParseError::NoError ||
        !stages.count(stageArn) || count < 1 || count > 500000)
        return done(errorResponse(ServiceError::validation(QStringLiteral(
            "join-many is a POST of {\"stageArn\": an existing stage, \"count\": 1 to 500000, "
            "\"userPrefix\" and \"signedTokens\": optional}"))));
    // Load tests: `count` participants join with service-issued tokens. The tokens are recorded
    // (so DisconnectParticipant revokes them) but not signed, as nobody presents them; with
    // "signedTokens": true each is signed and verified as a real join would (10x slower).
    struct Job {
        QString stageArn, prefix;
        int count = 0, next = 0;
        bool signedTokens = false; // the full path: sign each token, then verify it on join
        QJsonObject last;
    };
    auto job = std::make_shared<Job>();
    job->stageArn = stageArn;
    job->prefix = in.value(QLatin1String("userPrefix")).toString(QStringLiteral("user-"));
    job->count = count;
    job->signedTokens = in.value(QLatin1String("signedTokens")).toBool();
    // Room for all of them at once: no rehash of a large table in the middle of a slice.
    Session *session = ensureSession(stageArn);
    session->byId.reserve(session->byId.size() + count);
    session->participants.reserve(session->participants.size() + size_t(count));
    auto slice = std::make_shared<std::function<void()>>();
    *slice = [this, job, done, slice] {
        // Ends the job: the slice drops itself (ending the self-reference) after copying what
        // it still needs.
        const auto end = [&done, &slice](HttpResponse response) {
            const auto answer = done;
            const auto keep = slice;
            *keep = nullptr;
            answer(std::move(response));
        };
        QElapsedTimer budget;
        budget.start();
        const QDateTime expiration = now().addSecs(720 * 60);
        const QStringList capabilities{QStringLiteral("PUBLISH"), QStringLiteral("SUBSCRIBE")};
        while (job->next < job->count) {
            if (!stages.count(job->stageArn)) {
                return end(errorResponse(planeError(
                    404, "StageNotFound",
                    QStringLiteral("Stage %1 was deleted during join-many, after %2 joined")
                        .arg(job->stageArn)
                        .arg(job->next))));
            }
            ServiceError e;
            const QString userId = job->prefix + QString::number(job->next);
            if (job->signedTokens) {
                const QJsonObject token =
                    issueToken(job->stageArn, {{QStringLiteral("userId"), userId}}, &e);
                if (!e.isError())
                    job->last =
                        join({{QStringLiteral("token"), token.value(QLatin1String("token"))}}, &e);
            } else {
                const QString participantId = newId(12);
                const IssuedToken token{job->stageArn, expiration, false, userId, {}, capabilities};
                tokens.insert(participantId, token);
                job->last = admit(participantId, token, {}, &e);
            }
            ++job->next;
            if (e.isError())
                return end(errorResponse(e));
            // A few milliseconds at a time, measured after each participant (a signed one costs
            // over a millisecond). The next slice is a 1 ms timer, not a posted event: with a
            // zero-time continuation requests waited ~25 ms each (median, bench_local_scale)
            // and with the timer 3 ms, as the event loop then polls the sockets first.
            if (budget.elapsed() >= 2)
                return void(QTimer::singleShot(1, Qt::PreciseTimer, q, [slice] {
                    if (*slice)
                        (*slice)();
                }));
        }
        end(jsonResponse(job->last));
    };
    (*slice)();
}

HttpResponse LocalService::Impl::dataPlane(const HttpRequest &request)
{
    const QByteArray action = request.path.mid(int(qstrlen("/__greenroom/")));
    if (action == "health")
        return jsonResponse({{QStringLiteral("status"), QStringLiteral("ok")}});
    if (action == "signing-key") // so apps under test can verify the tokens they are given
        return jsonResponse(
            {{QStringLiteral("publicKey"), QString::fromLatin1(serviceKey.publicPem())}});
    if (action == "faults") {
        if (request.method == "POST") {
            const QJsonValue spec =
                QJsonDocument::fromJson(request.body).object().value(QLatin1String("spec"));
            if (!spec.isString())
                return errorResponse(ServiceError::validation(
                    QStringLiteral("POST faults takes {\"spec\": \"Operation:key=value...\"} "
                                   "(an empty spec clears them)")));
            if (const aws::Expected<void> parsed = faults.parse(spec.toString()); !parsed)
                return errorResponse(ServiceError::validation(parsed.message()));
        }
        // What is in force, as applied (combined), beside the spec it came from.
        return jsonResponse(
            {{QStringLiteral("spec"), faults.spec()}, {QStringLiteral("rules"), faults.rules()}});
    }
    QJsonParseError parseError;
    const QJsonObject in = QJsonDocument::fromJson(request.body, &parseError).object();
    if (request.method != "POST" || parseError.error != QJsonParseError::NoError)
        return errorResponse(ServiceError::validation(
            QStringLiteral("Data plane calls are POST with a JSON object body")));

    ServiceError e;
    if (action == "network" || action == "metrics-backfill")
        return cloudWatchDataPlane(action, in);
    if (action == "join") {
        const QJsonObject out = join(in, &e);
        return e.isError() ? errorResponse(e) : jsonResponse(out);
    }

    static const QList<QByteArray> participantActions = {
        "publish", "unpublish", "subscribe", "unsubscribe", "error", "exchange-token", "leave"};
    if (!participantActions.contains(action))
        return errorResponse(
            {404, QStringLiteral("UnknownOperationException"),
             QStringLiteral("Unknown data plane action '%1' (actions: health, signing-key, "
                            "faults, join, join-many, %2)")
                 .arg(QString::fromLatin1(action),
                      QString::fromLatin1(QByteArrayList(participantActions).join(", ")))});
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    const auto runtime = runtimes.find(stageArn);
    Session *session = runtime == runtimes.end() ? nullptr : runtime->second.active;
    Participant *p = session
                         ? session->byId.value(in.value(QLatin1String("participantId")).toString())
                         : nullptr;
    if (!p || !p->connected)
        return errorResponse(
            planeError(404, "ParticipantNotConnected",
                       QStringLiteral("Participant %1 is not connected to stage %2")
                           .arg(in.value(QLatin1String("participantId")).toString(), stageArn)));
    auto event = [&](const QString &name, const QString &remote = {}, const QString &code = {}) {
        addEvent(p, {name,
                     {},
                     remote,
                     code,
                     {},
                     {},
                     p->replicationType == QLatin1String("REPLICA"),
                     {},
                     {}});
    };
    const QString remote = in.value(QLatin1String("remoteParticipantId")).toString();

    if (action == "publish") {
        if (!p->canPublish) {
            event(QStringLiteral("PUBLISH_ERROR"), {}, QStringLiteral("INSUFFICIENT_CAPABILITIES"));
            return errorResponse(planeError(403, "INSUFFICIENT_CAPABILITIES",
                                            QStringLiteral("The token does not allow publishing")));
        }
        int publishers = 0;
        for (const auto &other : session->participants)
            publishers += other->connected && other->publishing ? 1 : 0;
        if (!p->publishing && publishers >= kMaxPublishers) {
            event(QStringLiteral("PUBLISH_ERROR"), {}, QStringLiteral("QUOTA_EXCEEDED"));
            return errorResponse(planeError(
                403, "QUOTA_EXCEEDED",
                QStringLiteral("The stage already has %1 publishers").arg(kMaxPublishers)));
        }
        if (!p->publishing) {
            p->publishing = true;
            p->everPublished = true;
            session->noteMedia(p);
            event(QStringLiteral("PUBLISH_STARTED"));
        }
    } else if (action == "unpublish") {
        if (p->publishing) {
            p->publishing = false;
            for (const auto &other : session->participants) {
                if (other->connected && other->subscribedTo.remove(p->id))
                    addEvent(other.get(), {QStringLiteral("SUBSCRIBE_STOPPED"),
                                           {},
                                           p->id,
                                           {},
                                           {},
                                           {},
                                           false,
                                           {},
                                           {}});
            }
            event(QStringLiteral("PUBLISH_STOPPED"));
        }
    } else if (action == "subscribe") {
        Participant *publisher = session->byId.value(remote);
        if (!p->canSubscribe) {
            event(QStringLiteral("SUBSCRIBE_ERROR"), remote,
                  QStringLiteral("INSUFFICIENT_CAPABILITIES"));
            return errorResponse(
                planeError(403, "INSUFFICIENT_CAPABILITIES",
                           QStringLiteral("The token does not allow subscribing")));
        }
        if (!publisher || !publisher->connected || !publisher->publishing || publisher == p) {
            event(QStringLiteral("SUBSCRIBE_ERROR"), remote, QStringLiteral("PUBLISHER_NOT_FOUND"));
            return errorResponse(planeError(404, "PUBLISHER_NOT_FOUND",
                                            QStringLiteral("%1 is not publishing").arg(remote)));
        }
        if (!p->subscribedTo.contains(remote)) {
            p->subscribedTo.insert(remote);
            session->noteMedia(p);
            event(QStringLiteral("SUBSCRIBE_STARTED"), remote);
        }
    } else if (action == "unsubscribe") {
        if (p->subscribedTo.remove(remote))
            event(QStringLiteral("SUBSCRIBE_STOPPED"), remote);
    } else if (action == "error") {
        const QString name = in.value(QLatin1String("name")).toString();
        const QString code = in.value(QLatin1String("errorCode")).toString();
        if (!QStringList{QStringLiteral("PUBLISH_ERROR"), QStringLiteral("SUBSCRIBE_ERROR"),
                         QStringLiteral("JOIN_ERROR")}
                 .contains(name) ||
            !kErrorCodes.contains(code))
            return errorResponse(ServiceError::validation(
                QStringLiteral("name must be PUBLISH_ERROR, SUBSCRIBE_ERROR or JOIN_ERROR and "
                               "errorCode one of %1")
                    .arg(kErrorCodes.join(QStringLiteral(", ")))));
        event(name, remote, code);
        if (name == QLatin1String("JOIN_ERROR"))
            leave(stageArn, session, p, code);
    } else if (action == "exchange-token") {
        IssuedToken next;
        QString nextId;
        if ((e = readToken(this, in.value(QLatin1String("token")).toString().toUtf8(), &next,
                           &nextId))
                .isError())
            return errorResponse(e);
        if (next.stageArn != stageArn)
            return errorResponse(planeError(403, "WrongStage",
                                            QStringLiteral("The new token is for another stage")));
        QStringList previousCaps;
        if (p->canPublish)
            previousCaps << QStringLiteral("PUBLISH");
        if (p->canSubscribe)
            previousCaps << QStringLiteral("SUBSCRIBE");
        Event ev{QStringLiteral("TOKEN_EXCHANGED"),
                 {},
                 {},
                 {},
                 {},
                 {},
                 false,
                 tokenSummary(previousCaps, p->attributes, p->userId, p->tokenExpiration),
                 tokenSummary(next.capabilities, next.attributes, next.userId, next.expiration)};
        p->canPublish = next.capabilities.contains(QStringLiteral("PUBLISH"));
        p->canSubscribe = next.capabilities.contains(QStringLiteral("SUBSCRIBE"));
        p->attributes = next.attributes;
        p->userId = next.userId;
        p->tokenExpiration = next.expiration;
        addEvent(p, ev);
        if (p->publishing && !p->canPublish) {
            p->publishing = false;
            event(QStringLiteral("PUBLISH_STOPPED"));
        }
    } else if (action == "leave") {
        leave(stageArn, session, p, QString());
    } else {
        return errorResponse(
            {404, QStringLiteral("UnknownOperationException"),
             QStringLiteral("Unknown data plane action %1").arg(QString::fromLatin1(action))});
    }
    return jsonResponse(
        {{QStringLiteral("participantId"), p->id}, {QStringLiteral("sessionId"), session->id}});
}

} // namespace gr::local
