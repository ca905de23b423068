#include "models/resourcekinds.h"

#include "models/listspecs.h"

#include <QCoreApplication>

namespace gr::models
{

using ivs::Operation;

namespace
{

QString tr(const char *text)
{
    return QCoreApplication::translate("gr::models::ResourceKind", text);
}

bool connected(const QJsonObject &row)
{
    return row.value(QLatin1String("state")) == QLatin1String("CONNECTED");
}

// An entry from the parts every kind has: what it is called, how a row is keyed and named, its
// list and its Get (if any). The kinds inside a stage (sessions, participants, events) are
// little more than this.
ResourceKind entry(Kind kind, const QString &id, const QString &singular, const QString &plural,
                   const QString &keyField, const QString &nameField,
                   std::function<ListSpec(const Scope &)> list,
                   std::optional<Operation> get = std::nullopt, const QString &getOutput = {})
{
    ResourceKind k;
    k.kind = kind;
    k.id = id;
    k.singular = singular;
    k.plural = plural;
    k.keyField = keyField;
    k.nameField = nameField;
    k.list = std::move(list);
    k.get = get;
    k.getOutput = getOutput;
    return k;
}

// The common shape of an ARN-keyed resource the navigator lists: its list, Get, create and
// delete, and its tags.
ResourceKind named(Kind kind, const QString &id, const QString &singular, const QString &plural,
                   std::function<ListSpec(const Scope &)> list, Operation get,
                   const QString &getOutput, Operation create, Operation remove)
{
    ResourceKind k = entry(kind, id, singular, plural, QStringLiteral("arn"),
                           QStringLiteral("name"), std::move(list), get, getOutput);
    k.inNavigator = true;
    k.create = create;
    k.remove = remove;
    k.removeVerb = tr("Delete");
    k.taggable = true;
    return k;
}

std::vector<ResourceKind> buildKinds()
{
    std::vector<ResourceKind> kinds;

    ResourceKind stage = named(
        Kind::Stage, QStringLiteral("stages"), tr("Stage"), tr("Stages"),
        [](const Scope &) { return stagesSpec(); }, Operation::GetStage, QStringLiteral("stage"),
        Operation::CreateStage, Operation::DeleteStage);
    stage.update = Operation::UpdateStage;
    stage.purpose = tr("Virtual rooms where participants publish and subscribe in real time; a "
                       "stage with an active session is live.");
    stage.removeConsequence =
        tr("Everyone on it is disconnected and its participant tokens stop working.");
    stage.rowActions = {
        {tr("New participant token…"), QStringLiteral("CreateParticipantToken"), nullptr}};
    kinds.push_back(stage);

    kinds.push_back(entry(
        Kind::Session, QStringLiteral("sessions"), tr("Session"), tr("Sessions"),
        QStringLiteral("sessionId"), QStringLiteral("sessionId"),
        [](const Scope &s) { return stageSessionsSpec(s.stageArn); }, Operation::GetStageSession,
        QStringLiteral("stageSession")));

    ResourceKind participant = entry(
        Kind::Participant, QStringLiteral("participants"), tr("Participant"), tr("Participants"),
        QStringLiteral("participantId"), QStringLiteral("userId"),
        [](const Scope &s) { return participantsSpec(s.stageArn, s.sessionId); },
        Operation::GetParticipant, QStringLiteral("participant"));
    participant.remove = Operation::DisconnectParticipant;
    participant.removeVerb = tr("Disconnect");
    participant.removeConsequence = tr("Its participant token is revoked.");
    participant.removable = connected;
    participant.rowActions = {
        {tr("Replicate to another stage…"), QStringLiteral("StartParticipantReplication"),
         [](const QJsonObject &row) {
             return connected(row) &&
                    row.value(QLatin1String("replicationType")) != QLatin1String("REPLICA");
         }},
        {tr("Stop replication…"), QStringLiteral("StopParticipantReplication"),
         [](const QJsonObject &row) {
             return row.value(QLatin1String("replicationType")) == QLatin1String("REPLICA");
         }}};
    kinds.push_back(participant);

    // Events have no key of their own: a row is its place in the participant's list.
    kinds.push_back(entry(Kind::Event, QStringLiteral("events"), tr("Event"), tr("Events"),
                          QString(), QStringLiteral("name"), [](const Scope &s) {
                              return participantEventsSpec(s.stageArn, s.sessionId,
                                                           s.participantId);
                          }));

    ResourceKind composition = named(
        Kind::Composition, QStringLiteral("compositions"), tr("Composition"), tr("Compositions"),
        [](const Scope &s) { return compositionsSpec(s.stageArn); }, Operation::GetComposition,
        QStringLiteral("composition"), Operation::StartComposition, Operation::StopComposition);
    composition.removeVerb = tr("Stop");
    composition.purpose = tr("Server-side compositions: a stage mixed into one video and sent to "
                             "an IVS channel or recorded to S3.");
    composition.removeConsequence = tr("Its recordings and broadcasts end.");
    composition.removable = [](const QJsonObject &row) {
        const QString state = row.value(QLatin1String("state")).toString();
        return state == QLatin1String("STARTING") || state == QLatin1String("ACTIVE");
    };
    kinds.push_back(composition);

    ResourceKind encoder = named(
        Kind::EncoderConfiguration, QStringLiteral("encoders"), tr("Encoder configuration"),
        tr("Encoder configurations"), [](const Scope &) { return encoderConfigurationsSpec(); },
        Operation::GetEncoderConfiguration, QStringLiteral("encoderConfiguration"),
        Operation::CreateEncoderConfiguration, Operation::DeleteEncoderConfiguration);
    encoder.purpose = tr("Video settings (resolution, bitrate, frame rate) that compositions "
                         "encode with.");
    kinds.push_back(encoder);

    ResourceKind storage = named(
        Kind::StorageConfiguration, QStringLiteral("storage"), tr("Storage configuration"),
        tr("Storage configurations"), [](const Scope &) { return storageConfigurationsSpec(); },
        Operation::GetStorageConfiguration, QStringLiteral("storageConfiguration"),
        Operation::CreateStorageConfiguration, Operation::DeleteStorageConfiguration);
    storage.purpose = tr("S3 buckets that compositions and individual participant recordings "
                         "are written to.");
    kinds.push_back(storage);

    ResourceKind key = named(
        Kind::PublicKey, QStringLiteral("keys"), tr("Public key"), tr("Public keys"),
        [](const Scope &) { return publicKeysSpec(); }, Operation::GetPublicKey,
        QStringLiteral("publicKey"), Operation::ImportPublicKey, Operation::DeletePublicKey);
    key.removeConsequence = tr("Participant tokens signed with its private key stop working.");
    key.purpose = tr("Public keys (PEM, P-384) of the key pairs you sign your own participant "
                     "tokens with; the stage checks tokens against them.");
    kinds.push_back(key);

    ResourceKind ingest = named(
        Kind::IngestConfiguration, QStringLiteral("ingest"), tr("Ingest configuration"),
        tr("Ingest configurations"),
        [](const Scope &s) { return ingestConfigurationsSpec(s.stageArn); },
        Operation::GetIngestConfiguration, QStringLiteral("ingestConfiguration"),
        Operation::CreateIngestConfiguration, Operation::DeleteIngestConfiguration);
    ingest.update = Operation::UpdateIngestConfiguration;
    ingest.purpose = tr("Stream keys that let an RTMP(S) or WHIP encoder (OBS, a hardware "
                        "encoder) join a stage as a participant.");
    ingest.removeConsequence = tr("Its stream key stops working; an encoder using it is cut off.");
    ingest.rowActions = {{tr("Copy stream key"), QStringLiteral("copyStreamKey"), nullptr}};
    kinds.push_back(ingest);

    return kinds;
}

const std::vector<ResourceKind> &kinds()
{
    static const std::vector<ResourceKind> table = buildKinds();
    return table;
}

} // namespace

QJsonObject ResourceKind::inputFor(const Scope &scope, const QString &key) const
{
    switch (kind) {
    case Kind::Session:
        return {{QStringLiteral("stageArn"), scope.stageArn}, {QStringLiteral("sessionId"), key}};
    case Kind::Participant: {
        QJsonObject input{{QStringLiteral("stageArn"), scope.stageArn},
                          {QStringLiteral("participantId"), key}};
        if (!scope.sessionId.isEmpty()) // DisconnectParticipant has no session
            input.insert(QStringLiteral("sessionId"), scope.sessionId);
        return input;
    }
    case Kind::Event:
        return {};
    default:
        return {{QStringLiteral("arn"), key}};
    }
}

QString ResourceKind::displayName(const QJsonObject &row) const
{
    const QString name = row.value(nameField).toString();
    if (!name.isEmpty())
        return name;
    const QString key = keyField.isEmpty() ? QString() : row.value(keyField).toString();
    return key.section(QLatin1Char('/'), -1);
}

bool ResourceKind::canRemove(const QJsonObject &row) const
{
    return remove && !row.isEmpty() && (!removable || removable(row));
}

const ResourceKind &resourceKind(Kind kind)
{
    for (const ResourceKind &k : kinds()) {
        if (k.kind == kind)
            return k;
    }
    Q_UNREACHABLE();
}

const ResourceKind *resourceKindById(const QString &id)
{
    for (const ResourceKind &k : kinds()) {
        if (k.id == id)
            return &k;
    }
    return nullptr;
}

QList<Kind> navigatorKinds()
{
    QList<Kind> result;
    for (const ResourceKind &k : kinds()) {
        if (k.inNavigator)
            result << k.kind;
    }
    return result;
}

const ResourceKind *resourceKindOfOperation(Operation operation)
{
    for (const ResourceKind &k : kinds()) {
        if (k.create == operation || k.update == operation || k.remove == operation ||
            k.get == operation)
            return &k;
    }
    return nullptr;
}

const ResourceKind *resourceKindOfArn(const QString &arn)
{
    // arn:aws:ivs:us-east-1:123456789012:stage/abcd
    const QString type = arn.section(QLatin1Char(':'), 5).section(QLatin1Char('/'), 0, 0);
    static const QHash<QString, Kind> byType = {
        {QStringLiteral("stage"), Kind::Stage},
        {QStringLiteral("composition"), Kind::Composition},
        {QStringLiteral("encoder-configuration"), Kind::EncoderConfiguration},
        {QStringLiteral("storage-configuration"), Kind::StorageConfiguration},
        {QStringLiteral("public-key"), Kind::PublicKey},
        {QStringLiteral("ingest-configuration"), Kind::IngestConfiguration}};
    const auto found = byType.constFind(type);
    return found == byType.constEnd() ? nullptr : &resourceKind(*found);
}

} // namespace gr::models
