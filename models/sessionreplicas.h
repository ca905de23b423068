// Participant replication: the list of a participant's replicas (ListParticipantReplicas) for
// a ResourceListModel, and "Go to source" from a replica participant (where it is replicated
// from: the source stage, session and the same participant id).
#pragma once

#include "models/resourcelistmodel.h"

#include "ivs/shapes.h"

#include <optional>

namespace sessionreplicas
{

// Rows keyed by destination session: one replica per destination session.
gr::models::ListSpec participantReplicasSpec(const QString &sourceStageArn,
                                             const QString &participantId);

struct Source {
    QString stageArn;
    QString sessionId;
    QString participantId;
};
// The source of a replica participant; nothing for a participant that is not a replica.
std::optional<Source> sourceOf(const gr::ivs::ParticipantSummary &participant);
std::optional<Source> sourceOf(const QJsonObject &participantRow);

} // namespace sessionreplicas
