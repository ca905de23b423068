#include "aws/requestpacer.h"

#include <algorithm>

namespace gr::aws
{

RequestPacer::RequestPacer(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RequestPacer::drain);
}

void RequestPacer::setRate(PaceLane lane, int perSecond)
{
    Q_ASSERT(lane >= 0 && lane < kMaxPaceLanes);
    m_lanes[lane].rate = perSecond;
    drain();
}

int RequestPacer::rate(PaceLane lane) const
{
    return lane >= 0 && lane < kMaxPaceLanes ? m_lanes[lane].rate : 0;
}

quint64 RequestPacer::schedule(PaceLane lane, std::function<void()> start)
{
    const quint64 ticket = m_nextTicket++;
    m_lanes[std::clamp(lane, 0, kMaxPaceLanes - 1)].queue.push_back({ticket, std::move(start)});
    drain();
    return ticket;
}

bool RequestPacer::cancel(quint64 ticket)
{
    for (Lane &lane : m_lanes) {
        auto it = std::find_if(lane.queue.begin(), lane.queue.end(),
                               [ticket](const Pending &p) { return p.ticket == ticket; });
        if (it != lane.queue.end()) {
            lane.queue.erase(it);
            return true;
        }
    }
    return false;
}

int RequestPacer::queued() const
{
    int total = 0;
    for (const Lane &lane : m_lanes)
        total += int(lane.queue.size());
    return total;
}

void RequestPacer::drain()
{
    qint64 nextWakeMs = -1;
    std::vector<std::function<void()>> ready;
    const qint64 now = nowMs();
    for (Lane &lane : m_lanes) {
        while (!lane.recentStarts.empty() && now - lane.recentStarts.front() >= m_windowMs)
            lane.recentStarts.pop_front();
        while (!lane.queue.empty() &&
               (lane.rate <= 0 || int(lane.recentStarts.size()) < lane.rate)) {
            if (lane.rate > 0)
                lane.recentStarts.push_back(now);
            ready.push_back(std::move(lane.queue.front().start));
            lane.queue.pop_front();
        }
        if (!lane.queue.empty()) {
            const qint64 wake = lane.recentStarts.front() + m_windowMs - now;
            nextWakeMs = nextWakeMs < 0 ? wake : std::min(nextWakeMs, wake);
        }
    }
    if (nextWakeMs >= 0)
        m_timer.start(int(std::max<qint64>(nextWakeMs, 1)));
    // Started after the bookkeeping: a start may schedule more work re-entrantly.
    for (auto &start : ready)
        start();
}

} // namespace gr::aws
