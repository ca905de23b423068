// The 34 cases of the AWS SigV4 test suite (tests/data/sigv4-testsuite, Apache-2.0, see its
// LICENSE and NOTICE): canonical request, string to sign and Authorization, compared per case.

#include "aws/sigv4.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace gr::aws;

namespace
{

const QByteArray kAccessKey = "AKIDEXAMPLE";
const QByteArray kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().replace('\r', "");
}

// Parses a raw .req: request line, headers (continuation lines folded in), blank line, body.
SignableRequest parseRequest(const QByteArray &raw)
{
    SignableRequest request;
    const qsizetype blank = raw.indexOf("\n\n");
    const QByteArray head = blank < 0 ? raw : raw.first(blank);
    request.payload = blank < 0 ? QByteArray() : raw.sliced(blank + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray &requestLine = lines.first();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    request.method = requestLine.first(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.first(question);
    request.query = question < 0 ? QByteArray() : target.sliced(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue; // a trailing newline at the end of the file
        if (!line.isEmpty() && (line[0] == ' ' || line[0] == '\t')) {
            request.headers.last().second.append('\n').append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        request.headers.append({line.first(colon), line.sliced(colon + 1)});
    }
    return request;
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private slots:
    void suite_data();
    void suite();
    void cachesDerivedKey();
    void ivsTagPathIsEncodedTwice();
    void amzDateIsUtc();
    void parseAmzDate_data();
    void parseAmzDate();
};

void TestSigV4::suite_data()
{
    QTest::addColumn<QString>("dir");
    const QString root = QStringLiteral(GR_TEST_DATA_DIR "/sigv4-testsuite");
    QDirIterator it(root, {QStringLiteral("*.req")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList cases;
    while (it.hasNext())
        cases.append(QFileInfo(it.next()).absolutePath());
    cases.sort();
    QCOMPARE(cases.size(), 34);
    for (const QString &dir : cases)
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(dir))) << dir;
}

void TestSigV4::suite()
{
    QFETCH(QString, dir);
    const QString base = dir + QLatin1Char('/') + QFileInfo(dir).fileName();
    SignableRequest request = parseRequest(readFile(base + QStringLiteral(".req")));
    const QByteArray expectedCreq = readFile(base + QStringLiteral(".creq"));
    const QByteArray expectedSts = readFile(base + QStringLiteral(".sts"));
    const QByteArray expectedAuthz = readFile(base + QStringLiteral(".authz"));
    QVERIFY(!expectedCreq.isEmpty());

    // The suite's harness takes the session token from the .creq when the .req lacks it.
    const QByteArray tokenPrefix = "x-amz-security-token:";
    const qsizetype tokenAt = expectedCreq.indexOf("\n" + tokenPrefix);
    if (tokenAt >= 0) {
        const qsizetype start = tokenAt + 1 + tokenPrefix.size();
        const QByteArray token = expectedCreq.mid(start, expectedCreq.indexOf('\n', start) - start);
        const bool present =
            std::any_of(request.headers.begin(), request.headers.end(), [](auto &h) {
                return h.first.compare("x-amz-security-token", Qt::CaseInsensitive) == 0;
            });
        if (!present)
            request.headers.append({"X-Amz-Security-Token", token});
    }

    SigV4Signer signer;
    const Signature signature =
        signer.sign(request, {kAccessKey, kSecret, "20150830T123600Z", "us-east-1", "service"});
    QCOMPARE(signature.canonicalRequest, expectedCreq);
    QCOMPARE(signature.stringToSign, expectedSts);
    QCOMPARE(signature.authorization, expectedAuthz);
}

void TestSigV4::cachesDerivedKey()
{
    SigV4Signer signer;
    const QByteArray a = signer.signingKey(kSecret, "20150830", "us-east-1", "ivs");
    const QByteArray b = signer.signingKey(kSecret, "20150830", "us-east-1", "ivs");
    const QByteArray c = signer.signingKey(kSecret, "20150831", "us-east-1", "ivs");
    QCOMPARE(a, b);
    QVERIFY(a != c);
    // The documented derivation example (AWS General Reference, "Examples of how to derive a
    // signing key"): secret wJalr..., 20120215, us-east-1, iam.
    QCOMPARE(
        signer
            .signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")
            .toHex(),
        QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
}

void TestSigV4::ivsTagPathIsEncodedTwice()
{
    // On the wire the ARN is one percent-encoded segment; the canonical URI encodes it again.
    QCOMPARE(
        canonicalUri("/tags/arn%3Aaws%3Aivs%3Aus-west-2%3A123456789012%3Astage%2FabcdEFGH1234"),
        QByteArray(
            "/tags/arn%253Aaws%253Aivs%253Aus-west-2%253A123456789012%253Astage%252FabcdEFGH1234"));
    QCOMPARE(canonicalQuery("tagKeys=b&tagKeys=a"), QByteArray("tagKeys=a&tagKeys=b"));
}

void TestSigV4::amzDateIsUtc()
{
    const QDateTime t(QDate(2015, 8, 30), QTime(14, 36, 0), QTimeZone(7200));
    QCOMPARE(amzDate(t), QByteArray("20150830T123600Z"));
}

void TestSigV4::parseAmzDate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime invalid;
    QTest::newRow("valid") << QByteArray("20150830T123600Z")
                           << QDateTime(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
    QTest::newRow("leap day") << QByteArray("20240229T235959Z")
                              << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59), Qt::UTC);
    QTest::newRow("empty") << QByteArray() << invalid;
    QTest::newRow("no Z") << QByteArray("20150830T123600") << invalid;
    QTest::newRow("no T") << QByteArray("20150830 123600Z") << invalid;
    QTest::newRow("letter") << QByteArray("2015083OT123600Z") << invalid;
    QTest::newRow("sign") << QByteArray("2015-830T123600Z") << invalid;
    QTest::newRow("month 13") << QByteArray("20151330T123600Z") << invalid;
    QTest::newRow("not leap") << QByteArray("20230229T000000Z") << invalid;
    QTest::newRow("hour 24") << QByteArray("20150830T243600Z") << invalid;
    QTest::newRow("second 60") << QByteArray("20150830T123660Z") << invalid;
    QTest::newRow("too long") << QByteArray("20150830T123600ZZ") << invalid;
}

void TestSigV4::parseAmzDate()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = gr::aws::parseAmzDate(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
        QCOMPARE(amzDate(parsed), text);
    }
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
