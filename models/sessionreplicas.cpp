#include "sessionreplicas.h"

namespace sessionreplicas
{

using gr::models::Format;

gr::models::ListSpec participantReplicasSpec(const QString &sourceStageArn,
                                             const QString &participantId)
{
    gr::models::ListSpec s;
    s.operation = gr::ivs::Operation::ListParticipantReplicas;
    s.keyField = QStringLiteral("destinationSessionId");
    s.stateField = QStringLiteral("replicationState");
    s.input = {{QStringLiteral("sourceStageArn"), sourceStageArn},
               {QStringLiteral("participantId"), participantId}};
    s.pageSize = 50; // the model's maximum for this operation
    s.columns = {{QObject::tr("State"), QStringLiteral("replicationState")},
                 {QObject::tr("Destination stage"), QStringLiteral("destinationStageArn")},
                 {QObject::tr("Destination session"), QStringLiteral("destinationSessionId")},
                 {QObject::tr("Source session"), QStringLiteral("sourceSessionId")}};
    return s;
}

std::optional<Source> sourceOf(const gr::ivs::ParticipantSummary &p)
{
    if (p.replicationType.value_or(QString()) != QLatin1String("REPLICA") || !p.sourceStageArn ||
        p.sourceStageArn->isEmpty())
        return std::nullopt;
    return Source{*p.sourceStageArn, p.sourceSessionId.value_or(QString()),
                  p.participantId.value_or(QString())};
}

std::optional<Source> sourceOf(const QJsonObject &row)
{
    gr::ivs::ParticipantSummary summary;
    if (!gr::ivs::decode(row, &summary))
        return std::nullopt;
    return sourceOf(summary);
}

} // namespace sessionreplicas
