// The CloudWatch client against a scripted loopback server: the awsJson1_0 wire form, every
// page of GetMetricData merged by query id, ListMetrics paging, AccessDenied turned into the
// "Metrics unavailable" status, malformed replies named, and the endpoint resolved as the CLI
// resolves it for `aws cloudwatch`.

#include "aws/credentials.h"
#include "aws/profiles.h"
#include "aws/requestlog.h"
#include "cloudwatch/cloudwatchclient.h"
#include "cloudwatch/metricdata.h"
#include "stubserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gr;

class TestCloudWatchClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sendsTheJsonProtocol();
    void mergesEveryPageOfGetMetricData();
    void listsEveryPageOfMetrics();
    void accessDeniedBecomesMetricsUnavailable();
    void otherErrorsAreNotPermissionErrors();
    void malformedReplyNamesTheMember();
    void goneContextIsNotCalled();
    void endpointResolvedAsTheCli();

private:
    QList<cloudwatch::MetricSeries> fetch(const QJsonObject &input, aws::AwsError *error);

    StubServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    aws::StaticCredentialsProvider *m_credentials = nullptr;
    aws::RequestLog *m_log = nullptr;
    aws::AwsClient *m_transport = nullptr;
    cloudwatch::CloudWatchClient *m_client = nullptr;
};

static StubResponse json(const QJsonObject &body)
{
    StubResponse r;
    r.headers.append(
        std::pair<QByteArray, QByteArray>{"Content-Type", "application/x-amz-json-1.0"});
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

static QJsonObject result(const QString &id, const QList<double> &times,
                          const QList<double> &values)
{
    QJsonArray t, v;
    for (double x : times)
        t.append(x);
    for (double x : values)
        v.append(x);
    return {{QStringLiteral("Id"), id},
            {QStringLiteral("Label"), id.toUpper()},
            {QStringLiteral("StatusCode"), QStringLiteral("Complete")},
            {QStringLiteral("Timestamps"), t},
            {QStringLiteral("Values"), v}};
}

void TestCloudWatchClient::init()
{
    m_server = new StubServer(this);
    m_network = new QNetworkAccessManager(this);
    m_credentials = new aws::StaticCredentialsProvider(
        {QStringLiteral("AKIDCW"), QStringLiteral("cw-secret"), {}, {}}, QStringLiteral("test"),
        this);
    m_log = new aws::RequestLog(this);
    m_transport = cloudwatch::CloudWatchClient::createTransport(
        m_network, m_server->url(), QStringLiteral("us-west-2"), m_credentials, m_log, this);
    m_transport->setRetryPolicy({1, 5, 10, 50});
    m_client = new cloudwatch::CloudWatchClient(m_transport, this);
}

void TestCloudWatchClient::cleanup()
{
    delete m_client;
    delete m_transport;
    delete m_log;
    delete m_credentials;
    delete m_network;
    delete m_server;
}

QList<cloudwatch::MetricSeries> TestCloudWatchClient::fetch(const QJsonObject &input,
                                                            aws::AwsError *error)
{
    bool done = false;
    QList<cloudwatch::MetricSeries> out;
    cloudwatch::fetchMetricData(
        m_client, input, this,
        [&](const QList<cloudwatch::MetricSeries> &s, const aws::AwsError &e) {
            out = s;
            *error = e;
            done = true;
        });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
    return out;
}

void TestCloudWatchClient::sendsTheJsonProtocol()
{
    m_server->script.append(json({}));
    const QDateTime start = QDateTime::fromSecsSinceEpoch(1768476600, Qt::UTC);
    const QJsonObject input =
        cloudwatch::metricDataInput({{QStringLiteral("bitrate"),
                                      QStringLiteral("AWS/IVSRealTime"),
                                      QStringLiteral("PublishBitrate"),
                                      {{QStringLiteral("Stage"), QStringLiteral("st1")},
                                       {QStringLiteral("Participant"), QStringLiteral("p1")}},
                                      5,
                                      QStringLiteral("p90"),
                                      {}}},
                                    start, start.addSecs(3600));
    aws::AwsError error;
    fetch(input, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(m_server->requests.size(), 1);
    const StubRequest &r = m_server->requests.first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.target, QByteArray("/"));
    QCOMPARE(r.headers.value("x-amz-target"),
             QByteArray("GraniteServiceVersion20100801.GetMetricData"));
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/x-amz-json-1.0"));
    QVERIFY(r.headers.value("authorization").contains("/us-west-2/monitoring/aws4_request"));
    QVERIFY(r.headers.value("authorization").contains("x-amz-target"));
    const QJsonObject sent = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(sent.value(QLatin1String("StartTime")).toDouble(), 1768476600.0);
    QCOMPARE(sent.value(QLatin1String("EndTime")).toDouble(), 1768480200.0);
    const QJsonObject stat =
        sent.value(QLatin1String("MetricDataQueries"))[0][QLatin1String("MetricStat")].toObject();
    QCOMPARE(stat.value(QLatin1String("Stat")).toString(), QStringLiteral("p90"));
    QCOMPARE(stat.value(QLatin1String("Period")).toInt(), 5);
    QCOMPARE(stat[QLatin1String("Metric")][QLatin1String("Dimensions")][1][QLatin1String("Value")]
                 .toString(),
             QStringLiteral("p1"));
}

void TestCloudWatchClient::mergesEveryPageOfGetMetricData()
{
    // Newest first in each page, as CloudWatch answers by default; a series spans two pages.
    QJsonObject page1{{QStringLiteral("MetricDataResults"),
                       QJsonArray{result(QStringLiteral("a"), {130, 120}, {3, 2}),
                                  result(QStringLiteral("b"), {}, {})}},
                      {QStringLiteral("NextToken"), QStringLiteral("tok/2")}};
    QJsonObject page2{{QStringLiteral("MetricDataResults"),
                       QJsonArray{result(QStringLiteral("a"), {110}, {1}),
                                  result(QStringLiteral("b"), {125.5}, {7})}}};
    m_server->script = {json(page1), json(page2)};
    aws::AwsError error;
    const auto series = fetch({{QStringLiteral("MetricDataQueries"), QJsonArray{}}}, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(m_server->requests[1].body)
                 .object()
                 .value(QLatin1String("NextToken"))
                 .toString(),
             QStringLiteral("tok/2"));
    QCOMPARE(series.size(), 2);
    QCOMPARE(series[0].id, QStringLiteral("a"));
    QCOMPARE(series[0].label, QStringLiteral("A"));
    QCOMPARE(series[0].timesMs, (QVector<qint64>{110000, 120000, 130000}));
    QCOMPARE(series[0].values, (QVector<double>{1, 2, 3}));
    QCOMPARE(series[1].timesMs, (QVector<qint64>{125500}));
    QCOMPARE(series[1].values, (QVector<double>{7}));
}

void TestCloudWatchClient::listsEveryPageOfMetrics()
{
    const auto metric = [](const QString &name, const QString &stage) {
        return QJsonObject{
            {QStringLiteral("Namespace"), QStringLiteral("AWS/IVSRealTime")},
            {QStringLiteral("MetricName"), name},
            {QStringLiteral("Dimensions"),
             QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("Stage")},
                                    {QStringLiteral("Value"), stage}}}}};
    };
    m_server->script = {
        json({{QStringLiteral("Metrics"),
               QJsonArray{metric(QStringLiteral("Publishers"), QStringLiteral("s1"))}},
              {QStringLiteral("NextToken"), QStringLiteral("n")}}),
        json({{QStringLiteral("Metrics"),
               QJsonArray{metric(QStringLiteral("Subscribers"), QStringLiteral("s2"))}}})};
    bool done = false;
    QList<cloudwatch::MetricIdentity> metrics;
    aws::AwsError error;
    cloudwatch::listMetrics(m_client,
                            {{QStringLiteral("Namespace"), QStringLiteral("AWS/IVSRealTime")}},
                            this, [&](const auto &m, const aws::AwsError &e) {
                                metrics = m;
                                error = e;
                                done = true;
                            });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->requests[0].headers.value("x-amz-target"),
             QByteArray("GraniteServiceVersion20100801.ListMetrics"));
    QCOMPARE(metrics.size(), 2);
    QCOMPARE(metrics[1].metricName, QStringLiteral("Subscribers"));
    QCOMPARE(metrics[1].dimensions.first().second, QStringLiteral("s2"));
}

void TestCloudWatchClient::accessDeniedBecomesMetricsUnavailable()
{
    // As CloudWatch answers over awsJson1_0 for a caller without cloudwatch:GetMetricData.
    StubResponse denied = json(
        {{QStringLiteral("__type"),
          QStringLiteral("com.amazon.coral.service#AccessDeniedException")},
         {QStringLiteral("Message"),
          QStringLiteral("User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
                         "cloudwatch:GetMetricData")}});
    denied.status = 403;
    denied.headers.append(
        std::pair<QByteArray, QByteArray>{"x-amzn-query-error", "AccessDenied;Sender"});
    denied.headers.append(std::pair<QByteArray, QByteArray>{"x-amzn-RequestId", "req-denied"});
    m_server->script.append(denied);
    aws::AwsError error;
    const auto series = fetch({}, &error);
    QVERIFY(series.isEmpty());
    QVERIFY(error.isError());
    QCOMPARE(error.type, QStringLiteral("AccessDenied"));
    QCOMPARE(error.requestId, QStringLiteral("req-denied"));
    QVERIFY(error.message.contains(QLatin1String("cloudwatch:GetMetricData")));
    QVERIFY(cloudwatch::isPermissionError(error));
    const QString text = cloudwatch::metricsUnavailableText(error);
    QVERIFY2(text.startsWith(QLatin1String("Metrics unavailable: AccessDenied")), qPrintable(text));
}

void TestCloudWatchClient::otherErrorsAreNotPermissionErrors()
{
    StubResponse bad =
        json({{QStringLiteral("__type"),
               QStringLiteral("com.amazonaws.cloudwatch#InvalidParameterValueException")},
              {QStringLiteral("message"), QStringLiteral("bad period")}});
    bad.status = 400;
    m_server->script.append(bad);
    aws::AwsError error;
    fetch({}, &error);
    QCOMPARE(error.type, QStringLiteral("InvalidParameterValueException"));
    QVERIFY(!cloudwatch::isPermissionError(error));
    QVERIFY(cloudwatch::metricsUnavailableText(error).contains(QLatin1String("bad period")));
}

void TestCloudWatchClient::malformedReplyNamesTheMember()
{
    QJsonObject broken = result(QStringLiteral("a"), {1, 2}, {1});
    m_server->script.append(json({{QStringLiteral("MetricDataResults"), QJsonArray{broken}}}));
    aws::AwsError error;
    fetch({}, &error);
    QCOMPARE(error.kind, aws::AwsError::Kind::Decode);
    QVERIFY2(error.message.contains(QLatin1String("MetricDataResults[a]")),
             qPrintable(error.message));

    QJsonObject wrongType = result(QStringLiteral("b"), {1}, {1});
    wrongType.insert(QStringLiteral("Values"), QJsonArray{QStringLiteral("x")});
    m_server->script.append(json({{QStringLiteral("MetricDataResults"), QJsonArray{wrongType}}}));
    fetch({}, &error);
    QVERIFY2(error.message.contains(QLatin1String("MetricDataResults[b].Values[0]")),
             qPrintable(error.message));
}

void TestCloudWatchClient::goneContextIsNotCalled()
{
    StubResponse slow = json({});
    slow.delayMs = 200;
    m_server->script.append(slow);
    auto *context = new QObject;
    bool called = false;
    cloudwatch::fetchMetricData(m_client, {}, context,
                                [&](const auto &, const aws::AwsError &) { called = true; });
    delete context;
    QTest::qWait(500);
    QVERIFY(!called);
    QCOMPARE(m_server->requests.size(), 1);
}

void TestCloudWatchClient::endpointResolvedAsTheCli()
{
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
    QFile config(home.path() + QStringLiteral("/.aws/config"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[default]\nregion = eu-west-1\n"
                 "[profile svc]\nregion = eu-west-1\nservices = mine\n"
                 "endpoint_url = https://profile.example\n"
                 "[services mine]\nivs_realtime =\n  endpoint_url = https://ivs.example\n"
                 "cloudwatch =\n  endpoint_url = https://cw.example\n");
    config.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKID"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
    QObject owner;
    const auto resolve = [&](const aws::ConnectionOptions &options) {
        const aws::ResolvedConnection c =
            aws::ProfileResolver(env, home.path()).resolve(options, m_network, &owner);
        return c.cloudWatchEndpoint.toString();
    };
    QCOMPARE(resolve({}), QStringLiteral("https://monitoring.eu-west-1.amazonaws.com"));
    QCOMPARE(resolve({{}, QStringLiteral("ap-south-1"), {}}),
             QStringLiteral("https://monitoring.ap-south-1.amazonaws.com"));
    // The services section's cloudwatch key, not its ivs_realtime key.
    QCOMPARE(resolve({QStringLiteral("svc"), {}, {}}), QStringLiteral("https://cw.example"));
    env.insert(QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("https://global.example"));
    QCOMPARE(resolve({QStringLiteral("svc"), {}, {}}), QStringLiteral("https://global.example"));
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH"), QStringLiteral("http://127.0.0.1:9"));
    QCOMPARE(resolve({}), QStringLiteral("http://127.0.0.1:9"));
    // --endpoint-url is the console's whole connection (greenroom-local serves both).
    QCOMPARE(resolve({{}, {}, QStringLiteral("http://localhost:4566")}),
             QStringLiteral("http://localhost:4566"));
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH"),
               QStringLiteral("http://metrics.example.com"));
    const aws::ResolvedConnection bad =
        aws::ProfileResolver(env, home.path()).resolve({}, m_network, &owner);
    QVERIFY2(bad.error.contains(QLatin1String("metrics.example.com")), qPrintable(bad.error));
}

QTEST_GUILESS_MAIN(TestCloudWatchClient)
#include "tst_cloudwatch_client.moc"
