#pragma once
// Keeps requests within a service's rate quotas by queueing them: at most N requests start in
// any one-second window of each lane. What the lanes are and their rates is the service
// layer's knowledge (app/ivs/quotas.h, app/cloudwatch): this layer knows no service.

#include <deque>
#include <functional>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace gr::aws
{

// A lane: one quota of a service, numbered by the service layer (0 … kMaxPaceLanes - 1).
using PaceLane = int;
constexpr int kMaxPaceLanes = 8;

class RequestPacer : public QObject
{
    Q_OBJECT
public:
    explicit RequestPacer(QObject *parent = nullptr);

    // Lanes start unlimited; the service layer sets the rates it knows.
    void setRate(PaceLane lane, int perSecond); // 0: unlimited
    int rate(PaceLane lane) const;
    void setWindowMs(int ms) { m_windowMs = ms; }

    // Runs `start` now or when the class has room. Returns a ticket for cancel().
    quint64 schedule(PaceLane lane, std::function<void()> start);
    bool cancel(quint64 ticket);
    int queued() const;

private:
    struct Pending {
        quint64 ticket;
        std::function<void()> start;
    };
    struct Lane {
        int rate = 0;
        std::deque<qint64> recentStarts; // ms timestamps within the window
        std::deque<Pending> queue;
    };
    void drain();
    qint64 nowMs() const { return m_clock.elapsed(); }

    Lane m_lanes[kMaxPaceLanes];
    QElapsedTimer m_clock;
    QTimer m_timer;
    quint64 m_nextTicket = 1;
    int m_windowMs = 1000 + 50; // a little margin for the trip to the server
};

} // namespace gr::aws
