// An alert rule's problems, named with the member they are about: each kind's threshold, the
// seconds, the stage scope; the defaults are all right.

#include "models/alertrulecheck.h"

#include <QTest>

using namespace gr::models;
using Field = AlertRuleProblem::Field;
using Kind = AlertRule::Kind;

class TestAlertRuleCheck : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreRight()
    {
        for (const AlertRule &rule : AlertEngine::defaultRules())
            QVERIFY2(!checkAlertRule(rule).isProblem(), qPrintable(rule.describe()));
    }

    void problems_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("field");
        const QString arn = QStringLiteral("arn:aws:ivs:eu-west-1:123456789012:stage/AbC123");
        QTest::newRow("0 publishers")
            << int(Kind::PublishersAtLeast) << 0.0 << 0 << QString() << int(Field::Threshold);
        QTest::newRow("1 publisher")
            << int(Kind::PublishersAtLeast) << 1.0 << 0 << QString() << int(Field::None);
        QTest::newRow("0 % loss") << int(Kind::PacketLossAbove) << 0.0 << 10 << QString()
                                  << int(Field::Threshold);
        QTest::newRow("101 % loss")
            << int(Kind::PacketLossAbove) << 101.0 << 10 << QString() << int(Field::Threshold);
        QTest::newRow("100 % loss")
            << int(Kind::PacketLossAbove) << 100.0 << 10 << QString() << int(Field::None);
        QTest::newRow("0 b/s") << int(Kind::BitrateBelow) << 0.0 << 10 << QString()
                               << int(Field::Threshold);
        QTest::newRow("two days") << int(Kind::BitrateBelow) << 1000.0 << 172800 << QString()
                                  << int(Field::Seconds);
        QTest::newRow("seconds unused")
            << int(Kind::ErrorEvent) << 0.0 << 172800 << QString() << int(Field::None);
        QTest::newRow("stage ARN") << int(Kind::ErrorEvent) << 0.0 << 0 << arn << int(Field::None);
        QTest::newRow("stage name")
            << int(Kind::ErrorEvent) << 0.0 << 0 << QStringLiteral("show-1") << int(Field::Stage);
        QTest::newRow("channel ARN")
            << int(Kind::ErrorEvent) << 0.0 << 0
            << QStringLiteral("arn:aws:ivs:eu-west-1:123456789012:channel/AbC123")
            << int(Field::Stage);
    }
    void problems()
    {
        QFETCH(int, kind);
        QFETCH(double, threshold);
        QFETCH(int, seconds);
        QFETCH(QString, stage);
        QFETCH(int, field);
        AlertRule rule;
        rule.kind = Kind(kind);
        rule.threshold = threshold;
        rule.forSeconds = seconds;
        rule.stageArn = stage;
        const AlertRuleProblem problem = checkAlertRule(rule);
        QCOMPARE(int(problem.field), field);
        QCOMPARE(problem.text.isEmpty(), field == int(Field::None));
    }

    void whichMembersAKindUses()
    {
        QVERIFY(ruleUsesThreshold(Kind::PublishersAtLeast));
        QVERIFY(!ruleUsesSeconds(Kind::PublishersAtLeast));
        QVERIFY(ruleUsesThreshold(Kind::PacketLossAbove) && ruleUsesSeconds(Kind::PacketLossAbove));
        QVERIFY(ruleUsesThreshold(Kind::BitrateBelow) && ruleUsesSeconds(Kind::BitrateBelow));
        QVERIFY(!ruleUsesThreshold(Kind::ErrorEvent) && !ruleUsesSeconds(Kind::ErrorEvent));
    }
};

QTEST_MAIN(TestAlertRuleCheck)
#include "tst_alertrulecheck.moc"
