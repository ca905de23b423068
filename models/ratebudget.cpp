#include "models/ratebudget.h"

#include <climits>

namespace gr::models
{

RateBudget::RateBudget(QObject *parent) : QObject(parent)
{
    m_elapsed.start();
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &RateBudget::tick);
    m_timer.start();
}

void RateBudget::setRate(const QString &budget, int perSecond)
{
    m_budgets[budget].rate = std::max(1, perSecond);
}

void RateBudget::setClock(std::function<qint64()> nowMs)
{
    m_clock = std::move(nowMs);
    m_timer.stop();
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
    return id;
}

void RateBudget::setPriority(int id, Priority priority)
{
    if (m_views.contains(id))
        m_views[id].priority = priority;
}

void RateBudget::removeView(int id)
{
    m_views.remove(id);
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
    const double interval =
        double(view.intervalMs) * (view.priority == Priority::Background ? m_backgroundFactor : 1);
    return double(t - view.lastStartMs) / interval;
}

void RateBudget::tick()
{
    const qint64 t = now();
    for (auto budget = m_budgets.begin(); budget != m_budgets.end(); ++budget) {
        auto &starts = budget->starts;
        // A little over a second: the trip to the service must not let two windows overlap.
        while (!starts.empty() && t - starts.front() >= 1050)
            starts.pop_front();
        while (int(starts.size()) < budget->rate) {
            // The most deserving due view: selected before visible before background, then
            // the most overdue.
            int best = 0;
            std::pair<int, double> bestKey{INT_MAX, 0};
            for (auto it = m_views.begin(); it != m_views.end(); ++it) {
                const View &v = *it;
                if (v.budget != budget.key() || v.inFlight || !v.owner)
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
            if (!best)
                break;
            View &v = m_views[best];
            v.inFlight = true;
            v.lastStartMs = t;
            starts.push_back(t);
            const int id = best;
            QPointer<RateBudget> self(this);
            v.fetch([self, id] {
                if (!self || !self->m_views.contains(id))
                    return;
                View &done = self->m_views[id];
                done.inFlight = false;
                done.lastDoneMs = self->now();
                emit self->ageChanged(id);
            });
        }
    }
}

} // namespace gr::models
