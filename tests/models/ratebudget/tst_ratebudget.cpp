// The shared rate budget on a clock of its own: never more starts in a second than the quota,
// the selected view kept fresh under load, background views served less often but served,
// nothing for views whose owner is gone, and each view's data age.

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

private:
    qint64 m_now = 0;
    // Runs the budget for `seconds` in 50 ms steps; requests take 200 ms to answer.
    void run(RateBudget &budget, int seconds, std::vector<std::function<void()>> &pending,
             std::vector<qint64> &pendingAt);
};

void TestRateBudget::run(RateBudget &budget, int seconds,
                         std::vector<std::function<void()>> &pending,
                         std::vector<qint64> &pendingAt)
{
    for (qint64 end = m_now + seconds * 1000; m_now < end; m_now += 50) {
        for (size_t i = 0; i < pending.size();) {
            if (m_now - pendingAt[i] >= 200) {
                auto done = pending[i];
                pending.erase(pending.begin() + qsizetype(i));
                pendingAt.erase(pendingAt.begin() + qsizetype(i));
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
    m_now = 0;
    RateBudget budget;
    budget.setClock([this] { return m_now; });
    budget.setRate(QStringLiteral("list"), 5);
    std::vector<std::function<void()>> pending;
    std::vector<qint64> pendingAt;
    QHash<int, int> fetches;
    QObject owner;
    std::vector<int> ids;
    const auto add = [&](P priority) {
        const int id = budget.addView(&owner, QStringLiteral("list"), priority, 1000,
                                      [&, idSlot = int(ids.size())](std::function<void()> done) {
                                          ++fetches[ids[size_t(idSlot)]];
                                          pending.push_back(std::move(done));
                                          pendingAt.push_back(m_now);
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
        run(budget, 1, pending, pendingAt);
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
    m_now = 0;
    RateBudget budget;
    budget.setClock([this] { return m_now; });
    budget.setRate(QStringLiteral("list"), 5);
    std::vector<std::function<void()>> pending;
    std::vector<qint64> pendingAt;
    QObject owner;
    int visibleCount = 0, backgroundCount = 0;
    budget.addView(&owner, QStringLiteral("list"), P::Visible, 1000, [&](auto done) {
        ++visibleCount;
        pending.push_back(done);
        pendingAt.push_back(m_now);
    });
    budget.addView(&owner, QStringLiteral("list"), P::Background, 1000, [&](auto done) {
        ++backgroundCount;
        pending.push_back(done);
        pendingAt.push_back(m_now);
    });
    run(budget, 20, pending, pendingAt);
    QVERIFY2(visibleCount >= 18, qPrintable(QString::number(visibleCount)));
    // Background: every 4 intervals.
    QVERIFY2(backgroundCount >= 4 && backgroundCount <= 6,
             qPrintable(QString::number(backgroundCount)));
}

void TestRateBudget::goneViewsGetNothing()
{
    m_now = 0;
    RateBudget budget;
    budget.setClock([this] { return m_now; });
    std::vector<std::function<void()>> pending;
    std::vector<qint64> pendingAt;
    int calls = 0;
    auto *owner = new QObject;
    const int id = budget.addView(owner, QStringLiteral("list"), P::Visible, 1000, [&](auto done) {
        ++calls;
        pending.push_back(done);
        pendingAt.push_back(m_now);
    });
    run(budget, 3, pending, pendingAt);
    const int before = calls;
    QVERIFY(before >= 2);
    delete owner;
    QVERIFY(!budget.hasView(id));
    run(budget, 5, pending, pendingAt);
    QCOMPARE(calls, before);
}

void TestRateBudget::ageIsReported()
{
    m_now = 0;
    RateBudget budget;
    budget.setClock([this] { return m_now; });
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

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
