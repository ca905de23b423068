// The CloudWatch requests Greenroom builds are the ones botocore builds with the model's JSON
// protocol (tests/data/golden/botocore-cloudwatch-requests.json, recorded by
// tests/golden/record_botocore.py cloudwatch): same method, path, signed headers (X-Amz-Target,
// Content-Type, x-amzn-query-mode), a body with the same JSON content, and the same canonical
// request, string to sign and Authorization (the comparison is tests/common/botocoregolden.h).
// The protocol constants are also checked against the project's copy of the model.

#include "botocoregolden.h"
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
    m_doc = golden::load("botocore-cloudwatch-requests.json");
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
    const aws::AwsRequest request =
        cloudwatch::buildRequest(*op, record.value(QLatin1String("input")).toObject());
    QVERIFY(request.hasBody);
    const aws::SignedRequest ours =
        golden::compare(m_doc, record, request, QLatin1String(cloudwatch::kSigningName));
    if (QTest::currentTestFailed())
        return;
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
