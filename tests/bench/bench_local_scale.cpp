// greenroom-local at scale, each figure against a peer measured in the same run:
// - a ListParticipants page of 100 in sessions of 1,000, 100,000 and 250,000 participants
//   (first page, and the mean page over the whole listing); target <= 1.3x from 1,000 to 250,000;
// - join-many per participant, the full token path (sign + verify, as before) against the
//   direct one; target >= 10x;
// - ListStages latency while a large join-many runs (median, p99, max) against the idle
//   service and the machine's scheduling delay in the same run;
// - CreateStage/s (each followed by its DeleteStage) with and without --state, 8 in flight.

#include "localclient.h"

#include <atomic>
#include <chrono>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <thread>
#include <unistd.h>

using namespace gr;
using bench::callSync;
using bench::Context;

namespace
{

// CPU time of a process in ms (Linux /proc; user + system): steadier than wall time on a
// shared machine.
double cpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readAll().split(')').last().split(' ');
    // After "pid (comm)": state is fields[1]; utime and stime are fields 12 and 13.
    return (fields.value(12).toDouble() + fields.value(13).toDouble()) * 1000.0 /
           double(sysconf(_SC_CLK_TCK));
}

QString createStage(Context &c, const QString &name)
{
    return callSync(c, ivs::Operation::CreateStage, {{QStringLiteral("name"), name}})
        .value(QLatin1String("stage"))
        .toObject()
        .value(QLatin1String("arn"))
        .toString();
}

struct PageCost {
    double firstMs = 0; // best of 20
    double meanMs = 0;  // over the whole listing
    double medianMs = 0;
    double cpuUs = 0; // the service's CPU per page, over 1,000 pages through the session
    int pages = 0, rows = 0;
};

PageCost pageCost(Context &c, qint64 servicePid, const QString &stageArn, const QString &sessionId)
{
    const QJsonObject input{{QStringLiteral("stageArn"), stageArn},
                            {QStringLiteral("sessionId"), sessionId},
                            {QStringLiteral("maxResults"), 100}};
    PageCost cost;
    cost.firstMs = 1e9;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        callSync(c, ivs::Operation::ListParticipants, input);
        cost.firstMs = std::min(cost.firstMs, t.nsecsElapsed() / 1e6);
    }
    // Twice: the first pass also builds each participant's cached summary; the second is the
    // steady cost a monitoring view pays.
    QElapsedTimer t;
    std::vector<double> pageMs;
    for (int pass = 0; pass < 2; ++pass) {
        pageMs.clear();
        cost.rows = 0;
        cost.pages = 0;
        t.start();
        QString token;
        do {
            QJsonObject page = input;
            if (!token.isEmpty())
                page.insert(QStringLiteral("nextToken"), token);
            QElapsedTimer one;
            one.start();
            const QJsonObject out = callSync(c, ivs::Operation::ListParticipants, page);
            pageMs.push_back(one.nsecsElapsed() / 1e6);
            cost.rows += int(out.value(QLatin1String("participants")).toArray().size());
            token = out.value(QLatin1String("nextToken")).toString();
            ++cost.pages;
        } while (!token.isEmpty());
    }
    cost.meanMs = t.nsecsElapsed() / 1e6 / cost.pages;
    std::sort(pageMs.begin(), pageMs.end());
    cost.medianMs = pageMs[pageMs.size() / 2];
    // CPU time does not count the waits a loaded machine adds to wall time.
    const int pages = 1000;
    const double cpuBefore = cpuMs(servicePid);
    QString token;
    for (int i = 0; i < pages; ++i) {
        QJsonObject page = input;
        if (!token.isEmpty())
            page.insert(QStringLiteral("nextToken"), token);
        token = callSync(c, ivs::Operation::ListParticipants, page)
                    .value(QLatin1String("nextToken"))
                    .toString();
    }
    cost.cpuUs = (cpuMs(servicePid) - cpuBefore) * 1000.0 / pages;
    return cost;
}

struct Latencies {
    int count = 0;
    double median = 0, p99 = 0, max = 0; // ms
};

// ListStages one after another while `more()` says so; their wall times.
template <typename More> Latencies listStagesLatencies(Context &c, More more)
{
    std::vector<double> ms;
    while (more()) {
        QElapsedTimer one;
        one.start();
        callSync(c, ivs::Operation::ListStages, {});
        ms.push_back(one.nsecsElapsed() / 1e6);
    }
    Latencies l;
    if (ms.empty())
        return l;
    std::sort(ms.begin(), ms.end());
    l.count = int(ms.size());
    l.median = ms[ms.size() / 2];
    l.p99 = ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))];
    l.max = ms.back();
    return l;
}

// The machine's scheduling delay: a thread sleeping 1 ms at a time, and how late it woke at worst.
class SchedulingDelay
{
public:
    SchedulingDelay()
        : thread([this] {
              while (!done) {
                  const auto before = std::chrono::steady_clock::now();
                  std::this_thread::sleep_for(std::chrono::milliseconds(1));
                  const double late = std::chrono::duration<double, std::milli>(
                                          std::chrono::steady_clock::now() - before)
                                          .count() -
                                      1.0;
                  worst = std::max(worst.load(), late);
              }
          })
    {
    }
    ~SchedulingDelay() { stop(); }
    double stop()
    {
        done = true;
        if (thread.joinable())
            thread.join();
        return worst;
    }

private:
    std::atomic<bool> done{false};
    std::atomic<double> worst{0};
    std::thread thread;
};

// Creates per second over `ms`, `inFlight` create-then-delete chains at once.
double createRate(Context &c, int ms, int inFlight, int *failures)
{
    int creates = 0, failed = 0, running = 0;
    QElapsedTimer t;
    t.start();
    std::function<void()> next = [&] {
        if (t.elapsed() >= ms)
            return;
        ++running;
        aws::AwsCall *create = c.client->send(
            ivs::buildRequest(ivs::Operation::CreateStage, {{QStringLiteral("name"), "rate"}}));
        QObject::connect(create, &aws::AwsCall::finished, [&, create] {
            create->deleteLater();
            const QString arn = QJsonDocument::fromJson(create->body())
                                    .object()[QLatin1String("stage")][QLatin1String("arn")]
                                    .toString();
            if (!create->ok() || arn.isEmpty()) {
                ++failed;
                --running;
                return next();
            }
            ++creates;
            aws::AwsCall *remove = c.client->send(
                ivs::buildRequest(ivs::Operation::DeleteStage, {{QStringLiteral("arn"), arn}}));
            QObject::connect(remove, &aws::AwsCall::finished, [&, remove] {
                remove->deleteLater();
                failed += remove->ok() ? 0 : 1;
                --running;
                next();
            });
        });
    };
    for (int i = 0; i < inFlight; ++i)
        next();
    const double seconds = ms / 1000.0;
    bench::waitFor([&] { return t.elapsed() >= ms && running == 0; }, ms + 30000);
    *failures = failed;
    return creates / std::max(seconds, t.elapsed() / 1000.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is measured
    bench::LocalRun run(app.arguments());
    const bool quick = run.quick;
    QProcess &service = run.service;
    Context c;
    if (!bench::startAndConnect(c, &service, run.binary, "bench_local_scale"))
        return 1;

    const bool onlyJoin = qEnvironmentVariableIsSet("BENCH_ONLY_JOIN"); // for profiling
    // 1. Page cost against session size.
    const int sizes[] = {1000, quick ? 5000 : 100000, quick ? 20000 : 250000};
    double meanAt[3] = {}, firstAt[3] = {}, medianAt[3] = {}, cpuAt[3] = {};
    for (int i = 0; i < 3 && !onlyJoin; ++i) {
        const QString stageArn = createStage(c, QStringLiteral("pages-%1").arg(sizes[i]));
        const QString sessionId = bench::plane(c, "join-many",
                                               {{QStringLiteral("stageArn"), stageArn},
                                                {QStringLiteral("count"), sizes[i]}})
                                      .value(QLatin1String("sessionId"))
                                      .toString();
        const PageCost cost = pageCost(c, service.processId(), stageArn, sessionId);
        cpuAt[i] = cost.cpuUs;
        meanAt[i] = cost.meanMs;
        firstAt[i] = cost.firstMs;
        medianAt[i] = cost.medianMs;
        std::printf(
            "bench_local_scale: ListParticipants page of 100 in a session of %7d: first "
            "%.2f ms; over all %d pages (%d rows) median %.2f ms, mean %.2f ms; service CPU "
            "%.0f us per page\n",
            sizes[i], cost.firstMs, cost.pages, cost.rows, cost.medianMs, cost.meanMs, cost.cpuUs);
        if (cost.rows != sizes[i])
            std::printf("bench_local_scale: FAILED: listed %d rows of %d\n", cost.rows, sizes[i]);
        callSync(c, ivs::Operation::DeleteStage, {{QStringLiteral("arn"), stageArn}});
    }
    std::printf("bench_local_scale: page cost %d vs %d participants: service CPU per page "
                "%.2fx (target <= 1.3x); wall time: first page %.2fx, median page %.2fx, mean "
                "page %.2fx\n",
                sizes[2], sizes[0], cpuAt[2] / cpuAt[0], firstAt[2] / firstAt[0],
                medianAt[2] / medianAt[0], meanAt[2] / meanAt[0]);

    // 2. join-many, per participant: the full token path against the direct one.
    // Verifying each signed token (OpenSSL's ECDSA P-384, ~1 ms) dominates the former path.
    const int slow = quick ? 200 : 1000, fast = quick ? 5000 : 50000;
    double usPer[2] = {}, cpuUsPer[2] = {};
    for (int signedTokens = 1; signedTokens >= 0; --signedTokens) {
        const QString stageArn = createStage(c, QStringLiteral("join"));
        const int n = signedTokens ? slow : fast;
        const double cpuBefore = cpuMs(service.processId());
        QElapsedTimer t;
        t.start();
        const QJsonObject joined =
            bench::plane(c, "join-many",
                         {{QStringLiteral("stageArn"), stageArn},
                          {QStringLiteral("count"), n},
                          {QStringLiteral("signedTokens"), bool(signedTokens)}});
        if (!joined.contains(QLatin1String("participantId")))
            std::printf("bench_local_scale: FAILED: join-many: %s\n",
                        QJsonDocument(joined).toJson(QJsonDocument::Compact).constData());
        usPer[signedTokens] = t.nsecsElapsed() / 1e3 / n;
        cpuUsPer[signedTokens] = (cpuMs(service.processId()) - cpuBefore) * 1000.0 / n;
        callSync(c, ivs::Operation::DeleteStage, {{QStringLiteral("arn"), stageArn}});
    }
    std::printf("bench_local_scale: join-many per participant: with signed tokens (the former "
                "path) %.1f us (%.1f us of service CPU), direct %.1f us (%.1f us CPU): %.1fx "
                "faster, %.1fx less CPU (target >= 10x)\n",
                usPer[1], cpuUsPer[1], usPer[0], cpuUsPer[0], usPer[1] / usPer[0],
                cpuUsPer[1] / std::max(cpuUsPer[0], 0.001));

    // 3. The API during a large join-many, against the same calls on the idle service and
    // against the machine's own scheduling delay measured meanwhile (a thread that sleeps 1 ms
    // and records how late it wakes): on a loaded machine a long wait that the sleeper also
    // sees is the scheduler's, one that it does not see is the service's.
    {
        const QString stageArn = createStage(c, QStringLiteral("busy"));
        const Latencies idle = listStagesLatencies(c, [n = 0]() mutable { return ++n <= 300; });
        SchedulingDelay sleeper;
        aws::AwsCall *join = bench::sendPlane(c, "join-many",
                                              {{QStringLiteral("stageArn"), stageArn},
                                               {QStringLiteral("count"), quick ? 20000 : 200000}});
        QElapsedTimer t;
        t.start();
        const Latencies busy = listStagesLatencies(c, [join] { return !join->isFinished(); });
        const double lateMs = sleeper.stop();
        std::printf("bench_local_scale: ListStages, idle service: %d calls, median %.2f ms, p99 "
                    "%.2f ms, max %.2f ms\n",
                    idle.count, idle.median, idle.p99, idle.max);
        std::printf("bench_local_scale: ListStages during a join-many of %d (%.1f s): %d calls, "
                    "median %.2f ms, p99 %.2f ms, max %.2f ms (p99 %.1fx idle); the scheduler "
                    "meanwhile woke a 1 ms sleeper up to %.2f ms late\n",
                    quick ? 20000 : 200000, t.elapsed() / 1000.0, busy.count, busy.median, busy.p99,
                    busy.max, busy.p99 / std::max(idle.p99, 0.001), lateMs);
        if (!join->ok())
            std::printf("bench_local_scale: FAILED: join-many: %s\n", join->body().constData());
        join->deleteLater();
        callSync(c, ivs::Operation::DeleteStage, {{QStringLiteral("arn"), stageArn}});
    }
    service.terminate();
    service.waitForFinished(5000);

    // 4. CreateStage/s with and without --state.
    QTemporaryDir dir;
    double rates[2] = {};
    for (int durable = 0; durable < 2; ++durable) {
        QProcess process;
        Context s;
        if (!bench::startAndConnect(s, &process, run.binary, "bench_local_scale",
                                    durable ? QStringList{QStringLiteral("--state"),
                                                          dir.filePath(QStringLiteral("s.json"))}
                                            : QStringList{}))
            return 1;
        int failures = 0;
        rates[durable] = createRate(s, quick ? 500 : 3000, 8, &failures);
        std::printf("bench_local_scale: CreateStage+DeleteStage %s --state: %.0f creates/s, 8 in "
                    "flight, %d failed\n",
                    durable ? "with   " : "without", rates[durable], failures);
        process.terminate();
        process.waitForFinished(5000);
    }
    std::printf("bench_local_scale: --state (every acknowledged write fsynced) keeps %.0f%% of the "
                "in-memory rate\n",
                100.0 * rates[1] / rates[0]);
    return 0;
}
