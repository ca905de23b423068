#pragma once
// One rate budget shared by every view that wants data: each quota (IVS Get/List 5 TPS,
// CloudWatch GetMetricData 50 TPS, ...) is a budget, and the scheduler decides who polls it
// next: the selected view first, then what is visible, background views less often, nothing
// for views that are gone (their owner was destroyed). It never starts more requests in a
// second than the budget allows, so the console's own polling is never throttled. Each view's
// data age is exposed for "updated 3 s ago". QtCore only.

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

    explicit RateBudget(QObject *parent = nullptr);

    void setRate(const QString &budget, int perSecond);
    int rate(const QString &budget) const { return m_budgets.value(budget).rate; }
    // Background views are refreshed this many times less often than they ask (default 4).
    void setBackgroundFactor(int factor) { m_backgroundFactor = std::max(1, factor); }

    // A view wanting fresh data every `intervalMs` from `budget`. It is forgotten when `owner`
    // is destroyed. Returns its id.
    int addView(QObject *owner, const QString &budget, Priority priority, int intervalMs,
                Fetch fetch);
    void setPriority(int id, Priority priority);
    void removeView(int id);
    bool hasView(int id) const { return m_views.contains(id); }

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
    struct Budget {
        int rate = 5;
        std::deque<qint64> starts;
    };
    qint64 now() const { return m_clock ? m_clock() : m_elapsed.elapsed(); }
    double overdue(const View &view, qint64 t) const;

    QHash<int, View> m_views;
    QHash<QString, Budget> m_budgets;
    int m_nextId = 1;
    int m_backgroundFactor = 4;
    std::function<qint64()> m_clock;
    QElapsedTimer m_elapsed;
    QTimer m_timer;
};

} // namespace gr::models
