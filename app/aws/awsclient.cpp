#include "aws/awsclient.h"

#include "aws/credentials.h"
#include "aws/oneshotbody.h"
#include "aws/proxyfactory.h"
#include "aws/requestlog.h"
#include "aws/signedrequest.h"
#include "aws/sigv4.h"
#include "aws/tlserrors.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>

namespace gr::aws
{

namespace
{

bool isThrottling(const AwsError &e)
{
    static const QStringList types = {
        QStringLiteral("ThrottlingException"),      QStringLiteral("Throttling"),
        QStringLiteral("TooManyRequestsException"), QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("ThrottledException"),       QStringLiteral("SlowDown")};
    return e.httpStatus == 429 || types.contains(e.type);
}

bool isTransientStatus(int status)
{
    return status == 500 || status == 502 || status == 503 || status == 504;
}

bool isClockSkew(const AwsError &e)
{
    if (e.httpStatus != 403 && e.httpStatus != 400)
        return false;
    if (e.type == QLatin1String("RequestTimeTooSkewed") ||
        e.type == QLatin1String("RequestExpired"))
        return true;
    const bool signatureType = e.type == QLatin1String("InvalidSignatureException") ||
                               e.type == QLatin1String("SignatureDoesNotMatch");
    return signatureType && (e.message.contains(QLatin1String("expired"), Qt::CaseInsensitive) ||
                             e.message.contains(QLatin1String("skew"), Qt::CaseInsensitive));
}

bool isExpiredToken(const AwsError &e)
{
    return e.type == QLatin1String("ExpiredTokenException") ||
           e.type == QLatin1String("ExpiredToken") ||
           (e.type == QLatin1String("UnrecognizedClientException") &&
            e.message.contains(QLatin1String("expired"), Qt::CaseInsensitive));
}

// Errors raised before any byte of the request can have reached the service.
bool neverReachedServer(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return true;
    default:
        return false;
    }
}

bool isTransientNetwork(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // transfer timeout
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return neverReachedServer(e);
    }
}

} // namespace

QDateTime parseHttpDate(const QByteArray &value)
{
    // IMF-fixdate ("Wed, 25 Nov 2026 15:20:31 GMT"), which Qt's RFC 2822 parser refuses for
    // its "GMT"; numeric offsets parse as they are.
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(QLatin1String(" GMT")) || text.endsWith(QLatin1String(" UTC")))
        text = text.chopped(4) + QStringLiteral(" +0000");
    return QDateTime::fromString(text, Qt::RFC2822Date);
}

QString AwsCall::requestId() const
{
    return QString::fromLatin1(headerValue(m_headers, "x-amzn-RequestId"));
}

void AwsCall::cancel()
{
    if (m_finished)
        return;
    auto *client = qobject_cast<AwsClient *>(parent());
    if (m_paceTicket && client)
        client->pacer()->cancel(m_paceTicket);
    if (m_backoff)
        m_backoff->stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    AwsError error;
    error.kind = AwsError::Kind::Cancelled;
    error.message = tr("cancelled");
    if (client)
        client->finish(this, error);
}

AwsClient::AwsClient(QNetworkAccessManager *network, QUrl endpoint, QString region, QString service,
                     CredentialsProvider *credentials, RequestLog *log, QObject *parent)
    : QObject(parent), m_network(network), m_endpoint(std::move(endpoint)),
      m_region(std::move(region)), m_service(std::move(service)), m_credentials(credentials),
      m_log(log), m_signer(new SigV4Signer)
{
}

AwsClient::~AwsClient()
{
    delete m_signer;
}

Expected<void> AwsClient::setCaBundle(const QString &path, const QString &origin)
{
    const Expected<CaBundle> bundle = loadCaBundle(path, origin);
    if (!bundle)
        return bundle.error();
    m_caCertificates = bundle->certificates;
    m_trustedBy = tr("the CA bundle %1 (%2)").arg(path, origin);
    return {};
}

Expected<void> AwsClient::useProxiesFrom(const QProcessEnvironment &environment)
{
    auto *factory = new EnvironmentProxyFactory(environment);
    if (!factory->error().isEmpty()) {
        const QString error = factory->error();
        delete factory;
        return failure(AwsError::Kind::Configuration, error);
    }
    m_network->setProxyFactory(factory); // the manager owns it
    return {};
}

AwsCall *AwsClient::send(AwsRequest request)
{
    auto *call = new AwsCall(std::move(request), this);
    call->m_clock.start();
    setInFlight(+1);
    startAttempt(call);
    return call;
}

void AwsClient::startAttempt(AwsCall *call)
{
    ++call->m_attempts;
    QPointer<AwsCall> guard(call);
    call->m_paceTicket = m_pacer.schedule(call->m_request.pace, [this, guard] {
        if (!guard || guard->m_finished)
            return;
        guard->m_paceTicket = 0;
        if (!m_credentials) {
            AwsError error;
            error.kind = AwsError::Kind::Credentials;
            error.message = tr("no AWS credentials are configured");
            finish(guard, error);
            return;
        }
        m_credentials->get(guard, [this, guard](const Credentials &credentials, const QString &e) {
            if (!guard || guard->m_finished)
                return;
            if (!e.isEmpty()) {
                AwsError error;
                error.kind = AwsError::Kind::Credentials;
                error.message = e;
                finish(guard, error);
                return;
            }
            transmit(guard, credentials);
        });
    });
}

void AwsClient::transmit(AwsCall *call, const Credentials &credentials)
{
    const AwsRequest &r = call->m_request;
    const SignedRequest signedRequest =
        signRequest(r, m_endpoint, m_region, m_service, credentials,
                    QDateTime::currentDateTimeUtc().addMSecs(m_clockOffsetMs), *m_signer);
    QNetworkRequest request(signedRequest.url);
    for (const auto &[name, value] : signedRequest.headers)
        request.setRawHeader(name, value);
    request.setRawHeader("User-Agent", "greenroom/0.1");
    request.setTransferTimeout(r.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(m_caCertificates);
        request.setSslConfiguration(tls);
    }

    QNetworkReply *reply = nullptr;
    if (!r.retrySafe && r.hasBody) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, r.body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotBody(r.body, nullptr);
        reply = m_network->sendCustomRequest(request, r.method, body);
        body->setParent(reply);
    } else {
        reply = m_network->sendCustomRequest(request, r.method, r.hasBody ? r.body : QByteArray());
    }
    call->m_reply = reply;
    // The transfer timeout only fires on silence: a reply dripping a byte a second would hold
    // the call forever without a deadline of its own.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty("gr_deadline", true);
        reply->abort();
    });
    deadline->start(r.deadlineMs > 0 ? r.deadlineMs : m_defaultDeadlineMs);
    // Never ignored: a certificate problem ends the call, in words that name the certificate.
    connect(reply, &QNetworkReply::sslErrors, call, [this, reply](const QList<QSslError> &errors) {
        reply->setProperty("gr_tls", describeTlsErrors(errors, m_endpoint.host(),
                                                       m_trustedBy.isEmpty()
                                                           ? tr("the system's certificate store")
                                                           : m_trustedBy));
    });
    connect(reply, &QNetworkReply::downloadProgress, call, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes) {
            reply->setProperty("gr_tooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, call,
            [this, call, reply] { onReplyFinished(call, reply); });
}

void AwsClient::onReplyFinished(AwsCall *call, QNetworkReply *reply)
{
    reply->deleteLater();
    call->m_reply = nullptr;
    if (call->m_finished)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    call->m_status = status;
    call->m_headers = reply->rawHeaderPairs();
    call->m_body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError netError = reply->error();

    if (reply->property("gr_tooLarge").toBool()) {
        AwsError error;
        error.kind = AwsError::Kind::Decode;
        error.httpStatus = status;
        error.message = tr("the reply is larger than %1 MiB").arg(kMaxBodyBytes >> 20);
        finish(call, error);
        return;
    }

    if (reply->property("gr_deadline").toBool()) {
        // Not retried: a server this slow is as slow the second time, and the user has waited.
        AwsError error;
        error.kind = AwsError::Kind::Timeout;
        error.httpStatus = status;
        error.message = tr("%1: the reply did not complete within %2 s (%3 bytes received)")
                            .arg(call->m_request.operation)
                            .arg((call->m_request.deadlineMs > 0 ? call->m_request.deadlineMs
                                                                 : m_defaultDeadlineMs) /
                                 1000.0)
                            .arg(call->m_body.size());
        finish(call, error);
        return;
    }

    if (status == 0 && (netError == QNetworkReply::SslHandshakeFailedError ||
                        !reply->property("gr_tls").toString().isEmpty())) {
        // Not retried: a certificate does not get better by asking again. Nor is plain HTTP
        // ever tried instead.
        AwsError error;
        error.kind = AwsError::Kind::Network;
        const QString why = reply->property("gr_tls").toString();
        error.message =
            tr("no secure connection to %1: %2")
                .arg(m_endpoint.authority(),
                     why.isEmpty() ? tr("the TLS handshake failed (%1)").arg(reply->errorString())
                                   : why);
        finish(call, error);
        return;
    }

    if (status == 0) {
        // No HTTP answer at all.
        AwsError error;
        const bool timedOut = netError == QNetworkReply::TimeoutError ||
                              netError == QNetworkReply::OperationCanceledError;
        error.kind = timedOut ? AwsError::Kind::Timeout : AwsError::Kind::Network;
        error.message = timedOut
                            ? tr("no answer within %1 s").arg(call->m_request.timeoutMs / 1000.0)
                        : netError == QNetworkReply::ContentReSendError
                            ? tr("the connection closed after the request was sent; it may have "
                                 "been carried out, so it was not sent again")
                            : reply->errorString();
        const bool mayRetry = neverReachedServer(netError) ||
                              (call->m_request.retrySafe && isTransientNetwork(netError));
        if (mayRetry && retryAfter(call, false))
            return;
        finish(call, error);
        return;
    }

    if (status >= 200 && status < 300) {
        if (netError != QNetworkReply::NoError) {
            // The status arrived but the body did not (connection cut mid-body).
            AwsError error;
            error.kind = AwsError::Kind::Network;
            error.httpStatus = status;
            error.message = tr("the reply was cut short: %1").arg(reply->errorString());
            if (call->m_request.retrySafe && retryAfter(call, false))
                return;
            finish(call, error);
            return;
        }
        finish(call, {});
        return;
    }

    AwsError error = decodeServiceError(status, call->m_headers, call->m_body);
    if (isClockSkew(error) && !call->m_skewRetried) {
        const QDateTime serverTime = parseHttpDate(headerValue(call->m_headers, "Date"));
        if (serverTime.isValid()) {
            call->m_skewRetried = true;
            m_clockOffsetMs = QDateTime::currentDateTimeUtc().msecsTo(serverTime);
            --call->m_attempts; // a correction, not a retry
            startAttempt(call);
            return;
        }
    }
    if (isExpiredToken(error) && !call->m_credentialsRetried && m_credentials) {
        call->m_credentialsRetried = true;
        m_credentials->invalidate();
        --call->m_attempts;
        startAttempt(call);
        return;
    }
    // A throttled request was refused before any work was done, so even a create may go again.
    const bool throttled = isThrottling(error);
    if ((throttled || (call->m_request.retrySafe && isTransientStatus(status))) &&
        retryAfter(call, throttled))
        return;
    finish(call, error);
}

bool AwsClient::retryAfter(AwsCall *call, bool throttled)
{
    if (call->m_attempts >= m_retry.maxAttempts)
        return false;
    const int base = throttled ? m_retry.throttleBaseDelayMs : m_retry.baseDelayMs;
    const qint64 cap =
        std::min<qint64>(qint64(base) << std::min(call->m_attempts, 20), m_retry.maxDelayMs);
    const int delay = int(QRandomGenerator::global()->bounded(1.0) * double(cap));
    if (!call->m_backoff) {
        call->m_backoff = new QTimer(call);
        call->m_backoff->setSingleShot(true);
        connect(call->m_backoff, &QTimer::timeout, this, [this, call] { startAttempt(call); });
    }
    call->m_backoff->start(delay);
    return true;
}

void AwsClient::finish(AwsCall *call, AwsError error)
{
    if (call->m_finished)
        return;
    call->m_finished = true;
    call->m_latencyMs = call->m_clock.elapsed();
    if (error.requestId.isEmpty())
        error.requestId = call->requestId();
    call->m_error = error;
    if (m_log) {
        RequestLogEntry entry;
        entry.started = QDateTime::currentDateTime().addMSecs(-call->m_latencyMs);
        entry.operation = call->m_request.operation;
        entry.method = QString::fromLatin1(call->m_request.method);
        entry.endpoint =
            m_endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)
                .toString();
        entry.httpStatus = call->m_status;
        entry.latencyMs = call->m_latencyMs;
        entry.attempts = call->m_attempts;
        entry.requestId = error.requestId;
        entry.message = logSafeMessage(error.message);
        switch (error.kind) {
        case AwsError::Kind::None:
            entry.outcome = QStringLiteral("OK");
            break;
        case AwsError::Kind::Service:
            entry.outcome = error.type;
            break;
        case AwsError::Kind::Timeout:
            entry.outcome = QStringLiteral("timeout");
            break;
        case AwsError::Kind::Cancelled:
            entry.outcome = QStringLiteral("cancelled");
            break;
        case AwsError::Kind::Credentials:
            entry.outcome = QStringLiteral("no credentials");
            break;
        case AwsError::Kind::Decode:
            entry.outcome = QStringLiteral("bad reply");
            break;
        case AwsError::Kind::Network:
        case AwsError::Kind::Configuration:
        case AwsError::Kind::Invalid: // a call never fails this way; listed for the compiler
        case AwsError::Kind::File:
            entry.outcome = QStringLiteral("network error");
            break;
        }
        m_log->append(std::move(entry));
    }
    setInFlight(-1);
    emit call->finished();
}

void AwsClient::setInFlight(int delta)
{
    m_inFlight += delta;
    emit inFlightChanged(m_inFlight);
}

} // namespace gr::aws
