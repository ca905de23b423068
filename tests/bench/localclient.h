#pragma once
// The benchmarks' client of greenroom-local: Greenroom's own signed pipeline with pacing off,
// waiting for each answer (benchmarks only). Data-plane calls are signed like the API.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "benchutil.h"
#include "ivs/ivsclient.h"
#include "ivs/operations.h"
#include "local/localservice.h"

#include <memory>
#include <optional>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace bench
{

inline gr::aws::Credentials localKeys()
{
    return {QLatin1String(gr::local::LocalService::kDefaultAccessKeyId),
            QLatin1String(gr::local::LocalService::kDefaultSecretAccessKey),
            {},
            {}};
}

struct Context {
    QNetworkAccessManager network;
    std::unique_ptr<gr::aws::StaticCredentialsProvider> credentials;
    std::unique_ptr<gr::aws::AwsClient> client;
    QUrl url;
};

// Sets up `c.client` for `c.url`, unpaced.
inline void connect(Context &c)
{
    c.credentials =
        std::make_unique<gr::aws::StaticCredentialsProvider>(localKeys(), QStringLiteral("bench"));
    c.client =
        std::make_unique<gr::aws::AwsClient>(&c.network, c.url, QStringLiteral("us-east-1"),
                                             QStringLiteral("ivs"), c.credentials.get(), nullptr);
    for (int i = 0; i < gr::aws::kMaxPaceLanes; ++i)
        c.client->pacer()->setRate(i, 0);
}

// Starts greenroom-local and connects `c` to it; false, saying so, when it does not start.
inline bool startAndConnect(Context &c, QProcess *service, const QString &binary,
                            const char *benchmark, const QStringList &extra = {})
{
    c.url = startLocal(service, binary, extra);
    if (c.url.isEmpty()) {
        std::fprintf(stderr, "%s: could not start %s\n", benchmark, qPrintable(binary));
        return false;
    }
    connect(c);
    return true;
}

inline QJsonObject callSync(Context &c, gr::ivs::Operation op, const QJsonObject &input)
{
    gr::aws::AwsCall *call = c.client->send(gr::ivs::buildRequest(op, input));
    waitFor([&] { return call->isFinished(); }, 30000);
    const QJsonObject out = QJsonDocument::fromJson(call->body()).object();
    call->deleteLater();
    return out;
}

// Calls `op` through the console's own IVS client (paced as it is set up) and waits for the
// answer: its output, or an empty object when it failed or took over a minute.
inline QJsonObject callAndWait(gr::ivs::IvsClient &client, gr::ivs::Operation op,
                               const QJsonObject &input)
{
    std::optional<gr::ivs::IvsResult> r;
    client.call(op, input, nullptr, [&](const gr::ivs::IvsResult &x) { r = x; });
    waitFor([&] { return r.has_value(); }, 60000);
    return r && r->ok() ? (*r)->output : QJsonObject();
}

// Sends a data-plane call, signed; the caller waits for it.
inline gr::aws::AwsCall *sendPlane(Context &c, const QByteArray &action, const QJsonObject &body)
{
    gr::aws::AwsRequest request;
    request.operation = QString::fromLatin1(action);
    request.path = "/__greenroom/" + action;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.retrySafe = false;
    request.timeoutMs = 600000;
    return c.client->send(request);
}

inline QJsonObject plane(Context &c, const QByteArray &action, const QJsonObject &body)
{
    gr::aws::AwsCall *call = sendPlane(c, action, body);
    waitFor([&] { return call->isFinished(); }, 600000);
    const QJsonObject out = QJsonDocument::fromJson(call->body()).object();
    call->deleteLater();
    return out;
}

} // namespace bench
