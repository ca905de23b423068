#pragma once
// The CloudWatch client: one asynchronous call per operation over the signed pipeline, on a
// transport of its own (signing name "monitoring", its own endpoint and pacer), so metrics
// never spend the IVS request budget.

#include "aws/awsclient.h"
#include "cloudwatch/operations.h"

#include <functional>
#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace gr::aws
{
class CredentialsProvider;
class RequestLog;
} // namespace gr::aws

namespace gr::cloudwatch
{

// The reply of one call: its JSON output and request id, or the error.
using CloudWatchResult = aws::Expected<aws::JsonReply>;

class CloudWatchClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CloudWatchResult &result)>;

    explicit CloudWatchClient(aws::AwsClient *transport, QObject *parent = nullptr);

    // A transport for CloudWatch at `endpoint`: signing name "monitoring", pacer set to the
    // CloudWatch quotas.
    static aws::AwsClient *createTransport(QNetworkAccessManager *network, const QUrl &endpoint,
                                           const QString &region,
                                           aws::CredentialsProvider *credentials,
                                           aws::RequestLog *log, QObject *parent);

    // Calls `done` once, unless `context` is destroyed first. The returned call can cancel.
    aws::AwsCall *call(Operation operation, const QJsonObject &input, QObject *context,
                       Callback done);

    aws::AwsClient *transport() const { return m_transport; }

    // Decodes a finished call: the service's error, or its JSON object output.
    static CloudWatchResult decode(const aws::AwsCall &call);

private:
    aws::AwsClient *m_transport;
};

// True when the error says these credentials may not read metrics (AccessDenied and its kin).
bool isPermissionError(const aws::AwsError &error);

// The status a view shows in place of charts when metrics cannot be had:
// "Metrics unavailable: AccessDenied — ..." for permissions, else the error in plain words.
QString metricsUnavailableText(const aws::AwsError &error);

} // namespace gr::cloudwatch
