#include "models/ratebudget.h"

#include <algorithm>
#include <climits>

namespace gr::models
{

namespace
{
// A view this late (in intervals) goes before one-shot work of its own priority.
constexpr double kOneShotLate = 2.0;
// A start up to this late (a tick's worth) does not push the next one back: the spacing is
// kept on average, never more than the rate in a window.
constexpr qint64 kSlackMs = 50;
} // namespace

RateBudget::RateBudget(QObject *parent) : QObject(parent)
{
    m_elapsed.start();
    // Woken when the next slot opens or the next view falls due, to the millisecond: a coarse
    // periodic tick would start each request up to a tick late, a few per cent of the quota.
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RateBudget::tick);
    soon();
}

void RateBudget::setRate(const QString &budget, int perSecond)
{
    m_budgets[budget].rate = std::max(1, perSecond);
}

void RateBudget::setBacklog(const QString &budget, std::function<int()> waiting)
{
    m_budgets[budget].backlog = std::move(waiting);
}

void RateBudget::setClock(std::function<qint64()> nowMs)
{
    m_clock = std::move(nowMs);
    m_timer.stop();
}

void RateBudget::soon()
{
    if (!m_clock)
        m_timer.start(0);
}

int RateBudget::addView(QObject *owner, const QString &budget, Priority priority, int intervalMs,
                        Fetch fetch)
{
    const int id = m_nextId++;
    View view;
    view.owner = owner;
    view.budget = budget;
    view.priority = priority;
    view.intervalMs = std::max(100, intervalMs);
    view.fetch = std::move(fetch);
    m_views.insert(id, std::move(view));
    if (!m_budgets.contains(budget))
        m_budgets.insert(budget, Budget{});
    connect(owner, &QObject::destroyed, this, [this, id] { m_views.remove(id); });
    soon();
    return id;
}

void RateBudget::setPriority(int id, Priority priority)
{
    if (m_views.contains(id) && m_views[id].priority != priority) {
        m_views[id].priority = priority;
        soon();
    }
}

void RateBudget::removeView(int id)
{
    m_views.remove(id);
}

void RateBudget::enqueue(QObject *owner, const QString &budget, Priority priority,
                         std::function<void()> start)
{
    m_budgets[budget].queue.push_back({owner, priority, std::move(start)});
    soon();
}

int RateBudget::dropQueued(const QObject *owner)
{
    int dropped = 0;
    for (Budget &b : m_budgets) {
        const auto gone = std::remove_if(b.queue.begin(), b.queue.end(),
                                         [owner](const OneShot &s) { return s.owner == owner; });
        dropped += int(b.queue.end() - gone);
        b.queue.erase(gone, b.queue.end());
    }
    return dropped;
}

void RateBudget::setQueuedPriority(const QObject *owner, Priority priority)
{
    for (Budget &b : m_budgets) {
        for (OneShot &s : b.queue) {
            if (s.owner == owner)
                s.priority = priority;
        }
    }
    soon();
}

int RateBudget::queued(const QString &budget) const
{
    const auto it = m_budgets.constFind(budget);
    if (it == m_budgets.constEnd())
        return 0;
    return int(std::count_if(it->queue.begin(), it->queue.end(),
                             [](const OneShot &s) { return !s.owner.isNull(); }));
}

qint64 RateBudget::ageMs(int id) const
{
    const auto it = m_views.constFind(id);
    if (it == m_views.constEnd() || it->lastDoneMs < 0)
        return -1;
    return now() - it->lastDoneMs;
}

QString RateBudget::ageText(int id) const
{
    const auto it = m_views.constFind(id);
    if (it == m_views.constEnd())
        return {};
    if (it->lastDoneMs < 0)
        return it->inFlight ? tr("updating…") : tr("waiting for its turn");
    const qint64 seconds = (now() - it->lastDoneMs) / 1000;
    return seconds < 1 ? tr("updated just now") : tr("updated %1 s ago").arg(seconds);
}

int RateBudget::startedLastSecond(const QString &budget) const
{
    const qint64 t = now();
    int n = 0;
    for (qint64 s : m_budgets.value(budget).starts)
        n += t - s < 1000 ? 1 : 0;
    return n;
}

// How late the view is, in units of its interval (>= 1: due). Never fetched: very late.
double RateBudget::overdue(const View &view, qint64 t) const
{
    if (view.lastStartMs < 0)
        return 1e9;
    return double(t - view.lastStartMs) / double(intervalOf(view));
}

qint64 RateBudget::intervalOf(const View &view) const
{
    return qint64(view.intervalMs) *
           (view.priority == Priority::Background ? m_backgroundFactor : 1);
}

// Starts the most deserving work of one budget if its quota has room now. Returns whether it
// started something. Whatever it starts may call back into the budget.
bool RateBudget::startOne(const QString &name, Budget &budget, qint64 t)
{
    while (!budget.starts.empty() && t - budget.starts.front() >= kWindowMs)
        budget.starts.pop_front();
    if (int(budget.starts.size()) >= budget.rate || t < budget.nextSlotMs)
        return false;
    if (budget.backlog && budget.backlog() > 0)
        return false;
    // The most deserving due view: selected before visible before background, then the most
    // overdue.
    int best = 0;
    std::pair<int, double> bestKey{INT_MAX, 0};
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        const View &v = *it;
        if (v.budget != name || v.inFlight || !v.owner)
            continue;
        const double late = overdue(v, t);
        if (late < 1)
            continue;
        const std::pair<int, double> key{int(v.priority), -late};
        if (key < bestKey) {
            bestKey = key;
            best = it.key();
        }
    }
    // The first queued one-shot of the best priority.
    auto &queue = budget.queue;
    queue.erase(std::remove_if(queue.begin(), queue.end(),
                               [](const OneShot &s) { return s.owner.isNull(); }),
                queue.end());
    auto shot = queue.end();
    for (auto it = queue.begin(); it != queue.end(); ++it) {
        if (shot == queue.end() || int(it->priority) < int(shot->priority))
            shot = it;
    }
    const bool takeShot =
        shot != queue.end() &&
        (!best || std::pair<int, double>{int(shot->priority), -kOneShotLate} < bestKey);
    if (!takeShot && !best)
        return false;

    budget.starts.push_back(t);
    budget.nextSlotMs = std::max(budget.nextSlotMs, t - kSlackMs) + kWindowMs / budget.rate;
    if (takeShot) {
        const std::function<void()> start = std::move(shot->start);
        queue.erase(shot);
        start(); // `budget` may be gone after this
        return true;
    }
    View &v = m_views[best];
    v.inFlight = true;
    v.lastStartMs = t;
    const int id = best;
    QPointer<RateBudget> self(this);
    const Fetch fetch = v.fetch;
    fetch([self, id] {
        if (!self || !self->m_views.contains(id))
            return;
        View &done = self->m_views[id];
        done.inFlight = false;
        done.lastDoneMs = self->now();
        emit self->ageChanged(id);
        self->soon();
    });
    return true;
}

void RateBudget::tick()
{
    const qint64 t = now();
    // By name: what a start calls may add budgets (and move the hash's items).
    const QStringList names = m_budgets.keys();
    for (const QString &name : names) {
        for (;;) {
            const auto it = m_budgets.find(name);
            if (it == m_budgets.end() || !startOne(name, *it, t))
                break;
        }
    }
    scheduleTick(t);
}

// The timer wakes the budget when its next start can happen: the next free slot of a budget
// with work waiting, or the moment the next view falls due.
void RateBudget::scheduleTick(qint64 t)
{
    if (m_clock)
        return;
    auto slotOf = [t](const Budget &b) {
        qint64 slot = b.nextSlotMs;
        if (int(b.starts.size()) >= b.rate)
            slot = std::max(slot, b.starts.front() + kWindowMs);
        // The client's queue drains at the quota's pace: look again in a slot's time.
        if (b.backlog && b.backlog() > 0)
            slot = std::max(slot, t + kWindowMs / b.rate / 4);
        return std::max(slot, t);
    };
    qint64 wake = LLONG_MAX;
    for (const Budget &b : std::as_const(m_budgets)) {
        if (!b.queue.empty())
            wake = std::min(wake, slotOf(b));
    }
    for (const View &v : std::as_const(m_views)) {
        if (v.inFlight || !v.owner)
            continue;
        const auto b = m_budgets.constFind(v.budget);
        if (b == m_budgets.constEnd())
            continue;
        const qint64 due = v.lastStartMs < 0 ? t : v.lastStartMs + intervalOf(v);
        wake = std::min(wake, std::max(due, slotOf(*b)));
    }
    if (wake == LLONG_MAX)
        return; // nothing to do until a view or work is added, or a fetch finishes
    m_timer.start(int(std::min<qint64>(wake - t, 60000)));
}

} // namespace gr::models
