#pragma once
// The CloudWatch operations Greenroom uses, as the JSON protocol (awsJson1_0) sends them:
// POST / with X-Amz-Target: GraniteServiceVersion20100801.<Operation>, a JSON body,
// Content-Type application/x-amz-json-1.0 and x-amzn-query-mode (the model is
// awsQueryCompatible, so the SDKs ask for query-compatible error codes). Signing name
// "monitoring". See data/SOURCE.txt.

#include "aws/awsclient.h"

#include <optional>
#include <QJsonObject>

namespace gr::cloudwatch
{

enum class Operation { GetMetricData, ListMetrics };

constexpr const char *kSigningName = "monitoring";
constexpr const char *kTargetPrefix = "GraniteServiceVersion20100801";
constexpr const char *kContentType = "application/x-amz-json-1.0";

const char *operationName(Operation operation);
std::optional<Operation> operationByName(QStringView name);

// Default rate quotas (per account and region, adjustable): GetMetricData 50 TPS, ListMetrics
// 25 TPS. The client's own pacer keeps to them; they do not share the IVS budget.
int defaultRate(Operation operation);
// The lane of the CloudWatch transport's pacer an operation waits in: one per operation.
aws::PaceLane paceClass(Operation operation);

aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input);

} // namespace gr::cloudwatch
