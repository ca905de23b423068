// The CloudWatch requests Greenroom builds are the ones botocore builds with the model's JSON
// protocol (tests/data/golden/botocore-cloudwatch-requests.json, recorded by
// tests/golden/record_botocore_cloudwatch.py): same method, path, signed headers (X-Amz-Target,
// Content-Type, x-amzn-query-mode), a body with the same JSON content, and the same canonical
// request, string to sign and Authorization. As for IVS, the signature is computed over
// botocore's body bytes, since the two JSON writers space differently.
// The protocol constants are also checked against the project's copy of the model.

#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "cloudwatch/operations.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gr;

class TestCloudWatchGolden : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void protocolMatchesTheModel();
    void request_data();
    void request();

private:
    QJsonObject m_doc;
};

void TestCloudWatchGolden::initTestCase()
{
    QFile file(QStringLiteral(GR_TEST_DATA_DIR "/golden/botocore-cloudwatch-requests.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_doc = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(m_doc.value(QLatin1String("protocol")).toString(), QStringLiteral("json"));
    QVERIFY(m_doc.value(QLatin1String("requests")).toArray().size() >= 4);
}

void TestCloudWatchGolden::protocolMatchesTheModel()
{
    QFile file(QStringLiteral(GR_CLOUDWATCH_MODEL));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject model = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject metadata = model.value(QLatin1String("metadata")).toObject();
    QCOMPARE(metadata.value(QLatin1String("targetPrefix")).toString(),
             QLatin1String(cloudwatch::kTargetPrefix));
    QCOMPARE(metadata.value(QLatin1String("endpointPrefix")).toString(),
             QLatin1String(cloudwatch::kSigningName));
    QCOMPARE(metadata.value(QLatin1String("jsonVersion")).toString(), QStringLiteral("1.0"));
    QVERIFY(metadata.value(QLatin1String("protocols")).toArray().contains(QStringLiteral("json")));
    const QJsonObject operations = model.value(QLatin1String("operations")).toObject();
    for (auto op : {cloudwatch::Operation::GetMetricData, cloudwatch::Operation::ListMetrics}) {
        const QString name = QLatin1String(cloudwatch::operationName(op));
        QVERIFY2(operations.contains(name), qPrintable(name));
        QCOMPARE(cloudwatch::operationByName(name), op);
    }
}

void TestCloudWatchGolden::request_data()
{
    QTest::addColumn<QJsonObject>("record");
    int i = 0;
    for (const QJsonValue &r : m_doc.value(QLatin1String("requests")).toArray())
        QTest::newRow(qPrintable(
            QStringLiteral("%1 #%2").arg(r[QLatin1String("operation")].toString()).arg(++i)))
            << r.toObject();
}

void TestCloudWatchGolden::request()
{
    QFETCH(QJsonObject, record);
    const auto op =
        cloudwatch::operationByName(record.value(QLatin1String("operation")).toString());
    QVERIFY(op);
    aws::AwsRequest request =
        cloudwatch::buildRequest(*op, record.value(QLatin1String("input")).toObject());
    QCOMPARE(QString::fromLatin1(request.method), record.value(QLatin1String("method")).toString());
    QCOMPARE(QString::fromLatin1(request.path), record.value(QLatin1String("path")).toString());
    QVERIFY(request.query.isEmpty());

    const QByteArray botoBody = record.value(QLatin1String("body")).toString().toUtf8();
    QVERIFY(request.hasBody);
    QCOMPARE(QJsonDocument::fromJson(request.body), QJsonDocument::fromJson(botoBody));

    request.body = botoBody;
    const aws::Credentials credentials{m_doc.value(QLatin1String("accessKeyId")).toString(),
                                       m_doc.value(QLatin1String("secretAccessKey")).toString(),
                                       m_doc.value(QLatin1String("sessionToken")).toString(),
                                       {}};
    const QDateTime clock = QDateTime::fromString(m_doc.value(QLatin1String("clock")).toString(),
                                                  QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QUrl endpoint(QStringLiteral("https://") +
                        record.value(QLatin1String("host")).toString());
    aws::SigV4Signer signer;
    const aws::SignedRequest ours =
        aws::signRequest(request, endpoint, m_doc.value(QLatin1String("region")).toString(),
                         QLatin1String(cloudwatch::kSigningName), credentials,
                         QDateTime(clock.date(), clock.time(), Qt::UTC), signer);

    QCOMPARE(QString::fromUtf8(ours.signature.canonicalRequest),
             record.value(QLatin1String("canonicalRequest")).toString());
    QCOMPARE(QString::fromUtf8(ours.signature.stringToSign),
             record.value(QLatin1String("stringToSign")).toString());
    QCOMPARE(QString::fromUtf8(ours.signature.authorization),
             record.value(QLatin1String("authorization")).toString());
    // Every header botocore sends that is part of the protocol is sent, with its value.
    const QJsonObject botoHeaders = record.value(QLatin1String("headers")).toObject();
    for (const char *name : {"Content-Type", "X-Amz-Target", "x-amzn-query-mode"}) {
        QByteArray ourValue;
        for (const auto &[key, value] : ours.headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                ourValue = value;
        }
        QCOMPARE(QString::fromLatin1(ourValue), botoHeaders.value(QLatin1String(name)).toString());
    }
}

QTEST_GUILESS_MAIN(TestCloudWatchGolden)
#include "tst_cloudwatch_golden.moc"
