#include "ivs/quotas.h"

namespace gr::ivs
{

Quota quotaOf(Operation operation)
{
    switch (operation) {
    case Operation::CreateParticipantToken:
        return Quota::ParticipantToken;
    case Operation::ListTagsForResource:
    case Operation::TagResource:
    case Operation::UntagResource:
        return Quota::Tags;
    case Operation::ImportPublicKey:
    case Operation::GetPublicKey:
    case Operation::ListPublicKeys:
    case Operation::DeletePublicKey:
        return Quota::PublicKeys;
    case Operation::GetComposition:
    case Operation::GetEncoderConfiguration:
    case Operation::GetIngestConfiguration:
    case Operation::GetParticipant:
    case Operation::GetStage:
    case Operation::GetStageSession:
    case Operation::GetStorageConfiguration:
    case Operation::ListCompositions:
    case Operation::ListEncoderConfigurations:
    case Operation::ListIngestConfigurations:
    case Operation::ListParticipantEvents:
    case Operation::ListParticipantReplicas:
    case Operation::ListParticipants:
    case Operation::ListStageSessions:
    case Operation::ListStages:
    case Operation::ListStorageConfigurations:
        return Quota::GetList;
    case Operation::CreateEncoderConfiguration:
    case Operation::CreateIngestConfiguration:
    case Operation::CreateStage:
    case Operation::CreateStorageConfiguration:
    case Operation::DeleteEncoderConfiguration:
    case Operation::DeleteIngestConfiguration:
    case Operation::DeleteStage:
    case Operation::DeleteStorageConfiguration:
    case Operation::DisconnectParticipant:
    case Operation::StartComposition:
    case Operation::StartParticipantReplication:
    case Operation::StopComposition:
    case Operation::StopParticipantReplication:
    case Operation::UpdateIngestConfiguration:
    case Operation::UpdateStage:
        break;
    }
    return Quota::Other;
}

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
