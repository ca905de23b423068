// LiveMonitor against the local service with its quotas enforced, under
// QAbstractItemModelTester: tiles for live stages only, counts, errors from the events of
// participants that changed, alerts fed to the engine, in-place updates, a session that ends,
// no throttling, and nothing polled once the monitor is gone.

#include "localharness.h"
#include "models/alertrules.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"

#include <algorithm>
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gr;
using models::LiveMonitor;

class TestLiveMonitor : public QObject
{
    Q_OBJECT
private slots:
    void tilesCountsErrorsAndAlerts();
    void goneMeansNothingPolled();
    void moreThanTwelvePublishersAreCheckedAgain();
};

namespace
{
local::LocalServiceOptions withQuotas()
{
    local::LocalServiceOptions options;
    options.quotas = true; // a ThrottlingException would surface as an error (no retries)
    return options;
}

int alertsOf(const models::AlertEngine &engine, models::AlertRule::Kind kind,
             const QString &stageArn)
{
    int n = 0;
    for (const models::Alert &a : engine.alerts())
        n += engine.rules()[a.ruleIndex].kind == kind && a.stageArn == stageArn ? 1 : 0;
    return n;
}
} // namespace

void TestLiveMonitor::tilesCountsErrorsAndAlerts()
{
    LocalHarness h(withQuotas(), true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.transport()->setRetryPolicy({1, 100, 500, 1000});
    const QString alpha = h.createStage(QStringLiteral("alpha"));
    const QString beta = h.createStage(QStringLiteral("beta"));
    h.createStage(QStringLiteral("idle"));
    const auto ann = h.join(alpha, QStringLiteral("ann"), true);
    h.join(alpha, QStringLiteral("cy"), true);
    const auto ben = h.join(alpha, QStringLiteral("ben"));
    const auto dan = h.join(beta, QStringLiteral("dan"));

    models::RateBudget budget;
    models::AlertEngine alerts;
    QList<models::AlertRule> rules = models::AlertEngine::defaultRules();
    for (models::AlertRule &r : rules) {
        if (r.kind == models::AlertRule::Kind::PublishersAtLeast) {
            r.enabled = true;
            r.threshold = 2;
        }
    }
    alerts.setRules(rules);
    LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    monitor.setPublisherRescanMs(1000);
    monitor.setAlertEngine(&alerts);
    monitor.setConnectionName(QStringLiteral("Local"));
    QAbstractItemModelTester tester(&monitor,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failures(&monitor, &LiveMonitor::errorOccurred);
    QSignalSpy reset(&monitor, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy ended(&monitor, &LiveMonitor::sessionEnded);

    // Only the two live stages get tiles.
    QTRY_COMPARE_WITH_TIMEOUT(monitor.rowCount(), 2, 10000);
    QCOMPARE(monitor.rowOf(h.createStage(QStringLiteral("later"))), -1);
    const QPersistentModelIndex a = monitor.indexOf(alpha);
    QVERIFY(a.isValid());
    QCOMPARE(a.data().toString(), QStringLiteral("alpha"));
    QCOMPARE(a.data(LiveMonitor::ConnectionNameRole).toString(), QStringLiteral("Local"));
    QTRY_VERIFY_WITH_TIMEOUT(a.data(LiveMonitor::AgeMsRole).toLongLong() >= 0, 10000);
    QCOMPARE(a.data(LiveMonitor::PublishersRole).toInt(), 2);
    QCOMPARE(a.data(LiveMonitor::SubscribersRole).toInt(), 1);
    QCOMPARE(a.data(LiveMonitor::SessionIdRole).toString(), ann.sessionId);
    QTRY_VERIFY_WITH_TIMEOUT(a.data(LiveMonitor::SessionStartRole).toDateTime().isValid(), 10000);
    QVERIFY(!a.data(LiveMonitor::HistoryRole).toList().isEmpty());
    QCOMPARE(a.data(LiveMonitor::HistoryRole).toList().last().toInt(), 2);
    QCOMPARE(a.data(LiveMonitor::ErrorsRole).toInt(), 0);
    QVERIFY(monitor.ageText(alpha).startsWith(QLatin1String("updated")));
    // Publishers >= 2 on alpha, not on beta (one subscriber).
    QTRY_COMPARE(alertsOf(alerts, models::AlertRule::Kind::PublishersAtLeast, alpha), 1);
    QCOMPARE(alertsOf(alerts, models::AlertRule::Kind::PublishersAtLeast, beta), 0);
    const int troubleBefore = a.data(LiveMonitor::TroubleRole).toInt();

    // Ben fails to join (JOIN_ERROR, then LEFT with the code): one error, counted once, and
    // the engine hears of it. Ann's publishing error changes nothing in her summary, nor does
    // her stopping to publish (`published` says she ever did): her events are read again as
    // those of everyone who has published are, now and then, and they say she stopped.
    int status = 0;
    h.plane("error",
            {{QStringLiteral("stageArn"), alpha},
             {QStringLiteral("participantId"), ben.participantId},
             {QStringLiteral("name"), QStringLiteral("JOIN_ERROR")},
             {QStringLiteral("errorCode"), QStringLiteral("INSUFFICIENT_CAPABILITIES")}},
            &status);
    QCOMPARE(status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.data(LiveMonitor::ErrorsRole).toInt(), 1, 10000);
    QTRY_COMPARE(a.data(LiveMonitor::SubscribersRole).toInt(), 0);
    QVERIFY(alertsOf(alerts, models::AlertRule::Kind::ErrorEvent, alpha) >= 1);
    // The alert names Ben by his user id, as the participants' listing gave it; the id stays for
    // the jump.
    const auto benAlert =
        std::find_if(alerts.alerts().begin(), alerts.alerts().end(),
                     [&](const models::Alert &x) { return x.participantId == ben.participantId; });
    QVERIFY(benAlert != alerts.alerts().end());
    QCOMPARE(benAlert->userId, QStringLiteral("ben"));
    QVERIFY2(benAlert->text.contains(QLatin1String("ben (")), qPrintable(benAlert->text));
    h.plane("error", {{QStringLiteral("stageArn"), alpha},
                      {QStringLiteral("participantId"), ann.participantId},
                      {QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("BITRATE_EXCEEDED")}});
    h.plane("unpublish", {{QStringLiteral("stageArn"), alpha},
                          {QStringLiteral("participantId"), ann.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(a.data(LiveMonitor::ErrorsRole).toInt(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(a.data(LiveMonitor::PublishersRole).toInt(), 1, 10000);
    QCOMPARE(monitor.publishingParticipants(alpha).size(), 1);
    QVERIFY(!monitor.publishingParticipants(alpha).contains(ann.participantId));
    QCOMPARE(monitor.publishingNow(alpha, ann.sessionId, ann.participantId),
             LiveMonitor::Publishing::No);
    QVERIFY(a.data(LiveMonitor::TroubleRole).toInt() > troubleBefore);
    // She publishes again: her summary is the same still, her events say it.
    h.plane("publish", {{QStringLiteral("stageArn"), alpha},
                        {QStringLiteral("participantId"), ann.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(a.data(LiveMonitor::PublishersRole).toInt(), 2, 10000);
    QCOMPARE(monitor.publishingNow(alpha, ann.sessionId, ann.participantId),
             LiveMonitor::Publishing::Yes);
    // Read again later, the same events are not counted twice.
    QTest::qWait(1500);
    QCOMPARE(a.data(LiveMonitor::ErrorsRole).toInt(), 2);
    // Ann leaves: her events are read once more (did she leave by an error?), and her one
    // PUBLISH_ERROR still counts once in its alert.
    auto annErrorCount = [&] {
        for (const models::Alert &x : alerts.alerts()) {
            if (x.participantId == ann.participantId && x.title.startsWith(u"PUBLISH_ERROR"))
                return x.count;
        }
        return 0;
    };
    QTRY_COMPARE_WITH_TIMEOUT(annErrorCount(), 1, 10000);
    const int eventReadsBefore =
        monitor.requestCounts().value(QStringLiteral("ListParticipantEvents"));
    h.plane("leave", {{QStringLiteral("stageArn"), alpha},
                      {QStringLiteral("participantId"), ann.participantId}});
    QTRY_VERIFY_WITH_TIMEOUT(
        monitor.requestCounts().value(QStringLiteral("ListParticipantEvents")) > eventReadsBefore,
        10000);
    QTest::qWait(1500);
    QCOMPARE(annErrorCount(), 1);
    QCOMPARE(a.data(LiveMonitor::ErrorsRole).toInt(), 2);

    // Dan leaves: beta's session ends, its tile goes and its last count is kept.
    h.plane("leave", {{QStringLiteral("stageArn"), beta},
                      {QStringLiteral("participantId"), dan.participantId}});
    QTRY_COMPARE_WITH_TIMEOUT(monitor.rowCount(), 1, 10000);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.first().at(0).toString(), beta);
    QCOMPARE(monitor.endedSessionErrors(dan.sessionId), 0);
    QVERIFY(a.isValid()); // in place: alpha's tile is the same row
    QCOMPARE(a.data(LiveMonitor::StageArnRole).toString(), alpha);

    QCOMPARE(reset.count(), 0);
    QCOMPARE(failures.count(), 0); // no ThrottlingException, nothing else either
    QVERIFY(monitor.requestCounts().value(QStringLiteral("ListParticipants")) > 0);
    QVERIFY(monitor.requestCounts().value(QStringLiteral("ListParticipantEvents")) > 0);
    QVERIFY(monitor.requestCounts().value(QStringLiteral("ListCompositions")) > 0);
}

// `published` stays true after a participant stops, so the count of those publishing now can
// run past what a stage allows when one stops and another starts: more than 12 means some
// stopped, and their events are read again at once (not at the next 2-minute rescan).
void TestLiveMonitor::moreThanTwelvePublishersAreCheckedAgain()
{
    LocalHarness h(withQuotas(), true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("full"));
    QVector<LocalHarness::Joined> panel;
    for (int i = 0; i < LiveMonitor::kMaxPublishers; ++i)
        panel << h.join(stage, QStringLiteral("panel-%1").arg(i), true);
    const auto late = h.join(stage, QStringLiteral("late"));
    models::RateBudget budget;
    LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    monitor.setPublisherRescanMs(0); // only the overfull check reads them again
    QAbstractItemModelTester tester(&monitor,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.rowCount(), 1, 30000);
    const QPersistentModelIndex tile = monitor.index(0);
    QTRY_COMPARE_WITH_TIMEOUT(tile.data(LiveMonitor::PublishersRole).toInt(),
                              LiveMonitor::kMaxPublishers, 30000);
    // Thirteen participants' events at the quota's pace, beside a build or under ASan: generous.
    QTRY_VERIFY_WITH_TIMEOUT(!tile.data(LiveMonitor::CheckingRole).toBool(), 30000);
    QTest::qWait(int(LiveMonitor::kOverfullRescanMs));
    int status = 0;
    h.plane("unpublish",
            {{QStringLiteral("stageArn"), stage},
             {QStringLiteral("participantId"), panel.first().participantId}},
            &status);
    QCOMPARE(status, 200);
    h.plane("publish",
            {{QStringLiteral("stageArn"), stage},
             {QStringLiteral("participantId"), late.participantId}},
            &status);
    QCOMPARE(status, 200);
    // The late one's first publish gets its events read; panel-0's stop is found by the
    // overfull check, and the count never stays above the quota.
    QTRY_VERIFY_WITH_TIMEOUT(monitor.publishingParticipants(stage).contains(late.participantId),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !monitor.publishingParticipants(stage).contains(panel.first().participantId), 30000);
    QCOMPARE(tile.data(LiveMonitor::PublishersRole).toInt(), LiveMonitor::kMaxPublishers);
    QCOMPARE(tile.data(LiveMonitor::SubscribersRole).toInt(), 1);
}

void TestLiveMonitor::goneMeansNothingPolled()
{
    LocalHarness h(withQuotas(), true);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString alpha = h.createStage(QStringLiteral("alpha"));
    h.join(alpha, QStringLiteral("ann"), true);
    models::RateBudget budget;
    auto *monitor = new LiveMonitor(h.client(), &budget);
    monitor->setIntervals(200, 400);
    monitor->setSelectedStage(alpha);
    QTRY_VERIFY_WITH_TIMEOUT(monitor->ageMs(alpha) >= 0, 10000);
    QVERIFY(budget.startedLastSecond(LiveMonitor::budgetName()) > 0);
    delete monitor;
    QTest::qWait(1200);
    QCOMPARE(budget.startedLastSecond(LiveMonitor::budgetName()), 0);
}

QTEST_GUILESS_MAIN(TestLiveMonitor)
#include "tst_livemonitor.moc"
