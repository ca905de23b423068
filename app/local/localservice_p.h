#pragma once
// Internal state of the local service, shared by the files that implement its operations.
// One thread (the service's); nothing here is locked.

#include "aws/sigv4.h"
#include "ivs/modelvalidator.h"
#include "ivs/operations.h"
#include "local/cloudwatch_metrics.h"
#include "local/faults.h"
#include "local/jwt.h"
#include "local/localservice.h"
#include "local/resourcekinds.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTimer>
#include <set>
#include <thread>
#include <vector>

namespace gr::local
{

// A failed operation: HTTP status, x-amzn-ErrorType, message.
struct ServiceError {
    int status = 0;
    QString type;
    QString message;
    bool isError() const { return status != 0; }
    static ServiceError validation(const QString &m)
    {
        return {400, QStringLiteral("ValidationException"), m};
    }
    static ServiceError notFound(const QString &m)
    {
        return {404, QStringLiteral("ResourceNotFoundException"), m};
    }
    static ServiceError conflict(const QString &m)
    {
        return {409, QStringLiteral("ConflictException"), m};
    }
    static ServiceError quota(const QString &m)
    {
        return {402, QStringLiteral("ServiceQuotaExceededException"), m};
    }
};

struct Event {
    QString name;
    QDateTime time;
    QString remoteParticipantId;
    QString errorCode;
    QString destinationStageArn;
    QString destinationSessionId;
    bool replica = false;
    QJsonObject previousToken;
    QJsonObject newToken;
};

struct Participant {
    QString id;
    QString userId;
    bool connected = true;
    QDateTime firstJoinTime;
    QJsonObject attributes;
    bool publishing = false;    // now
    bool everPublished = false; // in this session: what `published` says on the wire
    QString ispName, osName, osVersion, browserName, browserVersion, sdkVersion;
    QString recordingS3BucketName, recordingS3Prefix;
    QString recordingState = QStringLiteral("DISABLED");
    QString protocol = QStringLiteral("UNKNOWN");
    QString replicationType = QStringLiteral("NONE");
    QString replicationState;
    QString sourceStageArn, sourceSessionId;
    bool redundantIngest = false;
    QString ingestConfigurationArn;
    bool canPublish = true, canSubscribe = true;
    QDateTime tokenExpiration;
    QSet<QString> subscribedTo;
    std::vector<Event> events;

    // The summary as ListParticipants serves it, rebuilt only when the participant changed.
    // Every change of a summary field comes with an event or a recording state change, so
    // those two make the fingerprint.
    mutable QJsonObject summaryCache;
    mutable QByteArray summaryBytes; // summaryCache as compact JSON
    mutable qsizetype summaryEvents = -1;
    mutable QString summaryRecording;
};

struct Session {
    QString id;
    QDateTime startTime;
    QDateTime endTime;                                      // invalid while active
    std::vector<std::unique_ptr<Participant>> participants; // in join order
    QHash<QString, Participant *> byId;
    int connected = 0;
    // Those who have published or subscribed in this session, in the order they first did: the
    // per-second metrics sampler walks these, not a join-many crowd of 200,000 idle members.
    std::vector<Participant *> media;
    QSet<const Participant *> inMedia;
    void noteMedia(Participant *p)
    {
        if ((p->publishing || !p->subscribedTo.isEmpty()) && !inMedia.contains(p)) {
            inMedia.insert(p);
            media.push_back(p);
        }
    }
};

struct StageRuntime {
    std::vector<std::unique_ptr<Session>> sessions; // oldest first
    Session *active = nullptr;
    QDateTime emptySince;
};

// One replication of a participant into another stage.
struct Replica {
    QString sourceStageArn, participantId, sourceSessionId, destinationStageArn,
        destinationSessionId, replicationState;
    int reconnectWindowSeconds = 0;
    QJsonObject attributes;
};

struct IssuedToken {
    QString stageArn;
    QDateTime expiration;
    bool revoked = false;
    QString userId;
    QJsonObject attributes;
    QStringList capabilities;
};

// A handler's answer: its output object, or (the hot lists) the same as ready-made JSON bytes.
struct Output : QJsonObject {
    using QJsonObject::QJsonObject;
    Output() = default;
    Output(QJsonObject object) : QJsonObject(std::move(object)) {}
    static Output json(QByteArray bytes)
    {
        Output out;
        out.raw = std::move(bytes);
        return out;
    }
    QByteArray raw; // when not empty: the answer's body
};

struct LocalService::Impl {
    explicit Impl(LocalService *q, LocalServiceOptions o);

    // --- plumbing (localservice.cpp)
    void handle(const HttpRequest &request, HttpFrontend::Reply reply);
    // Faults, headers, then the answer, once what the request changed is on disk.
    void finish(HttpResponse response, const QString &operation, quint64 changesBefore,
                HttpFrontend::Reply reply);
    HttpResponse dispatch(const HttpRequest &request, QString *operationOut);
    // `service` is the signing scope's service name ("ivs"; "monitoring" for CloudWatch).
    ServiceError verifySignature(const HttpRequest &request,
                                 const QString &service = QStringLiteral("ivs"));
    HttpResponse errorResponse(const ServiceError &error) const;
    HttpResponse jsonResponse(const QJsonObject &body) const;
    // Validates `input` against the model, then runs the operation's handler.
    Output invoke(ivs::Operation operation, const QJsonObject &input, ServiceError *error);
    bool throttled(const QString &operation);
    QString newId(int length) const;
    QString arn(const QString &type, const QString &id) const;
    QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
    void schedule(double seconds, std::function<void()> action); // scaled by timeScale
    void onTick();
    void changed(); // marks state dirty for --state
    static QString iso(const QDateTime &t);

    // Pagination over items sorted by key; the token carries the last key returned.
    struct Page {
        QJsonArray items;
        QString nextToken;
    };
    Page paginate(const QString &operation, std::vector<std::pair<QString, int>> keys,
                  const QJsonObject &input, int defaultMax,
                  const std::function<QJsonValue(int)> &toJson, ServiceError *error) const;
    // The last key a nextToken carries (empty without a token); false with a ValidationException
    // when the token is not one of `operation`'s.
    bool decodeToken(const QString &operation, const QJsonObject &input, QString *lastKey,
                     ServiceError *error) const;
    static QString encodeToken(const QString &operation, const QString &lastKey);
    static int pageSize(const QJsonObject &input, int defaultMax);
    // Lists that only grow at their end (participants in join order, a participant's events)
    // page by position: the token carries the last position returned, so a page costs the same
    // whatever the list's length. The key sorts as the number does.
    static QString positionKey(size_t position);
    bool pageStart(const QString &operation, const QJsonObject &input, size_t *start,
                   ServiceError *error) const;

    // --- the simple named resources (resourcekinds.cpp)
    std::map<QString, QJsonObject> &itemsOf(const ResourceKind &kind);
    // False with ServiceQuotaExceededException when the kind's count quota is reached.
    bool roomFor(const ResourceKind &kind, ServiceError *e);
    Output getResource(const ResourceKind &kind, const QJsonObject &in, ServiceError *e);
    Output listResources(const ResourceKind &kind, const QJsonObject &in, ServiceError *e,
                         const std::function<bool(const QJsonObject &)> &accept = {});

    // --- operations (ops_*.cpp)
    Output createStage(const QJsonObject &in, ServiceError *e);
    Output getStage(const QJsonObject &in, ServiceError *e);
    Output updateStage(const QJsonObject &in, ServiceError *e);
    Output deleteStage(const QJsonObject &in, ServiceError *e);
    Output listStages(const QJsonObject &in, ServiceError *e);
    Output createParticipantToken(const QJsonObject &in, ServiceError *e);
    Output disconnectParticipant(const QJsonObject &in, ServiceError *e);
    Output getStageSession(const QJsonObject &in, ServiceError *e);
    Output listStageSessions(const QJsonObject &in, ServiceError *e);
    Output getParticipant(const QJsonObject &in, ServiceError *e);
    Output listParticipants(const QJsonObject &in, ServiceError *e);
    Output listParticipantEvents(const QJsonObject &in, ServiceError *e);
    Output startParticipantReplication(const QJsonObject &in, ServiceError *e);
    Output stopParticipantReplication(const QJsonObject &in, ServiceError *e);
    Output listParticipantReplicas(const QJsonObject &in, ServiceError *e);

    Output createEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    Output getEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    Output deleteEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    Output listEncoderConfigurations(const QJsonObject &in, ServiceError *e);
    Output createStorageConfiguration(const QJsonObject &in, ServiceError *e);
    Output getStorageConfiguration(const QJsonObject &in, ServiceError *e);
    Output deleteStorageConfiguration(const QJsonObject &in, ServiceError *e);
    Output listStorageConfigurations(const QJsonObject &in, ServiceError *e);
    Output startComposition(const QJsonObject &in, ServiceError *e);
    Output getComposition(const QJsonObject &in, ServiceError *e);
    Output stopComposition(const QJsonObject &in, ServiceError *e);
    Output listCompositions(const QJsonObject &in, ServiceError *e);

    Output importPublicKey(const QJsonObject &in, ServiceError *e);
    Output getPublicKey(const QJsonObject &in, ServiceError *e);
    Output deletePublicKey(const QJsonObject &in, ServiceError *e);
    Output listPublicKeys(const QJsonObject &in, ServiceError *e);
    Output createIngestConfiguration(const QJsonObject &in, ServiceError *e);
    Output getIngestConfiguration(const QJsonObject &in, ServiceError *e);
    Output updateIngestConfiguration(const QJsonObject &in, ServiceError *e);
    Output deleteIngestConfiguration(const QJsonObject &in, ServiceError *e);
    Output listIngestConfigurations(const QJsonObject &in, ServiceError *e);
    Output tagResource(const QJsonObject &in, ServiceError *e);
    Output untagResource(const QJsonObject &in, ServiceError *e);
    Output listTagsForResource(const QJsonObject &in, ServiceError *e);

    // --- stage life (ops_stages.cpp)
    QJsonObject stageJson(const QJsonObject &stored, bool summary) const;
    QJsonObject participantJson(const Participant &p, bool summary) const;
    QJsonObject issueToken(const QString &stageArn, const QJsonObject &config, ServiceError *e);
    Session *ensureSession(const QString &stageArn);
    void addEvent(Participant *p, Event event);
    void leave(const QString &stageArn, Session *session, Participant *p, const QString &errorCode);
    void endSessionIfEmpty(const QString &stageArn, Session *session);
    ServiceError checkTags(const QJsonObject &tags) const;
    static ServiceError checkAttributes(const QJsonObject &attributes, const QString &member);

    // Stores a new resource of `type` (ARN and optional name added to `fields`) in `map` and
    // returns {member: resource}.
    QJsonObject storeNamed(std::map<QString, QJsonObject> &map, const QString &type,
                           QJsonObject fields, const QJsonObject &in, const QString &member);

    // --- compositions (ops_compositions.cpp)
    // A starting, active or stopping composition that names `resourceArn`, or empty.
    QString liveCompositionUsing(const QString &resourceArn) const;
    // Deletes the configuration named by the input's `arn` from `map`: ResourceNotFoundException
    // if it is not there, ConflictException if a live composition uses it or `alsoInUse` says
    // what else does (its error); the configuration is kept then.
    Output
    deleteConfiguration(std::map<QString, QJsonObject> &map, const QJsonObject &in,
                        const QString &what, ServiceError *e,
                        const std::function<ServiceError(const QString &arn)> &alsoInUse = {});
    void stopCompositionsOfEmptyStages();

    // --- data plane (dataplane.cpp)
    ServiceError dataPlaneAccess(const HttpRequest &request);
    HttpResponse dataPlane(const HttpRequest &request);
    QJsonObject join(const QJsonObject &in, ServiceError *e);
    // Lets a participant with a verified `token` in (join's second half).
    QJsonObject admit(const QString &participantId, const IssuedToken &token, const QJsonObject &in,
                      ServiceError *e);
    // join-many in slices of a few milliseconds, so the API keeps answering meanwhile.
    void joinMany(const HttpRequest &request, std::function<void(HttpResponse)> done);

    // --- CloudWatch (cloudwatch_service.cpp): POST / with X-Amz-Target
    HttpResponse cloudWatch(const HttpRequest &request, QString *operationOut);
    HttpResponse cloudWatchDataPlane(const QByteArray &action, const QJsonObject &in);
    void sampleMetrics(qint64 catchUpSeconds = 60); // the seconds since the last call; onTick
    void sampleMetricsAt(qint64 epochSecond);
    void varyDemoNetworks();

    // --- demo (demo.cpp)
    void startDemo();
    void startDemoTimer();
    void demoStep();

    // --- state file (statefile.cpp)
    aws::Expected<void> loadState();
    QByteArray stateBytes() const;
    aws::Expected<void> writeState(); // now, on this thread
    // Group commit: `deliver` runs once every change made so far is on disk (true), or the
    // write failed (false). One write at a time, off this thread; it takes all changes made
    // until it starts.
    void afterCommit(std::function<void(bool, const QString &)> deliver);
    void requestCommit();
    void commitDone(quint64 target, bool ok, const QString &error);
    void waitForCommit();

    LocalService *q;
    LocalServiceOptions options;
    QHash<QString, QString> secrets; // access key id -> secret
    static const ivs::ModelValidator &validator() { return ivs::ModelValidator::embedded(); }
    aws::SigV4Signer signer;
    FaultTable faults;
    Es384Key serviceKey;
    HttpFrontend *http = nullptr;
    quint16 port = 0;

    // Control-plane resources, stored in their output form, keyed by ARN.
    std::map<QString, QJsonObject> stages;
    std::map<QString, QJsonObject> encoderConfigurations;
    std::map<QString, QJsonObject> storageConfigurations;
    std::map<QString, QJsonObject> publicKeys;
    std::map<QString, QJsonObject> ingestConfigurations;
    std::map<QString, QJsonObject> compositions;
    QHash<QString, QString> compositionByIdempotencyToken;
    QHash<QString, qint64> compositionStoppedAtMs; // for removal after STOPPED

    std::map<QString, StageRuntime> runtimes; // by stage ARN
    // A tree, not a hash: a join-many of 200,000 into a table of 400,000 must not rehash it all
    // in one slice (that held the API up for a second).
    QMap<QString, IssuedToken> tokens; // by participant id (jti)
    std::vector<Replica> replicas;

    // Timers and rate limits.
    QElapsedTimer clock;
    std::multimap<qint64, std::function<void()>> scheduled; // due ms on `clock`
    QTimer tick;
    QHash<QString, std::deque<qint64>> recentCalls; // per operation
    QTimer saveTimer;
    bool dirty = false;
    quint64 changeCount = 0;  // changes made
    quint64 durableCount = 0; // changes on disk
    bool committing = false;
    std::thread committer;
    struct Waiter {
        quint64 change;
        std::function<void(bool, const QString &)> deliver;
    };
    std::deque<Waiter> awaitingDisk;
    QTimer demoTimer;
    quint64 demoRound = 0;
    // The stages the demo made (or found from an earlier run, by their tag): it plays only
    // on these, never on stages a user created.
    std::set<QString> demoStages;
    // CloudWatch: samples, per-participant networks, quota windows (GetMetricData, ListMetrics).
    MetricStore metrics;
    QHash<QString, NetworkProfile> networkProfiles; // by participant id
    qint64 firstMetricSecond = 0, lastMetricSecond = 0;
    std::deque<qint64> metricCalls[2];
};

// An event as ListParticipantEvents serves it: the one form, on the wire and in the state file.
QJsonObject eventJson(const QString &participantId, const Event &event);

// The members of `from` named in `keys` (summaries of stored resources).
QJsonObject pick(const QJsonObject &from, std::initializer_list<const char *> keys);

// Looks `in["arn"]` up in `map`: {member: resource}, or ResourceNotFoundException.
QJsonObject getByArn(const std::map<QString, QJsonObject> &map, const QJsonObject &in,
                     const QString &member, const QString &what, ServiceError *e);

// restJson1 treats a null member of a structure as absent (as the service does): `object`
// without them, recursively through nested objects.
QJsonObject withoutNulls(const QJsonObject &object);

// Applies a patch of defaults: members of `defaults` absent from `value` are added, recursively.
QJsonObject withDefaults(QJsonObject value, const QJsonObject &defaults);

} // namespace gr::local
