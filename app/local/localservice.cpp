#include "local/localservice_p.h"

#include "aws/requestpacer.h"
#include "ivs/operations.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLocale>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUuid>

namespace gr::local
{

namespace
{

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

// Qt HttpServer's base class gives us the socket, so faults can delay, cut or drop an answer.
class HttpFrontend : public QAbstractHttpServer
{
public:
    HttpFrontend(LocalService::Impl *impl, QObject *parent)
        : QAbstractHttpServer(parent), m_impl(impl)
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        HttpRequest r;
        r.method = methodName(request.method());
        const QUrl url = request.url();
        r.path = url.path(QUrl::FullyEncoded).toLatin1();
        r.query = url.query(QUrl::FullyEncoded).toLatin1();
        r.headers = request.headers();
        r.body = request.body();
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QPointer<QTcpSocket> guard(socket);
        m_impl->handle(r, [responder, guard](HttpResponse response, FaultAction fault) {
            if (!guard)
                return;
            if (fault.drop) {
                guard->abort();
                return;
            }
            if (fault.malformed && response.status == 200)
                response.body = response.body.left(response.body.size() / 2) + "<!-- not json -->";
            QByteArray declaredLength = QByteArray::number(response.body.size());
            if (fault.truncate)
                response.body = response.body.left(response.body.size() / 2);
            responder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
            for (const auto &[name, value] : response.headers)
                responder->writeHeader(name, value);
            responder->writeHeader("Content-Length", declaredLength);
            responder->writeBody(response.body);
            if (fault.truncate)
                guard->disconnectFromHost();
        });
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    LocalService::Impl *m_impl;
};

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject pick(const QJsonObject &from, std::initializer_list<const char *> keys)
{
    QJsonObject out;
    for (const char *key : keys) {
        if (from.contains(QLatin1String(key)))
            out.insert(QLatin1String(key), from.value(QLatin1String(key)));
    }
    return out;
}

QJsonObject getByArn(const std::map<QString, QJsonObject> &map, const QJsonObject &in,
                     const QString &member, const QString &what, ServiceError *e)
{
    const auto it = map.find(in.value(QLatin1String("arn")).toString());
    if (it == map.end()) {
        *e = ServiceError::notFound(QStringLiteral("%1 not found").arg(what));
        return {};
    }
    return {{member, it->second}};
}

QJsonObject withDefaults(QJsonObject value, const QJsonObject &defaults)
{
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        if (!value.contains(it.key()))
            value.insert(it.key(), *it);
        else if (it->isObject() && value.value(it.key()).isObject())
            value.insert(it.key(), withDefaults(value.value(it.key()).toObject(), it->toObject()));
    }
    return value;
}

LocalService::Impl::Impl(LocalService *owner, LocalServiceOptions o)
    : q(owner), options(std::move(o))
{
    clock.start();
    tick.setInterval(100);
    QObject::connect(&tick, &QTimer::timeout, q, [this] { onTick(); });
    saveTimer.setSingleShot(true);
    saveTimer.setInterval(200);
    QObject::connect(&saveTimer, &QTimer::timeout, q, [this] {
        QString error;
        if (!writeState(&error))
            qWarning("greenroom-local: %s", qPrintable(error));
    });
}

QString LocalService::Impl::iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString LocalService::Impl::newId(int length) const
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString id;
    id.reserve(length);
    for (int i = 0; i < length; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]));
    return id;
}

QString LocalService::Impl::arn(const QString &type, const QString &id) const
{
    return QStringLiteral("arn:aws:ivs:%1:%2:%3/%4").arg(options.region, options.account, type, id);
}

QJsonObject LocalService::Impl::storeNamed(std::map<QString, QJsonObject> &map, const QString &type,
                                           QJsonObject fields, const QJsonObject &in,
                                           const QString &member)
{
    const QString resourceArn = arn(type, newId(12));
    fields.insert(QStringLiteral("arn"), resourceArn);
    if (in.contains(QLatin1String("name")))
        fields.insert(QStringLiteral("name"), in.value(QLatin1String("name")));
    map[resourceArn] = fields;
    changed();
    return {{member, fields}};
}

void LocalService::Impl::schedule(double seconds, std::function<void()> action)
{
    const double scale = options.timeScale > 0 ? options.timeScale : 1.0;
    scheduled.emplace(clock.elapsed() + qint64(seconds * 1000.0 / scale), std::move(action));
}

void LocalService::Impl::onTick()
{
    const qint64 now = clock.elapsed();
    while (!scheduled.empty() && scheduled.begin()->first <= now) {
        auto action = std::move(scheduled.begin()->second);
        scheduled.erase(scheduled.begin());
        action();
    }
    stopCompositionsOfEmptyStages();
    sampleMetrics();
}

void LocalService::Impl::changed()
{
    dirty = true;
    if (!options.stateFile.isEmpty() && !saveTimer.isActive())
        saveTimer.start();
}

HttpResponse LocalService::Impl::jsonResponse(const QJsonObject &body) const
{
    HttpResponse response;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse LocalService::Impl::errorResponse(const ServiceError &error) const
{
    HttpResponse response;
    response.status = error.status;
    response.headers.append(
        std::pair<QByteArray, QByteArray>{"x-amzn-ErrorType", error.type.toLatin1()});
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("exceptionMessage"), error.message},
                                              {QStringLiteral("message"), error.message}})
                        .toJson(QJsonDocument::Compact);
    return response;
}

void LocalService::Impl::handle(const HttpRequest &request,
                                std::function<void(HttpResponse, FaultAction)> reply)
{
    QString operation;
    HttpResponse response = dispatch(request, &operation);
    FaultAction fault;
    if (!operation.isEmpty() && response.status != 403)
        fault = faults.roll(operation);
    if (fault.status) {
        static const QHash<int, std::pair<const char *, const char *>> kinds = {
            {429, {"ThrottlingException", "Rate exceeded"}},
            {500, {"InternalServerException", "An internal error occurred (injected fault)"}},
            {503, {"ServiceUnavailableException", "Service unavailable (injected fault)"}}};
        const auto kind = kinds.value(fault.status);
        response =
            errorResponse({fault.status, QLatin1String(kind.first), QLatin1String(kind.second)});
    }
    const bool typed = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto &h) { return h.first == "Content-Type"; });
    if (!typed)
        response.headers.append(
            std::pair<QByteArray, QByteArray>{"Content-Type", "application/json"});
    response.headers.append(std::pair<QByteArray, QByteArray>{
        "x-amzn-RequestId", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    response.headers.append(std::pair<QByteArray, QByteArray>{
        "Date", QLocale::c()
                    .toString(now(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                    .toLatin1()});
    if (fault.latencyMs > 0)
        QTimer::singleShot(fault.latencyMs, q,
                           [reply, response, fault] { reply(response, fault); });
    else
        reply(response, fault);
}

HttpResponse LocalService::Impl::dispatch(const HttpRequest &request, QString *operationOut)
{
    if (request.path.startsWith("/__greenroom/"))
        return dataPlane(request);
    if (request.method == "POST" && request.path == "/" &&
        !request.header("X-Amz-Target").isEmpty())
        return cloudWatch(request, operationOut);

    // Route first: an unknown path is UnknownOperationException whatever the signature.
    QString operation;
    QJsonObject input;
    if (request.path.startsWith("/tags/")) {
        const QString resourceArn =
            QString::fromUtf8(QByteArray::fromPercentEncoding(request.path.mid(6)));
        input.insert(QStringLiteral("resourceArn"), resourceArn);
        if (request.method == "GET") {
            operation = QStringLiteral("ListTagsForResource");
        } else if (request.method == "POST") {
            operation = QStringLiteral("TagResource");
        } else if (request.method == "DELETE") {
            operation = QStringLiteral("UntagResource");
            QJsonArray keys;
            for (const QByteArray &pair : request.query.split('&')) {
                const qsizetype eq = pair.indexOf('=');
                if (eq > 0 && pair.left(eq) == "tagKeys")
                    keys.append(
                        QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1))));
            }
            if (!keys.isEmpty())
                input.insert(QStringLiteral("tagKeys"), keys);
        }
    } else if (request.method == "POST" && request.path.size() > 1 &&
               validator().hasOperation(QString::fromLatin1(request.path.mid(1))) &&
               request.path.mid(1) != "TagResource" && request.path.mid(1) != "UntagResource" &&
               request.path.mid(1) != "ListTagsForResource") {
        operation = QString::fromLatin1(request.path.mid(1));
    }
    if (operation.isEmpty())
        return errorResponse(
            {404, QStringLiteral("UnknownOperationException"),
             QStringLiteral("Unknown operation %1 %2")
                 .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.path))});
    *operationOut = operation;

    if (const ServiceError auth = verifySignature(request); auth.isError())
        return errorResponse(auth);
    if (options.quotas && throttled(operation))
        return errorResponse(
            {429, QStringLiteral("ThrottlingException"), QStringLiteral("Rate exceeded")});

    if (request.method == "POST" && !request.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject())
            return errorResponse({400, QStringLiteral("SerializationException"),
                                  QStringLiteral("The request body is not a JSON object: %1")
                                      .arg(parseError.errorString())});
        const QJsonObject body = doc.object();
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (!input.contains(it.key()))
                input.insert(it.key(), *it);
        }
    }
    ServiceError error;
    rawOutput.clear();
    const QJsonObject output = invoke(operation, input, &error);
    if (error.isError())
        return errorResponse(error);
    if (!rawOutput.isEmpty()) {
        HttpResponse response;
        response.body = std::exchange(rawOutput, {});
        return response;
    }
    return jsonResponse(output);
}

QJsonObject LocalService::Impl::invoke(const QString &operation, const QJsonObject &input,
                                       ServiceError *error)
{
    if (const QString invalid = validator().validate(operation, input); !invalid.isEmpty()) {
        *error = ServiceError::validation(invalid);
        return {};
    }
    using Handler = QJsonObject (Impl::*)(const QJsonObject &, ServiceError *);
    static const QHash<QString, Handler> handlers = {
        {QStringLiteral("CreateStage"), &Impl::createStage},
        {QStringLiteral("GetStage"), &Impl::getStage},
        {QStringLiteral("UpdateStage"), &Impl::updateStage},
        {QStringLiteral("DeleteStage"), &Impl::deleteStage},
        {QStringLiteral("ListStages"), &Impl::listStages},
        {QStringLiteral("CreateParticipantToken"), &Impl::createParticipantToken},
        {QStringLiteral("DisconnectParticipant"), &Impl::disconnectParticipant},
        {QStringLiteral("GetStageSession"), &Impl::getStageSession},
        {QStringLiteral("ListStageSessions"), &Impl::listStageSessions},
        {QStringLiteral("GetParticipant"), &Impl::getParticipant},
        {QStringLiteral("ListParticipants"), &Impl::listParticipants},
        {QStringLiteral("ListParticipantEvents"), &Impl::listParticipantEvents},
        {QStringLiteral("StartParticipantReplication"), &Impl::startParticipantReplication},
        {QStringLiteral("StopParticipantReplication"), &Impl::stopParticipantReplication},
        {QStringLiteral("ListParticipantReplicas"), &Impl::listParticipantReplicas},
        {QStringLiteral("CreateEncoderConfiguration"), &Impl::createEncoderConfiguration},
        {QStringLiteral("GetEncoderConfiguration"), &Impl::getEncoderConfiguration},
        {QStringLiteral("DeleteEncoderConfiguration"), &Impl::deleteEncoderConfiguration},
        {QStringLiteral("ListEncoderConfigurations"), &Impl::listEncoderConfigurations},
        {QStringLiteral("CreateStorageConfiguration"), &Impl::createStorageConfiguration},
        {QStringLiteral("GetStorageConfiguration"), &Impl::getStorageConfiguration},
        {QStringLiteral("DeleteStorageConfiguration"), &Impl::deleteStorageConfiguration},
        {QStringLiteral("ListStorageConfigurations"), &Impl::listStorageConfigurations},
        {QStringLiteral("StartComposition"), &Impl::startComposition},
        {QStringLiteral("GetComposition"), &Impl::getComposition},
        {QStringLiteral("StopComposition"), &Impl::stopComposition},
        {QStringLiteral("ListCompositions"), &Impl::listCompositions},
        {QStringLiteral("ImportPublicKey"), &Impl::importPublicKey},
        {QStringLiteral("GetPublicKey"), &Impl::getPublicKey},
        {QStringLiteral("DeletePublicKey"), &Impl::deletePublicKey},
        {QStringLiteral("ListPublicKeys"), &Impl::listPublicKeys},
        {QStringLiteral("CreateIngestConfiguration"), &Impl::createIngestConfiguration},
        {QStringLiteral("GetIngestConfiguration"), &Impl::getIngestConfiguration},
        {QStringLiteral("UpdateIngestConfiguration"), &Impl::updateIngestConfiguration},
        {QStringLiteral("DeleteIngestConfiguration"), &Impl::deleteIngestConfiguration},
        {QStringLiteral("ListIngestConfigurations"), &Impl::listIngestConfigurations},
        {QStringLiteral("TagResource"), &Impl::tagResource},
        {QStringLiteral("UntagResource"), &Impl::untagResource},
        {QStringLiteral("ListTagsForResource"), &Impl::listTagsForResource},
    };
    const Handler handler = handlers.value(operation);
    if (!handler) {
        *error = {404, QStringLiteral("UnknownOperationException"), operation};
        return {};
    }
    return (this->*handler)(input, error);
}

bool LocalService::Impl::throttled(const QString &operation)
{
    const auto op = ivs::operationByName(operation);
    const aws::PaceClass pace = op ? ivs::operationInfo(*op).pace : aws::PaceClass::Other;
    const int limit = aws::RequestPacer::defaultRate(pace);
    std::deque<qint64> &calls = recentCalls[QString::number(int(pace))];
    const qint64 t = clock.elapsed();
    while (!calls.empty() && t - calls.front() >= 1000)
        calls.pop_front();
    if (int(calls.size()) >= limit)
        return true;
    calls.push_back(t);
    return false;
}

ServiceError LocalService::Impl::verifySignature(const HttpRequest &request, const QString &service)
{
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty())
        return {403, QStringLiteral("MissingAuthenticationTokenException"),
                QStringLiteral("Missing Authentication Token")};
    const auto invalid = [](const QString &m) {
        return ServiceError{403, QStringLiteral("InvalidSignatureException"), m};
    };
    if (!authorization.startsWith("AWS4-HMAC-SHA256 "))
        return {403, QStringLiteral("IncompleteSignatureException"),
                QStringLiteral("Authorization header requires the AWS4-HMAC-SHA256 algorithm")};
    QByteArray credential, signedHeaders, signature;
    for (QByteArray part : authorization.mid(17).split(',')) {
        part = part.trimmed();
        if (part.startsWith("Credential="))
            credential = part.mid(11);
        else if (part.startsWith("SignedHeaders="))
            signedHeaders = part.mid(14);
        else if (part.startsWith("Signature="))
            signature = part.mid(10);
    }
    const QList<QByteArray> scope = credential.split('/');
    if (scope.size() != 5 || signedHeaders.isEmpty() || signature.isEmpty())
        return {403, QStringLiteral("IncompleteSignatureException"),
                QStringLiteral("Authorization header requires 'Credential', 'Signature' and "
                               "'SignedHeaders' parameters")};
    const QString keyId = QString::fromLatin1(scope[0]);
    if (!secrets.contains(keyId))
        return {403, QStringLiteral("UnrecognizedClientException"),
                QStringLiteral("The security token included in the request is invalid.")};
    if (scope[2] != options.region.toLatin1())
        return invalid(QStringLiteral("Credential should be scoped to a valid region, not '%1'.")
                           .arg(QString::fromLatin1(scope[2])));
    if (scope[3] != service.toLatin1())
        return invalid(
            QStringLiteral("Credential should be scoped to correct service: '%1'.").arg(service));
    const QByteArray amzDate = request.header("X-Amz-Date");
    const QDateTime signedUtc = aws::parseAmzDate(amzDate);
    if (!signedUtc.isValid())
        return invalid(QStringLiteral("X-Amz-Date is missing or not in the form 20150830T123600Z"));
    const QDateTime t = now();
    const QByteArray nowText = aws::amzDate(t);
    if (signedUtc.secsTo(t) > 300)
        return invalid(QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 5 min.)")
                           .arg(QString::fromLatin1(amzDate),
                                QString::fromLatin1(aws::amzDate(t.addSecs(-300))),
                                QString::fromLatin1(nowText)));
    if (t.secsTo(signedUtc) > 300)
        return invalid(
            QStringLiteral("Signature not yet current: %1 is still later than %2 (%3 + 5 min.)")
                .arg(QString::fromLatin1(amzDate),
                     QString::fromLatin1(aws::amzDate(t.addSecs(300))),
                     QString::fromLatin1(nowText)));
    if (scope[1] != amzDate.left(8))
        return invalid(
            QStringLiteral("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                           "of date from HTTP: '%1' != '%2'")
                .arg(QString::fromLatin1(scope[1]), QString::fromLatin1(amzDate.left(8))));

    aws::SignableRequest signable;
    signable.method = request.method;
    signable.path = request.path;
    signable.query = request.query;
    signable.payload = request.body;
    const QList<QByteArray> names = signedHeaders.split(';');
    if (!names.contains("host"))
        return invalid(QStringLiteral("'Host' must be a signed header"));
    for (const QByteArray &name : names) {
        for (const auto &[key, value] : request.headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                signable.headers.append(std::pair<QByteArray, QByteArray>{name, value});
        }
    }
    const aws::Signature expected = signer.sign(
        signable, {scope[0], secrets.value(keyId).toUtf8(), amzDate, scope[2], scope[3]});
    if (expected.signature != signature)
        return invalid(QStringLiteral(
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details."));
    return {};
}

LocalService::Impl::Page LocalService::Impl::paginate(const QString &operation,
                                                      std::vector<std::pair<QString, int>> keys,
                                                      const QJsonObject &input, int defaultMax,
                                                      const std::function<QJsonValue(int)> &toJson,
                                                      ServiceError *error) const
{
    Page page;
    if (!std::is_sorted(keys.begin(), keys.end()))
        std::sort(keys.begin(), keys.end());
    auto begin = keys.begin();
    const QString token = input.value(QLatin1String("nextToken")).toString();
    if (!token.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        const QString text = QString::fromUtf8(decoded.decoded);
        const QString prefix = operation + QLatin1Char('\n');
        if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok ||
            !text.startsWith(prefix)) {
            *error = ServiceError::validation(
                QStringLiteral("The nextToken is not valid for %1.").arg(operation));
            return page;
        }
        const QString last = text.mid(prefix.size());
        begin = std::upper_bound(keys.begin(), keys.end(), std::pair<QString, int>(last, INT_MAX));
    }
    const int maxResults = input.contains(QLatin1String("maxResults"))
                               ? input.value(QLatin1String("maxResults")).toInt()
                               : defaultMax;
    auto it = begin;
    for (; it != keys.end() && page.items.size() < maxResults; ++it)
        page.items.append(toJson(it->second));
    if (it != keys.end() && !page.items.isEmpty())
        page.nextToken = QString::fromLatin1(
            (operation + QLatin1Char('\n') + std::prev(it)->first).toUtf8().toBase64());
    return page;
}

LocalService::LocalService(LocalServiceOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>(this, std::move(options)))
{
}

LocalService::~LocalService()
{
    if (d->dirty && !d->options.stateFile.isEmpty()) {
        QString error;
        d->writeState(&error);
    }
}

const LocalServiceOptions &LocalService::options() const
{
    return d->options;
}

bool LocalService::start(QString *error)
{
    if (d->options.accessKeys.isEmpty())
        d->options.accessKeys.append(
            {QLatin1String(kDefaultAccessKeyId), QLatin1String(kDefaultSecretAccessKey)});
    for (const auto &[id, secret] : d->options.accessKeys)
        d->secrets.insert(id, secret);
    if (!d->options.faults.isEmpty() && !d->faults.parse(d->options.faults, error))
        return false;
    d->serviceKey = Es384Key::generate();
    if (!d->options.stateFile.isEmpty() && !d->loadState(error))
        return false;

    auto *http = new HttpFrontend(d.get(), this);
    d->http = http;
    d->port = http->listen(d->options.host, d->options.port);
    if (d->port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2 (in use or not permitted)")
                     .arg(d->options.host.toString())
                     .arg(d->options.port);
        return false;
    }
    d->tick.start();
    if (d->options.demo)
        d->startDemo();
    return true;
}

QUrl LocalService::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(d->options.host.toString());
    url.setPort(d->port);
    return url;
}

bool LocalService::setFaults(const QString &spec, QString *error)
{
    return d->faults.parse(spec, error);
}

bool LocalService::saveState(QString *error)
{
    return d->writeState(error);
}

} // namespace gr::local
