#include "models/listspecs.h"

#include "models/participantdetails.h"
#include "models/sessionerrors.h"

namespace gr::models
{

using ivs::Operation;

ListSpec stagesSpec()
{
    ListSpec s;
    s.operation = Operation::ListStages;
    s.columns = {{QObject::tr("Name"), QStringLiteral("name")},
                 {QObject::tr("Active session"), QStringLiteral("activeSessionId")},
                 {QObject::tr("ARN"), QStringLiteral("arn")},
                 {QObject::tr("Tags"), QStringLiteral("tags"), Format::Pairs}};
    return s;
}

ListSpec stageSessionsSpec(const QString &stageArn)
{
    ListSpec s;
    s.operation = Operation::ListStageSessions;
    s.keyField = QStringLiteral("sessionId");
    s.input = {{QStringLiteral("stageArn"), stageArn}};
    s.stateField = QStringLiteral("state");
    s.columns = {{QObject::tr("Session"), QStringLiteral("sessionId")},
                 {QObject::tr("Started"), QStringLiteral("startTime"), Format::Time},
                 {QObject::tr("Ended"), QStringLiteral("endTime"), Format::Time},
                 {QObject::tr("State"), QStringLiteral("state")}};
    // The service gives no state: a session without an end is the active one.
    s.derive = [](QJsonObject &row) {
        row.insert(QStringLiteral("state"), row.contains(QLatin1String("endTime"))
                                                ? QStringLiteral("ENDED")
                                                : QStringLiteral("ACTIVE"));
    };
    return s;
}

ListSpec participantsSpec(const QString &stageArn, const QString &sessionId,
                          const ParticipantFilters &filters)
{
    ListSpec s;
    s.operation = Operation::ListParticipants;
    s.keyField = QStringLiteral("participantId");
    s.stateField = QStringLiteral("state");
    s.input = {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("sessionId"), sessionId}};
    const QString kDetails = QLatin1String(ParticipantDetails::kChannel);
    s.columns = {{QObject::tr("Participant"), QStringLiteral("participantId")},
                 {QObject::tr("User"), QStringLiteral("userId")},
                 {QObject::tr("State"), QStringLiteral("state")},
                 // The session's *_ERROR events of each, once the session page has loaded them.
                 {QObject::tr("Errors"), QStringLiteral("count"), Format::Text,
                  QLatin1String(SessionErrors::kChannel), QStringLiteral("codes"), true},
                 {QObject::tr("Published"), QStringLiteral("published"), Format::Bool},
                 {QObject::tr("Recording"), QStringLiteral("recordingState")},
                 {QObject::tr("Replication"), QStringLiteral("replicationType")},
                 {QObject::tr("First joined"), QStringLiteral("firstJoinTime"), Format::Time},
                 // ListParticipants lacks these; GetParticipant fills them for visible rows.
                 {QObject::tr("Browser"), QStringLiteral("browser"), Format::Text, kDetails},
                 {QObject::tr("OS"), QStringLiteral("os"), Format::Text, kDetails},
                 {QObject::tr("SDK"), QStringLiteral("sdkVersion"), Format::Text, kDetails},
                 {QObject::tr("ISP"), QStringLiteral("ispName"), Format::Text, kDetails},
                 {QObject::tr("Protocol"), QStringLiteral("protocol"), Format::Text, kDetails}};

    // The first filter goes to the service; the rest are checked here.
    QStringList local;
    std::vector<std::function<bool(const QJsonObject &)>> checks;
    bool serverUsed = false;
    auto use = [&](const QString &member, const QJsonValue &value, const QString &label,
                   std::function<bool(const QJsonObject &)> check) {
        if (!serverUsed) {
            s.input.insert(member, value);
            serverUsed = true;
        } else {
            local << label;
            checks.push_back(std::move(check));
        }
    };
    if (!filters.userId.isEmpty())
        use(QStringLiteral("filterByUserId"), filters.userId, QObject::tr("user"),
            [u = filters.userId](const QJsonObject &r) {
                return r.value(QLatin1String("userId")).toString() == u;
            });
    if (filters.published)
        use(QStringLiteral("filterByPublished"), *filters.published, QObject::tr("published"),
            [p = *filters.published](const QJsonObject &r) {
                return r.value(QLatin1String("published")).toBool() == p;
            });
    if (!filters.state.isEmpty())
        use(QStringLiteral("filterByState"), filters.state, QObject::tr("state"),
            [st = filters.state](const QJsonObject &r) {
                return r.value(QLatin1String("state")).toString() == st;
            });
    if (!filters.recordingState.isEmpty()) {
        auto check = [rs = filters.recordingState](const QJsonObject &r) {
            return r.value(QLatin1String("recordingState")).toString() == rs;
        };
        // The service's filter takes five of the six recording states: DISABLED (a stage
        // without auto-recording) is filtered here whatever else is set.
        if (filters.recordingState == QLatin1String("DISABLED")) {
            local << QObject::tr("recording");
            checks.push_back(check);
        } else {
            use(QStringLiteral("filterByRecordingState"), filters.recordingState,
                QObject::tr("recording"), check);
        }
    }
    if (!checks.empty()) {
        s.clientFilter = [checks](const QJsonObject &row) {
            return std::all_of(checks.begin(), checks.end(), [&](const auto &c) { return c(row); });
        };
        s.clientFilterDescription =
            QObject::tr("also filtered here by %1").arg(local.join(QStringLiteral(", ")));
    }
    return s;
}

ListSpec participantEventsSpec(const QString &stageArn, const QString &sessionId,
                               const QString &participantId)
{
    ListSpec s;
    s.operation = Operation::ListParticipantEvents;
    s.keyField.clear(); // events have no id of their own
    s.errorField = QStringLiteral("errorCode");
    s.input = {{QStringLiteral("stageArn"), stageArn},
               {QStringLiteral("sessionId"), sessionId},
               {QStringLiteral("participantId"), participantId}};
    s.columns = {{QObject::tr("Time"), QStringLiteral("eventTime"), Format::Time},
                 {QObject::tr("Event"), QStringLiteral("name")},
                 {QObject::tr("Remote participant"), QStringLiteral("remoteParticipantId")},
                 {QObject::tr("Error"), QStringLiteral("errorCode")},
                 {QObject::tr("Replica"), QStringLiteral("replica"), Format::Bool},
                 {QObject::tr("Destination stage"), QStringLiteral("destinationStageArn")},
                 {QObject::tr("Destination session"), QStringLiteral("destinationSessionId")},
                 {QObject::tr("Token before"), QStringLiteral("previousToken"), Format::Token},
                 {QObject::tr("Token after"), QStringLiteral("newToken"), Format::Token}};
    return s;
}

ListSpec compositionsSpec(const QString &stageArn, const QString &encoderConfigurationArn)
{
    ListSpec s;
    s.operation = Operation::ListCompositions;
    s.stateField = QStringLiteral("state");
    s.keepVanished = true;
    if (!stageArn.isEmpty())
        s.input.insert(QStringLiteral("filterByStageArn"), stageArn);
    if (!encoderConfigurationArn.isEmpty())
        s.input.insert(QStringLiteral("filterByEncoderConfigurationArn"), encoderConfigurationArn);
    s.columns = {{QObject::tr("State"), QStringLiteral("state")},
                 {QObject::tr("Stage"), QStringLiteral("stageArn")},
                 {QObject::tr("Started"), QStringLiteral("startTime"), Format::Time},
                 {QObject::tr("Ended"), QStringLiteral("endTime"), Format::Time},
                 {QObject::tr("Destinations"), QStringLiteral("destinations"), Format::Count},
                 {QObject::tr("ARN"), QStringLiteral("arn")}};
    return s;
}

ListSpec encoderConfigurationsSpec()
{
    ListSpec s;
    s.operation = Operation::ListEncoderConfigurations;
    s.columns = {{QObject::tr("Name"), QStringLiteral("name")},
                 {QObject::tr("ARN"), QStringLiteral("arn")},
                 {QObject::tr("Tags"), QStringLiteral("tags"), Format::Pairs}};
    return s;
}

ListSpec storageConfigurationsSpec()
{
    ListSpec s;
    s.operation = Operation::ListStorageConfigurations;
    s.columns = {{QObject::tr("Name"), QStringLiteral("name")},
                 {QObject::tr("S3 bucket"), QStringLiteral("s3.bucketName")},
                 {QObject::tr("ARN"), QStringLiteral("arn")},
                 {QObject::tr("Tags"), QStringLiteral("tags"), Format::Pairs}};
    return s;
}

ListSpec publicKeysSpec()
{
    ListSpec s;
    s.operation = Operation::ListPublicKeys;
    s.pageSize = 100;
    s.columns = {{QObject::tr("Name"), QStringLiteral("name")},
                 {QObject::tr("ARN"), QStringLiteral("arn")},
                 {QObject::tr("Tags"), QStringLiteral("tags"), Format::Pairs}};
    return s;
}

ListSpec ingestConfigurationsSpec(const QString &stageArn, const QString &state)
{
    ListSpec s;
    s.operation = Operation::ListIngestConfigurations;
    s.stateField = QStringLiteral("state");
    if (!stageArn.isEmpty())
        s.input.insert(QStringLiteral("filterByStageArn"), stageArn);
    if (!state.isEmpty())
        s.input.insert(QStringLiteral("filterByState"), state);
    s.columns = {{QObject::tr("Name"), QStringLiteral("name")},
                 {QObject::tr("State"), QStringLiteral("state")},
                 {QObject::tr("Protocol"), QStringLiteral("ingestProtocol")},
                 {QObject::tr("Stage"), QStringLiteral("stageArn")},
                 {QObject::tr("Participant"), QStringLiteral("participantId")},
                 {QObject::tr("ARN"), QStringLiteral("arn")}};
    return s;
}

} // namespace gr::models
