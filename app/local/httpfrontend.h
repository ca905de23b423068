#pragma once
// greenroom-local's HTTP/1.1 server (plain or TLS): keep-alive connections, one request at a
// time per connection, and every limit decided before the bytes it is about are read: header
// count and size (431), body size (413), Content-Length (400), a deadline for requests that
// stall or drip (408), a cap on connections and on body bytes buffered at once (503). Memory
// stays bounded whatever a peer sends. The handler may answer later (faults add latency) and
// may drop or cut the answer.

#include "local/faults.h"
#include "local/httpparser.h"

#include <functional>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

class QTcpServer;

namespace gr::local
{

struct HttpRequest {
    QByteArray method;
    QByteArray path;  // raw, percent-encoded as received
    QByteArray query; // raw
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(QByteArrayView name) const;
};

struct HttpResponse {
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

struct HttpServerLimits {
    HttpLimits request;
    int headerTimeoutMs = 10000;  // from a request's first byte to the end of its headers
    int requestTimeoutMs = 30000; // from a request's first byte to the end of its body
    int idleTimeoutMs = 120000;   // a keep-alive connection with no request in progress
    int maxConnections = 256;
    qint64 maxBufferedBodyBytes = 64 * 1024 * 1024; // all connections together
};

class HttpFrontend : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(HttpResponse, FaultAction)>;
    using Handler = std::function<void(const HttpRequest &, Reply)>;
    // An AWS-style JSON error answer for a request refused before it reached the handler.
    static HttpResponse refusal(int status, const QString &message);

    HttpFrontend(HttpServerLimits limits, Handler handler, QObject *parent = nullptr);
    ~HttpFrontend() override;

    // Serves TLS with `tls` when it holds a certificate, else plain HTTP. 0 on failure.
    quint16 listen(const QHostAddress &host, quint16 port,
                   const QSslConfiguration &tls = QSslConfiguration());
    int openConnections() const { return m_connections; }
    qint64 bufferedBodyBytes() const { return m_bufferedBody; }

private:
    class Connection;
    void accept();

    HttpServerLimits m_limits;
    Handler m_handler;
    QTcpServer *m_server = nullptr;
    int m_connections = 0;
    qint64 m_bufferedBody = 0;
};

} // namespace gr::local
