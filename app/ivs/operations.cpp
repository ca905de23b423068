#include "ivs/operations.h"

#include "aws/sigv4.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gr::ivs
{

namespace
{

// The query-bound member (a string, or a list that repeats the key) taken out of the input.
QByteArray queryString(const OperationInfo &info, QJsonObject *input)
{
    if (!*info.queryMember)
        return {};
    const QJsonValue value = input->take(QLatin1String(info.queryMember));
    if (value.isUndefined() || value.isNull())
        return {};
    const QJsonArray values = value.isArray() ? value.toArray() : QJsonArray{value};
    QByteArray query;
    for (const QJsonValue &item : values) {
        if (!query.isEmpty())
            query += '&';
        query += QByteArray(info.queryKey) + '=' + aws::uriEncode(item.toString().toUtf8(), false);
    }
    return query;
}

} // namespace

aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input)
{
    const OperationInfo &info = operationInfo(operation);
    QJsonObject members = input;
    aws::AwsRequest request;
    request.operation = QLatin1String(info.name);
    request.method = info.method;
    request.pace = aws::PaceLane(quotaOf(operation));
    request.retrySafe = info.retrySafe;

    QByteArray path = info.uri;
    const qsizetype open = path.indexOf('{');
    if (open >= 0) {
        const qsizetype close = path.indexOf('}', open);
        const QString label = QString::fromLatin1(path.mid(open + 1, close - open - 1));
        const QByteArray value = members.take(label).toString().toUtf8();
        path.replace(open, close - open + 1, aws::uriEncode(value, false));
    }
    request.path = path;
    request.query = queryString(info, &members);
    request.hasBody = request.method == "POST";
    if (request.hasBody)
        request.body = QJsonDocument(members).toJson(QJsonDocument::Compact);
    return request;
}

} // namespace gr::ivs
