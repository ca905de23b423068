#include "aws/assumerole.h"

#include "aws/sigv4.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QXmlStreamReader>

namespace gr::aws
{

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(AssumeRoleParams params,
                                                             CredentialsProvider *source,
                                                             QString description,
                                                             QNetworkAccessManager *network,
                                                             QObject *parent)
    : CredentialsProvider(parent), m_params(std::move(params)), m_source(source),
      m_description(std::move(description)), m_network(network)
{
}

void AssumeRoleCredentialsProvider::refresh()
{
    m_source->get(this, [this](const Credentials &source, const QString &error) {
        if (!error.isEmpty()) {
            finishRefresh({}, tr("%1: source credentials: %2").arg(m_description, error));
            return;
        }
        callSts(source);
    });
}

static QByteArray formEncode(const QString &value)
{
    return uriEncode(value.toUtf8(), false);
}

void AssumeRoleCredentialsProvider::callSts(const Credentials &source)
{
    QByteArray body =
        "Action=AssumeRole&Version=2011-06-15&RoleArn=" + formEncode(m_params.roleArn);
    const QString sessionName =
        m_params.roleSessionName.isEmpty()
            ? QStringLiteral("greenroom-session-%1").arg(QDateTime::currentSecsSinceEpoch())
            : m_params.roleSessionName;
    body += "&RoleSessionName=" + formEncode(sessionName);
    if (!m_params.externalId.isEmpty())
        body += "&ExternalId=" + formEncode(m_params.externalId);
    if (m_params.durationSeconds > 0)
        body += "&DurationSeconds=" + QByteArray::number(m_params.durationSeconds);

    const QUrl url = m_params.endpoint;
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() > 0)
        host += ':' + QByteArray::number(url.port());
    SignableRequest signable;
    signable.method = "POST";
    signable.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (signable.path.isEmpty())
        signable.path = "/";
    signable.payload = body;
    const QByteArray date = amzDate(QDateTime::currentDateTimeUtc());
    signable.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                        {"Host", host},
                        {"X-Amz-Date", date}};
    if (!source.sessionToken.isEmpty())
        signable.headers.append({"X-Amz-Security-Token", source.sessionToken.toUtf8()});
    SigV4Signer signer;
    const Signature signature =
        signer.sign(signable, {source.accessKeyId.toUtf8(), source.secretAccessKey.toUtf8(), date,
                               m_params.region.toUtf8(), "sts"});

    QNetworkRequest request(url);
    for (const Header &header : std::as_const(signable.headers)) {
        if (header.first != "Host")
            request.setRawHeader(header.first, header.second);
    }
    request.setRawHeader("Authorization", signature.authorization);
    request.setTransferTimeout(30 * 1000);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QByteArray xml = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && xml.isEmpty()) {
            finishRefresh(
                {}, tr("%1: STS AssumeRole failed: %2").arg(m_description, reply->errorString()));
            return;
        }
        const Expected<Credentials> credentials = parseResponse(xml);
        if (!credentials) {
            finishRefresh({},
                          tr("%1: STS AssumeRole: %2").arg(m_description, credentials.message()));
            return;
        }
        finishRefresh(*credentials, {});
    });
}

Expected<Credentials> AssumeRoleCredentialsProvider::parseResponse(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    Credentials credentials;
    QString errorCode, errorMessage;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        const auto name = reader.name();
        if (name == QLatin1String("AccessKeyId"))
            credentials.accessKeyId = reader.readElementText();
        else if (name == QLatin1String("SecretAccessKey"))
            credentials.secretAccessKey = reader.readElementText();
        else if (name == QLatin1String("SessionToken"))
            credentials.sessionToken = reader.readElementText();
        else if (name == QLatin1String("Expiration"))
            credentials.expiration =
                QDateTime::fromString(reader.readElementText(), Qt::ISODateWithMs);
        else if (name == QLatin1String("Code"))
            errorCode = reader.readElementText();
        else if (name == QLatin1String("Message"))
            errorMessage = reader.readElementText();
    }
    if (!errorCode.isEmpty()) {
        AwsError error;
        error.kind = AwsError::Kind::Service;
        error.type = errorCode;
        error.message =
            errorMessage.isEmpty() ? errorCode : errorCode + QStringLiteral(": ") + errorMessage;
        return error;
    }
    if (reader.hasError())
        return failure(AwsError::Kind::Decode,
                       tr("malformed response (%1)").arg(reader.errorString()));
    if (!credentials.isValid() || credentials.sessionToken.isEmpty() ||
        !credentials.expiration.isValid())
        return failure(AwsError::Kind::Decode, tr("response lacks credentials"));
    return credentials;
}

} // namespace gr::aws
