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

std::vector<ResourceKind> buildKinds()
{
    std::vector<ResourceKind> kinds;

    ResourceKind stage;
    stage.kind = Kind::Stage;
    stage.id = QStringLiteral("stages");
    stage.singular = tr("Stage");
    stage.plural = tr("Stages");
    stage.inNavigator = true;
    stage.list = [](const Scope &) { return stagesSpec(); };
    stage.get = Operation::GetStage;
    stage.getOutput = QStringLiteral("stage");
    stage.create = Operation::CreateStage;
    stage.update = Operation::UpdateStage;
    stage.remove = Operation::DeleteStage;
    stage.removeVerb = tr("Delete");
    stage.removeConsequence =
        tr("Everyone on it is disconnected and its participant tokens stop working.");
    stage.taggable = true;
    stage.rowActions = {
        {tr("New participant token…"), QStringLiteral("CreateParticipantToken"), nullptr}};
    kinds.push_back(stage);

    ResourceKind session;
    session.kind = Kind::Session;
    session.id = QStringLiteral("sessions");
    session.singular = tr("Session");
    session.plural = tr("Sessions");
    session.keyField = QStringLiteral("sessionId");
    session.nameField = QStringLiteral("sessionId");
    session.list = [](const Scope &s) { return stageSessionsSpec(s.stageArn); };
    session.get = Operation::GetStageSession;
    session.getOutput = QStringLiteral("stageSession");
    kinds.push_back(session);

    ResourceKind participant;
    participant.kind = Kind::Participant;
    participant.id = QStringLiteral("participants");
    participant.singular = tr("Participant");
    participant.plural = tr("Participants");
    participant.keyField = QStringLiteral("participantId");
    participant.nameField = QStringLiteral("userId");
    participant.list = [](const Scope &s) { return participantsSpec(s.stageArn, s.sessionId); };
    participant.get = Operation::GetParticipant;
    participant.getOutput = QStringLiteral("participant");
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

    ResourceKind event;
    event.kind = Kind::Event;
    event.id = QStringLiteral("events");
    event.singular = tr("Event");
    event.plural = tr("Events");
    event.keyField.clear();
    event.nameField = QStringLiteral("name");
    event.list = [](const Scope &s) {
        return participantEventsSpec(s.stageArn, s.sessionId, s.participantId);
    };
    kinds.push_back(event);

    ResourceKind composition;
    composition.kind = Kind::Composition;
    composition.id = QStringLiteral("compositions");
    composition.singular = tr("Composition");
    composition.plural = tr("Compositions");
    composition.inNavigator = true;
    composition.list = [](const Scope &s) { return compositionsSpec(s.stageArn); };
    composition.get = Operation::GetComposition;
    composition.getOutput = QStringLiteral("composition");
    composition.create = Operation::StartComposition;
    composition.remove = Operation::StopComposition;
    composition.removeVerb = tr("Stop");
    composition.removeConsequence = tr("Its recordings and broadcasts end.");
    composition.removable = [](const QJsonObject &row) {
        const QString state = row.value(QLatin1String("state")).toString();
        return state == QLatin1String("STARTING") || state == QLatin1String("ACTIVE");
    };
    composition.taggable = true;
    kinds.push_back(composition);

    ResourceKind encoder;
    encoder.kind = Kind::EncoderConfiguration;
    encoder.id = QStringLiteral("encoders");
    encoder.singular = tr("Encoder configuration");
    encoder.plural = tr("Encoder configurations");
    encoder.inNavigator = true;
    encoder.list = [](const Scope &) { return encoderConfigurationsSpec(); };
    encoder.get = Operation::GetEncoderConfiguration;
    encoder.getOutput = QStringLiteral("encoderConfiguration");
    encoder.create = Operation::CreateEncoderConfiguration;
    encoder.remove = Operation::DeleteEncoderConfiguration;
    encoder.removeVerb = tr("Delete");
    encoder.taggable = true;
    kinds.push_back(encoder);

    ResourceKind storage;
    storage.kind = Kind::StorageConfiguration;
    storage.id = QStringLiteral("storage");
    storage.singular = tr("Storage configuration");
    storage.plural = tr("Storage configurations");
    storage.inNavigator = true;
    storage.list = [](const Scope &) { return storageConfigurationsSpec(); };
    storage.get = Operation::GetStorageConfiguration;
    storage.getOutput = QStringLiteral("storageConfiguration");
    storage.create = Operation::CreateStorageConfiguration;
    storage.remove = Operation::DeleteStorageConfiguration;
    storage.removeVerb = tr("Delete");
    storage.taggable = true;
    kinds.push_back(storage);

    ResourceKind key;
    key.kind = Kind::PublicKey;
    key.id = QStringLiteral("keys");
    key.singular = tr("Public key");
    key.plural = tr("Public keys");
    key.inNavigator = true;
    key.list = [](const Scope &) { return publicKeysSpec(); };
    key.get = Operation::GetPublicKey;
    key.getOutput = QStringLiteral("publicKey");
    key.create = Operation::ImportPublicKey;
    key.remove = Operation::DeletePublicKey;
    key.removeVerb = tr("Delete");
    key.removeConsequence = tr("Participant tokens signed with its private key stop working.");
    key.taggable = true;
    kinds.push_back(key);

    ResourceKind ingest;
    ingest.kind = Kind::IngestConfiguration;
    ingest.id = QStringLiteral("ingest");
    ingest.singular = tr("Ingest configuration");
    ingest.plural = tr("Ingest configurations");
    ingest.inNavigator = true;
    ingest.list = [](const Scope &s) { return ingestConfigurationsSpec(s.stageArn); };
    ingest.get = Operation::GetIngestConfiguration;
    ingest.getOutput = QStringLiteral("ingestConfiguration");
    ingest.create = Operation::CreateIngestConfiguration;
    ingest.update = Operation::UpdateIngestConfiguration;
    ingest.remove = Operation::DeleteIngestConfiguration;
    ingest.removeVerb = tr("Delete");
    ingest.removeConsequence = tr("Its stream key stops working; an encoder using it is cut off.");
    ingest.taggable = true;
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
