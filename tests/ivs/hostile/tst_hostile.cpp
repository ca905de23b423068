// The console's client stack (signed pipeline, IVS client, Paginator) against a hostile server:
// an endless nextToken, endless fresh tokens, a slow drip, a huge reply, a garbage body and
// wrongly typed JSON. Each must end with a clear error naming the operation, in bounded time
// and memory, and a valid large reply must still decode (off the GUI thread).

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/ivsclient.h"
#include "stubserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

namespace
{
StubResponse stagesPage(int first, int count, const QByteArray &nextToken)
{
    QJsonArray stages;
    for (int i = first; i < first + count; ++i)
        stages.append(
            QJsonObject{{QStringLiteral("arn"),
                         QStringLiteral("arn:aws:ivs:us-west-2:123456789012:stage/s%1").arg(i)}});
    QJsonObject body{{QStringLiteral("stages"), stages}};
    if (!nextToken.isEmpty())
        body.insert(QStringLiteral("nextToken"), QString::fromLatin1(nextToken));
    StubResponse r;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.headers.append(
        {QByteArray("x-amzn-RequestId"), "req-page-" + QByteArray::number(first / 100 + 1)});
    return r;
}

struct Outcome {
    int pages = 0;
    qsizetype rows = 0;
    bool last = false;
    aws::AwsError error;
};
} // namespace

class TestHostile : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void endlessSameTokenStops();
    void endlessFreshTokensStopAtThePageCap();
    void rowCapStops();
    void honestListingIsNotStopped();
    void slowDripEndsWithATimeout();
    void hugeReplyIsRefusedAtTheCap();
    void garbageBodyIsAClearError();
    void wrongJsonTypesNameTheMember_data();
    void wrongJsonTypesNameTheMember();
    void largeValidReplyDecodesOffTheGuiThread();

private:
    Outcome walk(ivs::PageGuard::Limits limits = {});
    ivs::IvsResult callOnce(ivs::Operation operation, const QJsonObject &input);

    StubServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    aws::StaticCredentialsProvider *m_credentials = nullptr;
    aws::AwsClient *m_transport = nullptr;
    ivs::IvsClient *m_client = nullptr;
};

void TestHostile::init()
{
    m_server = new StubServer(this);
    m_network = new QNetworkAccessManager(this);
    m_credentials = new aws::StaticCredentialsProvider(
        {QStringLiteral("AKIDHOSTILE"), QStringLiteral("hostile-secret"), {}, {}},
        QStringLiteral("test"), this);
    m_transport = new aws::AwsClient(m_network, m_server->url(), QStringLiteral("us-west-2"),
                                     QStringLiteral("ivs"), m_credentials, nullptr, this);
    m_transport->setRetryPolicy({1, 5, 5, 10});
    for (int pace = 0; pace < aws::kMaxPaceLanes; ++pace)
        m_transport->pacer()->setRate(pace, 0);
    m_client = new ivs::IvsClient(m_transport, this);
}

void TestHostile::cleanup()
{
    delete m_client;
    delete m_transport;
    delete m_credentials;
    delete m_network;
    delete m_server;
}

Outcome TestHostile::walk(ivs::PageGuard::Limits limits)
{
    Outcome outcome;
    ivs::Paginator paginator(m_client, ivs::Operation::ListStages,
                             QJsonObject{{QStringLiteral("maxResults"), 100}});
    paginator.guard().setLimits(limits);
    bool done = false;
    connect(&paginator, &ivs::Paginator::page, this, [&](const QJsonArray &items, bool last) {
        ++outcome.pages;
        outcome.rows += items.size();
        outcome.last = last;
        done |= last;
    });
    connect(&paginator, &ivs::Paginator::failed, this, [&](const aws::AwsError &error) {
        outcome.error = error;
        done = true;
    });
    paginator.start();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
    return outcome;
}

ivs::IvsResult TestHostile::callOnce(ivs::Operation operation, const QJsonObject &input)
{
    std::optional<ivs::IvsResult> result;
    m_client->call(operation, input, this, [&](const ivs::IvsResult &r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
    if (!result)
        return aws::failure(aws::AwsError::Kind::Timeout, QStringLiteral("no answer in 20 s"));
    return *result;
}

void TestHostile::endlessSameTokenStops()
{
    // The probe's server: 100 stages and the same nextToken, forever.
    int served = 0;
    m_server->handler = [&](const StubRequest &) {
        return stagesPage(100 * served++, 100, "same");
    };
    const Outcome outcome = walk();
    QCOMPARE(outcome.error.kind, aws::AwsError::Kind::Decode);
    const QString text = outcome.error.toString();
    QVERIFY2(text.contains(QLatin1String("ListStages")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("nextToken it had already returned")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("request id req-page-2")), qPrintable(text));
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(outcome.rows, 200); // what came is handed over, so the view can keep it
    QVERIFY(!outcome.last);
}

void TestHostile::endlessFreshTokensStopAtThePageCap()
{
    int served = 0;
    m_server->handler = [&](const StubRequest &) {
        ++served;
        return stagesPage(100 * (served - 1), 100, "token-" + QByteArray::number(served));
    };
    const Outcome outcome = walk({5, 1000000});
    QVERIFY2(outcome.error.message.contains(QLatin1String("more than 5 pages")),
             qPrintable(outcome.error.message));
    QCOMPARE(m_server->requests.size(), 5);
    QCOMPARE(outcome.rows, 500);
}

void TestHostile::rowCapStops()
{
    int served = 0;
    m_server->handler = [&](const StubRequest &) {
        ++served;
        return stagesPage(100 * (served - 1), 100, "token-" + QByteArray::number(served));
    };
    const Outcome outcome = walk({1000, 250});
    QVERIFY2(outcome.error.message.contains(QLatin1String("more than 250 rows")),
             qPrintable(outcome.error.message));
    QCOMPARE(m_server->requests.size(), 3);
    QCOMPARE(outcome.error.requestId, QStringLiteral("req-page-3"));
}

void TestHostile::honestListingIsNotStopped()
{
    // Exactly at the caps, with a last page: not a runaway.
    int served = 0;
    m_server->handler = [&](const StubRequest &) {
        ++served;
        return stagesPage(100 * (served - 1), 100,
                          served < 3 ? "token-" + QByteArray::number(served) : QByteArray());
    };
    const Outcome outcome = walk({3, 300});
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.toString()));
    QVERIFY(outcome.last);
    QCOMPARE(outcome.rows, 300);
    QCOMPARE(outcome.pages, 3);
}

void TestHostile::slowDripEndsWithATimeout()
{
    StubResponse drip;
    drip.body = R"({"stage":{"arn":"arn:aws:ivs:us-west-2:123456789012:stage/x"}})";
    drip.dripMs = 100; // never silent for the 30 s transfer timeout
    m_server->handler = [drip](const StubRequest &) { return drip; };
    m_transport->setDefaultDeadlineMs(800);
    QElapsedTimer clock;
    clock.start();
    const ivs::IvsResult result =
        callOnce(ivs::Operation::GetStage, {{QStringLiteral("arn"), QStringLiteral("x")}});
    QCOMPARE(result.error().kind, aws::AwsError::Kind::Timeout);
    QVERIFY2(result.error().message.contains(QLatin1String("GetStage: the reply did not complete")),
             qPrintable(result.error().message));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestHostile::hugeReplyIsRefusedAtTheCap()
{
    // A reply over the pipeline's cap is cut off while it arrives, not buffered whole.
    StubResponse huge;
    huge.body = R"({"stages":[],"x":")" +
                QByteArray(aws::AwsClient::kMaxBodyBytes + (1 << 20), 'a') + R"("})";
    m_server->handler = [&huge](const StubRequest &) { return huge; };
    const ivs::IvsResult result = callOnce(ivs::Operation::ListStages, {});
    QCOMPARE(result.error().kind, aws::AwsError::Kind::Decode);
    QVERIFY2(result.error().message.contains(QLatin1String("larger than 32 MiB")),
             qPrintable(result.error().message));
}

void TestHostile::garbageBodyIsAClearError()
{
    StubResponse garbage;
    garbage.body = "<html><body>502 from a captive portal</body></html>";
    garbage.headers.append({QByteArray("x-amzn-RequestId"), QByteArray("req-garbage")});
    m_server->handler = [garbage](const StubRequest &) { return garbage; };
    const ivs::IvsResult result = callOnce(ivs::Operation::ListStages, {});
    QCOMPARE(result.error().kind, aws::AwsError::Kind::Decode);
    const QString text = result.error().toString();
    QVERIFY2(text.contains(QLatin1String("ListStages: the reply is not JSON")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("req-garbage")), qPrintable(text));
}

void TestHostile::wrongJsonTypesNameTheMember_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("member");
    QTest::newRow("arn a number") << QByteArray(R"({"stages":[{"arn":7}]})")
                                  << QStringLiteral("stages.1.member.arn");
    QTest::newRow("list an object")
        << QByteArray(R"({"stages":{"arn":"x"}})") << QStringLiteral("stages");
    QTest::newRow("token a number")
        << QByteArray(R"({"stages":[],"nextToken":12})") << QStringLiteral("nextToken");
    QTest::newRow("top level array") << QByteArray(R"([1,2,3])") << QStringLiteral("JSON object");
}

void TestHostile::wrongJsonTypesNameTheMember()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, member);
    StubResponse wrong;
    wrong.body = body;
    m_server->handler = [wrong](const StubRequest &) { return wrong; };
    const ivs::IvsResult result = callOnce(ivs::Operation::ListStages, {});
    QCOMPARE(result.error().kind, aws::AwsError::Kind::Decode);
    QVERIFY2(result.error().message.contains(member), qPrintable(result.error().message));
    QVERIFY(!result.ok()); // nothing half-decoded reaches the caller
}

void TestHostile::largeValidReplyDecodesOffTheGuiThread()
{
    const QString name(1 << 20, QLatin1Char('n'));
    StubResponse big;
    big.body =
        QJsonDocument(QJsonObject{{QStringLiteral("stage"),
                                   QJsonObject{{QStringLiteral("arn"), QStringLiteral("arn:x")},
                                               {QStringLiteral("name"), name}}}})
            .toJson(QJsonDocument::Compact);
    QVERIFY(big.body.size() >= ivs::IvsClient::kDecodeOffThreadBytes);
    m_server->handler = [big](const StubRequest &) { return big; };
    const ivs::IvsResult result =
        callOnce(ivs::Operation::GetStage, {{QStringLiteral("arn"), QStringLiteral("arn:x")}});
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result->output.value(QLatin1String("stage"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString()
                 .size(),
             name.size());
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
