#pragma once
// Keeps requests within the service's non-adjustable rate quotas by queueing them: at most N
// requests start in any one-second window of each quota class.

#include <deque>
#include <functional>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace gr::aws
{

enum class PaceClass {
    GetList,          // Get* and List*: 5 TPS per account and region
    ParticipantToken, // CreateParticipantToken: 50 TPS
    Tags,             // TagResource, UntagResource, ListTagsForResource: 10 TPS
    Other,            // creates, updates, deletes: 5 TPS
    Count
};

class RequestPacer : public QObject
{
    Q_OBJECT
public:
    explicit RequestPacer(QObject *parent = nullptr);

    static int defaultRate(PaceClass pace);
    void setRate(PaceClass pace, int perSecond); // 0: unlimited
    void setWindowMs(int ms) { m_windowMs = ms; }

    // Runs `start` now or when the class has room. Returns a ticket for cancel().
    quint64 schedule(PaceClass pace, std::function<void()> start);
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

    Lane m_lanes[int(PaceClass::Count)];
    QElapsedTimer m_clock;
    QTimer m_timer;
    quint64 m_nextTicket = 1;
    int m_windowMs = 1000 + 50; // a little margin for the trip to the server
};

} // namespace gr::aws
