#include "local/localservice_p.h"

#include "local/quotas.h"

#include <array>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslKey>
#include <QUuid>

namespace gr::local
{

QJsonObject eventJson(const QString &participantId, const Event &ev)
{
    QJsonObject o{{QStringLiteral("name"), ev.name},
                  {QStringLiteral("participantId"), participantId},
                  {QStringLiteral("eventTime"), ev.time.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("replica"), ev.replica}};
    if (!ev.remoteParticipantId.isEmpty())
        o.insert(QStringLiteral("remoteParticipantId"), ev.remoteParticipantId);
    if (!ev.errorCode.isEmpty())
        o.insert(QStringLiteral("errorCode"), ev.errorCode);
    if (!ev.destinationStageArn.isEmpty()) {
        o.insert(QStringLiteral("destinationStageArn"), ev.destinationStageArn);
        o.insert(QStringLiteral("destinationSessionId"), ev.destinationSessionId);
    }
    if (!ev.previousToken.isEmpty())
        o.insert(QStringLiteral("previousToken"), ev.previousToken);
    if (!ev.newToken.isEmpty())
        o.insert(QStringLiteral("newToken"), ev.newToken);
    return o;
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

QJsonObject withoutNulls(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it->isNull())
            continue;
        out.insert(it.key(),
                   it->isObject() ? QJsonValue(withoutNulls(it->toObject())) : QJsonValue(*it));
    }
    return out;
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
    QObject::connect(&saveTimer, &QTimer::timeout, q, [this] { requestCommit(); });
}

QString LocalService::Impl::iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString LocalService::Impl::newId(int length) const
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString id(length, Qt::Uninitialized);
    // One 64-bit draw gives ten letters (6 bits each, the few values past 61 drawn again).
    quint64 bits = 0;
    int left = 0;
    for (int i = 0; i < length;) {
        if (left == 0) {
            bits = QRandomGenerator::global()->generate64();
            left = 10;
        }
        const int value = int(bits & 63);
        bits >>= 6;
        --left;
        if (value < 62)
            id[i++] = QLatin1Char(alphabet[value]);
    }
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
    ++changeCount;
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

void LocalService::Impl::handle(const HttpRequest &request, HttpFrontend::Reply reply)
{
    const quint64 changesBefore = changeCount;
    if (request.path.startsWith("/__greenroom/")) {
        if (const ServiceError denied = dataPlaneAccess(request); denied.isError())
            return finish(errorResponse(denied), {}, changesBefore, reply);
        if (request.path == "/__greenroom/join-many")
            return joinMany(request, [this, changesBefore, reply](HttpResponse response) {
                finish(std::move(response), {}, changesBefore, reply);
            });
    }
    QString operation;
    HttpResponse response = dispatch(request, &operation);
    finish(std::move(response), operation, changesBefore, reply);
}

void LocalService::Impl::finish(HttpResponse response, const QString &operation,
                                quint64 changesBefore, HttpFrontend::Reply reply)
{
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
    auto deliver = [this, reply, response, fault](bool saved, const QString &saveError) {
        HttpResponse out = response;
        if (!saved)
            out = errorResponse({500, QStringLiteral("InternalServerException"),
                                 QStringLiteral("The change was made but could not be saved to "
                                                "the state file: %1")
                                     .arg(saveError)});
        if (fault.latencyMs > 0)
            QTimer::singleShot(fault.latencyMs, q, [reply, out, fault] { reply(out, fault); });
        else
            reply(out, fault);
    };
    // An acknowledged change is a change on disk.
    if (!options.stateFile.isEmpty() && changeCount != changesBefore)
        afterCommit(deliver);
    else
        deliver(true, {});
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
             QStringLiteral("Unknown operation: %1 %2 is not an operation of this service "
                            "(operations are POST /OperationName, and GET, POST or DELETE "
                            "/tags/{resourceArn})")
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
        const QJsonObject body = withoutNulls(doc.object());
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (!input.contains(it.key()))
                input.insert(it.key(), *it);
        }
    }
    ServiceError error;
    const Output output = invoke(*ivs::operationByName(operation), input, &error);
    if (error.isError())
        return errorResponse(error);
    if (!output.raw.isEmpty()) {
        HttpResponse response;
        response.body = output.raw;
        return response;
    }
    return jsonResponse(output);
}

Output LocalService::Impl::invoke(ivs::Operation operation, const QJsonObject &input,
                                  ServiceError *error)
{
    const QString name = QLatin1String(ivs::operationInfo(operation).name);
    if (const QString invalid = validator().validate(name, input); !invalid.isEmpty()) {
        *error = ServiceError::validation(invalid);
        return {};
    }
    using Handler = Output (Impl::*)(const QJsonObject &, ServiceError *);
    using Op = ivs::Operation;
    static const auto handlers = [] {
        std::array<Handler, ivs::kOperationCount> table{};
        const std::pair<Op, Handler> entries[] = {
            {Op::CreateStage, &Impl::createStage},
            {Op::GetStage, &Impl::getStage},
            {Op::UpdateStage, &Impl::updateStage},
            {Op::DeleteStage, &Impl::deleteStage},
            {Op::ListStages, &Impl::listStages},
            {Op::CreateParticipantToken, &Impl::createParticipantToken},
            {Op::DisconnectParticipant, &Impl::disconnectParticipant},
            {Op::GetStageSession, &Impl::getStageSession},
            {Op::ListStageSessions, &Impl::listStageSessions},
            {Op::GetParticipant, &Impl::getParticipant},
            {Op::ListParticipants, &Impl::listParticipants},
            {Op::ListParticipantEvents, &Impl::listParticipantEvents},
            {Op::StartParticipantReplication, &Impl::startParticipantReplication},
            {Op::StopParticipantReplication, &Impl::stopParticipantReplication},
            {Op::ListParticipantReplicas, &Impl::listParticipantReplicas},
            {Op::CreateEncoderConfiguration, &Impl::createEncoderConfiguration},
            {Op::GetEncoderConfiguration, &Impl::getEncoderConfiguration},
            {Op::DeleteEncoderConfiguration, &Impl::deleteEncoderConfiguration},
            {Op::ListEncoderConfigurations, &Impl::listEncoderConfigurations},
            {Op::CreateStorageConfiguration, &Impl::createStorageConfiguration},
            {Op::GetStorageConfiguration, &Impl::getStorageConfiguration},
            {Op::DeleteStorageConfiguration, &Impl::deleteStorageConfiguration},
            {Op::ListStorageConfigurations, &Impl::listStorageConfigurations},
            {Op::StartComposition, &Impl::startComposition},
            {Op::GetComposition, &Impl::getComposition},
            {Op::StopComposition, &Impl::stopComposition},
            {Op::ListCompositions, &Impl::listCompositions},
            {Op::ImportPublicKey, &Impl::importPublicKey},
            {Op::GetPublicKey, &Impl::getPublicKey},
            {Op::DeletePublicKey, &Impl::deletePublicKey},
            {Op::ListPublicKeys, &Impl::listPublicKeys},
            {Op::CreateIngestConfiguration, &Impl::createIngestConfiguration},
            {Op::GetIngestConfiguration, &Impl::getIngestConfiguration},
            {Op::UpdateIngestConfiguration, &Impl::updateIngestConfiguration},
            {Op::DeleteIngestConfiguration, &Impl::deleteIngestConfiguration},
            {Op::ListIngestConfigurations, &Impl::listIngestConfigurations},
            {Op::TagResource, &Impl::tagResource},
            {Op::UntagResource, &Impl::untagResource},
            {Op::ListTagsForResource, &Impl::listTagsForResource},
        };
        static_assert(std::size(entries) == ivs::kOperationCount);
        for (const auto &[op, handler] : entries)
            table[size_t(op)] = handler;
        return table;
    }();
    return (this->*handlers[size_t(operation)])(input, error);
}

bool LocalService::Impl::throttled(const QString &operation)
{
    // Each operation has its own rate (local/quotas.cpp), counted over the last second.
    const auto op = ivs::operationByName(operation);
    const int limit = op ? callRateQuota(*op) : 5;
    std::deque<qint64> &calls = recentCalls[operation];
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

bool LocalService::Impl::decodeToken(const QString &operation, const QJsonObject &input,
                                     QString *lastKey, ServiceError *error) const
{
    lastKey->clear();
    const QString token = input.value(QLatin1String("nextToken")).toString();
    if (token.isEmpty())
        return true;
    const auto decoded =
        QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const QString text = QString::fromUtf8(decoded.decoded);
    const QString prefix = operation + QLatin1Char('\n');
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok ||
        !text.startsWith(prefix) || text.size() == prefix.size()) {
        *error = ServiceError::validation(
            QStringLiteral("The nextToken is not valid for %1.").arg(operation));
        return false;
    }
    *lastKey = text.mid(prefix.size());
    return true;
}

QString LocalService::Impl::encodeToken(const QString &operation, const QString &lastKey)
{
    return QString::fromLatin1((operation + QLatin1Char('\n') + lastKey).toUtf8().toBase64());
}

int LocalService::Impl::pageSize(const QJsonObject &input, int defaultMax)
{
    return input.contains(QLatin1String("maxResults"))
               ? input.value(QLatin1String("maxResults")).toInt()
               : defaultMax;
}

QString LocalService::Impl::positionKey(size_t position)
{
    QString key(9, QLatin1Char('0'));
    for (int at = 8; at >= 0 && position; --at, position /= 10)
        key[at] = QLatin1Char(char('0' + position % 10));
    return key;
}

bool LocalService::Impl::pageStart(const QString &operation, const QJsonObject &input,
                                   size_t *start, ServiceError *error) const
{
    QString last;
    if (!decodeToken(operation, input, &last, error))
        return false;
    *start = 0;
    if (last.isEmpty())
        return true;
    bool ok = false;
    const qulonglong position = last.toULongLong(&ok);
    if (!ok || last.size() != 9) {
        *error = ServiceError::validation(
            QStringLiteral("The nextToken is not valid for %1.").arg(operation));
        return false;
    }
    *start = size_t(position) + 1;
    return true;
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
    QString last;
    if (!decodeToken(operation, input, &last, error))
        return page;
    auto begin = keys.begin();
    if (!last.isEmpty())
        begin = std::upper_bound(keys.begin(), keys.end(), std::pair<QString, int>(last, INT_MAX));
    const int maxResults = pageSize(input, defaultMax);
    auto it = begin;
    for (; it != keys.end() && page.items.size() < maxResults; ++it)
        page.items.append(toJson(it->second));
    if (it != keys.end() && !page.items.isEmpty())
        page.nextToken = encodeToken(operation, std::prev(it)->first);
    return page;
}

LocalService::LocalService(LocalServiceOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>(this, std::move(options)))
{
}

LocalService::~LocalService()
{
    d->waitForCommit();
    if (d->changeCount != d->durableCount && !d->options.stateFile.isEmpty()) {
        if (const aws::Expected<void> written = d->writeState(); !written)
            qWarning("greenroom-local: %s", qPrintable(written.message()));
    }
}

const LocalServiceOptions &LocalService::options() const
{
    return d->options;
}

aws::Expected<void> LocalService::start()
{
    if (d->options.accessKeys.isEmpty())
        d->options.accessKeys.append(
            {QLatin1String(kDefaultAccessKeyId), QLatin1String(kDefaultSecretAccessKey)});
    for (const auto &[id, secret] : d->options.accessKeys)
        d->secrets.insert(id, secret);
    if (!d->options.faults.isEmpty()) {
        if (aws::Expected<void> parsed = d->faults.parse(d->options.faults); !parsed)
            return parsed;
    }
    d->serviceKey = Es384Key::generate();
    if (!d->options.stateFile.isEmpty()) {
        // Loaded, then written at once: a path that cannot be written is refused now, not
        // after the first change has been acknowledged.
        if (aws::Expected<void> loaded = d->loadState(); !loaded)
            return loaded;
        if (aws::Expected<void> written = d->writeState(); !written)
            return written;
    }

    QSslConfiguration tls;
    if (!d->options.tlsCertificateFile.isEmpty() || !d->options.tlsKeyFile.isEmpty()) {
        if (d->options.tlsCertificateFile.isEmpty() || d->options.tlsKeyFile.isEmpty()) {
            return aws::failure(aws::AwsError::Kind::Configuration,
                                QStringLiteral("HTTPS needs both a certificate and a key"));
        }
        QFile certificateFile(d->options.tlsCertificateFile), keyFile(d->options.tlsKeyFile);
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            return aws::failure(aws::AwsError::Kind::File,
                                QStringLiteral("cannot read %1: %2")
                                    .arg(certificateFile.isOpen() ? d->options.tlsKeyFile
                                                                  : d->options.tlsCertificateFile,
                                         certificateFile.isOpen() ? keyFile.errorString()
                                                                  : certificateFile.errorString()));
        }
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll());
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa);
        if (chain.isEmpty() || chain.first().isNull()) {
            return aws::failure(
                aws::AwsError::Kind::Configuration,
                QStringLiteral("%1 holds no PEM certificate").arg(d->options.tlsCertificateFile));
        }
        if (key.isNull()) {
            return aws::failure(aws::AwsError::Kind::Configuration,
                                QStringLiteral("%1 holds no unencrypted PEM RSA or EC private key")
                                    .arg(d->options.tlsKeyFile));
        }
        tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    d->http = new HttpFrontend(
        d->options.limits,
        [impl = d.get()](const HttpRequest &request, HttpFrontend::Reply reply) {
            impl->handle(request, std::move(reply));
        },
        this);
    d->port = d->http->listen(d->options.host, d->options.port, tls);
    if (d->port == 0) {
        return aws::failure(aws::AwsError::Kind::Configuration,
                            QStringLiteral("cannot listen on %1:%2 (in use or not permitted)")
                                .arg(d->options.host.toString())
                                .arg(d->options.port));
    }
    d->tick.start();
    if (d->options.demo)
        d->startDemo();
    return {};
}

QUrl LocalService::url() const
{
    QUrl url;
    url.setScheme(d->options.tlsCertificateFile.isEmpty() ? QStringLiteral("http")
                                                          : QStringLiteral("https"));
    url.setHost(d->options.host.toString());
    url.setPort(d->port);
    return url;
}

aws::Expected<void> LocalService::setFaults(const QString &spec)
{
    return d->faults.parse(spec);
}

aws::Expected<void> LocalService::saveState()
{
    d->waitForCommit();
    return d->writeState();
}

int LocalService::openConnections() const
{
    return d->http ? d->http->openConnections() : 0;
}

qint64 LocalService::bufferedBodyBytes() const
{
    return d->http ? d->http->bufferedBodyBytes() : 0;
}

} // namespace gr::local
