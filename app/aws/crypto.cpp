#include "aws/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace gr::aws
{

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
           reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray out(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
         reinterpret_cast<unsigned char *>(out.data()), &len);
    return out;
}

QByteArray sha256Hex(QByteArrayView data)
{
    QByteArray out;
    appendSha256Hex(out, data);
    return out;
}

static void appendHex(QByteArray &out, const unsigned char (&digest)[SHA256_DIGEST_LENGTH])
{
    static constexpr char hex[] = "0123456789abcdef";
    const qsizetype at = out.size();
    out.resize(at + 2 * SHA256_DIGEST_LENGTH);
    char *p = out.data() + at;
    for (unsigned char byte : digest) {
        *p++ = hex[byte >> 4];
        *p++ = hex[byte & 0xF];
    }
}

void appendSha256Hex(QByteArray &out, QByteArrayView data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()), digest);
    appendHex(out, digest);
}

void appendHmacSha256Hex(QByteArray &out, QByteArrayView key, QByteArrayView data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()), digest,
         &length);
    appendHex(out, digest);
}

} // namespace gr::aws
