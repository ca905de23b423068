// The emulator's call rate quotas (app/local/quotas.cpp, from the service's documentation)
// against the console's pacing (app/ivs/quotas.h), operation by operation: the console
// must never send an operation faster than the service accepts it. And --quotas enforces the
// emulator's table per operation.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/requestpacer.h"
#include "ivs/quotas.h"
#include "ivs/operations.h"
#include "local/localservice.h"
#include "local/quotas.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

class TestQuotas : public QObject
{
    Q_OBJECT
private slots:
    void clientPacingWithinServiceQuota_data();
    void clientPacingWithinServiceQuota();
    void serviceEnforcesItsTable_data();
    void serviceEnforcesItsTable();
};

void TestQuotas::clientPacingWithinServiceQuota_data()
{
    QTest::addColumn<int>("operation");
    for (int i = 0; i < ivs::kOperationCount; ++i)
        QTest::newRow(ivs::operationInfo(ivs::Operation(i)).name) << i;
}

void TestQuotas::clientPacingWithinServiceQuota()
{
    QFETCH(int, operation);
    const auto op = ivs::Operation(operation);
    // The console paces by class: one lane per class, so no single operation goes faster than
    // its class's rate.
    const int client = ivs::quotaRate(ivs::quotaOf(op));
    const int service = local::callRateQuota(op);
    QVERIFY2(client <= service, qPrintable(QStringLiteral("%1: the console sends up to %2/s, the "
                                                          "service accepts %3/s")
                                               .arg(QLatin1String(ivs::operationInfo(op).name))
                                               .arg(client)
                                               .arg(service)));
}

void TestQuotas::serviceEnforcesItsTable_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<int>("quota");
    for (const ivs::Operation op : {ivs::Operation::ListStages, ivs::Operation::ListPublicKeys,
                                    ivs::Operation::ListEncoderConfigurations})
        QTest::newRow(ivs::operationInfo(op).name) << int(op) << local::callRateQuota(op);
}

void TestQuotas::serviceEnforcesItsTable()
{
    QFETCH(int, operation);
    QFETCH(int, quota);
    local::LocalServiceOptions options;
    options.quotas = true;
    local::LocalService service(options);
    const auto started = service.start();
    QVERIFY2(started, qPrintable(started.message()));
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(
        aws::Credentials{QLatin1String(local::LocalService::kDefaultAccessKeyId),
                         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                         {},
                         {}},
        QStringLiteral("test"));
    aws::AwsClient client(&network, service.url(), options.region, QStringLiteral("ivs"),
                          &credentials, nullptr);
    client.setRetryPolicy({1, 1, 1, 1});
    for (int i = 0; i < aws::kMaxPaceLanes; ++i)
        client.pacer()->setRate(i, 0); // unpaced: the service must throttle
    // Another operation's calls do not count against this one's quota.
    aws::AwsCall *other = client.send(ivs::buildRequest(
        ivs::Operation::GetStage, {{QStringLiteral("arn"), QStringLiteral("x")}}));
    QSignalSpy otherSpy(other, &aws::AwsCall::finished);
    QVERIFY(other->isFinished() || otherSpy.wait(5000));
    QElapsedTimer t;
    t.start();
    int accepted = 0, throttled = 0;
    for (int i = 0; i < quota + 3; ++i) {
        aws::AwsCall *c = client.send(ivs::buildRequest(ivs::Operation(operation), {}));
        QSignalSpy spy(c, &aws::AwsCall::finished);
        QVERIFY(c->isFinished() || spy.wait(5000));
        accepted += c->ok() ? 1 : 0;
        throttled += c->error().httpStatus == 429 ? 1 : 0;
    }
    if (t.elapsed() >= 1000)
        QSKIP("the calls took over a second (a loaded machine): the window moved on");
    QCOMPARE(accepted, quota);
    QCOMPARE(throttled, 3);
}

QTEST_GUILESS_MAIN(TestQuotas)
#include "tst_quotas.moc"
