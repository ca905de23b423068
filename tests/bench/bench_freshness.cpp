// Freshness of the live wall's data: greenroom-local with --quotas (Get/List 5 TPS, enforced
// with 429s) and 50 live stages (three participants each, two publishing, joined through the
// signed data plane); the console's LiveMonitor runs headless through its RateBudget, every
// tile Visible and one stage Selected, as on a wall that shows them all.
//
// The floor is what the quota allows: refreshing every tile once takes one ListParticipants
// per live stage (each session fits one page) plus one ListStages and one ListCompositions
// page, so a sweep cannot take less than (stages + 2) / 5 seconds. Reported: that floor, the
// oldest tile's age (worst and mean, sampled every 250 ms after a warm-up in which the first
// listings and the first reading of every participant's events happen), their ratio to the
// floor (target <= 1.2x), the selected stage's worst age (target <= 5 s) and the number of
// ThrottlingExceptions the service answered (must be 0; the client does not retry them here,
// so none is hidden).

#include "aws/requestlog.h"
#include "benchutil.h"
#include "ivs/ivsclient.h"
#include "ivs/quotas.h"
#include "localclient.h"
#include "models/budgets.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMap>
#include <QThread>
#include <QVector>

using namespace gr;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const int stages = quick ? 6 : 50;
    // --warmup S / --measure S: shorter runs while looking into a change.
    auto argMs = [&](const char *name, int fallback) {
        const int at = int(args.indexOf(QLatin1String(name)));
        return at > 0 && at + 1 < args.size() ? args.at(at + 1).toInt() * 1000 : fallback;
    };
    const int warmupMs = argMs("--warmup", quick ? 8000 : 90000);
    const int measureMs = argMs("--measure", quick ? 8000 : 120000);

    QProcess service;
    bench::Context setup;
    if (!bench::startAndConnect(setup, &service, bench::localBinary(args), "bench_freshness",
                                {QStringLiteral("--quotas")}))
        return 1;
    ivs::applyQuotas(setup.client->pacer()); // the set-up keeps to the quotas too

    QStringList arns;
    for (int i = 0; i < stages; ++i) {
        const QString arn =
            bench::callSync(setup, ivs::Operation::CreateStage,
                            {{QStringLiteral("name"), QStringLiteral("show-%1").arg(i)}})
                .value(QLatin1String("stage"))
                .toObject()
                .value(QLatin1String("arn"))
                .toString();
        for (int p = 0; p < 3; ++p) {
            const QString token =
                bench::callSync(setup, ivs::Operation::CreateParticipantToken,
                                {{QStringLiteral("stageArn"), arn},
                                 {QStringLiteral("userId"), QStringLiteral("user-%1").arg(p)}})
                    .value(QLatin1String("participantToken"))
                    .toObject()
                    .value(QLatin1String("token"))
                    .toString();
            const QString participantId =
                bench::plane(setup, "join", {{QStringLiteral("token"), token}})
                    .value(QLatin1String("participantId"))
                    .toString();
            if (participantId.isEmpty()) {
                std::fprintf(stderr, "bench_freshness: set-up failed (join on %s)\n",
                             qPrintable(arn));
                return 1;
            }
            if (p < 2)
                bench::plane(setup, "publish",
                             {{QStringLiteral("stageArn"), arn},
                              {QStringLiteral("participantId"), participantId}});
        }
        arns << arn;
    }
    QThread::msleep(1100); // the set-up's requests leave the quota window

    // The console's side: its own paced client, no retries (a throttle would show), a log.
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(bench::localKeys(), QStringLiteral("bench"));
    aws::RequestLog log(nullptr, 1000000);
    aws::AwsClient transport(&network, setup.url, QStringLiteral("us-east-1"),
                             QStringLiteral("ivs"), &credentials, &log);
    ivs::applyQuotas(transport.pacer());
    transport.setRetryPolicy({1, 100, 500, 1000});
    ivs::IvsClient client(&transport);
    models::RateBudget budget;
    models::budgets::watchPacer(&budget, transport.pacer()); // as the console's connection does
    models::LiveMonitor monitor(&client, &budget);
    const QString selected = arns.at(stages / 2);
    monitor.setSelectedStage(selected);
    QObject::connect(&monitor, &QAbstractItemModel::rowsInserted, [&] {
        QSet<QString> all;
        for (int row = 0; row < monitor.rowCount(); ++row)
            all.insert(monitor.index(row).data(models::LiveMonitor::StageArnRole).toString());
        monitor.setVisibleStages(QStringLiteral("bench"), all);
    });

    QElapsedTimer clock;
    clock.start();
    const bool listed = bench::waitFor(
        [&] { return monitor.rowCount() == stages && monitor.oldestAgeMs() >= 0; }, warmupMs * 2);
    const qint64 firstMs = clock.elapsed();
    if (!listed) {
        std::fprintf(stderr, "bench_freshness: %d of %d tiles after %lld ms (%s)\n",
                     monitor.rowCount(), stages, firstMs, qPrintable(monitor.lastError()));
        return 1;
    }
    bench::waitFor([] { return false; }, int(std::max<qint64>(0, warmupMs - firstMs)));

    const int requestsBefore = monitor.requestsStarted();
    const QHash<QString, int> countsBefore = monitor.requestCounts();
    qint64 worstOldest = 0, worstSelected = 0;
    QDateTime worstAt; // what filled the worst gap is read from the request log at the end
    double sumOldest = 0;
    int samples = 0;
    QElapsedTimer window;
    window.start();
    QVector<qint64> worstByQuarter(4, 0); // to tell a warm-up tail from the steady state
    while (window.elapsed() < measureMs) {
        bench::waitFor([] { return false; }, 250);
        const qint64 oldest = monitor.oldestAgeMs();
        if (oldest > worstOldest)
            worstAt = QDateTime::currentDateTimeUtc();
        worstOldest = std::max(worstOldest, oldest);
        qint64 &quarter =
            worstByQuarter[int(std::min<qint64>(3, window.elapsed() * 4 / measureMs))];
        quarter = std::max(quarter, oldest);
        worstSelected = std::max(worstSelected, monitor.ageMs(selected));
        sumOldest += double(oldest);
        ++samples;
    }
    const double seconds = double(window.elapsed()) / 1000.0;
    const int requests = monitor.requestsStarted() - requestsBefore;
    auto delta = [&](const char *op) {
        return monitor.requestCounts().value(QLatin1String(op)) -
               countsBefore.value(QLatin1String(op));
    };
    int throttles = 0, failures = 0;
    const QDateTime begun = log.entries().empty() ? QDateTime() : log.entries().front().started;
    for (const aws::RequestLogEntry &e : log.entries()) {
        const bool throttled = e.outcome == QLatin1String("ThrottlingException");
        throttles += throttled ? 1 : 0;
        failures += e.outcome != QLatin1String("OK") ? 1 : 0;
        if (e.outcome != QLatin1String("OK"))
            std::printf("  %s at %.3f s: %s\n", qPrintable(e.operation),
                        double(begun.msecsTo(e.started)) / 1000, qPrintable(e.outcome));
    }

    // The requests started while the worst tile waited, by operation, and their pace.
    QMap<QString, int> inWorst;
    int inWorstTotal = 0;
    for (const aws::RequestLogEntry &e : log.entries()) {
        if (worstAt.isValid() && e.started <= worstAt &&
            e.started.msecsTo(worstAt) <= worstOldest) {
            ++inWorst[e.operation];
            ++inWorstTotal;
        }
    }
    QString worstMix;
    for (auto it = inWorst.constBegin(); it != inWorst.constEnd(); ++it)
        worstMix += QStringLiteral("%1 %2, ").arg(it.key()).arg(it.value());
    worstMix.chop(2);

    const int rate = ivs::quotaRate(ivs::Quota::GetList);
    const int perSweep = stages + 2;
    const double floorS = double(perSweep) / rate;
    const double meanOldest = sumOldest / std::max(1, samples) / 1000.0;
    std::printf("bench_freshness: %d live stages, %d participants each (2 publishing), "
                "greenroom-local --quotas\n",
                stages, 3);
    std::printf("  first listing of every tile after %.1f s; warm-up %.0f s, measured %.0f s\n",
                double(firstMs) / 1000, double(warmupMs) / 1000, seconds);
    std::printf("  floor: %d requests per sweep / %d TPS = %.1f s\n", perSweep, rate, floorS);
    std::printf("  oldest tile: worst %.1f s (%.2fx floor), mean %.1f s (%.2fx floor)\n",
                double(worstOldest) / 1000, double(worstOldest) / 1000 / floorS, meanOldest,
                meanOldest / floorS);
    std::printf(
        "  oldest tile, worst in each quarter of the measurement: %.1f, %.1f, %.1f, %.1f s\n",
        double(worstByQuarter[0]) / 1000, double(worstByQuarter[1]) / 1000,
        double(worstByQuarter[2]) / 1000, double(worstByQuarter[3]) / 1000);
    std::printf("  during the worst wait: %d requests (%.2f/s): %s\n", inWorstTotal,
                inWorstTotal / std::max(0.001, double(worstOldest) / 1000), qPrintable(worstMix));
    std::printf("  selected stage: worst %.1f s old (target <= 5 s)\n",
                double(worstSelected) / 1000);
    std::printf("  monitor requests: %.2f/s (ListParticipants %d, ListParticipantEvents %d, "
                "ListStages %d, ListCompositions %d, GetStageSession %d)\n",
                requests / seconds, delta("ListParticipants"), delta("ListParticipantEvents"),
                delta("ListStages"), delta("ListCompositions"), delta("GetStageSession"));
    std::printf("  throttles: %d, other failures: %d (of %d requests logged)\n", throttles,
                failures - throttles, int(log.entries().size()));
    service.kill();
    service.waitForFinished();
    // The smoke run only proves the benchmark works; failing requests make it fail.
    return failures == 0 ? 0 : 1;
}
