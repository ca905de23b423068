// For each of the 39 operations, the request Greenroom builds for fixed inputs, credentials and
// clock is the request botocore builds (tests/data/golden, recorded by
// tests/golden/record_botocore.py): same method, path, query and signed headers, a JSON body with
// the same content, and the same canonical request, string to sign and Authorization header.
//
// The comparison is tests/common/botocoregolden.h, shared with the CloudWatch golden test.

#include "botocoregolden.h"
#include "ivs/operations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace gr;

class TestGolden : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyOperationIsRecorded();
    void operation_data();
    void operation();

private:
    QJsonObject m_doc;
};

void TestGolden::initTestCase()
{
    m_doc = golden::load("botocore-requests.json");
    QVERIFY(!m_doc.isEmpty());
}

void TestGolden::everyOperationIsRecorded()
{
    QSet<QString> recorded;
    for (const QJsonValue &r : m_doc.value(QLatin1String("requests")).toArray())
        recorded.insert(r[QLatin1String("operation")].toString());
    QCOMPARE(recorded.size(), ivs::kOperationCount);
    for (int i = 0; i < ivs::kOperationCount; ++i)
        QVERIFY(recorded.contains(QLatin1String(ivs::operationInfo(ivs::Operation(i)).name)));
}

void TestGolden::operation_data()
{
    QTest::addColumn<QJsonObject>("record");
    for (const QJsonValue &r : m_doc.value(QLatin1String("requests")).toArray())
        QTest::newRow(qPrintable(r[QLatin1String("operation")].toString())) << r.toObject();
}

void TestGolden::operation()
{
    QFETCH(QJsonObject, record);
    const auto op = ivs::operationByName(record.value(QLatin1String("operation")).toString());
    QVERIFY(op);
    golden::compare(m_doc, record,
                    ivs::buildRequest(*op, record.value(QLatin1String("input")).toObject()),
                    QStringLiteral("ivs"));
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
