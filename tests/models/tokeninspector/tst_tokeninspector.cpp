// inspectToken on tokens the local service issues and on self-signed ones: claims decoded,
// the ES384 signature verified against the right key and refused with another or after
// tampering, expiry, stage mismatch, keys that cannot be used, text that is not a token.
#include "local/jwt.h"
#include "localharness.h"
#include "models/tokeninspector.h"
#include "sessionplay.h"

#include <QtTest>

using namespace gr;

class TestTokenInspector : public QObject
{
    Q_OBJECT
private slots:
    void serviceIssuedToken()
    {
        GR_LOCAL_STAGE(h, stage, "check");
        const QJsonObject issued =
            h.call(ivs::Operation::CreateParticipantToken,
                   {{QStringLiteral("stageArn"), stage},
                    {QStringLiteral("userId"), QStringLiteral("ana")},
                    {QStringLiteral("duration"), 30},
                    {QStringLiteral("capabilities"), QJsonArray{QStringLiteral("SUBSCRIBE")}},
                    {QStringLiteral("attributes"),
                     QJsonObject{{QStringLiteral("role"), QStringLiteral("viewer")}}}})
                .value(QLatin1String("participantToken"))
                .toObject();
        const QString token = issued.value(QLatin1String("token")).toString();
        const QByteArray key = play::signingKey(h);
        QVERIFY(key.contains("BEGIN PUBLIC KEY"));

        const TokenInspection ok = inspectToken(token, key, stage);
        QVERIFY(ok.decoded);
        QCOMPARE(ok.algorithm, QStringLiteral("ES384"));
        QCOMPARE(ok.stageArn, stage);
        QCOMPARE(ok.participantId, issued.value(QLatin1String("participantId")).toString());
        QCOMPARE(ok.userId, QStringLiteral("ana"));
        QCOMPARE(ok.capabilities, QStringList{QStringLiteral("SUBSCRIBE")});
        QCOMPARE(ok.attributes.value(QStringLiteral("role")), QStringLiteral("viewer"));
        // The claim has whole seconds; the API's expirationTime has milliseconds.
        QCOMPARE(ok.expiresAt.toSecsSinceEpoch(),
                 QDateTime::fromString(issued.value(QLatin1String("expirationTime")).toString(),
                                       Qt::ISODateWithMs)
                     .toSecsSinceEpoch());
        QCOMPARE(ok.signature, TokenInspection::Signature::Valid);
        QVERIFY2(ok.usable, qPrintable(ok.problems.join(QLatin1Char('\n'))));
        QVERIFY(ok.problems.isEmpty());

        // Later than its expiry: not usable, and it says when it expired.
        const TokenInspection late = inspectToken(token, key, stage, ok.expiresAt.addSecs(1));
        QVERIFY(late.expired);
        QVERIFY(!late.usable);
        QVERIFY(late.problems.join(QString()).contains(QStringLiteral("expired")));

        // A token with no stage in it, checked against a stage: said once ("names no stage"),
        // not again as "for stage , not …".
        QJsonObject stageless{{QStringLiteral("jti"), QStringLiteral("p")},
                              {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 600}};
        const QByteArray part =
            QJsonDocument(stageless)
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QStringList pieces = token.split(QLatin1Char('.'));
        pieces[1] = QString::fromLatin1(part);
        const TokenInspection noStage = inspectToken(pieces.join(QLatin1Char('.')), {}, stage);
        QVERIFY(!noStage.wrongStage);
        QVERIFY(noStage.problems.join(QString()).contains(QStringLiteral("names no stage")));
        QVERIFY2(!noStage.problems.join(QString()).contains(QStringLiteral("for stage")),
                 qPrintable(noStage.problems.join(QLatin1Char('\n'))));

        // Another stage expected.
        const TokenInspection other = inspectToken(token, key, stage + QStringLiteral("x"));
        QVERIFY(other.wrongStage);
        QVERIFY(!other.usable);

        // Tampered claims: the signature no longer verifies.
        QStringList parts = token.split(QLatin1Char('.'));
        QJsonObject claims =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding))
                .object();
        claims.insert(QStringLiteral("capabilities"),
                      QJsonObject{{QStringLiteral("allow_publish"), true},
                                  {QStringLiteral("allow_subscribe"), true}});
        parts[1] = QString::fromLatin1(
            QJsonDocument(claims)
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const TokenInspection forged = inspectToken(parts.join(QLatin1Char('.')), key, stage);
        QVERIFY(forged.decoded);
        QCOMPARE(forged.capabilities.size(), 2);
        QCOMPARE(forged.signature, TokenInspection::Signature::Invalid);
        QVERIFY(!forged.usable);

        // Another P-384 key: invalid. Not a key, or another curve: says the key is unusable.
        const QByteArray otherKey = local::Es384Key::generate().publicPem();
        QCOMPARE(inspectToken(token, otherKey).signature, TokenInspection::Signature::Invalid);
        const TokenInspection notAKey = inspectToken(token, QByteArrayLiteral("hello"));
        QCOMPARE(notAKey.signature, TokenInspection::Signature::KeyUnusable);
        QVERIFY(notAKey.signatureDetail.contains(QStringLiteral("PEM")));
        // Without a key: not checked, still decoded.
        QCOMPARE(inspectToken(token).signature, TokenInspection::Signature::NotChecked);
    }

    void selfSignedWithImportedKey()
    {
        const local::Es384Key key = local::Es384Key::generate();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonObject claims{
            {QStringLiteral("resource"), QStringLiteral("arn:aws:ivs:us-east-1:1:stage/s")},
            {QStringLiteral("jti"), QStringLiteral("my-participant")},
            {QStringLiteral("exp"), now.addSecs(-10).toSecsSinceEpoch()},
            {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("allow_publish"), true}}}};
        const QString token =
            QString::fromLatin1(local::encodeJwt(claims, key, QStringLiteral("key-1")));
        const TokenInspection t = inspectToken(token, key.publicPem());
        QCOMPARE(t.keyId, QStringLiteral("key-1"));
        QCOMPARE(t.signature, TokenInspection::Signature::Valid);
        QVERIFY(t.expired);
        QVERIFY(!t.usable);
        QCOMPARE(t.capabilities, QStringList{QStringLiteral("PUBLISH")});
    }

    void notAToken()
    {
        const TokenInspection a = inspectToken(QStringLiteral("hello"));
        QVERIFY(!a.decoded);
        QVERIFY(a.decodeError.contains(QStringLiteral("three parts")));
        const TokenInspection b = inspectToken(QStringLiteral("a.b.c"));
        QVERIFY(!b.decoded);
        QVERIFY(!b.usable);
        QVERIFY(!b.problems.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenInspector)
#include "tst_tokeninspector.moc"
