// greenroom-local's request handling as a client meets it: bytes over a real loopback socket to
// an in-process service (HTTP parsing, limits, SigV4 verification, JSON and model validation,
// the operations). Input byte 0 picks the mode:
//   even: the rest is sent raw, as an HTTP request;
//   odd:  byte 1 picks an operation, the rest is its JSON body (or raw body), signed with the
//         service's key as a client would; bit 1 of byte 0 corrupts the signature.
// Properties: a signed request is answered within 5 s (a raw one may rightly wait for more: it
// gets 50 ms); no answer blames the service (a 5xx other than 501 and 505); a correctly signed
// request never fails its signature check and a corrupted one always does.

#include "../fuzzmain.h"
#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "ivs/operations.h"
#include "local/localservice.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>
#include <sys/socket.h>
#include <unistd.h>

using namespace gr;

namespace
{
local::LocalService *service()
{
    static local::LocalService *instance = [] {
        auto *s = new local::LocalService(local::LocalServiceOptions{});
        const auto started = s->start();
        fuzz::require(started.ok(), QStringLiteral("service did not start: ") + started.message());
        return s;
    }();
    return instance;
}

// True once `reply` holds a whole response (headers and Content-Length bytes of body).
bool complete(const QByteArray &reply)
{
    const qsizetype head = reply.indexOf("\r\n\r\n");
    if (head < 0)
        return false;
    const QByteArray lower = reply.left(head).toLower();
    const qsizetype at = lower.indexOf("content-length:");
    const qsizetype length =
        at < 0 ? 0 : lower.mid(at + 15, lower.indexOf('\r', at) - at - 15).trimmed().toLongLong();
    return reply.size() >= head + 4 + length;
}

// Sends `request` and pumps the service's event loop until a whole response is back, the
// service closes, or `patienceMs` pass (then the reply so far, possibly empty: an incomplete
// request is rightly left waiting).
QByteArray exchange(const QByteArray &request, int patienceMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fuzz::require(fd >= 0, QStringLiteral("socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(service()->url().port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    QByteArray reply;
    qsizetype sent = 0;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < patienceMs && !complete(reply)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        if (sent < request.size()) {
            const ssize_t n =
                ::send(fd, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINPROGRESS &&
                     errno != ENOTCONN)
                break; // the service closed on us mid-request: a refusal, not a hang
        }
        char buffer[65536];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0)
            reply.append(buffer, n);
        else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN))
            break;
    }
    ::close(fd);
    return reply;
}

// A 5xx that blames the service. 501 (a method it does not implement) and 505 (an HTTP version
// it does not speak) are correct answers to what the client sent.
bool isServerFault(int status)
{
    return status >= 500 && status != 501 && status != 505;
}

int statusOf(const QByteArray &reply)
{
    if (!reply.startsWith("HTTP/1."))
        return 0;
    return reply.mid(9, 3).toInt();
}

QByteArray signedRequest(ivs::Operation operation, const QByteArray &body, bool corrupt)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    aws::AwsRequest request = ivs::buildRequest(operation, doc.object());
    if (!doc.isObject() && request.hasBody)
        request.body = body;
    aws::Credentials credentials;
    credentials.accessKeyId = QLatin1String(local::LocalService::kDefaultAccessKeyId);
    credentials.secretAccessKey = QLatin1String(local::LocalService::kDefaultSecretAccessKey);
    static aws::SigV4Signer signer;
    const aws::SignedRequest s = aws::signRequest(
        request, service()->url(), service()->options().region, QStringLiteral("ivs"), credentials,
        QDateTime::currentDateTimeUtc(), signer);
    QByteArray out = request.method + ' ' +
                     s.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) + " HTTP/1.1\r\n";
    for (auto [name, value] : s.headers) {
        if (corrupt && name.compare("Authorization", Qt::CaseInsensitive) == 0)
            value[value.size() - 1] = value.endsWith('0') ? '1' : '0';
        out += name + ": " + value + "\r\n";
    }
    if (request.hasBody)
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n";
    if (request.hasBody)
        out += request.body;
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    if (size < 2)
        return 0;
    const bool sign = data[0] & 1;
    const bool corrupt = data[0] & 2;
    if (!sign) {
        const QByteArray reply =
            exchange(QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)), 50);
        fuzz::require(!isServerFault(statusOf(reply)),
                      QStringLiteral("a server error: ") + QString::fromLatin1(reply.left(300)));
        return 0;
    }
    const auto operation = ivs::Operation(data[1] % ivs::kOperationCount);
    const QByteArray body(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    const QByteArray reply = exchange(signedRequest(operation, body, corrupt), 5000);
    const int status = statusOf(reply);
    fuzz::require(status > 0, QStringLiteral("no HTTP answer to a signed request"));
    fuzz::require(!isServerFault(status),
                  QStringLiteral("a server error: ") + QString::fromLatin1(reply.left(300)));
    const bool signatureRefused = reply.contains("InvalidSignatureException") ||
                                  reply.contains("IncompleteSignatureException");
    fuzz::require(signatureRefused == corrupt,
                  QStringLiteral("signature check wrong (corrupt=%1): ").arg(corrupt) +
                      QString::fromLatin1(reply.left(300)));
    return 0;
}
