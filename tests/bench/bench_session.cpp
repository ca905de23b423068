// Loading every event of a session: a 500-participant session on greenroom-local --quotas
// (5 TPS for Get/List, enforced with 429s), loaded as the session page loads it: one-shot work in
// the connection's RateBudget, over the paced client. The floor is what the quota allows:
// request k cannot start before floor(k / 5) seconds; throttles must be 0. Then the second
// visit of the finished session, which must cost no request (the disk cache).

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/requestlog.h"
#include "benchutil.h"
#include "ivs/ivsclient.h"
#include "ivs/quotas.h"
#include "local/localservice.h"
#include "localclient.h"
#include "models/ratebudget.h"
#include "models/sessionloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>

using namespace gr;

namespace
{
QJsonObject post(QNetworkAccessManager &network, QUrl url, const QByteArray &action,
                 const QJsonObject &body)
{
    url.setPath(QStringLiteral("/__greenroom/") + QString::fromLatin1(action));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
    bench::waitFor([&] { return reply->isFinished(); }, 30000);
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const int participants = quick ? 40 : 500;
    const QString binary = bench::localBinary(args);
    QProcess service;
    const QUrl url = bench::startLocal(
        &service, binary, {QStringLiteral("--quotas"), QStringLiteral("--open-data-plane")});
    if (url.isEmpty()) {
        std::fprintf(stderr, "bench_session: could not start %s\n", qPrintable(binary));
        return 1;
    }
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(bench::localKeys(), QStringLiteral("bench"));
    // The console's own client: paced to the quotas (the default), its requests logged.
    aws::RequestLog log(nullptr, 100000);
    aws::AwsClient transport(&network, url, QStringLiteral("us-east-1"), QStringLiteral("ivs"),
                             &credentials, &log);
    ivs::applyQuotas(transport.pacer());
    ivs::IvsClient client(&transport);
    auto call = [&](ivs::Operation op, const QJsonObject &input) {
        return bench::callAndWait(client, op, input);
    };

    // A session: everyone joins, everyone tries to publish (12 succeed, the rest are refused
    // with QUOTA_EXCEEDED), every tenth participant leaves.
    const QString stageArn = call(ivs::Operation::CreateStage, {{QStringLiteral("name"), "bench"}})
                                 .value(QLatin1String("stage"))
                                 .toObject()
                                 .value(QLatin1String("arn"))
                                 .toString();
    const QString sessionId =
        post(network, url, "join-many",
             {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("count"), participants}})
            .value(QLatin1String("sessionId"))
            .toString();
    QStringList ids;
    QString token;
    do {
        QJsonObject in{{QStringLiteral("stageArn"), stageArn},
                       {QStringLiteral("sessionId"), sessionId},
                       {QStringLiteral("maxResults"), 100}};
        if (!token.isEmpty())
            in.insert(QStringLiteral("nextToken"), token);
        const QJsonObject page = call(ivs::Operation::ListParticipants, in);
        for (const QJsonValue &p : page.value(QLatin1String("participants")).toArray())
            ids << p.toObject().value(QLatin1String("participantId")).toString();
        token = page.value(QLatin1String("nextToken")).toString();
    } while (!token.isEmpty());
    for (int i = 0; i < ids.size(); ++i) {
        const QJsonObject at{{QStringLiteral("stageArn"), stageArn},
                             {QStringLiteral("participantId"), ids[i]}};
        post(network, url, "publish", at);
        if (i % 10 == 9)
            post(network, url, "leave", at);
    }
    if (ids.size() != participants) {
        std::fprintf(stderr, "bench_session: set-up failed (%d participants)\n", int(ids.size()));
        return 1;
    }
    QThread::msleep(1100); // the set-up's requests leave the quota window

    QTemporaryDir cacheDir;
    const SessionCache cache(cacheDir.path());
    models::RateBudget budget;
    SessionLoader loader(&client);
    loader.setCache(cache, QStringLiteral("bench"));
    loader.setBudget(&budget);
    const size_t logBefore = log.entries().size();
    QElapsedTimer t;
    t.start();
    bool done = false, failed = false;
    QObject::connect(&loader, &SessionLoader::finished, [&] { done = true; });
    QObject::connect(&loader, &SessionLoader::failed, [&](const aws::AwsError &e) {
        failed = true;
        std::fprintf(stderr, "bench_session: %s\n", qPrintable(e.toString()));
    });
    loader.start(stageArn, sessionId);
    bench::waitFor([&] { return done || failed; }, 600000);
    const qint64 firstMs = t.elapsed();
    if (!done)
        return 1;
    const int requests = loader.requestCount();
    const double floorS = double((requests - 1) / 5);
    const int events = loader.store().events().size();
    int throttles = 0;
    for (size_t i = logBefore; i < log.entries().size(); ++i)
        throttles += log.entries()[i].outcome == QLatin1String("ThrottlingException") ? 1 : 0;
    std::printf("session load through the rate budget: %d participants, %d events, %d requests "
                "in %.2f s; 5 TPS floor %.0f s; ratio %.3f (target <= 1.1); throttles %d\n",
                participants, events, requests, firstMs / 1000.0, floorS,
                floorS > 0 ? firstMs / 1000.0 / floorS : 0.0, throttles);

    // The session ends; the next full load caches it, and the visit after that is free.
    for (int i = 0; i < ids.size(); ++i) {
        if (i % 10 != 9)
            post(network, url, "leave",
                 {{QStringLiteral("stageArn"), stageArn},
                  {QStringLiteral("participantId"), ids[i]}});
    }
    QThread::msleep(1100);
    done = false;
    t.restart();
    loader.start(stageArn, sessionId);
    bench::waitFor([&] { return done || failed; }, 600000);
    const qint64 endedMs = t.elapsed();
    const QString path = cache.pathFor(QStringLiteral("bench"), stageArn, sessionId);
    bench::waitFor([&] { return QFile::exists(path); }, 10000);
    SessionLoader again(&client);
    again.setCache(cache, QStringLiteral("bench"));
    again.setBudget(&budget);
    bool againDone = false;
    QObject::connect(&again, &SessionLoader::finished, [&] { againDone = true; });
    t.restart();
    again.start(stageArn, sessionId);
    bench::waitFor([&] { return againDone; }, 60000);
    const qint64 secondMs = t.elapsed();
    std::printf("finished session: first load %.2f s (%d requests, %d events); second visit "
                "%lld ms, %d requests (target 0), from cache: %s, %lld bytes on disk\n",
                endedMs / 1000.0, loader.requestCount(), int(loader.store().events().size()),
                secondMs, again.requestCount(), again.isFromCache() ? "yes" : "no",
                QFileInfo(path).size());
    service.kill();
    service.waitForFinished();
    return again.requestCount() == 0 && again.isFromCache() && throttles == 0 ? 0 : 1;
}
