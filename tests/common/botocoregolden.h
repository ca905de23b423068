#pragma once
// The check both golden tests make (tests/ivs/golden, tests/cloudwatch/golden): a request
// Greenroom built is the one botocore recorded (tests/golden/record_botocore.py): same method and
// path, a body with the same JSON content, and the same canonical request, string to sign and
// Authorization. JSON spacing is the one place the two differ by design (botocore writes
// `{"a": 1}`, Greenroom `{"a":1}` as the JS SDK does), so the signature is computed over
// botocore's body bytes and every other byte of the signing is compared exactly.
// Header-only; it uses QTest's macros, so a caller checks QTest::currentTestFailed() after it.

#include "aws/credentials.h"
#include "aws/signedrequest.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace golden
{

// tests/data/golden/<name>, or an empty object (and a failed test) when it cannot be read.
inline QJsonObject load(const char *name)
{
    QFile file(QStringLiteral(GR_TEST_DATA_DIR "/golden/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot read ") + file.fileName()), __FILE__,
                     __LINE__);
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Compares `request` with `record` of the recorded document `doc`; returns the signed request
// for further checks.
inline gr::aws::SignedRequest compare(const QJsonObject &doc, const QJsonObject &record,
                                      gr::aws::AwsRequest request, const QString &signingName)
{
    using namespace gr;
    const auto text = [&](const char *key) { return record.value(QLatin1String(key)).toString(); };
    [&] {
        QCOMPARE(QString::fromLatin1(request.method), text("method"));
        QCOMPARE(QString::fromLatin1(request.path), text("path"));
        QCOMPARE(QString::fromLatin1(request.query), text("query"));
        const QByteArray botoBody = text("body").toUtf8();
        QCOMPARE(request.hasBody, !botoBody.isEmpty());
        if (request.hasBody) {
            QJsonParseError error;
            const QJsonDocument ours = QJsonDocument::fromJson(request.body, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            QCOMPARE(ours, QJsonDocument::fromJson(botoBody));
        }
    }();
    request.body = text("body").toUtf8();
    const aws::Credentials credentials{doc.value(QLatin1String("accessKeyId")).toString(),
                                       doc.value(QLatin1String("secretAccessKey")).toString(),
                                       doc.value(QLatin1String("sessionToken")).toString(),
                                       {}};
    const QDateTime clock = QDateTime::fromString(doc.value(QLatin1String("clock")).toString(),
                                                  QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    aws::SigV4Signer signer;
    const aws::SignedRequest ours =
        aws::signRequest(request, QUrl(QStringLiteral("https://") + text("host")),
                         doc.value(QLatin1String("region")).toString(), signingName, credentials,
                         QDateTime(clock.date(), clock.time(), Qt::UTC), signer);
    [&] {
        QCOMPARE(QString::fromUtf8(ours.signature.canonicalRequest), text("canonicalRequest"));
        QCOMPARE(QString::fromUtf8(ours.signature.stringToSign), text("stringToSign"));
        QCOMPARE(QString::fromUtf8(ours.signature.authorization), text("authorization"));
        QCOMPARE(ours.url.path(QUrl::FullyEncoded), text("path"));
    }();
    return ours;
}

} // namespace golden
