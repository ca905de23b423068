#pragma once
// The client's side of IVS Real-Time's API call rate quotas: which lane of the pipeline's pacer
// each operation waits in, and each lane's rate. The service's own table is the emulator's
// (app/local/quotas.h); tests/local/quotas checks that no operation is sent faster than the
// service accepts it.

#include "aws/requestpacer.h"
#include "ivs/operationtable.h"

namespace gr::aws
{
class RequestPacer;
}

namespace gr::ivs
{

// One lane per quota the console keeps to. Reads share one lane (the views' polling must not
// starve each other's quota), which is stricter than the per-operation quotas of the service.
enum class Quota : aws::PaceLane {
    GetList,          // Get* and List*: 5 TPS
    ParticipantToken, // CreateParticipantToken: 50 TPS
    Tags,             // TagResource, UntagResource, ListTagsForResource: 10 TPS
    PublicKeys,       // ImportPublicKey, GetPublicKey, ListPublicKeys, DeletePublicKey: 3 TPS
    Other,            // creates, updates, deletes, starts and stops: 5 TPS
    Count
};

// The lane an operation waits in (not in the AWS model: the user guide's quota table says it).
Quota quotaOf(Operation operation);
// Requests per second of a lane (the "API Call Rate Quotas" of the IVS Real-Time user guide's
// Service Quotas page; not adjustable).
int quotaRate(Quota quota);
// Sets every IVS lane's rate on a pacer.
void applyQuotas(aws::RequestPacer *pacer);

} // namespace gr::ivs
