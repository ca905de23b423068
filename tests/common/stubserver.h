#pragma once
// A scripted HTTP/1.1 server on loopback for client tests: records each request and answers
// with the next scripted response (or a default), can delay, drop the connection, send a
// truncated body or drip it byte by byte. Plain HTTP, or HTTPS with a given certificate. Keep-alive
// connections are supported.

#include <functional>
#include <memory>
#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;
class QSslConfiguration;

struct StubRequest {
    QByteArray method;
    QByteArray target;                    // path?query as sent
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct StubResponse {
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body = "{}";
    int delayMs = 0;
    bool drop = false; // close the connection without answering
    int dripMs = 0;    // > 0: the body goes out one byte every dripMs (a hostile slow server)
};

class StubServer : public QObject
{
    Q_OBJECT
public:
    explicit StubServer(QObject *parent = nullptr);
    // Serves HTTPS with `tls` (its local certificate and key set) instead of plain HTTP.
    explicit StubServer(const QSslConfiguration &tls, QObject *parent = nullptr);
    ~StubServer() override;
    QUrl url() const; // http://127.0.0.1:port, or https://localhost:port
    quint16 port() const;

    QList<StubResponse> script;                               // consumed front first
    std::function<StubResponse(const StubRequest &)> handler; // used when the script is empty
    QList<StubRequest> requests;

private:
    void onReadyRead(QTcpSocket *socket);
    // Buffers outlive the server: its sockets emit disconnected() while it is destroyed.
    void accept(QTcpSocket *socket);
    QMap<QTcpSocket *, QByteArray> m_buffers;
    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
};
