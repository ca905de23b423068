// The shapes' strict decoding (app/ivs/shapes.*, generated) and the client's reply check
// (IvsClient::decode against the model). The first byte picks the operation's response shape,
// the rest is the reply body. Properties: a refusal names the member path; whatever decodes
// encodes back to JSON that decodes again to the same JSON (nothing lost or invented); the
// model check and the typed decoder never crash on any body.

#include "../fuzzmain.h"
#include "ivs/ivsclient.h"
#include "ivs/operations.h"
#include "ivs/shapes.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace gr;

namespace
{
template <typename Shape> void roundTrip(const QJsonValue &json)
{
    Shape first;
    if (const auto decoded = ivs::decode(json, &first); !decoded) {
        fuzz::require(!decoded.message().isEmpty(),
                      QStringLiteral("refused without naming the member"));
        return;
    }
    const QJsonValue encoded = ivs::encode(first);
    Shape second;
    const auto again = ivs::decode(encoded, &second);
    fuzz::require(again.ok(),
                  QStringLiteral("its own encoding does not decode: ") + again.message());
    fuzz::require(ivs::encode(second) == encoded,
                  QStringLiteral("decode/encode is not stable: ") +
                      QString::fromUtf8(QJsonDocument(encoded.toObject()).toJson()));
}

using Check = void (*)(const QJsonValue &);
const Check kChecks[] = {
    &roundTrip<ivs::CreateEncoderConfigurationResponse>,
    &roundTrip<ivs::CreateIngestConfigurationResponse>,
    &roundTrip<ivs::CreateParticipantTokenResponse>,
    &roundTrip<ivs::CreateStageResponse>,
    &roundTrip<ivs::CreateStorageConfigurationResponse>,
    &roundTrip<ivs::DeleteEncoderConfigurationResponse>,
    &roundTrip<ivs::DeleteIngestConfigurationResponse>,
    &roundTrip<ivs::DeletePublicKeyResponse>,
    &roundTrip<ivs::DeleteStageResponse>,
    &roundTrip<ivs::DeleteStorageConfigurationResponse>,
    &roundTrip<ivs::DisconnectParticipantResponse>,
    &roundTrip<ivs::GetCompositionResponse>,
    &roundTrip<ivs::GetEncoderConfigurationResponse>,
    &roundTrip<ivs::GetIngestConfigurationResponse>,
    &roundTrip<ivs::GetParticipantResponse>,
    &roundTrip<ivs::GetPublicKeyResponse>,
    &roundTrip<ivs::GetStageResponse>,
    &roundTrip<ivs::GetStageSessionResponse>,
    &roundTrip<ivs::GetStorageConfigurationResponse>,
    &roundTrip<ivs::ImportPublicKeyResponse>,
    &roundTrip<ivs::ListCompositionsResponse>,
    &roundTrip<ivs::ListEncoderConfigurationsResponse>,
    &roundTrip<ivs::ListIngestConfigurationsResponse>,
    &roundTrip<ivs::ListParticipantEventsResponse>,
    &roundTrip<ivs::ListParticipantReplicasResponse>,
    &roundTrip<ivs::ListParticipantsResponse>,
    &roundTrip<ivs::ListPublicKeysResponse>,
    &roundTrip<ivs::ListStageSessionsResponse>,
    &roundTrip<ivs::ListStagesResponse>,
    &roundTrip<ivs::ListStorageConfigurationsResponse>,
    &roundTrip<ivs::ListTagsForResourceResponse>,
    &roundTrip<ivs::StartCompositionResponse>,
    &roundTrip<ivs::StartParticipantReplicationResponse>,
    &roundTrip<ivs::StopCompositionResponse>,
    &roundTrip<ivs::StopParticipantReplicationResponse>,
    &roundTrip<ivs::TagResourceResponse>,
    &roundTrip<ivs::UntagResourceResponse>,
    &roundTrip<ivs::UpdateIngestConfigurationResponse>,
    &roundTrip<ivs::UpdateStageResponse>,
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue json = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    kChecks[data[0] % std::size(kChecks)](json);

    const auto operation = ivs::Operation(data[0] % ivs::kOperationCount);
    const ivs::IvsResult result =
        ivs::IvsClient::decode(operation, {}, 200, QStringLiteral("r"), body);
    fuzz::require(result.ok() == result.error().message.isEmpty(),
                  QStringLiteral("a reply neither accepted nor refused with a reason"));
    fuzz::require(result.ok() ? result->requestId == QLatin1String("r")
                              : result.error().requestId == QLatin1String("r"),
                  QStringLiteral("the reply's request id was lost"));
    return 0;
}
