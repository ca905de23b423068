#pragma once
// Internal state of the local service, shared by the files that implement its operations.
// One thread (the service's); nothing here is locked.

#include "aws/sigv4.h"
#include "ivs/modelvalidator.h"
#include "local/cloudwatch_metrics.h"
#include "local/faults.h"
#include "local/jwt.h"
#include "local/localservice.h"

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
#include <vector>

class QAbstractHttpServer;

namespace gr::local
{

struct HttpRequest {
    QByteArray method;
    QByteArray path;  // raw, percent-encoded as received
    QByteArray query; // raw
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(QByteArrayView name) const;
};

struct HttpResponse {
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

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
    bool published = false;
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

struct LocalService::Impl {
    explicit Impl(LocalService *q, LocalServiceOptions o);

    // --- plumbing (localservice.cpp)
    void handle(const HttpRequest &request, std::function<void(HttpResponse, FaultAction)> reply);
    HttpResponse dispatch(const HttpRequest &request, QString *operationOut);
    // `service` is the signing scope's service name ("ivs"; "monitoring" for CloudWatch).
    ServiceError verifySignature(const HttpRequest &request,
                                 const QString &service = QStringLiteral("ivs"));
    HttpResponse errorResponse(const ServiceError &error) const;
    HttpResponse jsonResponse(const QJsonObject &body) const;
    QJsonObject invoke(const QString &operation, const QJsonObject &input, ServiceError *error);
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

    // --- operations (ops_*.cpp)
    QJsonObject createStage(const QJsonObject &in, ServiceError *e);
    QJsonObject getStage(const QJsonObject &in, ServiceError *e);
    QJsonObject updateStage(const QJsonObject &in, ServiceError *e);
    QJsonObject deleteStage(const QJsonObject &in, ServiceError *e);
    QJsonObject listStages(const QJsonObject &in, ServiceError *e);
    QJsonObject createParticipantToken(const QJsonObject &in, ServiceError *e);
    QJsonObject disconnectParticipant(const QJsonObject &in, ServiceError *e);
    QJsonObject getStageSession(const QJsonObject &in, ServiceError *e);
    QJsonObject listStageSessions(const QJsonObject &in, ServiceError *e);
    QJsonObject getParticipant(const QJsonObject &in, ServiceError *e);
    QJsonObject listParticipants(const QJsonObject &in, ServiceError *e);
    QJsonObject listParticipantEvents(const QJsonObject &in, ServiceError *e);
    QJsonObject startParticipantReplication(const QJsonObject &in, ServiceError *e);
    QJsonObject stopParticipantReplication(const QJsonObject &in, ServiceError *e);
    QJsonObject listParticipantReplicas(const QJsonObject &in, ServiceError *e);

    QJsonObject createEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject getEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject deleteEncoderConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject listEncoderConfigurations(const QJsonObject &in, ServiceError *e);
    QJsonObject createStorageConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject getStorageConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject deleteStorageConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject listStorageConfigurations(const QJsonObject &in, ServiceError *e);
    QJsonObject startComposition(const QJsonObject &in, ServiceError *e);
    QJsonObject getComposition(const QJsonObject &in, ServiceError *e);
    QJsonObject stopComposition(const QJsonObject &in, ServiceError *e);
    QJsonObject listCompositions(const QJsonObject &in, ServiceError *e);

    QJsonObject importPublicKey(const QJsonObject &in, ServiceError *e);
    QJsonObject getPublicKey(const QJsonObject &in, ServiceError *e);
    QJsonObject deletePublicKey(const QJsonObject &in, ServiceError *e);
    QJsonObject listPublicKeys(const QJsonObject &in, ServiceError *e);
    QJsonObject createIngestConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject getIngestConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject updateIngestConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject deleteIngestConfiguration(const QJsonObject &in, ServiceError *e);
    QJsonObject listIngestConfigurations(const QJsonObject &in, ServiceError *e);
    QJsonObject tagResource(const QJsonObject &in, ServiceError *e);
    QJsonObject untagResource(const QJsonObject &in, ServiceError *e);
    QJsonObject listTagsForResource(const QJsonObject &in, ServiceError *e);

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
    // ResourceNotFoundException if `arn` is not in `map`, ConflictException if a live
    // composition uses it; else no error.
    ServiceError checkDeletable(const std::map<QString, QJsonObject> &map, const QString &arn,
                                const QString &what) const;
    void stopCompositionsOfEmptyStages();

    // --- data plane (dataplane.cpp)
    HttpResponse dataPlane(const HttpRequest &request);
    QJsonObject join(const QJsonObject &in, ServiceError *e);

    // --- CloudWatch (cloudwatch_service.cpp): POST / with X-Amz-Target
    HttpResponse cloudWatch(const HttpRequest &request, QString *operationOut);
    HttpResponse cloudWatchDataPlane(const QByteArray &action, const QJsonObject &in);
    void sampleMetrics(qint64 catchUpSeconds = 60); // the seconds since the last call; onTick
    void sampleMetricsAt(qint64 epochSecond);
    void varyDemoNetworks();

    // --- demo (demo.cpp)
    void startDemo();
    void demoStep();

    // --- state file (statefile.cpp)
    bool loadState(QString *error);
    bool writeState(QString *error);

    LocalService *q;
    LocalServiceOptions options;
    QHash<QString, QString> secrets; // access key id -> secret
    static const ivs::ModelValidator &validator() { return ivs::ModelValidator::embedded(); }
    aws::SigV4Signer signer;
    FaultTable faults;
    Es384Key serviceKey;
    QAbstractHttpServer *http = nullptr;
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
    QHash<QString, IssuedToken> tokens;       // by participant id (jti)
    std::vector<Replica> replicas;

    // Timers and rate limits.
    QElapsedTimer clock;
    std::multimap<qint64, std::function<void()>> scheduled; // due ms on `clock`
    QTimer tick;
    QHash<QString, std::deque<qint64>> recentCalls; // per quota class
    QTimer saveTimer;
    bool dirty = false;
    // A handler may answer with ready-made JSON bytes (hot lists) instead of an object.
    QByteArray rawOutput;
    QTimer demoTimer;
    quint64 demoRound = 0;
    // CloudWatch: samples, per-participant networks, quota windows (GetMetricData, ListMetrics).
    MetricStore metrics;
    QHash<QString, NetworkProfile> networkProfiles; // by participant id
    qint64 firstMetricSecond = 0, lastMetricSecond = 0;
    std::deque<qint64> metricCalls[2];
};

// The members of `from` named in `keys` (summaries of stored resources).
QJsonObject pick(const QJsonObject &from, std::initializer_list<const char *> keys);

// Looks `in["arn"]` up in `map`: {member: resource}, or ResourceNotFoundException.
QJsonObject getByArn(const std::map<QString, QJsonObject> &map, const QJsonObject &in,
                     const QString &member, const QString &what, ServiceError *e);

// Applies a patch of defaults: members of `defaults` absent from `value` are added, recursively.
QJsonObject withDefaults(QJsonObject value, const QJsonObject &defaults);

} // namespace gr::local
