#include "cloudwatch/operations.h"

#include <QJsonDocument>

namespace gr::cloudwatch
{

const char *operationName(Operation operation)
{
    switch (operation) {
    case Operation::GetMetricData:
        return "GetMetricData";
    case Operation::ListMetrics:
        return "ListMetrics";
    }
    return "";
}

std::optional<Operation> operationByName(QStringView name)
{
    for (Operation op : {Operation::GetMetricData, Operation::ListMetrics}) {
        if (name == QLatin1String(operationName(op)))
            return op;
    }
    return std::nullopt;
}

int defaultRate(Operation operation)
{
    return operation == Operation::GetMetricData ? 50 : 25;
}

// CloudWatch has its own pacer (its own transport): one lane per operation.
aws::PaceLane paceClass(Operation operation)
{
    return operation == Operation::GetMetricData ? 0 : 1;
}

aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input)
{
    aws::AwsRequest request;
    request.operation = QLatin1String(operationName(operation));
    request.method = "POST";
    request.path = "/";
    request.body = QJsonDocument(input).toJson(QJsonDocument::Compact);
    request.hasBody = true;
    request.contentType = kContentType;
    request.headers = {{"X-Amz-Target", QByteArray(kTargetPrefix) + '.' + operationName(operation)},
                       {"x-amzn-query-mode", "true"}};
    request.retrySafe = true; // both are reads
    request.pace = paceClass(operation);
    return request;
}

} // namespace gr::cloudwatch
