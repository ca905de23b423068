#pragma once
// The few digest primitives SigV4 needs, over OpenSSL 3's one-shot calls.

#include <QByteArray>

namespace gr::aws
{

// 32-byte raw digests.
QByteArray sha256(QByteArrayView data);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

// Lower-case hex, as SigV4 wants it.
QByteArray sha256Hex(QByteArrayView data);
// Appends the 64 hex digits of SHA-256(data) to `out` without temporaries.
void appendSha256Hex(QByteArray &out, QByteArrayView data);
// Appends the 64 hex digits of HMAC-SHA256(key, data).
void appendHmacSha256Hex(QByteArray &out, QByteArrayView key, QByteArrayView data);

} // namespace gr::aws
