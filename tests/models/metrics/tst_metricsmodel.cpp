// MetricsModel against the local service's CloudWatch: a participant's eleven series and a
// stage's two, the degraded participant visibly degraded in the numbers, refreshes that merge
// the newest periods without a reset, and AccessDenied (scripted server) as the model's status.

#include "cloudwatch/cloudwatchclient.h"
#include "localharness.h"
#include "metricsstage.h"
#include "models/metricsmodel.h"
#include "stubserver.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

class TestMetricsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void periods();
    void participantSeries();
    void refreshMergesWithoutReset();
    void stageCounts();
    void accessDeniedIsTheStatus();

private:
    std::unique_ptr<cloudwatch::CloudWatchClient> clientFor(const QUrl &url);
    static double median(const models::MetricsModel::Series &s);
    static int rowOf(const models::MetricsModel &m, const QString &id);

    std::unique_ptr<LocalHarness> m_local;
    metrics_stage::Clients m_clients;
    QString m_stageArn, m_good, m_bad;
    qint64 m_since = 0;
};

std::unique_ptr<cloudwatch::CloudWatchClient> TestMetricsModel::clientFor(const QUrl &url)
{
    return m_clients.at(url);
}

double TestMetricsModel::median(const models::MetricsModel::Series &s)
{
    QVector<double> v = s.values;
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

int TestMetricsModel::rowOf(const models::MetricsModel &m, const QString &id)
{
    for (int row = 0; row < m.rowCount(); ++row) {
        if (m.series(row).query.id == id)
            return row;
    }
    return -1;
}

void TestMetricsModel::initTestCase()
{
    m_local = std::make_unique<LocalHarness>();
    QVERIFY2(m_local->ok(), qPrintable(m_local->error()));
    const metrics_stage::Stage stage = metrics_stage::make(*m_local, QStringLiteral("charts"));
    QVERIFY2(stage.error.isEmpty(), qPrintable(stage.error));
    m_stageArn = stage.stageArn;
    m_good = stage.good;
    m_bad = stage.bad;
    m_since = QDateTime::currentMSecsSinceEpoch() - 600 * 1000;
}

void TestMetricsModel::periods()
{
    QCOMPARE(models::MetricsModel::periodFor(3600 * 1000), 5);
    QCOMPARE(models::MetricsModel::periodFor(3 * 3600 * 1000), 10);
    QCOMPARE(models::MetricsModel::periodFor(24 * 3600 * 1000), 60);
    QCOMPARE(models::MetricsModel::periodFor(60 * 1000), 1);
}

void TestMetricsModel::participantSeries()
{
    auto client = clientFor(m_local->service()->url());
    models::MetricsModel model(client.get());
    QAbstractItemModelTester tester(&model);
    model.showParticipant(m_stageArn, m_bad, m_since);
    QCOMPARE(model.rowCount(), 11);
    QVERIFY(model.isLive());
    QCOMPARE(model.period(), 5);
    QCOMPARE(model.groups().size(), 5);
    QSignalSpy updated(&model, &models::MetricsModel::updated);
    model.refresh();
    QVERIFY(updated.wait(20000));
    QVERIFY2(model.available(), qPrintable(model.status()));
    QVERIFY(model.updatedAt().isValid());
    const auto &loss = model.series(rowOf(model, QStringLiteral("loss")));
    QVERIFY(loss.values.size() >= 100);
    QVERIFY2(median(loss) > 9, qPrintable(QString::number(median(loss))));
    QCOMPARE(median(model.series(rowOf(model, QStringLiteral("pr_hi")))), 240.0);
    QCOMPARE(median(model.series(rowOf(model, QStringLiteral("pr_mid")))), 120.0);
    QVERIFY(median(model.series(rowOf(model, QStringLiteral("pb_hi")))) < 250000);
    QCOMPARE(model
                 .data(model.index(rowOf(model, QStringLiteral("pb_audio"))),
                       models::MetricsModel::DimensionsRole)
                 .toString(),
             QStringLiteral("SimulcastLayer=none, MediaType=audio"));

    model.showParticipant(m_stageArn, m_good, m_since);
    model.refresh();
    QVERIFY(updated.wait(20000));
    QVERIFY(median(model.series(rowOf(model, QStringLiteral("loss")))) < 1);
    QCOMPARE(median(model.series(rowOf(model, QStringLiteral("pr_hi")))), 720.0);
}

void TestMetricsModel::refreshMergesWithoutReset()
{
    auto client = clientFor(m_local->service()->url());
    models::MetricsModel model(client.get());
    QAbstractItemModelTester tester(&model);
    model.showParticipant(m_stageArn, m_good, m_since);
    QSignalSpy updated(&model, &models::MetricsModel::updated);
    model.refresh();
    QVERIFY(updated.wait(20000));
    const qsizetype before = model.series(0).timesMs.size();
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy changed(&model, &models::MetricsModel::seriesChanged);
    QTest::qWait(5500); // a new 5-second period begins
    model.refresh();
    QVERIFY(updated.wait(20000));
    QCOMPARE(resets.count(), 0);
    QVERIFY(changed.count() > 0);
    const auto &s = model.series(0);
    QVERIFY(s.timesMs.size() >= before);
    for (qsizetype i = 1; i < s.timesMs.size(); ++i)
        QVERIFY2(s.timesMs[i] - s.timesMs[i - 1] >= 5000, "ascending, no duplicate periods");
    QCOMPARE(s.timesMs.size(), s.values.size());
}

void TestMetricsModel::stageCounts()
{
    auto client = clientFor(m_local->service()->url());
    models::MetricsModel model(client.get());
    QAbstractItemModelTester tester(&model);
    model.showStage(m_stageArn, m_since);
    QCOMPARE(model.rowCount(), 2);
    QSignalSpy updated(&model, &models::MetricsModel::updated);
    model.refresh();
    QVERIFY(updated.wait(20000));
    QCOMPARE(model.data(model.index(0), models::MetricsModel::LatestRole).toDouble(), 2.0);
    QCOMPARE(model.data(model.index(1), models::MetricsModel::LatestRole).toDouble(), 2.0);
    QCOMPARE(model.data(model.index(0), Qt::DisplayRole).toString(),
             QStringLiteral("Publishers: publishers"));
}

void TestMetricsModel::accessDeniedIsTheStatus()
{
    StubServer server;
    server.handler = [](const StubRequest &) {
        StubResponse r;
        r.status = 403;
        r.headers = {{"x-amzn-query-error", "AccessDenied;Sender"},
                     {"Content-Type", "application/x-amz-json-1.0"}};
        r.body =
            R"({"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User is not authorized to perform: cloudwatch:GetMetricData"})";
        return r;
    };
    auto client = clientFor(server.url());
    models::MetricsModel model(client.get());
    QAbstractItemModelTester tester(&model);
    model.showParticipant(m_stageArn, m_good, m_since);
    QSignalSpy status(&model, &models::MetricsModel::statusChanged);
    model.refresh();
    QVERIFY(status.wait(20000));
    QVERIFY(!model.available());
    QVERIFY2(model.status().startsWith(QLatin1String("Metrics unavailable: AccessDenied")),
             qPrintable(model.status()));
    QCOMPARE(model.rowCount(), 11); // the rows stay; they are empty
    QCOMPARE(server.requests.size(), 1);
}

QTEST_MAIN(TestMetricsModel)
#include "tst_metricsmodel.moc"
