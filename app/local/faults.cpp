#include "local/faults.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>

namespace gr::local
{

namespace
{

double either(double a, double b)
{
    return 1.0 - (1.0 - a) * (1.0 - b);
}

FaultRule combined(const FaultRule &a, const FaultRule &b)
{
    FaultRule r;
    r.p429 = either(a.p429, b.p429);
    r.p500 = either(a.p500, b.p500);
    r.p503 = either(a.p503, b.p503);
    r.drop = either(a.drop, b.drop);
    r.truncate = either(a.truncate, b.truncate);
    r.malformed = either(a.malformed, b.malformed);
    r.latencyMs = a.latencyMs + b.latencyMs;
    return r;
}

} // namespace

aws::Expected<void> FaultTable::parse(const QString &spec)
{
    QHash<QString, FaultRule> rules;
    const QStringList parts =
        spec.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QStringList fields = part.trimmed().split(QLatin1Char(':'));
        const QString operation = fields.first().trimmed();
        if (operation.isEmpty() || fields.size() < 2) {
            return aws::failure(
                aws::AwsError::Kind::Invalid,
                QStringLiteral("fault rule '%1' must look like Operation:key=value[:key=value]")
                    .arg(part.trimmed()));
        }
        FaultRule rule;
        for (qsizetype i = 1; i < fields.size(); ++i) {
            const QString key = fields[i].section(QLatin1Char('='), 0, 0).trimmed();
            const QString text = fields[i].section(QLatin1Char('='), 1).trimmed();
            bool ok = false;
            const double value = text.toDouble(&ok);
            const bool isLatency = key == QLatin1String("latency");
            if (!ok || value < 0 || (!isLatency && value > 1)) {
                return aws::failure(aws::AwsError::Kind::Invalid,
                                    QStringLiteral("fault rule '%1': '%2' needs %3")
                                        .arg(part.trimmed(), fields[i],
                                             isLatency
                                                 ? QStringLiteral("milliseconds >= 0")
                                                 : QStringLiteral("a probability from 0 to 1")));
            }
            if (key == QLatin1String("429"))
                rule.p429 = value;
            else if (key == QLatin1String("500"))
                rule.p500 = value;
            else if (key == QLatin1String("503"))
                rule.p503 = value;
            else if (key == QLatin1String("drop"))
                rule.drop = value;
            else if (key == QLatin1String("truncate"))
                rule.truncate = value;
            else if (key == QLatin1String("malformed"))
                rule.malformed = value;
            else if (isLatency)
                rule.latencyMs = int(value);
            else {
                return aws::failure(
                    aws::AwsError::Kind::Invalid,
                    QStringLiteral("fault rule '%1': unknown key '%2' (use 429, 500, 503, "
                                   "latency, drop, truncate, malformed)")
                        .arg(part.trimmed(), key));
            }
        }
        rules.insert(operation, combined(rules.value(operation), rule));
    }
    m_rules = rules;
    m_spec = spec;
    return {};
}

FaultRule FaultTable::effective(const QString &operation) const
{
    FaultRule rule = m_rules.value(QStringLiteral("*"));
    if (operation != QLatin1String("*"))
        rule = combined(rule, m_rules.value(operation));
    return rule;
}

QJsonArray FaultTable::rules() const
{
    QStringList operations = m_rules.keys();
    operations.sort();
    QJsonArray out;
    for (const QString &operation : operations) {
        const FaultRule r = effective(operation);
        QJsonObject o{{QStringLiteral("operation"), operation}};
        const std::pair<const char *, double> chances[] = {
            {"429", r.p429},  {"500", r.p500},          {"503", r.p503},
            {"drop", r.drop}, {"truncate", r.truncate}, {"malformed", r.malformed}};
        for (const auto &[key, p] : chances) {
            if (p > 0)
                o.insert(QLatin1String(key), p);
        }
        if (r.latencyMs > 0)
            o.insert(QStringLiteral("latency"), r.latencyMs);
        out.append(o);
    }
    return out;
}

FaultAction FaultTable::roll(const QString &operation) const
{
    FaultAction action;
    if (m_rules.isEmpty())
        return action;
    const FaultRule rule = effective(operation);
    auto *rng = QRandomGenerator::global();
    auto hit = [rng](double p) { return p > 0 && rng->generateDouble() < p; };
    action.latencyMs = rule.latencyMs;
    // One status at most; each was given its own chance, so draw them in turn.
    if (hit(rule.p429))
        action.status = 429;
    else if (hit(rule.p500))
        action.status = 500;
    else if (hit(rule.p503))
        action.status = 503;
    action.drop = hit(rule.drop);
    action.truncate = hit(rule.truncate);
    action.malformed = hit(rule.malformed);
    return action;
}

} // namespace gr::local
