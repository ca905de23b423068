#include "ivs/operations.h"

#include "aws/sigv4.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gr::ivs
{

namespace
{

const OperationInfo kOperations[kOperationCount] = {
    {"CreateEncoderConfiguration", "POST", "/CreateEncoderConfiguration", Quota::Other,
     false, ""},
    {"CreateIngestConfiguration", "POST", "/CreateIngestConfiguration", Quota::Other,
     false, ""},
    {"CreateParticipantToken", "POST", "/CreateParticipantToken", Quota::ParticipantToken,
     false, ""},
    {"CreateStage", "POST", "/CreateStage", Quota::Other, false, ""},
    {"CreateStorageConfiguration", "POST", "/CreateStorageConfiguration", Quota::Other,
     false, ""},
    {"DeleteEncoderConfiguration", "POST", "/DeleteEncoderConfiguration", Quota::Other,
     true, ""},
    {"DeleteIngestConfiguration", "POST", "/DeleteIngestConfiguration", Quota::Other, true,
     ""},
    {"DeletePublicKey", "POST", "/DeletePublicKey", Quota::PublicKeys, true, ""},
    {"DeleteStage", "POST", "/DeleteStage", Quota::Other, true, ""},
    {"DeleteStorageConfiguration", "POST", "/DeleteStorageConfiguration", Quota::Other,
     true, ""},
    {"DisconnectParticipant", "POST", "/DisconnectParticipant", Quota::Other, true, ""},
    {"GetComposition", "POST", "/GetComposition", Quota::GetList, true, ""},
    {"GetEncoderConfiguration", "POST", "/GetEncoderConfiguration", Quota::GetList, true,
     ""},
    {"GetIngestConfiguration", "POST", "/GetIngestConfiguration", Quota::GetList, true,
     ""},
    {"GetParticipant", "POST", "/GetParticipant", Quota::GetList, true, ""},
    {"GetPublicKey", "POST", "/GetPublicKey", Quota::PublicKeys, true, ""},
    {"GetStage", "POST", "/GetStage", Quota::GetList, true, ""},
    {"GetStageSession", "POST", "/GetStageSession", Quota::GetList, true, ""},
    {"GetStorageConfiguration", "POST", "/GetStorageConfiguration", Quota::GetList, true,
     ""},
    {"ImportPublicKey", "POST", "/ImportPublicKey", Quota::PublicKeys, false, ""},
    {"ListCompositions", "POST", "/ListCompositions", Quota::GetList, true,
     "compositions"},
    {"ListEncoderConfigurations", "POST", "/ListEncoderConfigurations", Quota::GetList,
     true, "encoderConfigurations"},
    {"ListIngestConfigurations", "POST", "/ListIngestConfigurations", Quota::GetList, true,
     "ingestConfigurations"},
    {"ListParticipantEvents", "POST", "/ListParticipantEvents", Quota::GetList, true,
     "events"},
    {"ListParticipantReplicas", "POST", "/ListParticipantReplicas", Quota::GetList, true,
     "replicas"},
    {"ListParticipants", "POST", "/ListParticipants", Quota::GetList, true,
     "participants"},
    {"ListPublicKeys", "POST", "/ListPublicKeys", Quota::PublicKeys, true, "publicKeys"},
    {"ListStageSessions", "POST", "/ListStageSessions", Quota::GetList, true,
     "stageSessions"},
    {"ListStages", "POST", "/ListStages", Quota::GetList, true, "stages"},
    {"ListStorageConfigurations", "POST", "/ListStorageConfigurations", Quota::GetList,
     true, "storageConfigurations"},
    {"ListTagsForResource", "GET", "/tags/{resourceArn}", Quota::Tags, true, ""},
    {"StartComposition", "POST", "/StartComposition", Quota::Other, true, ""},
    {"StartParticipantReplication", "POST", "/StartParticipantReplication", Quota::Other,
     false, ""},
    {"StopComposition", "POST", "/StopComposition", Quota::Other, true, ""},
    {"StopParticipantReplication", "POST", "/StopParticipantReplication", Quota::Other,
     true, ""},
    {"TagResource", "POST", "/tags/{resourceArn}", Quota::Tags, true, ""},
    {"UntagResource", "DELETE", "/tags/{resourceArn}", Quota::Tags, true, ""},
    {"UpdateIngestConfiguration", "POST", "/UpdateIngestConfiguration", Quota::Other, true,
     ""},
    {"UpdateStage", "POST", "/UpdateStage", Quota::Other, true, ""},
};

// Query-bound members per operation (the model binds only UntagResource.tagKeys).
QByteArray queryString(Operation operation, QJsonObject *input)
{
    if (operation != Operation::UntagResource)
        return {};
    QByteArray query;
    const QJsonArray keys = input->take(QLatin1String("tagKeys")).toArray();
    for (const QJsonValue &key : keys) {
        if (!query.isEmpty())
            query += '&';
        query += "tagKeys=" + aws::uriEncode(key.toString().toUtf8(), false);
    }
    return query;
}

} // namespace

const OperationInfo &operationInfo(Operation operation)
{
    return kOperations[int(operation)];
}

std::optional<Operation> operationByName(QStringView name)
{
    for (int i = 0; i < kOperationCount; ++i) {
        if (name == QLatin1String(kOperations[i].name))
            return Operation(i);
    }
    return std::nullopt;
}

aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input)
{
    const OperationInfo &info = operationInfo(operation);
    QJsonObject members = input;
    aws::AwsRequest request;
    request.operation = QLatin1String(info.name);
    request.method = info.method;
    request.pace = aws::PaceLane(info.pace);
    request.retrySafe = info.retrySafe;

    QByteArray path = info.uri;
    const qsizetype open = path.indexOf('{');
    if (open >= 0) {
        const qsizetype close = path.indexOf('}', open);
        const QString label = QString::fromLatin1(path.mid(open + 1, close - open - 1));
        const QByteArray value = members.take(label).toString().toUtf8();
        path.replace(open, close - open + 1, aws::uriEncode(value, false));
    }
    request.path = path;
    request.query = queryString(operation, &members);
    request.hasBody = request.method == "POST";
    if (request.hasBody)
        request.body = QJsonDocument(members).toJson(QJsonDocument::Compact);
    return request;
}

} // namespace gr::ivs
