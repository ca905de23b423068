#pragma once
// The benchmarks' load generator: raw keep-alive HTTP/1.1 clients on loopback threads.

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QUrl>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace bench
{

// Load generator: `clients` threads, each with one keep-alive connection, replay requests
// (cycling through `rawRequests`) signed just before (valid for the service's 5-minute window) and
// read each answer fully. Plain sockets keep the generator far lighter than the service it
// measures.
inline double throughput(const QUrl &url, const QList<QByteArray> &rawRequests, int clients, int ms,
                         int *failures)
{
    std::atomic<int> done{0}, failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
        threads.emplace_back([&, t] {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(quint16(url.port()));
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
                ++failed;
                ::close(fd);
                return;
            }
            std::string buffer;
            qsizetype next = t; // clients start at different requests and cycle through them
            char chunk[65536];
            while (!stop) {
                const QByteArray &rawRequest = rawRequests[next++ % rawRequests.size()];
                if (::send(fd, rawRequest.constData(), size_t(rawRequest.size()), 0) < 0)
                    break;
                // Read the head, then the body by Content-Length.
                size_t headEnd;
                while ((headEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
                    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                    if (n <= 0)
                        goto out;
                    buffer.append(chunk, size_t(n));
                }
                const size_t lengthAt = buffer.find("Content-Length: ");
                const size_t length =
                    lengthAt < headEnd ? std::stoul(buffer.substr(lengthAt + 16)) : 0;
                while (buffer.size() < headEnd + 4 + length) {
                    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                    if (n <= 0)
                        goto out;
                    buffer.append(chunk, size_t(n));
                }
                if (buffer.compare(9, 3, "200") != 0)
                    ++failed;
                buffer.erase(0, headEnd + 4 + length);
                ++done;
            }
        out:
            ::close(fd);
        });
    }
    QElapsedTimer timer;
    timer.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    const int counted = done;
    const double seconds = timer.elapsed() / 1000.0;
    stop = true;
    for (auto &t : threads)
        t.join();
    *failures = failed;
    return counted / seconds;
}

} // namespace bench
