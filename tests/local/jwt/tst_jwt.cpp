// ES384 participant-token signatures: the fast signer's output must verify under OpenSSL's own
// ECDSA verification (EVP), for keys generated here and keys loaded from PEM.
#include "local/es384signer.h"
#include "local/jwt.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace gr::local;

namespace
{

// The private scalar of a PEM key, read with OpenSSL's own decoder.
BIGNUM *privateScalar(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    BIGNUM *scalar = nullptr;
    if (key)
        EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar);
    EVP_PKEY_free(key);
    return scalar;
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void signaturesVerify()
    {
        const Es384Key key = Es384Key::generate();
        QVERIFY(key.hasPrivateKey());
        auto loaded = Es384Key::fromPem(key.publicPem());
        QVERIFY2(loaded, qPrintable(loaded.message()));
        const Es384Key publicOnly = std::move(*loaded);
        QVERIFY(!publicOnly.hasPrivateKey());
        for (int i = 0; i < 300; ++i) {
            const QByteArray message = "message " + QByteArray::number(i) + QByteArray(i, 'x');
            const QByteArray signature = key.sign(message);
            QCOMPARE(signature.size(), 96);
            QVERIFY2(publicOnly.verify(message, signature), message.constData());
        }
    }

    void tamperedInputsFail()
    {
        const Es384Key key = Es384Key::generate();
        const QByteArray message = "header.claims";
        const QByteArray signature = key.sign(message);
        QVERIFY(key.verify(message, signature));
        QVERIFY(!key.verify("header.claimz", signature));
        for (int byte : {0, 47, 48, 95}) {
            QByteArray bad = signature;
            bad[byte] = char(bad[byte] ^ 0x01);
            QVERIFY2(!key.verify(message, bad), qPrintable(QString::number(byte)));
        }
        QVERIFY(!Es384Key::generate().verify(message, signature));
    }

    void nonceIsFreshEachTime()
    {
        const Es384Key key = Es384Key::generate();
        const QByteArray a = key.sign("same"), b = key.sign("same");
        QVERIFY(a != b);
        QVERIFY(a.left(48) != b.left(48)); // r differs: a reused nonce would leak the key
        QVERIFY(key.verify("same", a) && key.verify("same", b));
    }

    void privatePemRoundTripSigns()
    {
        const Es384Key original = Es384Key::generate();
        auto loaded = Es384Key::fromPem(original.privatePem());
        QVERIFY2(loaded, qPrintable(loaded.message()));
        const Es384Key reloaded = std::move(*loaded);
        QVERIFY(reloaded.hasPrivateKey());
        QCOMPARE(reloaded.fingerprint(), original.fingerprint());
        QVERIFY(original.verify("x", reloaded.sign("x")));
    }

    void publicKeysDoNotSign()
    {
        const auto publicOnly = Es384Key::fromPem(Es384Key::generate().publicPem());
        QVERIFY(publicOnly);
        QVERIFY(publicOnly->sign("x").isEmpty());
        QVERIFY(Es384Key().sign("x").isEmpty());
    }

    // Signatures come inline while the pool is empty, then from presignatures made by the
    // worker; both kinds verify, and no presignature is used twice.
    void presignaturePoolRefillsAndEverySignatureVerifies()
    {
        const Es384Key key = Es384Key::generate();
        BIGNUM *scalar = privateScalar(key.privatePem());
        QVERIFY(scalar);
        Es384Signer signer(scalar, 16);
        BN_clear_free(scalar);
        QCOMPARE(signer.pooled(), 0); // the worker starts with the first signature
        QSet<QByteArray> rValues;
        const auto signAndCheck = [&](int i) {
            const QByteArray message = "token " + QByteArray::number(i);
            const QByteArray signature = signer.sign(message);
            QCOMPARE(signature.size(), 96);
            QVERIFY2(key.verify(message, signature), message.constData());
            QVERIFY2(!rValues.contains(signature.left(48)), "a nonce was used twice");
            rValues.insert(signature.left(48));
        };
        signAndCheck(0);
        QTRY_COMPARE(signer.pooled(), 16);
        for (int i = 1; i <= 12; ++i) // down past the low-water mark (8): the worker refills
            signAndCheck(i);
        // Without a refill 4 would be left; the worker tops up only once at or below 8.
        QTRY_VERIFY(signer.pooled() > 8);
        for (int i = 13; i < 200; ++i) // faster than it refills: some come inline
            signAndCheck(i);
    }

    void jwtHasTheJwsShape()
    {
        const Es384Key key = Es384Key::generate();
        const QByteArray token = encodeJwt({{QStringLiteral("jti"), QStringLiteral("abc")}}, key);
        const auto read = decodeJwt(token);
        QVERIFY2(read, qPrintable(read.message()));
        const DecodedJwt &decoded = *read;
        QCOMPARE(decoded.header.value(QLatin1String("alg")).toString(), QStringLiteral("ES384"));
        QCOMPARE(decoded.claims.value(QLatin1String("jti")).toString(), QStringLiteral("abc"));
        QVERIFY(key.verify(decoded.signingInput, decoded.signature));
    }

    void notAJwtSaysWhichPart()
    {
        const auto parts = decodeJwt("a.b");
        QVERIFY(!parts);
        QVERIFY2(parts.message().contains(QLatin1String("three parts")),
                 qPrintable(parts.message()));
        const auto base64 = decodeJwt("eyJhbGciOiJFUzM4NCJ9.!!!.c2ln");
        QVERIFY(!base64);
        QVERIFY2(base64.message().contains(QLatin1String("claims is not base64url")),
                 qPrintable(base64.message()));
        const auto json = decodeJwt("eyJhbGciOiJFUzM4NCJ9.bm90IGpzb24.c2ln"); // "not json"
        QVERIFY(!json);
        QVERIFY2(json.message().contains(QLatin1String("claims is not a JSON object")),
                 qPrintable(json.message()));
        QCOMPARE(json.error().kind, gr::aws::AwsError::Kind::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
