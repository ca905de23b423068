#include "stubserver.h"

#include <QScopeGuard>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>

StubServer::StubServer(QObject *parent) : QObject(parent), m_server(new QTcpServer)
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server.get(), &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            accept(socket);
    });
}

StubServer::StubServer(const QSslConfiguration &tls, QObject *parent) : QObject(parent), m_tls(true)
{
    auto *server = new QSslServer;
    server->setSslConfiguration(tls);
    m_server.reset(server);
    m_server->listen(QHostAddress::LocalHost, 0);
    // Connections are pending once their handshake is done; failed handshakes never are.
    connect(server, &QSslServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            accept(socket);
    });
}

StubServer::~StubServer()
{
    // Sockets the server still owns go with it: forget them first.
    for (QTcpSocket *socket : m_buffers.keys())
        socket->disconnect(this);
}

void StubServer::accept(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    // Queued: a response that drops the connection must not pull the buffer away from under
    // onReadyRead().
    connect(
        socket, &QTcpSocket::disconnected, this,
        [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        },
        Qt::QueuedConnection);
    m_buffers.insert(socket, {});
    if (socket->bytesAvailable() > 0)
        onReadyRead(socket);
}

quint16 StubServer::port() const
{
    return m_server->serverPort();
}

QUrl StubServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"));
    url.setPort(m_server->serverPort());
    return url;
}

void StubServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = m_buffers.value(socket) + socket->readAll();
    // Whatever is left unparsed is kept for the next readyRead.
    auto keep = qScopeGuard([&] { m_buffers[socket] = buffer; });
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        StubRequest request;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        requests.append(request);

        StubResponse response = !script.isEmpty() ? script.takeFirst()
                                : handler         ? handler(request)
                                                  : StubResponse{};
        auto send = [socket, response] {
            if (response.drop) {
                socket->abort();
                return;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
            bool hasLength = false;
            for (const auto &[name, value] : response.headers) {
                out += name + ": " + value + "\r\n";
                hasLength |= name.toLower() == "content-length";
            }
            if (!hasLength)
                out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
            out += "\r\n";
            if (response.dripMs > 0) {
                socket->write(out);
                auto *drip = new QTimer(socket);
                QObject::connect(
                    drip, &QTimer::timeout, socket,
                    [socket, drip, body = response.body, sent = qsizetype(0)]() mutable {
                        if (sent >= body.size() ||
                            socket->state() != QAbstractSocket::ConnectedState) {
                            drip->stop();
                            return;
                        }
                        socket->write(body.mid(sent++, 1));
                    });
                drip->start(response.dripMs);
                return;
            }
            out += response.body;
            socket->write(out);
            if (hasLength) // a declared length the body does not meet: cut the connection
                socket->disconnectFromHost();
        };
        if (response.delayMs > 0)
            QTimer::singleShot(response.delayMs, socket, send);
        else
            send();
    }
}
