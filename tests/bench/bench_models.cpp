// The console's models and window, measured against a greenroom-local process:
//  - start to first stages painted, beside `aws ivs-realtime list-stages` on the same service;
//  - 10,000 participants of one session through the paged model (pages of 100) versus a raw
//    loop of the same signed requests (the floor) and the AWS JS SDK paginator (a peer);
//  - the refresh merge of 5,000 participants with 2% changed (no reset);
//  - memory per 100,000 participant rows.
// Pacing is off for the paging figures, so they measure Greenroom's own cost, not the quota.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "benchutil.h"
#include "ivs/ivsclient.h"
#include "local/localservice.h"
#include "localclient.h"
#include "models/listspecs.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTableView>

using namespace gr;

namespace
{

QJsonObject post(QNetworkAccessManager &network, QUrl url, const QByteArray &path,
                 const QJsonObject &body)
{
    url.setPath(QString::fromLatin1(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(600000);
    QNetworkReply *reply =
        network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    bench::waitFor([&] { return reply->isFinished(); }, 600000);
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

QJsonObject participantRow(int i, bool changed)
{
    return {
        {QStringLiteral("participantId"), QStringLiteral("p%1").arg(i, 11, 10, QLatin1Char('0'))},
        {QStringLiteral("userId"), QStringLiteral("user-%1").arg(i)},
        {QStringLiteral("state"),
         changed ? QStringLiteral("DISCONNECTED") : QStringLiteral("CONNECTED")},
        {QStringLiteral("firstJoinTime"), QStringLiteral("2026-11-25T12:00:00.000Z")},
        {QStringLiteral("published"), !changed},
        {QStringLiteral("recordingState"), QStringLiteral("DISABLED")},
        {QStringLiteral("replicationType"), QStringLiteral("NONE")}};
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                    : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const QString binary = bench::localBinary(args);
    QProcess service;
    const QUrl url = bench::startLocal(&service, binary, {QStringLiteral("--open-data-plane")});
    if (url.isEmpty()) {
        std::fprintf(stderr, "bench_models: could not start %s\n", qPrintable(binary));
        return 1;
    }
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(bench::localKeys(), QStringLiteral("bench"));
    aws::AwsClient transport(&network, url, QStringLiteral("us-east-1"), QStringLiteral("ivs"),
                             &credentials, nullptr);
    for (int i = 0; i < aws::kMaxPaceLanes; ++i)
        transport.pacer()->setRate(i, 0);
    ivs::IvsClient client(&transport);
    auto call = [&](ivs::Operation op, const QJsonObject &input) {
        return bench::callAndWait(client, op, input);
    };
    QStringList stageArns;
    for (int i = 0; i < 20; ++i)
        stageArns << call(ivs::Operation::CreateStage,
                          {{QStringLiteral("name"), QStringLiteral("stage-%1").arg(i)}})
                         .value(QLatin1String("stage"))
                         .toObject()
                         .value(QLatin1String("arn"))
                         .toString();

    // 1. Start to first stages painted.
    {
        QElapsedTimer t;
        t.start();
        ui::ConnectionChoice choice{
            ui::ConnectionChoice::Kind::Local, QStringLiteral("local"), {}, {}, {}};
        ui::MainWindow window(
            {choice}, [url](const ui::ConnectionChoice &) -> aws::Expected<ui::Connection *> {
                return new ui::Connection(
                    url, QStringLiteral("us-east-1"),
                    new aws::StaticCredentialsProvider(bench::localKeys(), QStringLiteral("bench")),
                    QStringLiteral("local"));
            });
        window.show();
        window.openConnection(0);
        bench::waitFor([&] { return window.listModel() && window.listModel()->rowCount() > 0; },
                       10000);
        window.table()->viewport()->repaint(); // the first frame with rows
        const qint64 windowMs = t.elapsed();
        qint64 cliMs = -1;
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"),
                   QLatin1String(local::LocalService::kDefaultAccessKeyId));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"),
                   QLatin1String(local::LocalService::kDefaultSecretAccessKey));
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
        cli.setProcessEnvironment(env);
        QElapsedTimer c;
        c.start();
        cli.start(QStringLiteral("aws"),
                  {QStringLiteral("ivs-realtime"), QStringLiteral("list-stages"),
                   QStringLiteral("--endpoint-url"), url.toString()});
        if (cli.waitForFinished(60000) && cli.exitCode() == 0)
            cliMs = c.elapsed();
        std::printf("bench_models: start to first stages painted: %lld ms (target < 500 ms); "
                    "`aws ivs-realtime list-stages` on the same service: %s\n",
                    windowMs,
                    cliMs < 0 ? "aws CLI not available"
                              : qPrintable(QStringLiteral("%1 ms").arg(cliMs)));
    }

    // 2. 10,000 participants through the paged model, a raw loop and the JS SDK.
    const int participants = quick ? 300 : 10000;
    const QJsonObject joined = post(
        network, url, "/__greenroom/join-many",
        {{QStringLiteral("stageArn"), stageArns.first()}, {QStringLiteral("count"), participants}});
    const QString sessionId = joined.value(QLatin1String("sessionId")).toString();
    const QJsonObject listInput{{QStringLiteral("stageArn"), stageArns.first()},
                                {QStringLiteral("sessionId"), sessionId},
                                {QStringLiteral("maxResults"), 100}};
    double rawMs = 0, modelMs = 0;
    int rawRows = 0, modelRows = 0;
    for (int round = 0; round < 3; ++round) { // best of three each
        QElapsedTimer t;
        t.start();
        int rows = 0;
        QString token;
        do {
            QJsonObject input = listInput;
            if (!token.isEmpty())
                input.insert(QStringLiteral("nextToken"), token);
            const QJsonObject out = call(ivs::Operation::ListParticipants, input);
            rows += int(out.value(QLatin1String("participants")).toArray().size());
            token = out.value(QLatin1String("nextToken")).toString();
        } while (!token.isEmpty());
        const double raw = t.nsecsElapsed() / 1e6;
        rawMs = round == 0 ? raw : std::min(rawMs, raw);
        rawRows = rows;

        models::ResourceListModel model(&client,
                                        models::participantsSpec(stageArns.first(), sessionId));
        t.restart();
        while (model.canFetchMore({}) ||
               model.status() == models::ResourceListModel::Status::Loading) {
            model.fetchMore({});
            bench::waitFor(
                [&] { return model.status() != models::ResourceListModel::Status::Loading; },
                60000);
        }
        const double m = t.nsecsElapsed() / 1e6;
        modelMs = round == 0 ? m : std::min(modelMs, m);
        modelRows = model.rowCount();
    }
    QString jsText = QStringLiteral("JS SDK not available");
    double jsMs = -1;
    const QString conformance = QStringLiteral(GR_SOURCE_DIR "/tests/conformance");
    if (QDir(conformance + QStringLiteral("/node_modules/@aws-sdk/client-ivs-realtime")).exists()) {
        QProcess node;
        node.setWorkingDirectory(conformance);
        node.start(QStringLiteral("node"), {QStringLiteral("paginate-bench.mjs"), url.toString(),
                                            stageArns.first(), sessionId});
        if (node.waitForFinished(120000)) {
            const QByteArray out = node.readAllStandardOutput();
            const QJsonObject o =
                QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
            jsMs = o.value(QLatin1String("ms")).toDouble(-1);
            jsText = QStringLiteral("%1 ms for %2 rows")
                         .arg(jsMs, 0, 'f', 0)
                         .arg(o.value(QLatin1String("rows")).toInt());
        }
    }
    std::printf(
        "bench_models: %d participants, pages of 100: paged model %.0f ms (%d rows), raw signed "
        "loop %.0f ms "
        "(%d rows): %.2fx the floor (target <= 1.2x); AWS JS SDK paginator: %s%s\n",
        participants, modelMs, modelRows, rawMs, rawRows, modelMs / rawMs, qPrintable(jsText),
        jsMs > 0
            ? qPrintable(QStringLiteral(" (model is %1x faster)").arg(jsMs / modelMs, 0, 'f', 2))
            : "");

    // 3. Refresh merge of 5,000 participants with 2% changed.
    {
        models::ResourceListModel model(
            &client, models::participantsSpec(QStringLiteral("arn"), QStringLiteral("st")));
        std::vector<QJsonObject> rows;
        for (int i = 0; i < 5000; ++i)
            rows.push_back(participantRow(i, false));
        model.applyListing(rows);
        int resets = 0, changedSignals = 0;
        QObject::connect(&model, &QAbstractItemModel::modelAboutToBeReset, [&] { ++resets; });
        QObject::connect(&model, &QAbstractItemModel::dataChanged, [&] { ++changedSignals; });
        double best = 1e9;
        for (int round = 0; round < 5; ++round) {
            std::vector<QJsonObject> fresh;
            for (int i = 0; i < 5000; ++i)
                fresh.push_back(participantRow(i, (i + round) % 50 == 0)); // 2% differ each round
            QElapsedTimer t;
            t.start();
            model.applyListing(fresh);
            best = std::min(best, t.nsecsElapsed() / 1e6);
        }
        std::printf("bench_models: refresh merge of 5,000 participants, 2%% changed: %.2f ms "
                    "(target < 5 ms), "
                    "%d resets, %d dataChanged signals over 5 merges\n",
                    best, resets, changedSignals);
    }

    // 4. Memory per 100,000 participant rows.
    {
        const int n = quick ? 10000 : 100000;
        std::vector<QJsonObject> rows;
        rows.reserve(size_t(n));
        const qint64 before = bench::heapBytes();
        auto *model = new models::ResourceListModel(
            &client, models::participantsSpec(QStringLiteral("arn"), QStringLiteral("st")));
        for (int i = 0; i < n; ++i)
            rows.push_back(participantRow(i, false));
        model->applyListing(rows);
        rows.clear();
        rows.shrink_to_fit();
        const qint64 after = bench::heapBytes();
        std::printf("bench_models: memory: %d participant rows in the model: %.1f MiB of heap "
                    "(%.0f bytes per row; "
                    "%.1f MiB per 100,000)\n",
                    model->rowCount(), (after - before) / 1048576.0, double(after - before) / n,
                    (after - before) * 100000.0 / n / 1048576.0);
        delete model;
    }
    service.terminate();
    service.waitForFinished(5000);
    return 0;
}
