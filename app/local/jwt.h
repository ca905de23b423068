#pragma once
// ES384 JSON Web Tokens, as IVS Real-Time participant tokens are: signed with the service's
// own P-384 key, or by the customer's key whose public half was imported (ImportPublicKey).

#include "aws/expected.h"

#include <memory>
#include <QByteArray>
#include <QJsonObject>

namespace gr::local
{

class Es384Key
{
public:
    Es384Key();
    ~Es384Key();
    Es384Key(Es384Key &&) noexcept;
    Es384Key &operator=(Es384Key &&) noexcept;

    static Es384Key generate();
    // A PEM "BEGIN PUBLIC KEY" (or private key) on the P-384 curve; an Invalid error saying
    // what is wrong with it otherwise.
    static aws::Expected<Es384Key> fromPem(const QByteArray &pem);

    bool isNull() const;
    bool hasPrivateKey() const;
    QByteArray publicPem() const;
    QByteArray privatePem() const;
    QByteArray fingerprint() const; // SHA-256 of the DER public key, hex

    QByteArray sign(const QByteArray &data) const; // raw r||s, 96 bytes
    bool verify(const QByteArray &data, const QByteArray &signature) const;

private:
    struct Data;
    std::unique_ptr<Data> d;
};

QByteArray base64Url(const QByteArray &data);
QByteArray encodeJwt(const QJsonObject &claims, const Es384Key &key, const QString &keyId = {});

struct DecodedJwt {
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput;
    QByteArray signature;
};
// Splits and decodes without verifying; an Invalid error saying which part is wrong when it is
// not a JWT.
aws::Expected<DecodedJwt> decodeJwt(const QByteArray &token);

} // namespace gr::local
