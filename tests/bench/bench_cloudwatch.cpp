// greenroom-local's CloudWatch under load: GetMetricData for 100 participants x 5 metrics over
// the last hour of 1-second samples (the participant page's query), answered per second by
// keep-alive clients on loopback. The service runs as its own process; an hour of history is
// made with the data-plane call metrics-backfill. Target: >= 500 requests/s.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "benchutil.h"
#include "cloudwatch/metricdata.h"
#include "cloudwatch/operations.h"
#include "loadgen.h"
#include "local/localservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace gr;

namespace
{

const aws::Credentials kCredentials{QLatin1String(local::LocalService::kDefaultAccessKeyId),
                                    QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                                    {},
                                    {}};

// One signed POST to greenroom-local, waited for (set-up only): IVS or the data plane (signed
// as the API is; greenroom-local may refuse unsigned data-plane calls).
QJsonObject post(QNetworkAccessManager &network, const QUrl &base, const QByteArray &path,
                 const QJsonObject &body)
{
    aws::AwsRequest request;
    request.path = path;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    aws::SigV4Signer signer;
    const aws::SignedRequest s =
        aws::signRequest(request, base, QStringLiteral("us-east-1"), QStringLiteral("ivs"),
                         kCredentials, QDateTime::currentDateTimeUtc(), signer);
    QNetworkRequest r(s.url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    for (const auto &[name, value] : s.headers)
        r.setRawHeader(name, value);
    r.setTransferTimeout(600000);
    QNetworkReply *reply = network.post(r, request.body);
    bench::waitFor([&] { return reply->isFinished(); }, 600000);
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

QByteArray signedGetMetricData(const QUrl &url, const QJsonObject &input)
{
    aws::SigV4Signer signer;
    const aws::AwsRequest request =
        cloudwatch::buildRequest(cloudwatch::Operation::GetMetricData, input);
    const aws::SignedRequest s = aws::signRequest(
        request, url, QStringLiteral("us-east-1"), QLatin1String(cloudwatch::kSigningName),
        kCredentials, QDateTime::currentDateTimeUtc(), signer);
    QByteArray raw = "POST / HTTP/1.1\r\n";
    for (const auto &[name, value] : s.headers)
        raw += name + ": " + value + "\r\n";
    raw += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n" + request.body;
    return raw;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bench::LocalRun run(app.arguments());
    const bool quick = run.quick;
    QProcess &service = run.service;
    const QUrl url = bench::startLocal(&service, run.binary);
    if (url.isEmpty()) {
        std::fprintf(stderr, "bench_cloudwatch: could not start %s\n", qPrintable(run.binary));
        return 1;
    }
    QNetworkAccessManager network;
    const int participants = 100;
    const int seconds = quick ? 300 : 3600;

    // 100 participants on 9 stages (a stage takes 12 publishers); each publishes and subscribes
    // to the one before it, so all five per-participant metrics have samples. Every tenth is on
    // a bad network.
    struct Who {
        QString stage, participant;
    };
    std::vector<Who> people;
    QString stageArn, previous;
    for (int i = 0; i < participants; ++i) {
        if (i % 12 == 0) {
            stageArn = post(network, url, "/CreateStage",
                            {{QStringLiteral("name"),
                              QStringLiteral("bench-%1").arg(i / 12)}})[QLatin1String("stage")]
                                                                       [QLatin1String("arn")]
                                                                           .toString();
            previous.clear();
        }
        const QString token =
            post(network, url, "/CreateParticipantToken",
                 {{QStringLiteral("stageArn"),
                   stageArn}})[QLatin1String("participantToken")][QLatin1String("token")]
                .toString();
        const QString id = post(network, url, "/__greenroom/join",
                                {{QStringLiteral("token"), token}})[QLatin1String("participantId")]
                               .toString();
        const QJsonObject who{{QStringLiteral("stageArn"), stageArn},
                              {QStringLiteral("participantId"), id}};
        post(network, url, "/__greenroom/publish", who);
        if (!previous.isEmpty()) {
            QJsonObject sub = who;
            sub.insert(QStringLiteral("remoteParticipantId"), previous);
            post(network, url, "/__greenroom/subscribe", sub);
        }
        if (i % 10 == 9) {
            QJsonObject bad = who;
            bad.insert(QStringLiteral("packetLoss"), 12);
            bad.insert(QStringLiteral("bitrate"), 400000);
            post(network, url, "/__greenroom/network", bad);
        }
        previous = id;
        people.push_back({stageArn.mid(stageArn.lastIndexOf(QLatin1Char('/')) + 1), id});
    }
    QElapsedTimer fill;
    fill.start();
    const QJsonObject filled =
        post(network, url, "/__greenroom/metrics-backfill", {{QStringLiteral("seconds"), seconds}});
    std::printf("bench_cloudwatch: %d participants, %d s of 1-second samples: %.0f samples in "
                "%.0f series (backfilled in %lld ms), service RSS %lld MiB\n",
                participants, seconds, filled.value(QLatin1String("samples")).toDouble(),
                filled.value(QLatin1String("series")).toDouble(), fill.elapsed(),
                bench::rssKiB(service.processId()) / 1024);

    const QDateTime end = QDateTime::currentDateTimeUtc();
    for (int period : {60, 5}) {
        QList<QByteArray> requests;
        qsizetype points = 0;
        for (const Who &w : people) {
            const cloudwatch::Dimensions participant{
                {QStringLiteral("Stage"), w.stage}, {QStringLiteral("Participant"), w.participant}};
            cloudwatch::Dimensions layer = participant;
            layer += {{QStringLiteral("SimulcastLayer"), QStringLiteral("hi")},
                      {QStringLiteral("MediaType"), QStringLiteral("video")}};
            cloudwatch::Dimensions media = participant;
            media += {{QStringLiteral("MediaType"), QStringLiteral("video")}};
            const auto q = [&](const char *id, const char *metric,
                               const cloudwatch::Dimensions &dims) {
                cloudwatch::MetricQuery query;
                query.id = QLatin1String(id);
                query.metricName = QLatin1String(metric);
                query.dimensions = dims;
                query.period = period;
                query.stat = QStringLiteral("Average");
                return query;
            };
            const QJsonObject input = cloudwatch::metricDataInput(
                {q("bitrate", "PublishBitrate", layer), q("resolution", "PublishResolution", layer),
                 q("loss", "DownloadPacketLoss", participant),
                 q("dropped", "DroppedFrames", participant),
                 q("received", "SubscribeBitrate", media)},
                end.addSecs(-seconds), end);
            requests.append(signedGetMetricData(url, input));
        }
        // One answer read in full: every metric has its hour of points.
        {
            QNetworkRequest r(url);
            const aws::AwsRequest request = cloudwatch::buildRequest(
                cloudwatch::Operation::GetMetricData,
                QJsonDocument::fromJson(requests[1].mid(requests[1].indexOf("\r\n\r\n") + 4))
                    .object());
            aws::SigV4Signer signer;
            const aws::SignedRequest s = aws::signRequest(
                request, url, QStringLiteral("us-east-1"), QLatin1String(cloudwatch::kSigningName),
                kCredentials, QDateTime::currentDateTimeUtc(), signer);
            for (const auto &[name, value] : s.headers)
                r.setRawHeader(name, value);
            QNetworkReply *reply = network.post(r, request.body);
            bench::waitFor([&] { return reply->isFinished(); }, 60000);
            const QJsonArray results = QJsonDocument::fromJson(reply->readAll())
                                           .object()
                                           .value(QLatin1String("MetricDataResults"))
                                           .toArray();
            reply->deleteLater();
            for (const QJsonValue &result : results)
                points += result[QLatin1String("Values")].toArray().size();
            if (results.size() != 5 || points < 5 * (seconds / period - 1)) {
                std::fprintf(stderr, "bench_cloudwatch: period %d: %lld results, %lld points\n",
                             period, qlonglong(results.size()), qlonglong(points));
                return 1;
            }
        }
        const int clients = 4;
        const int ms = quick ? 1000 : 5000;
        int failures = 0;
        bench::throughput(url, requests, clients, ms / 5, &failures);
        const double rate = bench::throughput(url, requests, clients, ms, &failures);
        std::printf("bench_cloudwatch: GetMetricData, 5 metrics x %d s at Period %d (%lld "
                    "points per answer): %.0f requests/s, %d keep-alive clients, %d failed: "
                    "%.2fx the target of 500\n",
                    seconds, period, qlonglong(points), rate, clients, failures, rate / 500.0);
        if (failures)
            return 1;
    }
    service.kill();
    service.waitForFinished();
    return 0;
}
