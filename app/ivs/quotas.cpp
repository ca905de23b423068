#include "ivs/quotas.h"

namespace gr::ivs
{

int quotaRate(Quota quota)
{
    // https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/service-quotas.html
    switch (quota) {
    case Quota::ParticipantToken:
        return 50;
    case Quota::Tags:
        return 10;
    case Quota::PublicKeys:
        return 3;
    case Quota::GetList:
    case Quota::Other:
    case Quota::Count:
        break;
    }
    return 5;
}

void applyQuotas(aws::RequestPacer *pacer)
{
    static_assert(int(Quota::Count) <= aws::kMaxPaceLanes);
    for (int lane = 0; lane < int(Quota::Count); ++lane)
        pacer->setRate(lane, quotaRate(Quota(lane)));
}

} // namespace gr::ivs
