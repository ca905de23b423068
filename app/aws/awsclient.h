#pragma once
// The signed request pipeline: credentials, SigV4, pacing to the service quotas, retries in the
// SDKs' standard mode where a retry cannot duplicate work, clock-skew correction, timeouts,
// cancellation and the request log. Asynchronous; nothing here waits.

#include "aws/awserror.h"
#include "aws/expected.h"
#include "aws/requestpacer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QProcessEnvironment;

namespace gr::aws
{

// A service's JSON answer, decoded: its output object and the request id it came with (the
// request id of a failure is in AwsError). IvsResult and CloudWatchResult are Expected of it.
struct JsonReply {
    QJsonObject output;
    QString requestId;
};

class CredentialsProvider;
struct Credentials;
class RequestLog;
class SigV4Signer;

struct AwsRequest {
    QString operation;
    QByteArray method = "POST";
    QByteArray path = "/";                       // as on the wire, percent-encoded
    QByteArray query;                            // as on the wire, without '?'
    QByteArray body;                             // JSON; empty for bodiless requests
    bool hasBody = true;                         // sends Content-Type (below)
    QByteArray contentType = "application/json"; // awsJson1_0 services: application/x-amz-json-1.0
    QList<std::pair<QByteArray, QByteArray>> headers; // protocol headers, signed (X-Amz-Target)
    // True when sending twice cannot do the work twice (reads, deletes, idempotency tokens).
    // False requests are retried only when they provably never reached the service.
    bool retrySafe = true;
    PaceLane pace = 0;     // the service layer's quota lane
    int timeoutMs = 30000; // silence: no byte sent or received for this long
    // The whole attempt on the wire, however the bytes trickle in; 0: the client's default.
    int deadlineMs = 0;
};

// The HTTP Date header (IMF-fixdate or RFC 2822); invalid when it is neither.
QDateTime parseHttpDate(const QByteArray &value);

struct RetryPolicy {
    int maxAttempts = 3;
    int baseDelayMs = 100; // transient errors
    int throttleBaseDelayMs = 500;
    int maxDelayMs = 20000;
};

class AwsCall : public QObject
{
    Q_OBJECT
public:
    const AwsRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    const RawHeaders &headers() const { return m_headers; }
    const AwsError &error() const { return m_error; }
    int attempts() const { return m_attempts; }
    qint64 latencyMs() const { return m_latencyMs; }
    QString requestId() const;

    // Stops the call: queued, waiting for credentials or backoff, or on the wire. finished() is
    // still emitted, with a Cancelled error.
    void cancel();

signals:
    void finished();

private:
    friend class AwsClient;
    explicit AwsCall(AwsRequest request, QObject *parent)
        : QObject(parent), m_request(std::move(request))
    {
    }

    AwsRequest m_request;
    bool m_finished = false;
    int m_status = 0;
    QByteArray m_body;
    RawHeaders m_headers;
    AwsError m_error;
    int m_attempts = 0;
    bool m_skewRetried = false;
    bool m_credentialsRetried = false;
    qint64 m_latencyMs = 0;
    QElapsedTimer m_clock;
    QPointer<QNetworkReply> m_reply;
    quint64 m_paceTicket = 0;
    QTimer *m_backoff = nullptr;
};

class AwsClient : public QObject
{
    Q_OBJECT
public:
    AwsClient(QNetworkAccessManager *network, QUrl endpoint, QString region, QString service,
              CredentialsProvider *credentials, RequestLog *log, QObject *parent = nullptr);
    ~AwsClient() override;

    // The call is owned by the client until the caller takes it; delete it (deleteLater) once
    // finished() has been handled.
    AwsCall *send(AwsRequest request);

    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    // Trust only the certificates of a PEM bundle (AWS_CA_BUNDLE or a profile's ca_bundle)
    // instead of the system store; a Configuration error naming the file.
    Expected<void> setCaBundle(const QString &path, const QString &origin);
    // Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), as the CLI; a
    // Configuration error naming the variable when one is not a URL.
    Expected<void> useProxiesFrom(const QProcessEnvironment &environment);

    // For requests that do not set their own deadline.
    void setDefaultDeadlineMs(int ms) { m_defaultDeadlineMs = ms; }
    int defaultDeadlineMs() const { return m_defaultDeadlineMs; }
    RequestPacer *pacer() { return &m_pacer; }
    qint64 clockOffsetMs() const { return m_clockOffsetMs; }
    void setClockOffsetMs(qint64 offset) { m_clockOffsetMs = offset; }
    int inFlight() const { return m_inFlight; }
    const QUrl &endpoint() const { return m_endpoint; }
    const QString &region() const { return m_region; }

    static constexpr qint64 kMaxBodyBytes = 32 * 1024 * 1024;

signals:
    void inFlightChanged(int count);

private:
    friend class AwsCall;
    void startAttempt(AwsCall *call);
    void transmit(AwsCall *call, const Credentials &credentials);
    void onReplyFinished(AwsCall *call, QNetworkReply *reply);
    bool retryAfter(AwsCall *call, bool throttled);
    void finish(AwsCall *call, AwsError error);
    void setInFlight(int delta);

    QNetworkAccessManager *m_network;
    QUrl m_endpoint;
    QString m_region;
    QString m_service;
    CredentialsProvider *m_credentials;
    RequestLog *m_log;
    SigV4Signer *m_signer;
    RequestPacer m_pacer;
    RetryPolicy m_retry;
    qint64 m_clockOffsetMs = 0;
    int m_defaultDeadlineMs = 60000;
    QList<QSslCertificate> m_caCertificates; // empty: the system store
    QString m_trustedBy;                     // what they are, for messages
    int m_inFlight = 0;
};

} // namespace gr::aws
