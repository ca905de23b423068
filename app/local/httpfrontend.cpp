#include "local/httpfrontend.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

namespace gr::local
{

namespace
{

// Qt reads no further from the kernel once this much waits unread: a peer that sends faster
// than it is served is held back by TCP instead of by our memory.
constexpr qint64 kSocketReadBuffer = 64 * 1024;

QByteArray serialize(const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out + response.body;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpFrontend::refusal(int status, const QString &message)
{
    static const QHash<int, const char *> types = {
        {400, "BadRequestException"},         {408, "RequestTimeoutException"},
        {411, "LengthRequiredException"},     {413, "PayloadTooLargeException"},
        {431, "RequestHeaderFieldsTooLarge"}, {503, "ServiceUnavailableException"},
        {505, "HttpVersionNotSupported"}};
    HttpResponse response;
    response.status = status;
    const QByteArray type = types.value(status, "BadRequestException");
    response.headers.append(std::pair<QByteArray, QByteArray>{"x-amzn-ErrorType", type});
    response.headers.append(std::pair<QByteArray, QByteArray>{"Content-Type", "application/json"});
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("message"), message}})
                        .toJson(QJsonDocument::Compact);
    return response;
}

// One client connection: reads one request at a time, under the deadlines and limits.
class HttpFrontend::Connection : public QObject
{
public:
    Connection(HttpFrontend *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket)
    {
        ++m_server->m_connections;
        socket->setParent(this);
        socket->setReadBufferSize(kSocketReadBuffer);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, &Connection::expired);
        connect(socket, &QTcpSocket::readyRead, this, &Connection::read);
        connect(socket, &QTcpSocket::disconnected, this, &Connection::close);
        connect(socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                close();
        });
        arm(m_server->m_limits.idleTimeoutMs);
        read();
    }

    ~Connection() override
    {
        release();
        --m_server->m_connections;
    }

private:
    enum class Phase { Idle, Head, Body, Busy, Closing };

    void arm(int ms)
    {
        if (ms > 0)
            m_deadline.start(ms);
        else
            m_deadline.stop();
    }

    void read()
    {
        if (m_phase == Phase::Busy || m_phase == Phase::Closing)
            return;
        const QByteArray chunk = m_socket->readAll();
        if (chunk.isEmpty() && m_buffer.isEmpty())
            return;
        m_buffer += chunk;
        process(chunk.contains('\n') || chunk.isEmpty());
    }

    void process(bool headMayBeComplete)
    {
        const HttpServerLimits &limits = m_server->m_limits;
        if (m_phase == Phase::Idle && !m_buffer.isEmpty()) {
            m_phase = Phase::Head;
            m_started.start();
            arm(limits.headerTimeoutMs);
        }
        if (m_phase == Phase::Head) {
            // A head cannot end without a newline: skip reparsing on bytes that bring none,
            // unless they take the head over its size limit.
            if (!headMayBeComplete && m_buffer.size() <= limits.request.maxHeaderBytes)
                return;
            const HttpHeadParse parsed = parseRequestHead(m_buffer, limits.request);
            if (parsed.status == HttpHeadParse::Incomplete)
                return;
            if (parsed.status == HttpHeadParse::Refused)
                return refuse(parsed.refusal, parsed.reason);
            if (m_server->m_bufferedBody + parsed.head.contentLength > limits.maxBufferedBodyBytes)
                return refuse(503, QStringLiteral("too many request bodies in progress; retry"));
            m_head = parsed.head;
            m_headBytes = parsed.headBytes;
            m_reserved = m_head.contentLength;
            m_server->m_bufferedBody += m_reserved;
            m_phase = Phase::Body;
            arm(int(qMax<qint64>(1, limits.requestTimeoutMs - m_started.elapsed())));
            if (m_head.expectContinue && m_buffer.size() < m_headBytes + m_head.contentLength)
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        if (m_phase != Phase::Body || m_buffer.size() < m_headBytes + m_head.contentLength)
            return;
        HttpRequest request;
        request.method = m_head.method;
        request.path = m_head.path;
        request.query = m_head.query;
        request.headers = m_head.headers;
        request.body = m_buffer.mid(m_headBytes, m_head.contentLength);
        m_buffer.remove(0, m_headBytes + m_head.contentLength);
        release();
        m_phase = Phase::Busy;
        m_deadline.stop();
        const bool keepAlive = m_head.keepAlive;
        QPointer<Connection> self(this);
        m_server->m_handler(request, [self, keepAlive](HttpResponse response, FaultAction fault) {
            if (self)
                self->answer(std::move(response), fault, keepAlive);
        });
    }

    void answer(HttpResponse response, FaultAction fault, bool keepAlive)
    {
        if (m_phase != Phase::Busy)
            return;
        if (fault.drop) {
            m_socket->abort();
            return;
        }
        if (fault.malformed && response.status == 200)
            response.body = response.body.left(response.body.size() / 2) + "<!-- not json -->";
        response.headers.append(std::pair<QByteArray, QByteArray>{
            "Content-Length", QByteArray::number(response.body.size())});
        if (fault.truncate)
            response.body = response.body.left(response.body.size() / 2);
        m_socket->write(serialize(response, !keepAlive));
        if (fault.truncate || !keepAlive) {
            m_phase = Phase::Closing;
            m_socket->disconnectFromHost();
            return;
        }
        m_phase = Phase::Idle;
        arm(m_server->m_limits.idleTimeoutMs);
        // Requests sent ahead wait in the buffer (or in the socket): serve them next, from
        // the event loop so a long pipeline does not deepen the stack.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_buffer.isEmpty() && m_phase == Phase::Idle)
                    process(true);
                read();
            },
            Qt::QueuedConnection);
    }

    void refuse(int status, const QString &reason)
    {
        release();
        m_phase = Phase::Closing;
        m_deadline.stop();
        m_buffer.clear();
        m_socket->write(serialize(refusal(status, reason), true));
        m_socket->disconnectFromHost();
        // A peer that keeps sending after the answer is not waited for.
        QTimer::singleShot(2000, this, [this] { m_socket->abort(); });
    }

    void expired()
    {
        if (m_phase == Phase::Idle) {
            m_phase = Phase::Closing;
            m_socket->disconnectFromHost();
        } else if (m_phase == Phase::Head || m_phase == Phase::Body) {
            refuse(408, QStringLiteral("the request was not received within %1 ms")
                            .arg(m_phase == Phase::Head ? m_server->m_limits.headerTimeoutMs
                                                        : m_server->m_limits.requestTimeoutMs));
        }
    }

    void release()
    {
        m_server->m_bufferedBody -= m_reserved;
        m_reserved = 0;
    }

    void close()
    {
        if (m_closed)
            return;
        m_closed = true;
        m_phase = Phase::Closing;
        m_deadline.stop();
        deleteLater();
    }

    HttpFrontend *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    Phase m_phase = Phase::Idle;
    HttpRequestHead m_head;
    int m_headBytes = 0;
    qint64 m_reserved = 0; // body bytes counted against the server's budget
    QTimer m_deadline;
    QElapsedTimer m_started;
    bool m_closed = false;
};

HttpFrontend::HttpFrontend(HttpServerLimits limits, Handler handler, QObject *parent)
    : QObject(parent), m_limits(limits), m_handler(std::move(handler))
{
}

HttpFrontend::~HttpFrontend()
{
    // Connections are children; delete them while the counters they update still exist.
    // (Connection has no Q_OBJECT of its own, so findChildren<Connection *> would also return
    // the listening server: pick them by their C++ type.)
    const QObjectList children = this->children();
    for (QObject *child : children) {
        if (auto *connection = dynamic_cast<Connection *>(child))
            delete connection;
    }
}

quint16 HttpFrontend::listen(const QHostAddress &host, quint16 port, const QSslConfiguration &tls)
{
    if (!tls.localCertificate().isNull()) {
        auto *server = new QSslServer(this);
        server->setSslConfiguration(tls);
        server->setHandshakeTimeout(m_limits.headerTimeoutMs);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(64);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpFrontend::accept);
    if (!m_server->listen(host, port))
        return 0;
    return m_server->serverPort();
}

void HttpFrontend::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections >= m_limits.maxConnections) {
            socket->write(
                serialize(refusal(503, QStringLiteral("too many open connections (%1); retry")
                                           .arg(m_limits.maxConnections)),
                          true));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(1000, socket, [socket] { socket->abort(); });
            continue;
        }
        new Connection(this, socket);
    }
}

} // namespace gr::local
