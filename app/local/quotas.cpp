#include "local/quotas.h"

namespace gr::local
{

int callRateQuota(ivs::Operation operation)
{
    // "API Call Rate Quotas" of the Amazon IVS Real-Time Streaming User Guide, Service Quotas
    // (https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/service-quotas.html, read
    // 2026-11-25): each operation has its own rate; they are not adjustable.
    using Op = ivs::Operation;
    switch (operation) {
    case Op::CreateParticipantToken:
        return 50;
    case Op::TagResource:
    case Op::UntagResource:
    case Op::ListTagsForResource:
        return 10;
    case Op::ImportPublicKey:
    case Op::GetPublicKey:
    case Op::ListPublicKeys:
    case Op::DeletePublicKey:
        return 3;
    // Compositions, ingest, encoder and storage configurations, and the other stage
    // operations: 5 TPS each. The page does not list the participant-replication operations
    // (StartParticipantReplication, StopParticipantReplication, ListParticipantReplicas); they
    // are stage operations and get the stage operations' 5 TPS.
    default:
        return 5;
    }
}

} // namespace gr::local
