#pragma once
// What an alert rule needs to be right, for whoever edits rules: which of threshold and
// seconds its kind uses, and its first problem in plain words with the member it is about
// (a publisher count of 0, packet loss outside 0–100 %, a bit rate of 0, seconds beyond a
// day, a stage scope that is not a stage ARN). QtCore only.

#include "models/alertrules.h"

namespace gr::models
{

struct AlertRuleProblem {
    enum class Field { None, Threshold, Seconds, Stage };
    Field field = Field::None;
    QString text;
    bool isProblem() const { return field != Field::None; }
};

bool ruleUsesThreshold(AlertRule::Kind kind);
bool ruleUsesSeconds(AlertRule::Kind kind);
AlertRuleProblem checkAlertRule(const AlertRule &rule);

} // namespace gr::models
