#pragma once
// One rate budget shared by every view that wants data: each quota (IVS Get/List 5 TPS,
// CloudWatch GetMetricData 50 TPS, ...) is a budget, and the scheduler decides who polls it
// next: the selected view first, then what is visible, background views less often, nothing
// for views that are gone (their owner was destroyed). Besides periodic views it queues
// one-shot work (a session's pages of events, a participant's details) in the same order, so
// the page in view is served before background polling. Starts are spread evenly (one every
// window/rate ms, never more than the rate in a window), so the console's own polling is never
// throttled. Each view's data age is exposed for "updated 3 s ago". QtCore only.

#include <deque>
#include <functional>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace gr::models
{

class RateBudget : public QObject
{
    Q_OBJECT
public:
    enum class Priority { Selected, Visible, Background };
    // The view calls `done` when its request has finished (ok or not).
    using Fetch = std::function<void(std::function<void()> done)>;

    // The service's one-second window and the margin for the trip to it: no more than the rate
    // starts in any such window, one every kWindowMs / rate at the closest.
    static constexpr int kWindowMs = 1050;

    explicit RateBudget(QObject *parent = nullptr);

    void setRate(const QString &budget, int perSecond);
    // How many requests already wait in the client for this budget's quota (the pacer's queue:
    // requests sent outside the budget, such as a user's click). While any wait, the budget
    // starts nothing more: they go first, and polling never piles up behind them.
    void setBacklog(const QString &budget, std::function<int()> waiting);
    int rate(const QString &budget) const { return m_budgets.value(budget).rate; }
    // Background views are refreshed this many times less often than they ask (default 4).
    void setBackgroundFactor(int factor) { m_backgroundFactor = std::max(1, factor); }

    // A view wanting fresh data every `intervalMs` from `budget`. It is forgotten when `owner`
    // is destroyed. Returns its id.
    int addView(QObject *owner, const QString &budget, Priority priority, int intervalMs,
                Fetch fetch);
    void setPriority(int id, Priority priority);
    Priority priority(int id) const { return m_views.value(id).priority; }
    void removeView(int id);
    bool hasView(int id) const { return m_views.contains(id); }

    // One request to start once, in its turn: before due views of a lower priority, after
    // views of its own priority that are two intervals late (so a long load does not stop the
    // selected view's polling), first come first served among one-shots of one priority.
    // Dropped, unstarted, when `owner` is destroyed or by dropQueued(owner).
    void enqueue(QObject *owner, const QString &budget, Priority priority,
                 std::function<void()> start);
    int dropQueued(const QObject *owner);
    // The owner's queued work moves to another priority (its page was hidden or shown).
    void setQueuedPriority(const QObject *owner, Priority priority);
    int queued(const QString &budget) const;

    // Since the view's last finished fetch, in ms; -1 before the first.
    qint64 ageMs(int id) const;
    // "updated 3 s ago", "updating…", "waiting for its turn"
    QString ageText(int id) const;
    // Requests started from `budget` in the last second.
    int startedLastSecond(const QString &budget) const;

    // Tests: a clock of their own and ticks by hand (the timer is stopped).
    void setClock(std::function<qint64()> nowMs);
    void tick();

signals:
    void ageChanged(int id);

private:
    struct View {
        QPointer<QObject> owner;
        QString budget;
        Priority priority = Priority::Visible;
        int intervalMs = 5000;
        Fetch fetch;
        qint64 lastStartMs = -1;
        qint64 lastDoneMs = -1;
        bool inFlight = false;
    };
    struct OneShot {
        QPointer<QObject> owner;
        Priority priority;
        std::function<void()> start;
    };
    struct Budget {
        int rate = 5;
        std::deque<qint64> starts;
        qint64 nextSlotMs = 0; // the earliest next start (even spacing)
        std::deque<OneShot> queue;
        std::function<int()> backlog;
    };
    qint64 now() const { return m_clock ? m_clock() : m_elapsed.elapsed(); }
    double overdue(const View &view, qint64 t) const;
    qint64 intervalOf(const View &view) const; // Background views: times the factor
    bool startOne(const QString &name, Budget &budget, qint64 t);
    void scheduleTick(qint64 t);
    void soon();

    QHash<int, View> m_views;
    QHash<QString, Budget> m_budgets;
    int m_nextId = 1;
    int m_backgroundFactor = 4;
    std::function<qint64()> m_clock;
    QElapsedTimer m_elapsed;
    QTimer m_timer;
};

} // namespace gr::models
