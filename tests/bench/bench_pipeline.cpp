// GUI-thread cost of a large reply: a GetStage whose stage name is a 1 MB string, served by a
// loopback server on its own thread. Prints the GUI thread's CPU time for the whole call (send
// to callback) with the reply decoded on a pool thread (now) and on the GUI thread (before: the
// off-thread threshold set out of reach), and for a 1 KB reply, which stays on the fast path.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/ivsclient.h"

#include <arpa/inet.h>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <netinet/in.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace gr;

namespace
{
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Answers every request on every connection with `body`, until stopped.
class ReplyServer
{
public:
    explicit ReplyServer(QByteArray body) : m_body(std::move(body))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&address), sizeof address);
        socklen_t length = sizeof address;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
        ::listen(m_listen, 8);
        m_thread = std::thread([this] { run(); });
    }
    ~ReplyServer()
    {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_thread.join();
    }
    quint16 port() const { return m_port; }

private:
    void run()
    {
        while (!m_stop) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0)
                return;
            serve(fd);
            ::close(fd);
        }
    }
    void serve(int fd)
    {
        QByteArray in;
        char buffer[65536];
        for (;;) {
            const qsizetype head = in.indexOf("\r\n\r\n");
            if (head >= 0) {
                const qsizetype at = in.toLower().indexOf("content-length:");
                const qsizetype length =
                    at < 0 ? 0
                           : in.mid(at + 15, in.indexOf('\r', at) - at - 15).trimmed().toLongLong();
                if (in.size() >= head + 4 + length) {
                    in.remove(0, head + 4 + length);
                    const QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: " +
                                           QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body;
                    for (qsizetype sent = 0; sent < out.size();) {
                        const ssize_t n = ::send(fd, out.constData() + sent,
                                                 size_t(out.size() - sent), MSG_NOSIGNAL);
                        if (n <= 0)
                            return;
                        sent += n;
                    }
                    continue;
                }
            }
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            in.append(buffer, n);
        }
    }

    QByteArray m_body;
    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

QByteArray stageReply(int nameBytes)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("stage"),
                                      QJsonObject{{QStringLiteral("arn"), QStringLiteral("arn:x")},
                                                  {QStringLiteral("name"),
                                                   QString(nameBytes, QLatin1Char('n'))}}}})
        .toJson(QJsonDocument::Compact);
}

// GUI thread CPU per call, send to callback, in ms.
double measure(int nameBytes, int rounds, bool offThread)
{
    const QByteArray body = stageReply(nameBytes);
    ReplyServer server(body);
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(
        {QStringLiteral("AKIDBENCH"), QStringLiteral("bench-secret"), {}, {}},
        QStringLiteral("bench"));
    QUrl url(QStringLiteral("http://127.0.0.1"));
    url.setPort(server.port());
    aws::AwsClient transport(&network, url, QStringLiteral("us-west-2"), QStringLiteral("ivs"),
                             &credentials, nullptr);
    transport.pacer()->setRate(aws::PaceClass::GetList, 0);
    ivs::IvsClient client(&transport);
    if (!offThread)
        client.setDecodeOffThreadBytes(std::numeric_limits<qsizetype>::max());
    const QJsonObject input{{QStringLiteral("arn"), QStringLiteral("arn:x")}};

    double total = 0;
    for (int round = -1; round < rounds; ++round) { // round -1 warms up the connection
        bool done = false;
        bool ok = false;
        const double before = threadCpuMs();
        client.call(ivs::Operation::GetStage, input, nullptr, [&](const ivs::IvsResult &r) {
            ok = r.ok();
            done = true;
        });
        while (!done)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (!ok) {
            std::fprintf(stderr, "bench_pipeline: the call failed\n");
            std::exit(1);
        }
        if (round >= 0)
            total += threadCpuMs() - before;
    }
    return total / rounds;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QLatin1String("--quick"));
    const int rounds = quick ? 3 : 20;
    const double bigBefore = measure(1 << 20, rounds, false);
    const double bigAfter = measure(1 << 20, rounds, true);
    const double small = measure(1024, rounds * 10, true);
    std::printf("GUI-thread CPU per GetStage call (send to callback), %d rounds\n", rounds);
    std::printf("  1 MB name, decoded on the GUI thread (before): %8.2f ms\n", bigBefore);
    std::printf("  1 MB name, decoded on a pool thread (now):     %8.2f ms  (%.1fx less)\n",
                bigAfter, bigBefore / std::max(bigAfter, 0.001));
    std::printf("  1 KB name, decoded inline (fast path):         %8.3f ms\n", small);
    return 0;
}
