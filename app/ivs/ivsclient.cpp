#include "ivs/ivsclient.h"

#include "ivs/modelvalidator.h"

#include <memory>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>

namespace gr::ivs
{

IvsClient::IvsClient(aws::AwsClient *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
}

IvsResult IvsClient::decode(Operation operation, const aws::AwsCall &call)
{
    return decode(operation, call.error(), call.httpStatus(), call.requestId(), call.body());
}

IvsResult IvsClient::decode(Operation operation, const aws::AwsError &transportError,
                            int httpStatus, const QString &requestId, const QByteArray &body)
{
    if (transportError.isError()) {
        aws::AwsError error = transportError;
        if (error.requestId.isEmpty())
            error.requestId = requestId;
        return error;
    }
    const QString name = QLatin1String(operationInfo(operation).name);
    const auto decodeError = [&](const QString &message) {
        aws::AwsError error = aws::failure(aws::AwsError::Kind::Decode, message);
        error.httpStatus = httpStatus;
        error.requestId = requestId;
        return error;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        return decodeError(parseError.error != QJsonParseError::NoError
                               ? QObject::tr("%1: the reply is not JSON (%2 at byte %3)")
                                     .arg(name, parseError.errorString())
                                     .arg(parseError.offset)
                               : QObject::tr("%1: the reply is not a JSON object").arg(name));
    }
    const QJsonObject output = doc.object();
    if (const QString bad = ModelValidator::embedded().checkOutput(name, output); !bad.isEmpty())
        return decodeError(
            QObject::tr("%1: the reply does not match the API model: %2").arg(name, bad));
    return aws::JsonReply{output, requestId};
}

aws::AwsCall *IvsClient::call(Operation operation, const QJsonObject &input, QObject *context,
                              Callback done)
{
    aws::AwsCall *call = m_transport->send(buildRequest(operation, input));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    // Cleared when the context starts to die: its destroyed() comes before QPointer lets go.
    auto contextAlive = std::make_shared<bool>(true);
    auto finish = [call, operation, guard, hasContext, contextAlive,
                   offThread = m_decodeOffThreadBytes, done = std::move(done)] {
        if (call->ok() && call->body().size() >= offThread) {
            // The watcher lives in the call, so a result for a call that is gone goes nowhere.
            auto promise = std::make_shared<QPromise<IvsResult>>();
            auto *watcher = new QFutureWatcher<IvsResult>(call);
            QObject::connect(watcher, &QFutureWatcherBase::finished, call,
                             [call, watcher, guard, hasContext, contextAlive, done] {
                                 call->deleteLater();
                                 if (hasContext && (!guard || !*contextAlive))
                                     return;
                                 done(watcher->result());
                             });
            watcher->setFuture(promise->future());
            QThreadPool::globalInstance()->start(
                [promise, operation, error = call->error(), status = call->httpStatus(),
                 requestId = call->requestId(), body = call->body()] {
                    promise->start();
                    promise->addResult(decode(operation, error, status, requestId, body));
                    promise->finish();
                });
            return;
        }
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

void PageGuard::reset()
{
    m_pages = 0;
    m_rows = 0;
    m_tokens.clear();
}

aws::AwsError PageGuard::admit(Operation operation, qsizetype rows, const QString &nextToken,
                               const QString &requestId)
{
    ++m_pages;
    m_rows += rows;
    const QString name = QLatin1String(operationInfo(operation).name);
    aws::AwsError error;
    if (!nextToken.isEmpty() && m_tokens.contains(nextToken)) {
        error.message = QObject::tr("%1: the service returned a nextToken it had already "
                                    "returned (page %2); the listing stopped after %3 rows")
                            .arg(name)
                            .arg(m_pages)
                            .arg(m_rows);
    } else if (!nextToken.isEmpty() && m_pages >= m_limits.maxPages) {
        error.message = QObject::tr("%1: more than %2 pages; the listing stopped after %3 rows")
                            .arg(name)
                            .arg(m_limits.maxPages)
                            .arg(m_rows);
    } else if (!nextToken.isEmpty() && m_rows >= m_limits.maxRows) {
        error.message = QObject::tr("%1: more than %2 rows; the listing stopped after %3 pages")
                            .arg(name)
                            .arg(m_limits.maxRows)
                            .arg(m_pages);
    }
    if (!error.message.isEmpty()) {
        error.kind = aws::AwsError::Kind::Decode;
        error.requestId = requestId;
        return error;
    }
    if (!nextToken.isEmpty())
        m_tokens.insert(nextToken);
    return error;
}

void Paginator::start()
{
    cancel();
    m_guard.reset();
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
            if (result.error().kind != aws::AwsError::Kind::Cancelled)
                emit failed(result.error());
            return;
        }
        const QString nextToken = result->output.value(QLatin1String("nextToken")).toString();
        const QJsonArray items =
            result->output.value(QLatin1String(operationInfo(m_operation).resultKey)).toArray();
        const aws::AwsError stop =
            m_guard.admit(m_operation, items.size(), nextToken, result->requestId);
        emit page(items, nextToken.isEmpty() && !stop.isError());
        if (stop.isError())
            emit failed(stop);
        else if (!nextToken.isEmpty())
            next(nextToken);
    });
}

} // namespace gr::ivs
