// The alert engine: each rule of issue 9 fires on what it watches and not on its neighbours,
// bursts fold into one alert with a count, threshold rules fire once per episode and re-arm on
// recovery, stage filters and disabled rules hold, and rules survive QSettings (a bad entry is
// named and changes nothing).

#include "models/alertrules.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gr::models;
using K = AlertRule::Kind;

class TestAlertRules : public QObject
{
    Q_OBJECT

private slots:
    void errorEventsFireAndBurstsFold();
    void sameEventHeardAgainCountsOnce();
    void disconnectByErrorOnly();
    void recordingAndCompositions();
    void publishersCrossing();
    void packetLossMustLast();
    void bitrateBelow();
    void stageFilterAndDisabled();
    void settingsRoundTrip();
    void badSettingsAreNamed();
    void textsNameStagesAndCarryCodes();
    void participantsNamedByUserId();
    void everyKindFillsItsOwnFields();

private:
    static AlertEngine *engine(QList<AlertRule> rules, QObject *parent)
    {
        auto *e = new AlertEngine(parent);
        e->setRules(std::move(rules));
        return e;
    }
};

const QString kStage = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abcdEFGH1234");
const QString kOther = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/zzzzEFGH1234");

void TestAlertRules::errorEventsFireAndBurstsFold()
{
    auto *e = engine({{K::ErrorEvent, true, 0, 0, {}}}, this);
    QSignalSpy raised(e, &AlertEngine::alertRaised);
    QSignalSpy folded(e, &AlertEngine::alertFolded);
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p1"), QStringLiteral("JOINED"),
                    {}, 1000);
    QCOMPARE(raised.count(), 0);
    for (int i = 0; i < 5; ++i)
        e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p1"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                        2000 + i * 1000);
    QCOMPARE(raised.count(), 1);
    QCOMPARE(folded.count(), 4);
    QCOMPARE(e->alerts().size(), 1);
    const Alert &a = e->alerts().first();
    QCOMPARE(a.count, 5);
    QCOMPARE(a.firstMs, 2000);
    QCOMPARE(a.lastMs, 6000);
    QCOMPARE(a.title, QStringLiteral("PUBLISH_ERROR: BITRATE_EXCEEDED"));
    QCOMPARE(a.participantId, QStringLiteral("p1")); // jump-to
    QCOMPARE(a.sessionId, QStringLiteral("s1"));
    QVERIFY(a.text.contains(QLatin1String("abcdEFGH1234")));
    // Another participant is another alert; the same one after the fold window, too.
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p2"),
                    QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"), 7000);
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p1"),
                    QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                    6000 + 61000);
    QCOMPARE(e->alerts().size(), 3);
}

void TestAlertRules::sameEventHeardAgainCountsOnce()
{
    auto *e =
        engine({{K::ErrorEvent, true, 0, 0, {}}, {K::DisconnectedByError, true, 0, 0, {}}}, this);
    QSignalSpy folded(e, &AlertEngine::alertFolded);
    const QString nora = QStringLiteral("pNora12345");
    // Nora's events as the monitor reads them, then again on her leaving (with her LEFT), then
    // once more by her participant page: one PUBLISH_ERROR, one alert counting 1.
    const auto feed = [&](bool withLeft) {
        e->observeEvent(kStage, QStringLiteral("s1"), nora, QStringLiteral("JOINED"), {}, 1000);
        e->observeEvent(kStage, QStringLiteral("s1"), nora, QStringLiteral("PUBLISH_ERROR"),
                        QStringLiteral("BITRATE_EXCEEDED"), 2000);
        if (withLeft)
            e->observeEvent(kStage, QStringLiteral("s1"), nora, QStringLiteral("DISCONNECTED"),
                            QStringLiteral("INSUFFICIENT_CAPABILITIES"), 3000);
    };
    feed(false);
    feed(true);
    feed(true);
    QCOMPARE(e->alerts().size(), 2); // the error event, the disconnect
    QCOMPARE(e->alerts().at(0).count, 1);
    QCOMPARE(e->alerts().at(1).count, 1);
    QCOMPARE(folded.count(), 0);
    // Another event of the same kind (another time) still folds in and counts.
    e->observeEvent(kStage, QStringLiteral("s1"), nora, QStringLiteral("PUBLISH_ERROR"),
                    QStringLiteral("BITRATE_EXCEEDED"), 2500);
    QCOMPARE(e->alerts().at(0).count, 2);
    // So does the same name at the same time with another code, or from another participant.
    e->observeEvent(kStage, QStringLiteral("s1"), nora, QStringLiteral("PUBLISH_ERROR"),
                    QStringLiteral("INVALID_VIDEO_CODEC"), 2000);
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("pOther1234"),
                    QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"), 2000);
    QCOMPARE(e->alerts().size(), 4);
}

void TestAlertRules::disconnectByErrorOnly()
{
    auto *e = engine({{K::DisconnectedByError, true, 0, 0, {}}}, this);
    e->observeEvent(kStage, {}, QStringLiteral("p1"), QStringLiteral("DISCONNECTED"), {}, 1);
    e->observeEvent(kStage, {}, QStringLiteral("p1"), QStringLiteral("LEFT"), {}, 2);
    e->observeEvent(kStage, {}, QStringLiteral("p1"), QStringLiteral("PUBLISH_ERROR"),
                    QStringLiteral("X"), 3);
    QCOMPARE(e->alerts().size(), 0);
    e->observeEvent(kStage, {}, QStringLiteral("p1"), QStringLiteral("DISCONNECTED"),
                    QStringLiteral("INSUFFICIENT_CAPABILITIES"), 4);
    QCOMPARE(e->alerts().size(), 1);
    QVERIFY(e->alerts().first().text.contains(QLatin1String("INSUFFICIENT_CAPABILITIES")));
}

void TestAlertRules::recordingAndCompositions()
{
    auto *e = engine({{K::RecordingFailed, true, 0, 0, {}},
                      {K::CompositionFailed, true, 0, 0, {}},
                      {K::DestinationTrouble, true, 0, 0, {}}},
                     this);
    e->observeRecording(kStage, {}, QStringLiteral("p1"), QStringLiteral("ACTIVE"), 1);
    e->observeRecording(kStage, {}, QStringLiteral("p1"), QStringLiteral("FAILED"), 2);
    e->observeRecording(kStage, {}, QStringLiteral("p1"), QStringLiteral("FAILED"), 3); // same
    QCOMPARE(e->alerts().size(), 1);
    QCOMPARE(e->alerts().last().ruleIndex, 0);
    const QString comp = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:composition/c1");
    e->observeComposition(comp, kStage, QStringLiteral("ACTIVE"),
                          {{QStringLiteral("d1"), QStringLiteral("ACTIVE")}}, 10);
    QCOMPARE(e->alerts().size(), 1);
    e->observeComposition(comp, kStage, QStringLiteral("ACTIVE"),
                          {{QStringLiteral("d1"), QStringLiteral("RECONNECTING")}}, 11);
    QCOMPARE(e->alerts().size(), 2);
    QCOMPARE(e->alerts().last().resourceArn, comp);
    e->observeComposition(comp, kStage, QStringLiteral("FAILED"),
                          {{QStringLiteral("d1"), QStringLiteral("FAILED")}}, 12);
    QCOMPARE(e->alerts().size(), 3); // composition FAILED; d1 FAILED folds into d1's alert
    QCOMPARE(e->alerts()[1].count, 2);
    QCOMPARE(e->alerts().last().title, QStringLiteral("Composition FAILED"));
}

void TestAlertRules::publishersCrossing()
{
    auto *e = engine({{K::PublishersAtLeast, true, 10, 0, {}}}, this);
    e->setFoldWindowMs(0);
    e->observePublishers(kStage, 9, 1000);
    QCOMPARE(e->alerts().size(), 0);
    e->observePublishers(kStage, 10, 2000);
    e->observePublishers(kStage, 11, 3000); // same episode
    QCOMPARE(e->alerts().size(), 1);
    e->observePublishers(kStage, 8, 4000); // re-armed
    e->observePublishers(kStage, 12, 5000);
    QCOMPARE(e->alerts().size(), 2);
}

void TestAlertRules::packetLossMustLast()
{
    auto *e = engine({{K::PacketLossAbove, true, 5, 10, {}}}, this);
    e->setFoldWindowMs(0);
    for (int s = 0; s < 9; ++s) // 9 s of 8 % loss: not yet
        e->observeMetric(kStage, QStringLiteral("p1"), QStringLiteral("DownloadPacketLoss"), 8,
                         s * 1000);
    QCOMPARE(e->alerts().size(), 0);
    e->observeMetric(kStage, QStringLiteral("p1"), QStringLiteral("DownloadPacketLoss"), 2, 9000);
    for (int s = 10; s <= 20; ++s) // a fresh breach, 10 s long
        e->observeMetric(kStage, QStringLiteral("p1"), QStringLiteral("DownloadPacketLoss"), 6,
                         s * 1000);
    QCOMPARE(e->alerts().size(), 1);
    QCOMPARE(e->alerts().first().firstMs, 20000);
    QCOMPARE(e->alerts().first().participantId, QStringLiteral("p1"));
    // Another metric does not count as packet loss.
    e->observeMetric(kStage, QStringLiteral("p2"), QStringLiteral("DroppedFrames"), 90, 30000);
    e->observeMetric(kStage, QStringLiteral("p2"), QStringLiteral("DroppedFrames"), 90, 50000);
    QCOMPARE(e->alerts().size(), 1);
}

void TestAlertRules::bitrateBelow()
{
    auto *e = engine({{K::BitrateBelow, true, 500000, 0, {}}}, this);
    e->observeMetric(kStage, QStringLiteral("p1"), QStringLiteral("PublishBitrate"), 2400000, 1);
    QCOMPARE(e->alerts().size(), 0);
    e->observeMetric(kStage, QStringLiteral("p1"), QStringLiteral("PublishBitrate"), 300000, 2);
    QCOMPARE(e->alerts().size(), 1);
    QCOMPARE(e->alerts().first().title, QStringLiteral("Bitrate 300 kb/s"));
}

void TestAlertRules::stageFilterAndDisabled()
{
    auto *e = engine({{K::ErrorEvent, true, 0, 0, kStage}, {K::ErrorEvent, false, 0, 0, {}}}, this);
    e->observeEvent(kOther, {}, QStringLiteral("p"), QStringLiteral("SUBSCRIBE_ERROR"), {}, 1);
    QCOMPARE(e->alerts().size(), 0);
    e->observeEvent(kStage, {}, QStringLiteral("p"), QStringLiteral("SUBSCRIBE_ERROR"), {}, 2);
    QCOMPARE(e->alerts().size(), 1);
    QCOMPARE(e->alerts().first().ruleIndex, 0);
}

void TestAlertRules::settingsRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("greenroom.ini"));
    QList<AlertRule> rules = AlertEngine::defaultRules();
    rules[6].threshold = 7.5;
    rules[6].forSeconds = 30;
    rules[0].stageArn = kStage;
    rules[5].enabled = true;
    {
        QSettings settings(path, QSettings::IniFormat);
        AlertEngine::saveRules(settings, rules);
    }
    QSettings settings(path, QSettings::IniFormat);
    const gr::aws::Expected<QList<AlertRule>> read = AlertEngine::loadRules(settings);
    QVERIFY2(read, qPrintable(read.message()));
    const QList<AlertRule> &loaded = *read;
    QCOMPARE(loaded.size(), rules.size());
    for (int i = 0; i < rules.size(); ++i)
        QVERIFY2(loaded[i] == rules[i], qPrintable(rules[i].describe()));
    QCOMPARE(loaded[6].describe(), QStringLiteral("packet loss ≥ 7.5 % for 30 s"));
}

void TestAlertRules::badSettingsAreNamed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.ini"));
    {
        QSettings settings(path, QSettings::IniFormat);
        AlertEngine::saveRules(settings, AlertEngine::defaultRules());
        settings.setValue(QStringLiteral("alerts/rules/3/kind"), QStringLiteral("Sunspots"));
    }
    QSettings settings(path, QSettings::IniFormat);
    const gr::aws::Expected<QList<AlertRule>> read = AlertEngine::loadRules(settings);
    QVERIFY(!read);
    QCOMPARE(read.error().kind, gr::aws::AwsError::Kind::Configuration);
    const QString error = read.message();
    QVERIFY2(error.contains(QLatin1String("alerts/rules/3/kind")) &&
                 error.contains(QLatin1String("Sunspots")),
             qPrintable(error));
}

// Alert texts name a stage as the user knows it when the engine is told how, and carry the
// error code for those who count codes (the live wall's tiles).
void TestAlertRules::textsNameStagesAndCarryCodes()
{
    auto *e = engine(AlertEngine::defaultRules(), this);
    e->setStageNames(
        [](const QString &arn) { return arn == kStage ? QStringLiteral("town-hall") : QString(); });
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p1"),
                    QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"), 1000);
    e->observeEvent(kOther, QStringLiteral("s2"), QStringLiteral("p2"),
                    QStringLiteral("DISCONNECTED"), QStringLiteral("INTERNAL_SERVER_EXCEPTION"),
                    2000);
    e->observeRecording(kStage, QStringLiteral("s1"), QStringLiteral("p1"),
                        QStringLiteral("FAILED"), 3000);
    QCOMPARE(e->alerts().size(), 3);
    QVERIFY2(e->alerts().at(0).text.contains(QLatin1String("(stage town-hall)")),
             qPrintable(e->alerts().at(0).text));
    QVERIFY(!e->alerts().at(0).text.contains(QLatin1String("abcdEFGH1234")));
    QCOMPARE(e->alerts().at(0).errorCode, QStringLiteral("PUBLISHER_NOT_FOUND"));
    // A stage it cannot name: its id.
    QVERIFY(e->alerts().at(1).text.contains(QLatin1String("zzzzEFGH1234")));
    QCOMPARE(e->alerts().at(1).errorCode, QStringLiteral("INTERNAL_SERVER_EXCEPTION"));
    QCOMPARE(e->alerts().at(2).errorCode, QString());
    QCOMPARE(e->stageLabel(kStage), QStringLiteral("town-hall"));
}

// The walkthrough read "pBq3xYz9AbCd" where the console knew the participant as alice: with the
// user ids the monitor listed, every participant alert says "alice (pBq3…)" and carries the user
// id, and keeps the full participant id for the jump; one it does not know stays by id.
void TestAlertRules::participantsNamedByUserId()
{
    QList<AlertRule> rules = AlertEngine::defaultRules();
    for (AlertRule &r : rules)
        if (r.kind == AlertRule::Kind::PacketLossAbove)
            r.forSeconds = 0;
    auto *e = engine(rules, this);
    const QString alice = QStringLiteral("pBq3xYz9AbCd");
    e->setParticipantNames([&](const QString &stage, const QString &participant) {
        return stage == kStage && participant == alice ? QStringLiteral("alice") : QString();
    });
    e->observeEvent(kStage, QStringLiteral("s1"), alice, QStringLiteral("PUBLISH_ERROR"),
                    QStringLiteral("BITRATE_EXCEEDED"), 1000);
    e->observeEvent(kStage, QStringLiteral("s1"), alice, QStringLiteral("DISCONNECTED"),
                    QStringLiteral("INTERNAL_SERVER_EXCEPTION"), 2000);
    e->observeRecording(kStage, QStringLiteral("s1"), alice, QStringLiteral("FAILED"), 3000);
    e->observeMetric(kStage, alice, QStringLiteral("DownloadPacketLoss"), 40, 4000,
                     QStringLiteral("s1"));
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("pUnknown1234"),
                    QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"), 5000);
    QCOMPARE(e->alerts().size(), 5);
    for (int i = 0; i < 4; ++i) {
        const Alert &a = e->alerts().at(i);
        QCOMPARE(a.userId, QStringLiteral("alice"));
        QCOMPARE(a.participantId, alice);
        QVERIFY2(a.text.contains(QStringLiteral("alice (pBq3…)")), qPrintable(a.text));
        QVERIFY2(!a.text.contains(alice), qPrintable(a.text));
    }
    QCOMPARE(e->alerts().at(4).userId, QString());
    QVERIFY(e->alerts().at(4).text.contains(QLatin1String("pUnknown1234")));
    QCOMPARE(AlertEngine::participantLabel(QString(), alice), alice);
}

// Each kind of alert carries what its jump-to and the dock read, each in its own member: an
// alert built member by member cannot have a value land in its neighbour (a session id in the
// resource ARN, a metric in the user id) when a member is added.
void TestAlertRules::everyKindFillsItsOwnFields()
{
    auto *e = engine({{K::ErrorEvent, true, 0, 0, {}},
                      {K::RecordingFailed, true, 0, 0, {}},
                      {K::CompositionFailed, true, 0, 0, {}},
                      {K::DestinationTrouble, true, 0, 0, {}},
                      {K::PublishersAtLeast, true, 3, 0, {}},
                      {K::PacketLossAbove, true, 5, 0, {}}},
                     this);
    const QString comp = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:composition/cmp1");
    e->observeEvent(kStage, QStringLiteral("s1"), QStringLiteral("p1"),
                    QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"), 1000);
    e->observeRecording(kStage, QStringLiteral("s1"), QStringLiteral("p2"),
                        QStringLiteral("FAILED"), 2000);
    e->observeComposition(comp, kStage, QStringLiteral("FAILED"),
                          {{QStringLiteral("d1"), QStringLiteral("RECONNECTING")}}, 3000);
    e->observePublishers(kStage, 3, 4000);
    e->observeMetric(kStage, QStringLiteral("p3"), QStringLiteral("DownloadPacketLoss"), 9.0, 5000,
                     QStringLiteral("s1"));
    const QList<Alert> &alerts = e->alerts();
    QCOMPARE(alerts.size(), 6);
    struct Expected {
        int rule;
        qint64 ms;
        QString session, participant, resource, metric, code;
    };
    const QList<Expected> expected{
        {0,
         1000,
         QStringLiteral("s1"),
         QStringLiteral("p1"),
         {},
         {},
         QStringLiteral("BITRATE_EXCEEDED")},
        {1, 2000, QStringLiteral("s1"), QStringLiteral("p2"), {}, {}, {}},
        {2, 3000, {}, {}, comp, {}, {}},
        {3, 3000, {}, {}, comp, {}, {}},
        {4, 4000, {}, {}, {}, {}, {}},
        {5,
         5000,
         QStringLiteral("s1"),
         QStringLiteral("p3"),
         {},
         QStringLiteral("DownloadPacketLoss"),
         {}},
    };
    for (int i = 0; i < alerts.size(); ++i) {
        const Alert &a = alerts.at(i);
        const Expected &x = expected.at(i);
        const QByteArray at = "alert " + QByteArray::number(i);
        QVERIFY2(a.ruleIndex == x.rule, at);
        QVERIFY2(a.firstMs == x.ms && a.lastMs == x.ms && a.count == 1, at);
        QVERIFY2(a.stageArn == kStage, at);
        QVERIFY2(a.sessionId == x.session, at);
        QVERIFY2(a.participantId == x.participant, at);
        QVERIFY2(a.resourceArn == x.resource, at);
        QVERIFY2(a.metric == x.metric, at);
        QVERIFY2(a.errorCode == x.code, at);
        QVERIFY2(a.userId.isEmpty(), at); // no names given to this engine
        QVERIFY2(!a.title.isEmpty() && !a.text.isEmpty() && a.text != a.title, at);
        QVERIFY2(a.rule == e->rules().at(x.rule).describe(), at);
    }
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
