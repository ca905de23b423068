#pragma once
// AWS Signature Version 4 (header signing), as the SDKs do it for non-S3 services.

#include <QByteArray>
#include <QList>
#include <utility>
#include <vector>

class QDateTime;

namespace gr::aws
{

using Header = std::pair<QByteArray, QByteArray>;

// An HTTP request reduced to what SigV4 reads. `path` and `query` are exactly as they go on the
// wire (already percent-encoded); the canonical URI encodes the path once more, as the SDKs do.
struct SignableRequest {
    QByteArray method;
    QByteArray path = "/";
    QByteArray query; // without '?'
    QList<Header> headers;
    QByteArray payload;
};

// Everything a signature is made of, kept so tests and the request log can show it.
struct Signature {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders; // "host;x-amz-date"
    QByteArray signature;     // lower-case hex
    QByteArray authorization; // the Authorization header value
};

struct SigningParams {
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray amzDate; // 20150830T123600Z
    QByteArray region;
    QByteArray service;
};

// RFC 3986 unreserved characters stay; every other byte becomes %XX (upper-case hex).
QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
// Dot segments and repeated slashes removed, then every byte outside unreserved and '/' encoded.
QByteArray canonicalUri(QByteArrayView wirePath);
// Pairs decoded, re-encoded strictly, sorted by key then value.
QByteArray canonicalQuery(QByteArrayView wireQuery);
// 20150830T123600Z for a UTC time.
QByteArray amzDate(const QDateTime &time);
// The UTC time of "20150830T123600Z"; invalid unless the text is exactly that form. Qt's
// format parser goes through local time (mktime and a stat of /etc/localtime each call).
QDateTime parseAmzDate(QByteArrayView text);

// Signs requests. Derived keys are cached per (secret, date, region, service), so signing a
// request costs two SHA-256 and one HMAC in the common case. Not thread-safe: one per thread.
class SigV4Signer
{
public:
    // Signs every header present in `request` (callers add Host, X-Amz-Date and any token first).
    Signature sign(const SignableRequest &request, const SigningParams &params);

    // The derived signing key; exposed for the benchmark and the verifier.
    QByteArray signingKey(QByteArrayView secret, QByteArrayView date, QByteArrayView region,
                          QByteArrayView service);

private:
    struct CachedKey {
        QByteArray secret, date, region, service, key;
    };
    std::vector<CachedKey> m_keys; // tiny, most recent last
};

} // namespace gr::aws
