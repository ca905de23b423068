#pragma once
// The budgets of a connection's RateBudget, by name, with their rates from each service's own
// quota table (app/ivs/quotas, app/cloudwatch/operations): one source of truth for both the
// client's pacer and the scheduler.

#include <QString>

namespace gr::aws
{
class RequestPacer;
}

namespace gr::models
{

class RateBudget;

namespace budgets
{
// IVS Get* and List*: the reads every view polls (5 TPS).
inline QString ivsReads()
{
    return QStringLiteral("ivs.getlist");
}
// CloudWatch GetMetricData: the charts (50 TPS, a quota of its own).
inline QString metricData()
{
    return QStringLiteral("cloudwatch.getmetricdata");
}
// Sets every budget's rate from the quota tables.
void applyRates(RateBudget *budget);
// The IVS reads wait while the IVS client's pacer has requests queued (sent outside the
// budget): a user's click goes first and polling does not pile up behind it.
void watchPacer(RateBudget *budget, aws::RequestPacer *ivsPacer);
} // namespace budgets

} // namespace gr::models
