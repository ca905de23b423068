#pragma once
// Fault injection for the local service: per operation (or * for all), the probability of a
// 429, 500 or 503 answer, added latency, a dropped connection, a truncated or malformed body.
// Spec: "ListStages:503=0.5:latency=200,*:drop=0.01" (rules separated by ',' or ';'). Every
// rule that names an operation applies to it, `*` rules included: probabilities of the same
// fault combine as independent chances (1 - (1-a)(1-b)), latencies add.

#include "aws/expected.h"

#include <QHash>
#include <QJsonArray>
#include <QString>

namespace gr::local
{

struct FaultRule {
    double p429 = 0, p500 = 0, p503 = 0, drop = 0, truncate = 0, malformed = 0;
    int latencyMs = 0;
};

struct FaultAction {
    int status = 0; // 429, 500 or 503 instead of the real answer
    int latencyMs = 0;
    bool drop = false;
    bool truncate = false;
    bool malformed = false;
};

class FaultTable
{
public:
    // Replaces the rules; on a bad spec an Invalid error naming the rule and what it needs,
    // and the rules in force are kept.
    aws::Expected<void> parse(const QString &spec);
    FaultAction roll(const QString &operation) const;
    bool isEmpty() const { return m_rules.isEmpty(); }
    QString spec() const { return m_spec; }
    // The rule in force for `operation` (its own rules and the `*` ones, combined).
    FaultRule effective(const QString &operation) const;
    // What is in force, one object per operation named (and `*`), combined as applied:
    // [{"operation": "ListStages", "503": 0.5, "latency": 200}, ...].
    QJsonArray rules() const;

private:
    QHash<QString, FaultRule> m_rules;
    QString m_spec;
};

} // namespace gr::local
