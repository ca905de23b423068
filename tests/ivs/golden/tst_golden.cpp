// For each of the 39 operations, the request Greenroom builds for fixed inputs, credentials and
// clock is the request botocore builds (tests/data/golden, recorded by
// tests/golden/record_botocore.py): same method, path, query and signed headers, a JSON body with
// the same content, and the same canonical request, string to sign and Authorization header.
//
// JSON formatting is the one place the two may differ by design: botocore writes
// `{"a": 1}` (Python's json.dumps), Greenroom writes `{"a":1}` as the JS SDK does. The body is
// compared as JSON, and the signature comparison signs botocore's body bytes, so every other
// byte of the signing is checked exactly.

#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "ivs/operations.h"

#include <QFile>
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
    QFile file(QStringLiteral(GR_TEST_DATA_DIR "/golden/botocore-requests.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_doc = QJsonDocument::fromJson(file.readAll()).object();
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
    aws::AwsRequest request =
        ivs::buildRequest(*op, record.value(QLatin1String("input")).toObject());

    QCOMPARE(QString::fromLatin1(request.method), record.value(QLatin1String("method")).toString());
    QCOMPARE(QString::fromLatin1(request.path), record.value(QLatin1String("path")).toString());
    QCOMPARE(QString::fromLatin1(request.query), record.value(QLatin1String("query")).toString());

    const QByteArray botoBody = record.value(QLatin1String("body")).toString().toUtf8();
    QCOMPARE(request.hasBody, !botoBody.isEmpty());
    if (request.hasBody) {
        QJsonParseError error;
        const QJsonDocument ours = QJsonDocument::fromJson(request.body, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(ours, QJsonDocument::fromJson(botoBody));
    }

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
    const aws::SignedRequest ours = aws::signRequest(
        request, endpoint, m_doc.value(QLatin1String("region")).toString(), QStringLiteral("ivs"),
        credentials, QDateTime(clock.date(), clock.time(), Qt::UTC), signer);

    QCOMPARE(QString::fromUtf8(ours.signature.canonicalRequest),
             record.value(QLatin1String("canonicalRequest")).toString());
    QCOMPARE(QString::fromUtf8(ours.signature.stringToSign),
             record.value(QLatin1String("stringToSign")).toString());
    QCOMPARE(QString::fromUtf8(ours.signature.authorization),
             record.value(QLatin1String("authorization")).toString());
    QCOMPARE(ours.url.path(QUrl::FullyEncoded), record.value(QLatin1String("path")).toString());
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
