#include "ivs/ivsclient.h"

#include <memory>

#include "ivs/modelvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace gr::ivs
{

IvsClient::IvsClient(aws::AwsClient *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
}

IvsResult IvsClient::decode(Operation operation, const aws::AwsCall &call)
{
    IvsResult result;
    result.error = call.error();
    if (result.error.isError())
        return result;
    const QString name = QLatin1String(operationInfo(operation).name);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call.body(), &parseError);
    if (!doc.isObject()) {
        result.error.kind = aws::AwsError::Kind::Decode;
        result.error.httpStatus = call.httpStatus();
        result.error.requestId = call.requestId();
        result.error.message = parseError.error != QJsonParseError::NoError
                                   ? QObject::tr("%1: the reply is not JSON (%2 at byte %3)")
                                         .arg(name, parseError.errorString())
                                         .arg(parseError.offset)
                                   : QObject::tr("%1: the reply is not a JSON object").arg(name);
        return result;
    }
    result.output = doc.object();
    if (const QString bad = ModelValidator::embedded().checkOutput(name, result.output);
        !bad.isEmpty()) {
        result.error.kind = aws::AwsError::Kind::Decode;
        result.error.httpStatus = call.httpStatus();
        result.error.requestId = call.requestId();
        result.error.message =
            QObject::tr("%1: the reply does not match the API model: %2").arg(name, bad);
        result.output = {};
    }
    return result;
}

aws::AwsCall *IvsClient::call(Operation operation, const QJsonObject &input, QObject *context,
                              Callback done)
{
    aws::AwsCall *call = m_transport->send(buildRequest(operation, input));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    // Cleared when the context starts to die: its destroyed() comes before QPointer lets go.
    auto contextAlive = std::make_shared<bool>(true);
    auto finish = [call, operation, guard, hasContext, contextAlive, done = std::move(done)] {
        call->deleteLater();
        if (hasContext && (!guard || !*contextAlive))
            return;
        done(decode(operation, *call));
    };
    if (call->isFinished())
        QMetaObject::invokeMethod(call, finish, Qt::QueuedConnection);
    else
        connect(call, &aws::AwsCall::finished, call, finish);
    // A read for a caller that is gone would only spend quota: cancel it. A write goes on (it
    // may already have done its work), and its answer is dropped.
    const QByteArray name(operationInfo(operation).name);
    if (hasContext && (name.startsWith("Get") || name.startsWith("List")))
        connect(context, &QObject::destroyed, call, [call, contextAlive] {
            *contextAlive = false;
            if (!call->isFinished())
                call->cancel();
        });
    return call;
}

Paginator::Paginator(IvsClient *client, Operation operation, QJsonObject input, QObject *parent)
    : QObject(parent), m_client(client), m_operation(operation), m_input(std::move(input))
{
}

void Paginator::start()
{
    cancel();
    next({});
}

void Paginator::cancel()
{
    if (m_call)
        std::exchange(m_call, nullptr)->cancel();
}

void Paginator::next(const QString &token)
{
    QJsonObject input = m_input;
    if (!token.isEmpty())
        input.insert(QStringLiteral("nextToken"), token);
    m_call = m_client->call(m_operation, input, this, [this](const IvsResult &result) {
        m_call = nullptr;
        if (!result.ok()) {
            if (result.error.kind != aws::AwsError::Kind::Cancelled)
                emit failed(result.error);
            return;
        }
        const QString nextToken = result.output.value(QLatin1String("nextToken")).toString();
        emit page(
            result.output.value(QLatin1String(operationInfo(m_operation).resultKey)).toArray(),
            nextToken.isEmpty());
        if (!nextToken.isEmpty())
            next(nextToken);
    });
}

} // namespace gr::ivs
