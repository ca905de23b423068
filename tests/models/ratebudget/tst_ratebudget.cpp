// The shared rate budget on a clock of its own: never more starts in a second than the quota,
// the selected view kept fresh under load, background views served less often but served,
// nothing for views whose owner is gone, and each view's data age; one-shot work queued in the
// same order (the page in view before background polling, without stopping the selected view),
// starts spread evenly over the window.

#include "models/ratebudget.h"

#include <QTest>

using namespace gr::models;
using P = RateBudget::Priority;

class TestRateBudget : public QObject
{
    Q_OBJECT

private slots:
    void quotaHoldsAndSelectedStaysFresh();
    void backgroundLessOftenButServed();
    void goneViewsGetNothing();
    void ageIsReported();
    void startsAreSpreadEvenly();
    void oneShotsGoBeforeLowerPriorityPolling();
    void selectedViewKeepsPollingDuringALongLoad();
    void oneShotsFirstComeFirstServed();
    void oneShotsOfGoneOwnersNeverStart();
    void queuedPriorityCanChange();
    void waitsWhileTheClientHasABacklog();

private:
    qint64 m_now = 0;
    // Requests in flight, answered 200 ms after they start by run().
    std::vector<std::function<void()>> m_pending;
    std::vector<qint64> m_pendingAt;
    void answerLater(std::function<void()> done)
    {
        m_pending.push_back(std::move(done));
        m_pendingAt.push_back(m_now);
    }
    // A budget on the test's clock (from 0), 5 a second for "list".
    void useClock(RateBudget &budget)
    {
        m_now = 0;
        m_pending.clear();
        m_pendingAt.clear();
        budget.setClock([this] { return m_now; });
        budget.setRate(QStringLiteral("list"), 5);
    }
    // Runs the budget for `seconds` in 50 ms steps; requests take 200 ms to answer.
    void run(RateBudget &budget, int seconds);
    // Ticks the budget every `stepMs` until the clock reads `untilMs`; nothing is answered.
    void tickUntil(RateBudget &budget, qint64 untilMs, qint64 stepMs = 50)
    {
        for (; m_now < untilMs; m_now += stepMs)
            budget.tick();
    }
};

void TestRateBudget::run(RateBudget &budget, int seconds)
{
    for (qint64 end = m_now + seconds * 1000; m_now < end; m_now += 50) {
        for (size_t i = 0; i < m_pending.size();) {
            if (m_now - m_pendingAt[i] >= 200) {
                auto done = m_pending[i];
                m_pending.erase(m_pending.begin() + qsizetype(i));
                m_pendingAt.erase(m_pendingAt.begin() + qsizetype(i));
                done();
            } else {
                ++i;
            }
        }
        budget.tick();
        QVERIFY(budget.startedLastSecond(QStringLiteral("list")) <= 5);
    }
}

void TestRateBudget::quotaHoldsAndSelectedStaysFresh()
{
    RateBudget budget;
    useClock(budget);
    QHash<int, int> fetches;
    QObject owner;
    std::vector<int> ids;
    const auto add = [&](P priority) {
        const int id = budget.addView(&owner, QStringLiteral("list"), priority, 1000,
                                      [&, idSlot = int(ids.size())](std::function<void()> done) {
                                          ++fetches[ids[size_t(idSlot)]];
                                          answerLater(std::move(done));
                                      });
        ids.push_back(id);
        return id;
    };
    const int selected = add(P::Selected);
    const int visible = add(P::Visible);
    std::vector<int> background;
    for (int i = 0; i < 30; ++i)
        background.push_back(add(P::Background));
    qint64 worstSelectedAge = 0;
    for (int s = 0; s < 20; ++s) {
        run(budget, 1);
        if (s > 1)
            worstSelectedAge = std::max(worstSelectedAge, budget.ageMs(selected));
    }
    int total = 0;
    for (int n : std::as_const(fetches))
        total += n;
    QVERIFY2(total <= 5 * 20 + 5, qPrintable(QString::number(total)));
    QVERIFY2(total >= 5 * 20 - 10, "the budget is used, not wasted");
    QVERIFY2(worstSelectedAge <= 1300, qPrintable(QString::number(worstSelectedAge)));
    QVERIFY(fetches[visible] >= 15);
}

void TestRateBudget::backgroundLessOftenButServed()
{
    RateBudget budget;
    useClock(budget);
    QObject owner;
    int visibleCount = 0, backgroundCount = 0;
    budget.addView(&owner, QStringLiteral("list"), P::Visible, 1000, [&](auto done) {
        ++visibleCount;
        answerLater(done);
    });
    budget.addView(&owner, QStringLiteral("list"), P::Background, 1000, [&](auto done) {
        ++backgroundCount;
        answerLater(done);
    });
    run(budget, 20);
    QVERIFY2(visibleCount >= 18, qPrintable(QString::number(visibleCount)));
    // Background: every 4 intervals.
    QVERIFY2(backgroundCount >= 4 && backgroundCount <= 6,
             qPrintable(QString::number(backgroundCount)));
}

void TestRateBudget::goneViewsGetNothing()
{
    RateBudget budget;
    useClock(budget);
    int calls = 0;
    auto *owner = new QObject;
    const int id = budget.addView(owner, QStringLiteral("list"), P::Visible, 1000, [&](auto done) {
        ++calls;
        answerLater(done);
    });
    run(budget, 3);
    const int before = calls;
    QVERIFY(before >= 2);
    delete owner;
    QVERIFY(!budget.hasView(id));
    run(budget, 5);
    QCOMPARE(calls, before);
}

void TestRateBudget::ageIsReported()
{
    RateBudget budget;
    useClock(budget);
    QObject owner;
    std::function<void()> done;
    const int id = budget.addView(&owner, QStringLiteral("list"), P::Selected, 5000,
                                  [&](std::function<void()> d) { done = std::move(d); });
    QCOMPARE(budget.ageText(id), QStringLiteral("waiting for its turn"));
    budget.tick();
    QCOMPARE(budget.ageText(id), QStringLiteral("updating…"));
    QCOMPARE(budget.ageMs(id), -1);
    m_now = 300;
    done();
    m_now = 3300;
    QCOMPARE(budget.ageMs(id), 3000);
    QCOMPARE(budget.ageText(id), QStringLiteral("updated 3 s ago"));
}

void TestRateBudget::startsAreSpreadEvenly()
{
    RateBudget budget;
    useClock(budget);
    QObject owner;
    std::vector<qint64> starts;
    for (int i = 0; i < 40; ++i)
        budget.enqueue(&owner, QStringLiteral("list"), P::Visible,
                       [&] { starts.push_back(m_now); });
    // Ticks every 10 ms: a burst of five at once would show as starts 0 ms apart.
    tickUntil(budget, 10000, 10);
    QCOMPARE(int(starts.size()), 40);
    for (size_t i = 1; i < starts.size(); ++i)
        QVERIFY2(starts[i] - starts[i - 1] >= RateBudget::kWindowMs / 5 - 50,
                 qPrintable(QStringLiteral("%1 -> %2").arg(starts[i - 1]).arg(starts[i])));
    for (size_t i = 5; i < starts.size(); ++i)
        QVERIFY2(starts[i] - starts[i - 5] >= RateBudget::kWindowMs,
                 "never more than the rate in one window");
    // And the quota is used: 40 starts at 5 per 1050 ms take about 8.2 s, not more.
    QVERIFY2(starts.back() <= 39 * RateBudget::kWindowMs / 5 + 100,
             qPrintable(QString::number(starts.back())));
}

void TestRateBudget::oneShotsGoBeforeLowerPriorityPolling()
{
    RateBudget budget;
    useClock(budget);
    QObject wall, page;
    int wallFetches = 0;
    // A wall of 20 tiles, always due (as the live monitor's are under load).
    for (int i = 0; i < 20; ++i)
        budget.addView(&wall, QStringLiteral("list"), P::Visible, 1000, [&](auto done) {
            ++wallFetches;
            answerLater(done);
        });
    run(budget, 5);
    const int wallBefore = wallFetches;
    QVERIFY(wallBefore >= 20);
    // The session page in view asks for 15 pages of events.
    int pages = 0;
    qint64 lastPageAt = -1;
    for (int i = 0; i < 15; ++i)
        budget.enqueue(&page, QStringLiteral("list"), P::Selected, [&] {
            ++pages;
            lastPageAt = m_now;
        });
    QCOMPARE(budget.queued(QStringLiteral("list")), 15);
    const qint64 asked = m_now;
    run(budget, 5);
    QCOMPARE(pages, 15);
    QCOMPARE(budget.queued(QStringLiteral("list")), 0);
    // All of them at the quota's pace (15 at 5 per 1050 ms: about 3.2 s), none behind the wall.
    QVERIFY2(lastPageAt - asked <= 3300, qPrintable(QString::number(lastPageAt - asked)));
    // The wall got what was left, not nothing.
    QVERIFY2(wallFetches - wallBefore >= 5, qPrintable(QString::number(wallFetches - wallBefore)));
}

void TestRateBudget::selectedViewKeepsPollingDuringALongLoad()
{
    RateBudget budget;
    useClock(budget);
    QObject monitor, loader;
    const int selected = budget.addView(&monitor, QStringLiteral("list"), P::Selected, 2000,
                                        [&](auto done) { answerLater(done); });
    int shots = 0;
    for (int i = 0; i < 200; ++i)
        budget.enqueue(&loader, QStringLiteral("list"), P::Selected, [&] { ++shots; });
    qint64 worst = 0;
    for (int s = 0; s < 30; ++s) {
        run(budget, 1);
        if (s > 2)
            worst = std::max(worst, budget.ageMs(selected));
    }
    // The load goes first, but a view two intervals late goes before it: about every 4 s.
    QVERIFY2(worst <= 2 * 2000 + 500, qPrintable(QString::number(worst)));
    QVERIFY2(shots >= 5 * 30 * 8 / 10, qPrintable(QString::number(shots)));
}

void TestRateBudget::oneShotsFirstComeFirstServed()
{
    RateBudget budget;
    useClock(budget);
    QObject a, b;
    QStringList order;
    budget.enqueue(&a, QStringLiteral("list"), P::Visible, [&] { order << QStringLiteral("a1"); });
    budget.enqueue(&b, QStringLiteral("list"), P::Visible, [&] { order << QStringLiteral("b1"); });
    budget.enqueue(&a, QStringLiteral("list"), P::Background,
                   [&] { order << QStringLiteral("a-bg"); });
    budget.enqueue(&a, QStringLiteral("list"), P::Visible, [&] { order << QStringLiteral("a2"); });
    budget.enqueue(&b, QStringLiteral("list"), P::Selected,
                   [&] { order << QStringLiteral("b-sel"); });
    tickUntil(budget, 3000);
    QCOMPARE(order,
             (QStringList{QStringLiteral("b-sel"), QStringLiteral("a1"), QStringLiteral("b1"),
                          QStringLiteral("a2"), QStringLiteral("a-bg")}));
}

void TestRateBudget::oneShotsOfGoneOwnersNeverStart()
{
    RateBudget budget;
    useClock(budget);
    auto *gone = new QObject;
    QObject kept, dropped;
    int started = 0;
    for (int i = 0; i < 10; ++i) {
        budget.enqueue(gone, QStringLiteral("list"), P::Selected, [&] { started += 100; });
        budget.enqueue(&dropped, QStringLiteral("list"), P::Selected, [&] { started += 1000; });
    }
    budget.enqueue(&kept, QStringLiteral("list"), P::Visible, [&] { ++started; });
    delete gone;
    QCOMPARE(budget.dropQueued(&dropped), 10);
    QCOMPARE(budget.queued(QStringLiteral("list")), 1);
    tickUntil(budget, 5000);
    QCOMPARE(started, 1);
}

void TestRateBudget::queuedPriorityCanChange()
{
    RateBudget budget;
    useClock(budget);
    QObject hidden, shown;
    QStringList order;
    budget.enqueue(&shown, QStringLiteral("list"), P::Visible,
                   [&] { order << QStringLiteral("v"); });
    budget.enqueue(&hidden, QStringLiteral("list"), P::Background,
                   [&] { order << QStringLiteral("h"); });
    // The hidden page comes to the front: its work goes first.
    budget.setQueuedPriority(&hidden, P::Selected);
    tickUntil(budget, 2000);
    QCOMPARE(order, (QStringList{QStringLiteral("h"), QStringLiteral("v")}));
}

void TestRateBudget::waitsWhileTheClientHasABacklog()
{
    RateBudget budget;
    useClock(budget);
    int waiting = 2; // a user's requests queued in the client's pacer
    budget.setBacklog(QStringLiteral("list"), [&] { return waiting; });
    QObject owner;
    int started = 0;
    budget.addView(&owner, QStringLiteral("list"), P::Selected, 1000, [&](auto) { ++started; });
    budget.enqueue(&owner, QStringLiteral("list"), P::Selected, [&] { ++started; });
    tickUntil(budget, 2000);
    QCOMPARE(started, 0);
    waiting = 0;
    tickUntil(budget, 3000);
    QCOMPARE(started, 2);
}

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
