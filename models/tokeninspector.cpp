#include "tokeninspector.h"

#include <memory>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>

namespace
{
QByteArray fromBase64Url(const QByteArray &part, bool *ok)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        part, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                  QByteArray::AbortOnBase64DecodingErrors);
    *ok = decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok;
    return decoded.decoded;
}

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
} // namespace

gr::aws::Expected<bool> verifyEs384(const QByteArray &signingInput, const QByteArray &signature,
                                    const QByteArray &publicKeyPem)
{
    BioPtr bio(BIO_new_mem_buf(publicKeyPem.constData(), int(publicKeyPem.size())));
    KeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return gr::aws::failure(
            gr::aws::AwsError::Kind::Invalid,
            QObject::tr("the key is not a PEM public key (-----BEGIN PUBLIC KEY-----)"));
    char group[64] = {};
    size_t groupLength = 0;
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
        !EVP_PKEY_get_utf8_string_param(key.get(), "group", group, sizeof group, &groupLength) ||
        QByteArray(group) != "secp384r1")
        return gr::aws::failure(
            gr::aws::AwsError::Kind::Invalid,
            QObject::tr("the key is not an EC P-384 key, which ES384 tokens need"));
    if (signature.size() != 96)
        return false;
    // JWS carries r||s; OpenSSL verifies DER.
    SigPtr sig(ECDSA_SIG_new());
    BIGNUM *r =
        BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.constData()), 48, nullptr);
    BIGNUM *s =
        BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.constData()) + 48, 48, nullptr);
    if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return false;
    }
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLength <= 0)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha384(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), der, size_t(derLength),
                         reinterpret_cast<const unsigned char *>(signingInput.constData()),
                         size_t(signingInput.size())) == 1;
    OPENSSL_free(der);
    return ok;
}

TokenInspection inspectToken(const QString &tokenText, const QByteArray &publicKeyPem,
                             const QString &expectedStageArn, const QDateTime &now)
{
    TokenInspection out;
    const QByteArray token = tokenText.trimmed().toLatin1();
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        out.decodeError = QObject::tr("A participant token has three parts separated by dots; "
                                      "this text has %1.")
                              .arg(parts.size());
        out.problems << out.decodeError;
        return out;
    }
    bool okHeader = false, okClaims = false, okSignature = false;
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts[0], &okHeader)).object();
    const QJsonObject claims = QJsonDocument::fromJson(fromBase64Url(parts[1], &okClaims)).object();
    const QByteArray signature = fromBase64Url(parts[2], &okSignature);
    if (!okHeader || !okClaims || header.isEmpty() || claims.isEmpty()) {
        out.decodeError = QObject::tr("The token's header or claims are not base64url JSON: "
                                      "the text is damaged or not a participant token.");
        out.problems << out.decodeError;
        return out;
    }
    out.decoded = true;
    out.algorithm = header.value(QLatin1String("alg")).toString();
    out.keyId = header.value(QLatin1String("kid")).toString();
    out.stageArn = claims.value(QLatin1String("resource")).toString();
    out.participantId = claims.value(QLatin1String("jti")).toString();
    out.userId = claims.value(QLatin1String("user_id")).toString();
    const QJsonObject caps = claims.value(QLatin1String("capabilities")).toObject();
    if (caps.value(QLatin1String("allow_publish")).toBool())
        out.capabilities << QStringLiteral("PUBLISH");
    if (caps.value(QLatin1String("allow_subscribe")).toBool())
        out.capabilities << QStringLiteral("SUBSCRIBE");
    const QJsonObject attributes = claims.value(QLatin1String("attributes")).toObject();
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        out.attributes.insert(it.key(), it.value().toString());
    if (claims.contains(QLatin1String("iat")))
        out.issuedAt =
            QDateTime::fromSecsSinceEpoch(claims.value(QLatin1String("iat")).toInteger(), Qt::UTC);
    if (claims.contains(QLatin1String("exp")))
        out.expiresAt =
            QDateTime::fromSecsSinceEpoch(claims.value(QLatin1String("exp")).toInteger(), Qt::UTC);

    if (out.algorithm != QLatin1String("ES384"))
        out.problems << QObject::tr("The token is signed with %1; IVS accepts only ES384.")
                            .arg(out.algorithm.isEmpty() ? QObject::tr("no algorithm")
                                                         : out.algorithm);
    if (out.stageArn.isEmpty())
        out.problems << QObject::tr("The token names no stage (claim \"resource\").");
    if (!out.expiresAt.isValid()) {
        out.problems << QObject::tr("The token has no expiry (claim \"exp\").");
    } else if (out.expiresAt <= now) {
        out.expired = true;
        out.problems << QObject::tr("The token expired at %1: the stage refuses it at join.")
                            .arg(out.expiresAt.toLocalTime().toString(Qt::ISODate));
    }
    if (!expectedStageArn.isEmpty() && !out.stageArn.isEmpty() &&
        out.stageArn != expectedStageArn) {
        out.wrongStage = true;
        out.problems << QObject::tr("The token is for stage %1, not %2.")
                            .arg(out.stageArn, expectedStageArn);
    }
    if (out.capabilities.isEmpty())
        out.problems << QObject::tr("The token allows neither publishing nor subscribing.");
    if (!publicKeyPem.isEmpty()) {
        const gr::aws::Expected<bool> verified =
            okSignature && out.algorithm == QLatin1String("ES384")
                ? verifyEs384(parts[0] + '.' + parts[1], signature, publicKeyPem)
                : gr::aws::Expected<bool>(false);
        const QString why = verified.message();
        const bool valid = verified.valueOr(false);
        if (!verified) {
            out.signature = TokenInspection::Signature::KeyUnusable;
            out.signatureDetail = why;
            out.problems << QObject::tr("The signature could not be checked: %1.").arg(why);
        } else if (valid) {
            out.signature = TokenInspection::Signature::Valid;
        } else {
            out.signature = TokenInspection::Signature::Invalid;
            out.problems << QObject::tr("The signature does not verify with this key: the token "
                                        "was altered or signed by another key. The service "
                                        "refuses it and records nothing.");
        }
    }
    out.usable = out.decoded && !out.expired && !out.wrongStage &&
                 out.algorithm == QLatin1String("ES384") && !out.stageArn.isEmpty() &&
                 out.signature != TokenInspection::Signature::Invalid;
    return out;
}
