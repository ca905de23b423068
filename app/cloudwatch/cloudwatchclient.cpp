#include "cloudwatch/cloudwatchclient.h"

#include <QJsonDocument>
#include <QPointer>

namespace gr::cloudwatch
{

CloudWatchClient::CloudWatchClient(aws::AwsClient *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
}

aws::AwsClient *CloudWatchClient::createTransport(QNetworkAccessManager *network,
                                                  const QUrl &endpoint, const QString &region,
                                                  aws::CredentialsProvider *credentials,
                                                  aws::RequestLog *log, QObject *parent)
{
    auto *transport = new aws::AwsClient(network, endpoint, region, QLatin1String(kSigningName),
                                         credentials, log, parent);
    for (Operation op : {Operation::GetMetricData, Operation::ListMetrics})
        transport->pacer()->setRate(paceClass(op), defaultRate(op));
    return transport;
}

aws::AwsCall *CloudWatchClient::call(Operation operation, const QJsonObject &input,
                                     QObject *context, Callback done)
{
    aws::AwsCall *call = m_transport->send(buildRequest(operation, input));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(call, &aws::AwsCall::finished, this, [call, guard, hasContext, done] {
        call->deleteLater();
        if (hasContext && !guard)
            return;
        done(decode(*call));
    });
    return call;
}

CloudWatchResult CloudWatchClient::decode(const aws::AwsCall &call)
{
    if (call.error().isError()) {
        aws::AwsError error = call.error();
        // awsQueryCompatible services name the query-protocol code in x-amzn-query-error
        // ("AccessDenied;Sender"); it is the code the CloudWatch documentation uses.
        const QByteArray queryError = aws::headerValue(call.headers(), "x-amzn-query-error");
        if (!queryError.isEmpty() && error.kind == aws::AwsError::Kind::Service)
            error.type = QString::fromLatin1(queryError.left(queryError.indexOf(';')));
        return error;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call.body(), &parseError);
    if (!doc.isObject()) {
        aws::AwsError error =
            aws::failure(aws::AwsError::Kind::Decode,
                         QStringLiteral("%1: the reply is not a JSON object (%2)")
                             .arg(call.request().operation, parseError.errorString()));
        error.httpStatus = call.httpStatus();
        error.requestId = call.requestId();
        return error;
    }
    return aws::JsonReply{doc.object(), call.requestId()};
}

bool isPermissionError(const aws::AwsError &error)
{
    static const QStringList kinds = {
        QStringLiteral("AccessDenied"), QStringLiteral("AccessDeniedException"),
        QStringLiteral("UnauthorizedOperation"), QStringLiteral("NotAuthorized")};
    return error.kind == aws::AwsError::Kind::Service && kinds.contains(error.type);
}

QString metricsUnavailableText(const aws::AwsError &error)
{
    if (isPermissionError(error)) {
        const QString code = error.type.isEmpty() ? QStringLiteral("AccessDenied") : error.type;
        return QObject::tr("Metrics unavailable: %1 — these credentials may not read CloudWatch "
                           "metrics (they need cloudwatch:GetMetricData). Everything else keeps "
                           "working.")
            .arg(code);
    }
    return QObject::tr("Metrics unavailable: %1").arg(error.toString());
}

} // namespace gr::cloudwatch
