#include "models/budgets.h"

#include "aws/requestpacer.h"
#include "cloudwatch/operations.h"
#include "ivs/quotas.h"
#include "models/ratebudget.h"

#include <QPointer>

namespace gr::models::budgets
{

void applyRates(RateBudget *budget)
{
    budget->setRate(ivsReads(), ivs::quotaRate(ivs::Quota::GetList));
    budget->setRate(metricData(), cloudwatch::defaultRate(cloudwatch::Operation::GetMetricData));
}

void watchPacer(RateBudget *budget, aws::RequestPacer *ivsPacer)
{
    QPointer<aws::RequestPacer> pacer(ivsPacer);
    budget->setBacklog(ivsReads(), [pacer] { return pacer ? pacer->queued() : 0; });
}

} // namespace gr::models::budgets
