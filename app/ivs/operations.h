#pragma once
// The 39 operations of IVS Real-Time (model ivs-realtime-2020-07-14) and their HTTP bindings.

#include "aws/awsclient.h"
#include "ivs/quotas.h"

#include <optional>
#include <QJsonObject>

namespace gr::ivs
{

enum class Operation {
    CreateEncoderConfiguration,
    CreateIngestConfiguration,
    CreateParticipantToken,
    CreateStage,
    CreateStorageConfiguration,
    DeleteEncoderConfiguration,
    DeleteIngestConfiguration,
    DeletePublicKey,
    DeleteStage,
    DeleteStorageConfiguration,
    DisconnectParticipant,
    GetComposition,
    GetEncoderConfiguration,
    GetIngestConfiguration,
    GetParticipant,
    GetPublicKey,
    GetStage,
    GetStageSession,
    GetStorageConfiguration,
    ImportPublicKey,
    ListCompositions,
    ListEncoderConfigurations,
    ListIngestConfigurations,
    ListParticipantEvents,
    ListParticipantReplicas,
    ListParticipants,
    ListPublicKeys,
    ListStageSessions,
    ListStages,
    ListStorageConfigurations,
    ListTagsForResource,
    StartComposition,
    StartParticipantReplication,
    StopComposition,
    StopParticipantReplication,
    TagResource,
    UntagResource,
    UpdateIngestConfiguration,
    UpdateStage
};

constexpr int kOperationCount = 39;

struct OperationInfo {
    const char *name;
    const char *method;
    const char *uri;       // request URI template, e.g. /tags/{resourceArn}
    Quota pace;            // the quota lane it waits in
    bool retrySafe;        // sending twice cannot do the work twice
    const char *resultKey; // list member of a paginated output; empty if not paginated
};

const OperationInfo &operationInfo(Operation operation);
std::optional<Operation> operationByName(QStringView name);

// restJson1: members bound to URI labels go in the path (percent-encoded as one segment),
// query-bound members in the query string (lists repeat the key), the rest in a JSON body.
// Bodiless methods (GET, DELETE) send no body and no Content-Type, as the SDKs do.
aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input);

} // namespace gr::ivs
