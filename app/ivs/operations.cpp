#include "ivs/operations.h"

#include "aws/sigv4.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gr::ivs
{

namespace
{

const OperationInfo kOperations[kOperationCount] = {
    {"CreateEncoderConfiguration", "POST", "/CreateEncoderConfiguration", aws::PaceClass::Other,
     false, ""},
    {"CreateIngestConfiguration", "POST", "/CreateIngestConfiguration", aws::PaceClass::Other,
     false, ""},
    {"CreateParticipantToken", "POST", "/CreateParticipantToken", aws::PaceClass::ParticipantToken,
     false, ""},
    {"CreateStage", "POST", "/CreateStage", aws::PaceClass::Other, false, ""},
    {"CreateStorageConfiguration", "POST", "/CreateStorageConfiguration", aws::PaceClass::Other,
     false, ""},
    {"DeleteEncoderConfiguration", "POST", "/DeleteEncoderConfiguration", aws::PaceClass::Other,
     true, ""},
    {"DeleteIngestConfiguration", "POST", "/DeleteIngestConfiguration", aws::PaceClass::Other, true,
     ""},
    {"DeletePublicKey", "POST", "/DeletePublicKey", aws::PaceClass::Other, true, ""},
    {"DeleteStage", "POST", "/DeleteStage", aws::PaceClass::Other, true, ""},
    {"DeleteStorageConfiguration", "POST", "/DeleteStorageConfiguration", aws::PaceClass::Other,
     true, ""},
    {"DisconnectParticipant", "POST", "/DisconnectParticipant", aws::PaceClass::Other, true, ""},
    {"GetComposition", "POST", "/GetComposition", aws::PaceClass::GetList, true, ""},
    {"GetEncoderConfiguration", "POST", "/GetEncoderConfiguration", aws::PaceClass::GetList, true,
     ""},
    {"GetIngestConfiguration", "POST", "/GetIngestConfiguration", aws::PaceClass::GetList, true,
     ""},
    {"GetParticipant", "POST", "/GetParticipant", aws::PaceClass::GetList, true, ""},
    {"GetPublicKey", "POST", "/GetPublicKey", aws::PaceClass::GetList, true, ""},
    {"GetStage", "POST", "/GetStage", aws::PaceClass::GetList, true, ""},
    {"GetStageSession", "POST", "/GetStageSession", aws::PaceClass::GetList, true, ""},
    {"GetStorageConfiguration", "POST", "/GetStorageConfiguration", aws::PaceClass::GetList, true,
     ""},
    {"ImportPublicKey", "POST", "/ImportPublicKey", aws::PaceClass::Other, false, ""},
    {"ListCompositions", "POST", "/ListCompositions", aws::PaceClass::GetList, true,
     "compositions"},
    {"ListEncoderConfigurations", "POST", "/ListEncoderConfigurations", aws::PaceClass::GetList,
     true, "encoderConfigurations"},
    {"ListIngestConfigurations", "POST", "/ListIngestConfigurations", aws::PaceClass::GetList, true,
     "ingestConfigurations"},
    {"ListParticipantEvents", "POST", "/ListParticipantEvents", aws::PaceClass::GetList, true,
     "events"},
    {"ListParticipantReplicas", "POST", "/ListParticipantReplicas", aws::PaceClass::GetList, true,
     "replicas"},
    {"ListParticipants", "POST", "/ListParticipants", aws::PaceClass::GetList, true,
     "participants"},
    {"ListPublicKeys", "POST", "/ListPublicKeys", aws::PaceClass::GetList, true, "publicKeys"},
    {"ListStageSessions", "POST", "/ListStageSessions", aws::PaceClass::GetList, true,
     "stageSessions"},
    {"ListStages", "POST", "/ListStages", aws::PaceClass::GetList, true, "stages"},
    {"ListStorageConfigurations", "POST", "/ListStorageConfigurations", aws::PaceClass::GetList,
     true, "storageConfigurations"},
    {"ListTagsForResource", "GET", "/tags/{resourceArn}", aws::PaceClass::Tags, true, ""},
    {"StartComposition", "POST", "/StartComposition", aws::PaceClass::Other, true, ""},
    {"StartParticipantReplication", "POST", "/StartParticipantReplication", aws::PaceClass::Other,
     false, ""},
    {"StopComposition", "POST", "/StopComposition", aws::PaceClass::Other, true, ""},
    {"StopParticipantReplication", "POST", "/StopParticipantReplication", aws::PaceClass::Other,
     true, ""},
    {"TagResource", "POST", "/tags/{resourceArn}", aws::PaceClass::Tags, true, ""},
    {"UntagResource", "DELETE", "/tags/{resourceArn}", aws::PaceClass::Tags, true, ""},
    {"UpdateIngestConfiguration", "POST", "/UpdateIngestConfiguration", aws::PaceClass::Other, true,
     ""},
    {"UpdateStage", "POST", "/UpdateStage", aws::PaceClass::Other, true, ""},
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
    request.pace = info.pace;
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
