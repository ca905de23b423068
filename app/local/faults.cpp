#include "local/faults.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>

namespace gr::local
{

bool FaultTable::parse(const QString &spec, QString *error)
{
    QHash<QString, FaultRule> rules;
    const QStringList parts =
        spec.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QStringList fields = part.trimmed().split(QLatin1Char(':'));
        const QString operation = fields.first().trimmed();
        if (operation.isEmpty() || fields.size() < 2) {
            *error =
                QStringLiteral("fault rule '%1' must look like Operation:key=value[:key=value]")
                    .arg(part.trimmed());
            return false;
        }
        FaultRule rule;
        for (qsizetype i = 1; i < fields.size(); ++i) {
            const QString key = fields[i].section(QLatin1Char('='), 0, 0).trimmed();
            const QString text = fields[i].section(QLatin1Char('='), 1).trimmed();
            bool ok = false;
            const double value = text.toDouble(&ok);
            const bool isLatency = key == QLatin1String("latency");
            if (!ok || value < 0 || (!isLatency && value > 1)) {
                *error = QStringLiteral("fault rule '%1': '%2' needs %3")
                             .arg(part.trimmed(), fields[i],
                                  isLatency ? QStringLiteral("milliseconds >= 0")
                                            : QStringLiteral("a probability from 0 to 1"));
                return false;
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
                *error = QStringLiteral("fault rule '%1': unknown key '%2' (use 429, 500, 503, "
                                        "latency, drop, truncate, malformed)")
                             .arg(part.trimmed(), key);
                return false;
            }
        }
        rules.insert(operation, rule);
    }
    m_rules = rules;
    m_spec = spec;
    return true;
}

FaultAction FaultTable::roll(const QString &operation) const
{
    FaultAction action;
    auto it = m_rules.constFind(operation);
    if (it == m_rules.constEnd())
        it = m_rules.constFind(QStringLiteral("*"));
    if (it == m_rules.constEnd())
        return action;
    auto *rng = QRandomGenerator::global();
    auto hit = [rng](double p) { return p > 0 && rng->generateDouble() < p; };
    action.latencyMs = it->latencyMs;
    if (hit(it->p429))
        action.status = 429;
    else if (hit(it->p500))
        action.status = 500;
    else if (hit(it->p503))
        action.status = 503;
    action.drop = hit(it->drop);
    action.truncate = hit(it->truncate);
    action.malformed = hit(it->malformed);
    return action;
}

} // namespace gr::local
