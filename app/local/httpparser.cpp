#include "local/httpparser.h"

namespace gr::local
{

namespace
{

bool isTokenChar(char c)
{
    // RFC 9110 tchar.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

HttpHeadParse refuse(int status, const QString &reason)
{
    HttpHeadParse result;
    result.status = HttpHeadParse::Refused;
    result.refusal = status;
    result.reason = reason;
    return result;
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView item : QByteArray(list.toByteArray()).split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpHeadParse parseRequestHead(QByteArrayView received, const HttpLimits &limits)
{
    // Find the blank line that ends the head, counting lines on the way so a flood of short
    // headers is refused before the size limit would be.
    qsizetype lineStart = 0;
    qsizetype headEnd = -1;
    int lines = 0;
    while (true) {
        const qsizetype newline = received.indexOf('\n', lineStart);
        if (newline < 0)
            break;
        const qsizetype length = newline - lineStart;
        const bool blank = length == 0 || (length == 1 && received[lineStart] == '\r');
        if (blank && lines > 0) {
            headEnd = newline + 1;
            break;
        }
        if (!blank)
            ++lines;
        lineStart = newline + 1;
        if (lines > limits.maxHeaderCount + 1)
            return refuse(431,
                          QStringLiteral("more than %1 header fields").arg(limits.maxHeaderCount));
    }
    if (headEnd < 0 ? received.size() > limits.maxHeaderBytes : headEnd > limits.maxHeaderBytes)
        return refuse(431, QStringLiteral("the request line and headers exceed %1 bytes")
                               .arg(limits.maxHeaderBytes));
    if (headEnd < 0)
        return {};

    HttpHeadParse result;
    result.status = HttpHeadParse::Complete;
    result.headBytes = int(headEnd);
    HttpRequestHead &head = result.head;
    QList<QByteArrayView> headLines;
    for (qsizetype at = 0; at < headEnd;) {
        const qsizetype newline = received.indexOf('\n', at);
        QByteArrayView line = received.sliced(at, newline - at);
        if (line.endsWith('\r'))
            line.chop(1);
        at = newline + 1;
        if (!line.isEmpty())
            headLines.append(line);
        else if (!headLines.isEmpty())
            break;
    }

    // Request line: METHOD SP request-target SP HTTP-version
    const QByteArrayView requestLine = headLines.first();
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return refuse(400, QStringLiteral("the request line is not 'METHOD target HTTP/1.1'"));
    const QByteArrayView method = requestLine.first(sp1);
    QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method))
        return refuse(400, QStringLiteral("the method is not a token"));
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.startsWith("HTTP/"))
            return refuse(505, QStringLiteral("only HTTP/1.1 and HTTP/1.0 are served"));
        return refuse(400, QStringLiteral("the request line does not end with an HTTP version"));
    }
    if (target.startsWith("http://") || target.startsWith("https://")) {
        // absolute-form: keep the path and query.
        const qsizetype authority = target.indexOf("//") + 2;
        const qsizetype slash = target.indexOf('/', authority);
        target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    if (!target.startsWith('/') && target != "*")
        return refuse(400, QStringLiteral("the request target must start with '/'"));
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return refuse(400, QStringLiteral("the request target holds a control or non-ASCII "
                                              "byte (percent-encode it)"));
    }
    const qsizetype question = target.indexOf('?');
    head.method = method.toByteArray();
    head.path = (question < 0 ? target : target.first(question)).toByteArray();
    if (question >= 0)
        head.query = target.sliced(question + 1).toByteArray();
    head.keepAlive = version == "HTTP/1.1";

    bool hasLength = false, hasHost = false, chunked = false;
    for (qsizetype i = 1; i < headLines.size(); ++i) {
        const QByteArrayView line = headLines[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return refuse(400, QStringLiteral("folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(400, QStringLiteral("header line %1 is not 'Name: value'").arg(i));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        for (char c : value) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
                return refuse(400, QStringLiteral("header %1 holds a control character")
                                       .arg(QString::fromLatin1(name)));
        }
        head.headers.append({name.toByteArray(), value.toByteArray()});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (hasLength)
                return refuse(400, QStringLiteral("Content-Length is given more than once"));
            hasLength = true;
            bool digits = !value.isEmpty() && value.size() <= 18;
            for (char c : value)
                digits = digits && c >= '0' && c <= '9';
            if (!digits)
                return refuse(400, QStringLiteral("Content-Length '%1' is not a number of bytes")
                                       .arg(QString::fromLatin1(
                                           value.first(qMin<qsizetype>(40, value.size())))));
            head.contentLength = value.toLongLong();
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            chunked = true;
        } else if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            if (hasHost)
                return refuse(400, QStringLiteral("Host is given more than once"));
            hasHost = true;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            if (containsToken(value, "close"))
                head.keepAlive = false;
            else if (containsToken(value, "keep-alive"))
                head.keepAlive = true;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            head.expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    if (!hasHost && version == "HTTP/1.1")
        return refuse(400, QStringLiteral("an HTTP/1.1 request needs a Host header"));
    if (chunked && hasLength)
        return refuse(400, QStringLiteral("Content-Length and Transfer-Encoding together"));
    if (chunked)
        return refuse(411, QStringLiteral("send the body with a Content-Length (no "
                                          "Transfer-Encoding)"));
    if (head.contentLength > limits.maxBodyBytes)
        return refuse(413, QStringLiteral("the body of %1 bytes exceeds the limit of %2 bytes")
                               .arg(head.contentLength)
                               .arg(limits.maxBodyBytes));
    return result;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace gr::local
