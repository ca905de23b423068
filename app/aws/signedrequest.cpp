#include "aws/signedrequest.h"

#include "aws/credentials.h"

namespace gr::aws
{

static QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    const int port = url.port();
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (port != -1 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

SignedRequest signRequest(const AwsRequest &r, const QUrl &endpoint, const QString &region,
                          const QString &service, const Credentials &credentials,
                          const QDateTime &now, SigV4Signer &signer)
{
    SignedRequest out;
    out.url = endpoint;
    QByteArray basePath = endpoint.path(QUrl::FullyEncoded).toLatin1();
    if (basePath.endsWith('/'))
        basePath.chop(1);
    out.url.setPath(QString::fromLatin1(basePath + r.path), QUrl::TolerantMode);
    if (!r.query.isEmpty())
        out.url.setQuery(QString::fromLatin1(r.query), QUrl::TolerantMode);

    SignableRequest signable;
    signable.method = r.method;
    // Sign exactly what QUrl will put on the wire.
    signable.path = out.url.path(QUrl::FullyEncoded).toLatin1();
    signable.query = out.url.query(QUrl::FullyEncoded).toLatin1();
    signable.payload = r.body;
    const QByteArray date = amzDate(now);
    if (r.hasBody)
        signable.headers.append(Header{"Content-Type", r.contentType});
    for (const auto &header : r.headers)
        signable.headers.append(header);
    signable.headers.append(Header{"Host", hostHeader(out.url)});
    signable.headers.append(Header{"X-Amz-Date", date});
    if (!credentials.sessionToken.isEmpty())
        signable.headers.append(Header{"X-Amz-Security-Token", credentials.sessionToken.toUtf8()});
    out.signature = signer.sign(signable, {credentials.accessKeyId.toUtf8(),
                                           credentials.secretAccessKey.toUtf8(), date,
                                           region.toUtf8(), service.toUtf8()});
    out.headers = signable.headers;
    out.headers.append(Header{"Authorization", out.signature.authorization});
    return out;
}

} // namespace gr::aws
