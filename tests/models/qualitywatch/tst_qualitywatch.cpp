// QualityWatch on the local service: the packet-loss rule fires for the degraded publisher,
// "for 10 s" measured on CloudWatch's 5-second points, with no chart open; the healthy
// publisher stays quiet; the bitrate rule judges the video layers' sum (audio is not "a
// bitrate drop"); the monitor's tile names the degraded one; once the stage's session ends
// nothing more is asked.

#include "localharness.h"
#include "metricsstage.h"
#include "models/alertrules.h"
#include "models/budgets.h"
#include "models/livemonitor.h"
#include "models/qualitywatch.h"
#include "models/ratebudget.h"

#include <QSignalSpy>
#include <QTest>

using namespace gr;
using models::AlertRule;

class TestQualityWatch : public QObject
{
    Q_OBJECT
private slots:
    void degradedPublisherAlertsWithoutCharts();
};

namespace
{
QStringList alerted(const models::AlertEngine &engine, AlertRule::Kind kind)
{
    QStringList who;
    for (const models::Alert &a : engine.alerts())
        if (engine.rules()[a.ruleIndex].kind == kind)
            who << a.participantId;
    return who;
}
} // namespace

void TestQualityWatch::degradedPublisherAlertsWithoutCharts()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const metrics_stage::Stage s = metrics_stage::make(h, QStringLiteral("quality"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    metrics_stage::Clients clients;
    const auto cloudWatch = clients.at(h.service()->url());

    models::AlertEngine alerts;
    QList<AlertRule> rules = models::AlertEngine::defaultRules();
    for (AlertRule &r : rules) {
        if (r.kind == AlertRule::Kind::PacketLossAbove) {
            r.enabled = true;
            r.threshold = metrics_stage::kBadLoss / 2; // the bad one is above, the good one not
            r.forSeconds = 10;
        } else if (r.kind == AlertRule::Kind::BitrateBelow) {
            r.enabled = true;
            // Above the bad one's video, below every good layer sum; audio alone is far below.
            r.threshold = metrics_stage::kBadBitrate * 1.5;
            r.forSeconds = 0;
        } else {
            r.enabled = false;
        }
    }
    alerts.setRules(rules);
    models::RateBudget budget;
    budget.setRate(models::budgets::metricData(), 50);
    models::LiveMonitor monitor(h.client(), &budget);
    monitor.setIntervals(300, 600);
    models::QualityWatch watch(cloudWatch.get(), &budget, &monitor, &alerts);
    watch.setIntervalMs(1000);
    QSignalSpy checked(&watch, &models::QualityWatch::checked);

    QTRY_COMPARE_WITH_TIMEOUT(monitor.publishingParticipants(s.stageArn).size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(watch.watches(s.stageArn), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(alerted(alerts, AlertRule::Kind::PacketLossAbove).contains(s.bad),
                             15000);
    QVERIFY(watch.lastError().isEmpty());
    // The tile names the degraded publisher by its user id.
    QTRY_VERIFY_WITH_TIMEOUT(monitor.indexOf(s.stageArn)
                                 .data(models::LiveMonitor::PoorQualityRole)
                                 .toString()
                                 .contains(QStringLiteral("(bad)")),
                             5000);
    QVERIFY(!alerted(alerts, AlertRule::Kind::PacketLossAbove).contains(s.good));
    QTRY_VERIFY_WITH_TIMEOUT(alerted(alerts, AlertRule::Kind::BitrateBelow).contains(s.bad), 10000);
    QVERIFY2(!alerted(alerts, AlertRule::Kind::BitrateBelow).contains(s.good),
             "the good publisher's audio layer was judged as its bitrate");
    // One alert per episode, however many points are read again.
    const int losses = alerted(alerts, AlertRule::Kind::PacketLossAbove).size();
    const int asked = watch.requestsStarted();
    QTRY_VERIFY_WITH_TIMEOUT(watch.requestsStarted() >= asked + 2, 10000);
    QCOMPARE(alerted(alerts, AlertRule::Kind::PacketLossAbove).size(), losses);

    // The session ends: the stage leaves the monitor and the watch stops asking for it.
    for (const QString &who : {s.good, s.bad})
        h.plane("leave",
                {{QStringLiteral("stageArn"), s.stageArn}, {QStringLiteral("participantId"), who}});
    QTRY_VERIFY_WITH_TIMEOUT(!watch.watches(s.stageArn), 15000);
    const int after = watch.requestsStarted();
    QTest::qWait(2500);
    QCOMPARE(watch.requestsStarted(), after);
}

QTEST_MAIN(TestQualityWatch)
#include "tst_qualitywatch.moc"
