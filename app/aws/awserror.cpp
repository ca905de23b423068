#include "aws/awserror.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace gr::aws
{

QString AwsError::toString() const
{
    QString text = type.isEmpty()      ? message
                   : message.isEmpty() ? type
                                       : type + QStringLiteral(": ") + message;
    QStringList details;
    if (httpStatus > 0)
        details << QStringLiteral("HTTP %1").arg(httpStatus);
    if (!requestId.isEmpty())
        details << QStringLiteral("request id %1").arg(requestId);
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

QByteArray headerValue(const RawHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

static QString cleanType(QString type)
{
    const qsizetype colon = type.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        type.truncate(colon);
    const qsizetype hash = type.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0)
        type = type.mid(hash + 1);
    return type.trimmed();
}

AwsError decodeServiceError(int httpStatus, const RawHeaders &headers, const QByteArray &body)
{
    AwsError error;
    error.kind = AwsError::Kind::Service;
    error.httpStatus = httpStatus;
    error.requestId = QString::fromLatin1(headerValue(headers, "x-amzn-RequestId"));
    const QJsonObject object = QJsonDocument::fromJson(body).object();

    QString type = QString::fromLatin1(headerValue(headers, "x-amzn-ErrorType"));
    if (type.isEmpty())
        type = object.value(QLatin1String("code")).toString();
    if (type.isEmpty())
        type = object.value(QLatin1String("__type")).toString();
    error.type = cleanType(type);
    for (const char *key : {"exceptionMessage", "message", "Message"}) {
        error.message = object.value(QLatin1String(key)).toString();
        if (!error.message.isEmpty())
            break;
    }
    if (error.type.isEmpty())
        error.type = QStringLiteral("HTTP %1").arg(httpStatus);
    if (error.message.isEmpty() && object.isEmpty() && !body.isEmpty())
        error.message = QCoreApplication::translate("AwsError", "the reply is not JSON: %1")
                            .arg(QString::fromUtf8(body.left(120)).simplified());
    return error;
}

} // namespace gr::aws
