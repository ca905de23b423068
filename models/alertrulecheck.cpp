#include "models/alertrulecheck.h"

#include <QRegularExpression>

namespace gr::models
{

using Kind = AlertRule::Kind;

bool ruleUsesThreshold(Kind kind)
{
    return kind == Kind::PublishersAtLeast || kind == Kind::PacketLossAbove ||
           kind == Kind::BitrateBelow;
}

bool ruleUsesSeconds(Kind kind)
{
    return kind == Kind::PacketLossAbove || kind == Kind::BitrateBelow;
}

AlertRuleProblem checkAlertRule(const AlertRule &rule)
{
    using Field = AlertRuleProblem::Field;
    switch (rule.kind) {
    case Kind::PublishersAtLeast:
        if (rule.threshold < 1)
            return {Field::Threshold,
                    QObject::tr("At least 1 publisher: with 0 every stage would alert.")};
        break;
    case Kind::PacketLossAbove:
        if (rule.threshold <= 0 || rule.threshold > 100)
            return {Field::Threshold,
                    QObject::tr("Packet loss is a percentage above 0 and at most 100 %.")};
        break;
    case Kind::BitrateBelow:
        if (rule.threshold <= 0)
            return {Field::Threshold,
                    QObject::tr("A bit rate above 0 kb/s: nothing is ever below 0.")};
        break;
    default:
        break;
    }
    if (ruleUsesSeconds(rule.kind) && (rule.forSeconds < 0 || rule.forSeconds > 86400))
        return {Field::Seconds, QObject::tr("From 0 to 86400 seconds (a day).")};
    static const QRegularExpression stageArn(
        QStringLiteral("^arn:aws[a-z-]*:ivs:[a-z0-9-]+:[0-9]{12}:stage/[A-Za-z0-9]+$"));
    if (!rule.stageArn.isEmpty() && !stageArn.match(rule.stageArn).hasMatch())
        return {Field::Stage,
                QObject::tr("Not a stage ARN: choose a stage, Every stage, or type an ARN such "
                            "as arn:aws:ivs:us-east-1:123456789012:stage/AbCdEf123456.")};
    return {};
}

} // namespace gr::models
