#include "local/jwt.h"

#include "local/es384signer.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <QJsonDocument>

namespace gr::local
{

struct Es384Key::Data {
    EVP_PKEY *key = nullptr;
    std::unique_ptr<Es384Signer> signer; // set exactly when the key has a private half
    ~Data() { EVP_PKEY_free(key); }
    void setKey(EVP_PKEY *newKey, bool isPrivate)
    {
        key = newKey;
        BIGNUM *scalar = nullptr;
        if (isPrivate && EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar)) {
            signer = std::make_unique<Es384Signer>(scalar);
            BN_clear_free(scalar);
        }
    }
};

Es384Key::Es384Key() = default;
Es384Key::~Es384Key() = default;
Es384Key::Es384Key(Es384Key &&) noexcept = default;
Es384Key &Es384Key::operator=(Es384Key &&) noexcept = default;

Es384Key Es384Key::generate()
{
    Es384Key result;
    result.d = std::make_unique<Data>();
    if (EVP_PKEY *key = EVP_EC_gen("P-384"))
        result.d->setKey(key, true);
    return result;
}

static QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(size));
    BIO_free(bio);
    return out;
}

aws::Expected<Es384Key> Es384Key::fromPem(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    bool isPrivate = false;
    if (!key) {
        BIO_free(bio);
        bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
        key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        isPrivate = key != nullptr;
    }
    BIO_free(bio);
    if (!key) {
        return aws::failure(
            aws::AwsError::Kind::Invalid,
            QStringLiteral("the public key material is not a valid PEM public key"));
    }
    char curve[64] = {};
    size_t curveLength = 0;
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC ||
        !EVP_PKEY_get_group_name(key, curve, sizeof curve, &curveLength) ||
        QByteArray(curve) != "secp384r1") {
        EVP_PKEY_free(key);
        return aws::failure(
            aws::AwsError::Kind::Invalid,
            QStringLiteral("the public key must be an ECDSA key on the P-384 curve"));
    }
    Es384Key loaded;
    loaded.d = std::make_unique<Data>();
    loaded.d->setKey(key, isPrivate);
    return aws::Expected<Es384Key>(std::move(loaded));
}

bool Es384Key::isNull() const
{
    return !d || !d->key;
}

bool Es384Key::hasPrivateKey() const
{
    return d && d->signer;
}

QByteArray Es384Key::publicPem() const
{
    if (isNull())
        return {};
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, d->key);
    return bioContents(bio);
}

QByteArray Es384Key::privatePem() const
{
    if (!hasPrivateKey())
        return {};
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, d->key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio);
}

QByteArray Es384Key::fingerprint() const
{
    if (isNull())
        return {};
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(d->key, &der);
    QByteArray digest(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(der, size_t(length), reinterpret_cast<unsigned char *>(digest.data()));
    OPENSSL_free(der);
    return digest.toHex();
}

QByteArray Es384Key::sign(const QByteArray &data) const
{
    return hasPrivateKey() ? d->signer->sign(data) : QByteArray();
}

bool Es384Key::verify(const QByteArray &data, const QByteArray &signature) const
{
    if (isNull() || signature.size() != 96)
        return false;
    ECDSA_SIG *sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(
        sig, BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.constData()), 48, nullptr),
        BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.constData()) + 48, 48,
                  nullptr));
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha384(), nullptr, d->key) == 1 &&
                    EVP_DigestVerify(ctx, der, size_t(derLength),
                                     reinterpret_cast<const unsigned char *>(data.constData()),
                                     size_t(data.size())) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return ok;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray encodeJwt(const QJsonObject &claims, const Es384Key &key, const QString &keyId)
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES384")},
                       {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!keyId.isEmpty())
        header.insert(QStringLiteral("kid"), keyId);
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.' + base64Url(key.sign(input));
}

aws::Expected<DecodedJwt> decodeJwt(const QByteArray &token)
{
    const auto invalid = [](const QString &why) {
        return aws::failure(aws::AwsError::Kind::Invalid, why);
    };
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return invalid(
            QStringLiteral("a JWT is three parts separated by '.', this has %1").arg(parts.size()));
    const char *names[] = {"header", "claims", "signature"};
    QByteArray decoded[3];
    for (int i = 0; i < 3; ++i) {
        const auto r = QByteArray::fromBase64Encoding(
            parts[i], QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (r.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
            return invalid(
                QStringLiteral("the JWT's %1 is not base64url").arg(QLatin1String(names[i])));
        decoded[i] = r.decoded;
    }
    DecodedJwt jwt;
    jwt.header = QJsonDocument::fromJson(decoded[0]).object();
    jwt.claims = QJsonDocument::fromJson(decoded[1]).object();
    jwt.signature = decoded[2];
    jwt.signingInput = parts[0] + '.' + parts[1];
    if (jwt.header.isEmpty() || jwt.claims.isEmpty())
        return invalid(
            QStringLiteral("the JWT's %1 is not a JSON object with members")
                .arg(jwt.header.isEmpty() ? QLatin1String("header") : QLatin1String("claims")));
    return jwt;
}

} // namespace gr::local
