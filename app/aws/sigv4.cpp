#include "aws/sigv4.h"

#include "aws/crypto.h"

#include <algorithm>
#include <QDateTime>
#include <QVarLengthArray>

namespace gr::aws
{

namespace
{

constexpr char kHex[] = "0123456789ABCDEF";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Trims and collapses runs of whitespace to one space (folded header lines included).
QByteArray normalizeHeaderValue(const QByteArray &value)
{
    // Common case: nothing to trim or collapse; share the bytes instead of copying.
    bool clean = !value.isEmpty() && !isSpace(value.front()) && !isSpace(value.back());
    for (qsizetype i = 0; clean && i < value.size(); ++i) {
        const char c = value[i];
        clean = c != '\t' && c != '\n' && c != '\r' && !(c == ' ' && value[i + 1] == ' ');
    }
    if (clean)
        return value;
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (char c : value) {
        if (isSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

} // namespace

QByteArray uriEncode(QByteArrayView bytes, bool keepSlash)
{
    QByteArray out;
    out.reserve(bytes.size() * 3 / 2);
    for (char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(c);
        } else {
            const auto u = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0xF]);
        }
    }
    return out;
}

static bool isPlainPath(QByteArrayView path)
{
    // Only unreserved characters and single slashes, no dot segments: canonical as it is.
    char previous = 0;
    for (char c : path) {
        if (c == '/' ? previous == '/' : !isUnreserved(c))
            return false;
        if (c == '.' && (previous == '/' || previous == '.'))
            return false;
        previous = c;
    }
    return !path.isEmpty() && path.front() == '/';
}

QByteArray canonicalUri(QByteArrayView wirePath)
{
    if (wirePath.isEmpty())
        return "/";
    if (isPlainPath(wirePath))
        return wirePath.toByteArray();
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= wirePath.size(); ++i) {
        if (i < wirePath.size() && wirePath[i] != '/')
            continue;
        const QByteArrayView segment = wirePath.sliced(start, i - start);
        start = i + 1;
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    QByteArray path;
    path.reserve(wirePath.size() + 16);
    for (QByteArrayView segment : segments) {
        path.append('/');
        path.append(uriEncode(segment, false));
    }
    const bool trailingSlash = wirePath.endsWith('/') || wirePath.endsWith("/.");
    if (path.isEmpty() || trailingSlash)
        path.append('/');
    return path;
}

QByteArray canonicalQuery(QByteArrayView wireQuery)
{
    if (wireQuery.isEmpty())
        return {};
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    for (QByteArrayView part :
         QByteArray::fromRawData(wireQuery.data(), wireQuery.size()).split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArrayView key = eq < 0 ? part : part.first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : part.sliced(eq + 1);
        pairs.emplace_back(uriEncode(QByteArray::fromPercentEncoding(key.toByteArray()), false),
                           uriEncode(QByteArray::fromPercentEncoding(value.toByteArray()), false));
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[key, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(key).append('=').append(value);
    }
    return out;
}

QByteArray amzDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QDateTime parseAmzDate(QByteArrayView text)
{
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return {};
    const auto number = [&](int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const QDate date(number(0, 4), number(4, 2), number(6, 2));
    const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
    if (!date.isValid() || !QTime::isValid(hour, minute, second))
        return {};
    return QDateTime(date, QTime(hour, minute, second), Qt::UTC);
}

QByteArray SigV4Signer::signingKey(QByteArrayView secret, QByteArrayView date,
                                   QByteArrayView region, QByteArrayView service)
{
    for (const CachedKey &cached : m_keys) {
        if (cached.date == date && cached.region == region && cached.service == service &&
            cached.secret == secret)
            return cached.key;
    }
    QByteArray key = hmacSha256(QByteArray("AWS4").append(secret), date);
    key = hmacSha256(key, region);
    key = hmacSha256(key, service);
    key = hmacSha256(key, "aws4_request");
    constexpr size_t kMaxKeys = 8;
    if (m_keys.size() >= kMaxKeys)
        m_keys.erase(m_keys.begin());
    m_keys.push_back({secret.toByteArray(), date.toByteArray(), region.toByteArray(),
                      service.toByteArray(), key});
    return key;
}

Signature SigV4Signer::sign(const SignableRequest &request, const SigningParams &params)
{
    // Canonical headers: lower-case names, sorted; repeated names joined with ',' in order.
    // A request has a handful of headers: a small array and insertion sort, no heap.
    QVarLengthArray<std::pair<QByteArray, QByteArray>, 12> headers;
    for (const Header &header : request.headers) {
        const bool lower = std::none_of(header.first.begin(), header.first.end(),
                                        [](char c) { return c >= 'A' && c <= 'Z'; });
        QByteArray name = lower ? header.first : header.first.toLower();
        QByteArray value = normalizeHeaderValue(header.second);
        auto same = std::find_if(headers.begin(), headers.end(),
                                 [&](const auto &h) { return h.first == name; });
        if (same != headers.end()) {
            same->second.append(',').append(value);
            continue;
        }
        qsizetype at = headers.size();
        headers.append({std::move(name), std::move(value)});
        for (; at > 0 && headers[at].first < headers[at - 1].first; --at)
            std::swap(headers[at], headers[at - 1]);
    }

    Signature result;
    QByteArray &creq = result.canonicalRequest;
    qsizetype headerBytes = 0;
    for (const auto &[name, value] : headers)
        headerBytes += name.size() * 2 + value.size() + 2;
    creq.reserve(request.method.size() + request.path.size() * 3 + request.query.size() * 3 +
                 headerBytes + 80);
    result.signedHeaders.reserve(headerBytes);
    creq.append(request.method).append('\n');
    if (isPlainPath(request.path))
        creq.append(request.path).append('\n'); // no copy in the common case
    else
        creq.append(canonicalUri(request.path)).append('\n');
    if (!request.query.isEmpty())
        creq.append(canonicalQuery(request.query));
    creq.append('\n');
    for (const auto &[name, value] : headers) {
        creq.append(name).append(':').append(value).append('\n');
        if (!result.signedHeaders.isEmpty())
            result.signedHeaders.append(';');
        result.signedHeaders.append(name);
    }
    creq.append('\n').append(result.signedHeaders).append('\n');
    appendSha256Hex(creq, request.payload);

    // The credential scope goes into both the string to sign and the Authorization header.
    const QByteArrayView date = QByteArrayView(params.amzDate).first(8);
    const auto appendScope = [&](QByteArray &out) {
        out.append(date)
            .append('/')
            .append(params.region)
            .append('/')
            .append(params.service)
            .append("/aws4_request");
    };
    QByteArray &sts = result.stringToSign;
    sts.reserve(160);
    sts.append("AWS4-HMAC-SHA256\n").append(params.amzDate).append('\n');
    appendScope(sts);
    sts.append('\n');
    appendSha256Hex(sts, creq);

    const QByteArray key = signingKey(params.secretAccessKey, date, params.region, params.service);
    appendHmacSha256Hex(result.signature, key, sts);
    QByteArray &authorization = result.authorization;
    authorization.reserve(160 + params.accessKeyId.size() + result.signedHeaders.size());
    authorization.append("AWS4-HMAC-SHA256 Credential=").append(params.accessKeyId).append('/');
    appendScope(authorization);
    authorization.append(", SignedHeaders=")
        .append(result.signedHeaders)
        .append(", Signature=")
        .append(result.signature);
    return result;
}

} // namespace gr::aws
