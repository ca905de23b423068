// greenroom-local against hostile and malformed raw requests: every limit answers with its
// status before the bytes it is about are read, slow requests meet a deadline, connections and
// buffered bodies stay bounded, and the data plane refuses unsigned calls.

#include "aws/sigv4.h"
#include "local/httpparser.h"
#include "local/localservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using namespace gr;

namespace
{

struct Answer {
    int status = 0;
    QByteArray head, body;
    bool closed = false;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Reads one answer from `socket` (head, then Content-Length bytes), waiting up to `ms`.
Answer readAnswer(QTcpSocket &socket, QByteArray *buffer, int ms)
{
    Answer a;
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            *buffer += socket.readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end >= 0) {
                Answer candidate;
                candidate.head = buffer->left(end);
                const qsizetype length = candidate.header("Content-Length").toLongLong();
                if (buffer->size() >= end + 4 + length)
                    return true;
            }
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        ms);
    const qsizetype end = buffer->indexOf("\r\n\r\n");
    if (end < 0)
        return a;
    a.head = buffer->left(end);
    a.status = a.head.mid(9, 3).toInt();
    const qsizetype length = a.header("Content-Length").toLongLong();
    a.body = buffer->mid(end + 4, length);
    buffer->remove(0, end + 4 + length);
    return a;
}

bool waitClosed(QTcpSocket &socket, int ms)
{
    return QTest::qWaitFor(
        [&] {
            socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        ms);
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void tooManyHeadersIs431();
    void tooLargeHeadersIs431BeforeTheEnd();
    void tooLargeBodyIs413BeforeItIsSent();
    void contentLengthMustBeOneNumber_data();
    void contentLengthMustBeOneNumber();
    void chunkedBodiesNeedALength();
    void stalledHeadersMeetTheDeadline();
    void drippingBodyMeetsTheDeadline();
    void connectionsAreCapped();
    void bufferedBodiesAreCapped();
    void pipelinedRequestsAreAnsweredInOrder();
    void doubleSlashPathIsNamed();
    void unsignedDataPlaneIsRefused();
    void openDataPlaneNamesUnknownActions();
    void parserIsPure();

private:
    QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                       const QList<QByteArray> &extraHeaders = {}) const;
    std::unique_ptr<local::LocalService> m_service;
    quint16 m_port = 0;
    void connectTo(QTcpSocket &socket)
    {
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                                5000));
    }
};

void TestLimits::init()
{
    local::LocalServiceOptions options;
    options.limits.headerTimeoutMs = 400;
    options.limits.requestTimeoutMs = 800;
    options.limits.maxConnections = 20;
    options.limits.maxBufferedBodyBytes = 10 * 1024 * 1024;
    if (QByteArray(QTest::currentTestFunction()) == "openDataPlaneNamesUnknownActions")
        options.openDataPlane = true;
    m_service = std::make_unique<local::LocalService>(options);
    const auto started = m_service->start();
    QVERIFY2(started, qPrintable(started.message()));
    m_port = quint16(m_service->url().port());
}

void TestLimits::cleanup()
{
    m_service.reset();
}

QByteArray TestLimits::request(const QByteArray &method, const QByteArray &path,
                               const QByteArray &body, const QList<QByteArray> &extraHeaders) const
{
    QByteArray raw =
        method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    for (const QByteArray &h : extraHeaders)
        raw += h + "\r\n";
    if (!body.isNull())
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return raw + "\r\n" + body;
}

void TestLimits::tooManyHeadersIs431()
{
    QTcpSocket socket;
    connectTo(socket);
    QList<QByteArray> headers;
    for (int i = 0; i < 150; ++i)
        headers << "X-Filler-" + QByteArray::number(i) + ": x";
    socket.write(request("POST", "/ListStages", "{}", headers));
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 431);
    QCOMPARE(a.header("x-amzn-ErrorType"), QByteArray("RequestHeaderFieldsTooLarge"));
    QVERIFY2(a.body.contains("more than 100 header fields"), a.body.constData());
    QVERIFY(waitClosed(socket, 5000));
}

void TestLimits::tooLargeHeadersIs431BeforeTheEnd()
{
    QTcpSocket socket;
    connectTo(socket);
    // 40 KiB of one header, and no end of the head: refused without waiting for it.
    socket.write("POST /ListStages HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(40 * 1024, 'a'));
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 431);
    QVERIFY(a.body.contains("exceed 32768 bytes"));
}

void TestLimits::tooLargeBodyIs413BeforeItIsSent()
{
    QTcpSocket socket;
    connectTo(socket);
    // Only the head: 1 GiB announced, none sent. The answer comes anyway.
    socket.write("POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 413);
    QCOMPARE(a.header("x-amzn-ErrorType"), QByteArray("PayloadTooLargeException"));
    QVERIFY(a.body.contains("1073741824"));
    QCOMPARE(m_service->bufferedBodyBytes(), 0);
    QVERIFY(waitClosed(socket, 5000));
}

void TestLimits::contentLengthMustBeOneNumber_data()
{
    QTest::addColumn<QList<QByteArray>>("headers");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("letters") << QList<QByteArray>{"Content-Length: 12abc"}
                             << QByteArray("is not a number");
    QTest::newRow("negative") << QList<QByteArray>{"Content-Length: -1"}
                              << QByteArray("is not a number");
    QTest::newRow("empty") << QList<QByteArray>{"Content-Length:"} << QByteArray("is not a number");
    QTest::newRow("list") << QList<QByteArray>{"Content-Length: 2, 2"}
                          << QByteArray("is not a number");
    QTest::newRow("duplicated") << QList<QByteArray>{"Content-Length: 2", "Content-Length: 2"}
                                << QByteArray("more than once");
    QTest::newRow("conflicting") << QList<QByteArray>{"Content-Length: 2", "Content-Length: 5"}
                                 << QByteArray("more than once");
    QTest::newRow("with transfer-encoding")
        << QList<QByteArray>{"Content-Length: 2", "Transfer-Encoding: chunked"}
        << QByteArray("Transfer-Encoding together");
}

void TestLimits::contentLengthMustBeOneNumber()
{
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QByteArray, reason);
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("POST", "/ListStages", QByteArray(), headers) + "{}");
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 400);
    QVERIFY2(a.body.contains(reason), a.body.constData());
}

void TestLimits::chunkedBodiesNeedALength()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("POST", "/ListStages", QByteArray(), {"Transfer-Encoding: chunked"}) +
                 "2\r\n{}\r\n0\r\n\r\n");
    QByteArray buffer;
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 411);
}

void TestLimits::stalledHeadersMeetTheDeadline()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write("POST /ListStages HTTP/1.1\r\nHost: x\r\n"); // and nothing more
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 408);
    QVERIFY(a.body.contains("within 400 ms"));
    QVERIFY(waitClosed(socket, 5000));
}

void TestLimits::drippingBodyMeetsTheDeadline()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write("POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
    // One byte every 50 ms: never silent for long, never done in time.
    QByteArray buffer;
    Answer a;
    QElapsedTimer t;
    t.start();
    while (a.status == 0 && t.elapsed() < 5000) {
        socket.write("x");
        a = readAnswer(socket, &buffer, 50);
    }
    QCOMPARE(a.status, 408);
    QVERIFY(a.body.contains("within 800 ms"));
    QVERIFY(t.elapsed() < 3000);
    QVERIFY(waitClosed(socket, 5000));
    QCOMPARE(m_service->bufferedBodyBytes(), 0);
}

void TestLimits::connectionsAreCapped()
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 30; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, m_port);
    }
    QVERIFY(QTest::qWaitFor([&] { return m_service->openConnections() == 20; }, 5000));
    // The ten beyond the cap are told so and closed; the twenty still work.
    std::vector<QByteArray> received(sockets.size());
    const auto closedCount = [&] {
        int closed = 0;
        for (size_t i = 0; i < sockets.size(); ++i) {
            received[i] += sockets[i]->readAll();
            closed += sockets[i]->state() == QAbstractSocket::UnconnectedState ? 1 : 0;
        }
        return closed;
    };
    QVERIFY(QTest::qWaitFor([&] { return closedCount() == 10; }, 5000));
    int refused = 0;
    for (const QByteArray &r : received)
        refused += r.startsWith("HTTP/1.1 503") && r.contains("too many open connections") ? 1 : 0;
    QCOMPARE(refused, 10);
    QCOMPARE(m_service->openConnections(), 20);
    for (size_t i = 0; i < sockets.size(); ++i) {
        if (sockets[i]->state() == QAbstractSocket::ConnectedState)
            std::swap(sockets[i], sockets.front());
    }
    QTcpSocket &first = *sockets.front();
    first.write(request("GET", "/__greenroom/health", QByteArray()));
    QByteArray buffer;
    QCOMPARE(readAnswer(first, &buffer, 5000).status, 200);
}

void TestLimits::bufferedBodiesAreCapped()
{
    // Three uploads of 4 MiB announced against a 10 MiB budget: two are taken, the third is
    // refused at once (503) instead of growing the service's memory.
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    const QByteArray head = "POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                            QByteArray::number(4 * 1024 * 1024) + "\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        connectTo(*sockets.back());
        sockets.back()->write(head + QByteArray(1024, 'x'));
        QVERIFY(sockets.back()->waitForBytesWritten(1000) || true);
        QTest::qWait(100);
    }
    QByteArray buffer;
    const Answer third = readAnswer(*sockets[2], &buffer, 5000);
    QCOMPARE(third.status, 503);
    QVERIFY(third.body.contains("too many request bodies"));
    QCOMPARE(m_service->bufferedBodyBytes(), 8 * 1024 * 1024);
    // When the two time out, their budget is given back.
    QVERIFY(QTest::qWaitFor([&] { return m_service->bufferedBodyBytes() == 0; }, 5000));
}

void TestLimits::pipelinedRequestsAreAnsweredInOrder()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("GET", "/__greenroom/health", QByteArray()) +
                 request("POST", "/NoSuchOperation", "{}") +
                 request("GET", "/__greenroom/health", QByteArray()));
    QByteArray buffer;
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 200);
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 404);
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 200);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // kept alive
}

void TestLimits::doubleSlashPathIsNamed()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("POST", "//ListStages", "{}"));
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 404);
    QCOMPARE(a.header("x-amzn-ErrorType"), QByteArray("UnknownOperationException"));
    QVERIFY2(a.body.contains("POST //ListStages is not an operation"), a.body.constData());
}

void TestLimits::unsignedDataPlaneIsRefused()
{
    for (const auto &[method, path, body] :
         {std::tuple<QByteArray, QByteArray, QByteArray>{"POST", "/__greenroom/faults",
                                                         R"({"spec":"*:503=1"})"},
          {"POST", "/__greenroom/join-many", R"({"stageArn":"x","count":100000})"},
          {"GET", "/__greenroom/signing-key", QByteArray()}}) {
        QTcpSocket socket;
        connectTo(socket);
        socket.write(request(method, path, body, {"Content-Type: application/json"}));
        QByteArray buffer;
        const Answer a = readAnswer(socket, &buffer, 5000);
        QCOMPARE(a.status, 403);
        QCOMPARE(a.header("x-amzn-ErrorType"), QByteArray("MissingAuthenticationTokenException"));
        QCOMPARE(QJsonDocument::fromJson(a.body).object().value(QLatin1String("message")),
                 QJsonValue(QStringLiteral("Missing Authentication Token")));
    }
    // The refused fault spec is not in force: the API answers normally.
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("GET", "/__greenroom/health", QByteArray()));
    QByteArray buffer;
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 200);
}

void TestLimits::openDataPlaneNamesUnknownActions()
{
    QTcpSocket socket;
    connectTo(socket);
    socket.write(request("POST", "/__greenroom/teleport", R"({"stageArn":"x"})"));
    QByteArray buffer;
    const Answer a = readAnswer(socket, &buffer, 5000);
    QCOMPARE(a.status, 404);
    QVERIFY2(a.body.contains("Unknown data plane action 'teleport'"), a.body.constData());
    QVERIFY(!a.body.contains("not connected"));
    // Open: unsigned faults are taken.
    socket.write(request("POST", "/__greenroom/faults", R"({"spec":"ListStages:latency=1"})"));
    QCOMPARE(readAnswer(socket, &buffer, 5000).status, 200);
}

void TestLimits::parserIsPure()
{
    // The parser alone, as fuzz targets call it: each prefix of a good head is Incomplete, the
    // whole is Complete with the body's offset.
    const QByteArray head = "POST /tags/arn%3Aaws?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: "
                            "2\r\nConnection: close\r\n\r\n";
    for (qsizetype i = 0; i < head.size(); ++i)
        QCOMPARE(local::parseRequestHead(head.left(i)).status, local::HttpHeadParse::Incomplete);
    const local::HttpHeadParse done = local::parseRequestHead(head + "{}");
    QCOMPARE(done.status, local::HttpHeadParse::Complete);
    QCOMPARE(done.headBytes, int(head.size()));
    QCOMPARE(done.head.path, QByteArray("/tags/arn%3Aaws"));
    QCOMPARE(done.head.query, QByteArray("x=1"));
    QCOMPARE(done.head.contentLength, 2);
    QVERIFY(!done.head.keepAlive);
    QCOMPARE(local::parseRequestHead("GET / HTTP/2.0\r\nHost: h\r\n\r\n").refusal, 505);
    QCOMPARE(local::parseRequestHead("GET / HTTP/1.1\r\n\r\n").refusal, 400); // no Host
    QCOMPARE(local::parseRequestHead("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n").refusal, 400);
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
