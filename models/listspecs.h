#pragma once
// The lists of the console: which operation, which key, which columns.

#include "models/resourcelistmodel.h"

#include <optional>

namespace gr::models
{

ListSpec stagesSpec();
ListSpec stageSessionsSpec(const QString &stageArn);
ListSpec participantEventsSpec(const QString &stageArn, const QString &sessionId,
                               const QString &participantId);
ListSpec compositionsSpec(const QString &stageArn = {},
                          const QString &encoderConfigurationArn = {});
ListSpec encoderConfigurationsSpec();
ListSpec storageConfigurationsSpec();
ListSpec publicKeysSpec();
ListSpec ingestConfigurationsSpec(const QString &stageArn = {}, const QString &state = {});

// ListParticipants takes one filter per request: the first set one (in this order) goes to the
// service, the others are applied here, and the spec says so.
struct ParticipantFilters {
    QString userId;
    std::optional<bool> published;
    QString state;          // CONNECTED | DISCONNECTED
    QString recordingState; // STARTING | ACTIVE | STOPPING | STOPPED | FAILED
};
ListSpec participantsSpec(const QString &stageArn, const QString &sessionId,
                          const ParticipantFilters &filters = {});

} // namespace gr::models
