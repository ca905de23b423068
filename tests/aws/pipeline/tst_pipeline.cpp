// The signed request pipeline against a scripted loopback server: signatures, error decoding,
// retries, clock skew, timeouts, cancellation, pacing and the request log.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/requestlog.h"
#include "aws/sigv4.h"
#include "stubserver.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace gr::aws;

namespace
{
// The pipeline knows lanes, not services: the tests number their own.
constexpr gr::aws::PaceLane kReadLane = 0;
constexpr gr::aws::PaceLane kWriteLane = 1;
constexpr gr::aws::PaceLane kTagsLane = 2;
} // namespace

namespace
{
const QString kKey = QStringLiteral("AKIDPIPELINE");
const QString kSecret = QStringLiteral("pipeline-secret-never-logged");
const QString kToken = QStringLiteral("pipeline-session-token-never-logged");

StubResponse error(int status, QByteArray type, QByteArray body)
{
    StubResponse r;
    r.status = status;
    if (!type.isEmpty())
        r.headers.append({"x-amzn-ErrorType", type});
    r.headers.append({"x-amzn-RequestId", "req-" + QByteArray::number(status)});
    r.body = body;
    return r;
}
} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void signsWhatItSends();
    void tagPathIsSentEncodedAndSignedTwiceEncoded();
    void decodesErrors_data();
    void decodesErrors();
    void retriesTransientErrorsForSafeRequests();
    void givesUpAfterThreeAttempts();
    void neverResendsCreateAfter5xxOrDrop();
    void retriesCreateWhenThrottled();
    void retriesWhenConnectionRefused();
    void correctsClockSkewOnce();
    void refreshesExpiredCredentialsOnce();
    void timesOut();
    void drippingReplyMeetsTheDeadline();
    void truncatedBodyIsAnError();
    void cancelQueuedAndInFlight();
    void pacesToTheQuota();
    void logHasOutcomeButNoSecrets();
    void missingCredentialsIsAClearError();

private:
    AwsCall *run(AwsRequest request);
    AwsClient *makeClient(const QUrl &url);

    StubServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    StaticCredentialsProvider *m_credentials = nullptr;
    RequestLog *m_log = nullptr;
    AwsClient *m_client = nullptr;
};

void TestPipeline::init()
{
    m_server = new StubServer(this);
    m_network = new QNetworkAccessManager(this);
    m_credentials =
        new StaticCredentialsProvider({kKey, kSecret, kToken, {}}, QStringLiteral("test"), this);
    m_log = new RequestLog(this);
    m_client = makeClient(m_server->url());
}

AwsClient *TestPipeline::makeClient(const QUrl &url)
{
    auto *client = new AwsClient(m_network, url, QStringLiteral("us-west-2"), QStringLiteral("ivs"),
                                 m_credentials, m_log, this);
    client->setRetryPolicy({3, 5, 10, 50});
    return client;
}

void TestPipeline::cleanup()
{
    delete m_client;
    delete m_log;
    delete m_credentials;
    delete m_network;
    delete m_server;
}

AwsCall *TestPipeline::run(AwsRequest request)
{
    AwsCall *call = m_client->send(std::move(request));
    QSignalSpy spy(call, &AwsCall::finished);
    if (!call->isFinished())
        spy.wait(15000);
    return call;
}

static AwsRequest listStages()
{
    AwsRequest r;
    r.operation = QStringLiteral("ListStages");
    r.path = "/ListStages";
    r.body = R"({"maxResults":10})";
    return r;
}

static AwsRequest createStage()
{
    AwsRequest r;
    r.operation = QStringLiteral("CreateStage");
    r.path = "/CreateStage";
    r.body = R"({"name":"a"})";
    r.retrySafe = false;
    r.pace = kWriteLane;
    return r;
}

// Verifies a received request's signature the way the service does: recompute over the headers
// it names as signed.
static void verifySignature(const StubRequest &received, const QByteArray &region)
{
    const QByteArray authorization = received.headers.value("authorization");
    QVERIFY2(authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + kKey.toUtf8() + "/"),
             authorization.constData());
    const QByteArray signedList =
        authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
    SignableRequest request;
    request.method = received.method;
    const qsizetype q = received.target.indexOf('?');
    request.path = q < 0 ? received.target : received.target.left(q);
    request.query = q < 0 ? QByteArray() : received.target.mid(q + 1);
    request.payload = received.body;
    for (const QByteArray &name : signedList.split(';'))
        request.headers.append({name, received.headers.value(name)});
    SigV4Signer signer;
    const Signature expected =
        signer.sign(request, {kKey.toUtf8(), kSecret.toUtf8(), received.headers.value("x-amz-date"),
                              region, "ivs"});
    QCOMPARE(authorization, expected.authorization);
}

void TestPipeline::signsWhatItSends()
{
    AwsCall *call = run(listStages());
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    QCOMPARE(m_server->requests.size(), 1);
    const StubRequest &received = m_server->requests.first();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.target, QByteArray("/ListStages"));
    QCOMPARE(received.body, QByteArray(R"({"maxResults":10})"));
    QCOMPARE(received.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(received.headers.value("x-amz-security-token"), kToken.toUtf8());
    QVERIFY(received.headers.value("authorization")
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"));
    verifySignature(received, "us-west-2");
}

void TestPipeline::tagPathIsSentEncodedAndSignedTwiceEncoded()
{
    AwsRequest r;
    r.operation = QStringLiteral("UntagResource");
    r.method = "DELETE";
    r.path = "/tags/arn%3Aaws%3Aivs%3Aus-west-2%3A123456789012%3Astage%2FabcdABCDefgh";
    r.query = "tagKeys=env&tagKeys=team%20a";
    r.body.clear();
    r.hasBody = false;
    r.pace = kTagsLane;
    AwsCall *call = run(r);
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    const StubRequest &received = m_server->requests.first();
    QCOMPARE(received.method, QByteArray("DELETE"));
    QCOMPARE(received.target, QByteArray("/tags/"
                                         "arn%3Aaws%3Aivs%3Aus-west-2%3A123456789012%3Astage%"
                                         "2FabcdABCDefgh?tagKeys=env&tagKeys=team%20a"));
    QVERIFY(!received.headers.contains("content-type"));
    verifySignature(received, "us-west-2");
}

void TestPipeline::decodesErrors_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("header with url suffix")
        << QByteArray("ResourceNotFoundException:http://internal.amazon.com/coral/x/")
        << QByteArray(R"({"exceptionMessage":"Stage not found","message":"ignored"})")
        << "ResourceNotFoundException"
        << "Stage not found";
    QTest::newRow("body code") << QByteArray()
                               << QByteArray(R"({"code":"ConflictException","message":"busy"})")
                               << "ConflictException"
                               << "busy";
    QTest::newRow("body __type with namespace")
        << QByteArray()
        << QByteArray(R"({"__type":"com.amazonaws.ivs#ValidationException","Message":"bad arn"})")
        << "ValidationException"
        << "bad arn";
    QTest::newRow("not json") << QByteArray() << QByteArray("<html>Bad Gateway</html>")
                              << "HTTP 404"
                              << "the reply is not JSON: <html>Bad Gateway</html>";
}

void TestPipeline::decodesErrors()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, message);
    m_server->script.append(error(404, header, body));
    AwsCall *call = run(listStages());
    QVERIFY(!call->ok());
    QCOMPARE(call->error().kind, AwsError::Kind::Service);
    QCOMPARE(call->error().type, type);
    QCOMPARE(call->error().message, message);
    QCOMPARE(call->error().httpStatus, 404);
    QCOMPARE(call->error().requestId, QStringLiteral("req-404"));
    QCOMPARE(call->attempts(), 1);
}

void TestPipeline::retriesTransientErrorsForSafeRequests()
{
    m_server->script = {error(429, "ThrottlingException", "{}"), error(503, "", "{}"),
                        StubResponse{}};
    AwsCall *call = run(listStages());
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    QCOMPARE(call->attempts(), 3);
    QCOMPARE(m_server->requests.size(), 3);
}

void TestPipeline::givesUpAfterThreeAttempts()
{
    m_server->handler = [](const StubRequest &) {
        return error(500, "InternalServerException", R"({"exceptionMessage":"boom"})");
    };
    AwsCall *call = run(listStages());
    QCOMPARE(call->error().type, QStringLiteral("InternalServerException"));
    QCOMPARE(call->attempts(), 3);
    QCOMPARE(m_server->requests.size(), 3);
}

void TestPipeline::neverResendsCreateAfter5xxOrDrop()
{
    m_server->handler = [](const StubRequest &) {
        return error(500, "InternalServerException", "{}");
    };
    AwsCall *call = run(createStage());
    QCOMPARE(call->attempts(), 1);
    QCOMPARE(m_server->requests.size(), 1);

    m_server->handler = [](const StubRequest &) {
        StubResponse r;
        r.drop = true;
        return r;
    };
    call = run(createStage());
    QCOMPARE(call->error().kind, AwsError::Kind::Network);
    QVERIFY2(call->error().message.contains(QStringLiteral("not sent again")),
             qPrintable(call->error().message));
    QCOMPARE(m_server->requests.size(), 2);

    // The same drop is retried for a read.
    call = run(listStages());
    QCOMPARE(call->attempts(), 3);
    QCOMPARE(m_server->requests.size(), 5);
}

void TestPipeline::retriesCreateWhenThrottled()
{
    m_server->script = {error(429, "ThrottlingException", "{}"), StubResponse{}};
    AwsCall *call = run(createStage());
    QVERIFY(call->ok());
    QCOMPARE(m_server->requests.size(), 2);
}

void TestPipeline::retriesWhenConnectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    QUrl url = m_server->url();
    url.setPort(probe.serverPort());
    probe.close(); // nothing listens there now
    delete m_client;
    m_client = makeClient(url);
    AwsCall *call = run(createStage());
    QCOMPARE(call->error().kind, AwsError::Kind::Network);
    QCOMPARE(call->attempts(), 3); // refused connections never reached the service
}

void TestPipeline::correctsClockSkewOnce()
{
    const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(3600);
    StubResponse skew =
        error(403, "InvalidSignatureException",
              R"({"message":"Signature expired: 20261125T120000Z is now earlier than ..."})");
    // As AWS sends it: IMF-fixdate with "GMT".
    skew.headers.append(
        {"Date", QLocale::c()
                     .toString(serverNow, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                     .toLatin1()});
    m_server->script = {skew, StubResponse{}};
    AwsCall *call = run(createStage());
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    QCOMPARE(m_server->requests.size(), 2);
    QVERIFY(qAbs(m_client->clockOffsetMs() - 3600 * 1000) < 5000);
    const QDateTime sent = QDateTime::fromString(
        QString::fromLatin1(m_server->requests[1].headers.value("x-amz-date")),
        QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QVERIFY(qAbs(QDateTime(sent.date(), sent.time(), Qt::UTC).secsTo(serverNow)) < 5);

    // A second skew error on the same call is reported, not looped on.
    m_server->script = {skew, skew, skew};
    call = run(createStage());
    QCOMPARE(call->error().type, QStringLiteral("InvalidSignatureException"));
    QCOMPARE(m_server->requests.size(), 4);
}

void TestPipeline::refreshesExpiredCredentialsOnce()
{
    m_server->script = {error(403, "ExpiredTokenException", R"({"message":"expired"})"),
                        StubResponse{}};
    AwsCall *call = run(createStage());
    QVERIFY(call->ok());
    QCOMPARE(m_server->requests.size(), 2);
}

void TestPipeline::timesOut()
{
    StubResponse slow;
    slow.delayMs = 3000;
    m_server->script = {slow};
    AwsRequest r = createStage();
    r.timeoutMs = 300;
    QElapsedTimer t;
    t.start();
    AwsCall *call = run(r);
    QCOMPARE(call->error().kind, AwsError::Kind::Timeout);
    QVERIFY(t.elapsed() < 2500);
}

void TestPipeline::drippingReplyMeetsTheDeadline()
{
    // A byte every 40 ms never trips the silence timeout; only the whole-attempt deadline ends it.
    StubResponse drip;
    drip.body = QByteArray(2000, ' ') + "{}";
    drip.dripMs = 40;
    m_server->handler = [drip](const StubRequest &) { return drip; };
    AwsRequest r = listStages();
    r.timeoutMs = 1000;
    r.deadlineMs = 700;
    QElapsedTimer t;
    t.start();
    AwsCall *call = run(r);
    QCOMPARE(call->error().kind, AwsError::Kind::Timeout);
    QVERIFY2(call->error().message.contains(QLatin1String("did not complete within 0.7 s")),
             qPrintable(call->error().message));
    QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(m_server->requests.size(), 1); // a deadline is not retried, even for a read
}

void TestPipeline::truncatedBodyIsAnError()
{
    StubResponse cut;
    cut.headers.append({QByteArray("Content-Length"), QByteArray("100")});
    cut.body = R"({"stages":[)";
    m_server->script = {cut};
    AwsCall *call = run(createStage());
    QVERIFY(!call->ok());
    QCOMPARE(call->error().kind, AwsError::Kind::Network);
}

void TestPipeline::cancelQueuedAndInFlight()
{
    m_client->pacer()->setRate(kWriteLane, 1);
    StubResponse slow;
    slow.delayMs = 2000;
    m_server->handler = [slow](const StubRequest &) { return slow; };
    AwsCall *first = m_client->send(createStage());
    AwsCall *queued = m_client->send(createStage());
    QSignalSpy firstDone(first, &AwsCall::finished);
    QSignalSpy queuedDone(queued, &AwsCall::finished);
    QCOMPARE(m_client->inFlight(), 2);
    queued->cancel();
    QCOMPARE(queuedDone.count(), 1);
    QCOMPARE(queued->error().kind, AwsError::Kind::Cancelled);
    QTRY_COMPARE(m_server->requests.size(), 1);
    first->cancel();
    QCOMPARE(firstDone.count(), 1);
    QCOMPARE(m_client->inFlight(), 0);
    first->cancel(); // twice is harmless
    QCOMPARE(firstDone.count(), 1);
    QTest::qWait(1200); // the cancelled one never goes out later
    QCOMPARE(m_server->requests.size(), 1);
}

void TestPipeline::pacesToTheQuota()
{
    // 5 per window; a short window keeps the test quick. As in production (1 s quota, 1.05 s
    // window), the client keeps a margin for the trip, and the server must never see 6 in 300 ms.
    m_client->pacer()->setWindowMs(350);
    m_client->pacer()->setRate(kReadLane, 5);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> arrivals;
    m_server->handler = [&](const StubRequest &) {
        arrivals.append(clock.elapsed());
        return StubResponse{};
    };
    QList<AwsCall *> calls;
    for (int i = 0; i < 12; ++i)
        calls.append(m_client->send(listStages()));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 12, 10000);
    for (int i = 5; i < arrivals.size(); ++i)
        QVERIFY2(arrivals[i] - arrivals[i - 5] >= 300,
                 qPrintable(QStringLiteral("request %1 came %2 ms after request %3")
                                .arg(i)
                                .arg(arrivals[i] - arrivals[i - 5])
                                .arg(i - 5)));
    // The last answers may still be on their way back (seen under ASan): wait for them.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(calls.begin(), calls.end(),
                                         [](const AwsCall *call) { return call->isFinished(); }),
                             5000);
    // Lanes are independent: a request on another lane is not held up by the queued reads.
    for (int i = 0; i < 6; ++i)
        m_client->send(listStages());
    AwsRequest tags = listStages();
    tags.pace = kTagsLane;
    AwsCall *other = m_client->send(tags);
    QTRY_VERIFY_WITH_TIMEOUT(other->isFinished(), 200); // before the 6th read's window opens
}

void TestPipeline::logHasOutcomeButNoSecrets()
{
    m_server->script = {error(404, "ResourceNotFoundException", R"({"exceptionMessage":"no"})"),
                        StubResponse{}};
    run(listStages());
    run(createStage());
    QCOMPARE(int(m_log->entries().size()), 2);
    const RequestLogEntry &first = m_log->entries().front();
    QCOMPARE(first.operation, QStringLiteral("ListStages"));
    QCOMPARE(first.httpStatus, 404);
    QCOMPARE(first.outcome, QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(first.requestId, QStringLiteral("req-404"));
    QCOMPARE(first.attempts, 1);
    QCOMPARE(m_log->entries().back().outcome, QStringLiteral("OK"));
    for (const RequestLogEntry &e : m_log->entries()) {
        const QString all = e.operation + e.method + e.endpoint + e.requestId + e.outcome;
        QVERIFY(!all.contains(kSecret));
        QVERIFY(!all.contains(kToken));
    }
}

void TestPipeline::missingCredentialsIsAClearError()
{
    AwsClient client(m_network, m_server->url(), QStringLiteral("us-west-2"), QStringLiteral("ivs"),
                     nullptr, nullptr);
    AwsCall *call = client.send(listStages());
    QSignalSpy spy(call, &AwsCall::finished);
    QVERIFY(call->isFinished() || spy.wait(2000));
    QCOMPARE(call->error().kind, AwsError::Kind::Credentials);
    QVERIFY(m_server->requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
