// credential_process output (JSON "Version": 1). Properties: refused output says why; accepted
// output has both keys, and every optional member it had was of the documented type and is
// carried over as it was (nothing silently dropped or zeroed).

#include "../fuzzmain.h"
#include "aws/credentials.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace gr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const aws::Expected<aws::Credentials> parsed =
        aws::ProcessCredentialsProvider::parseOutput(input);
    if (!parsed) {
        fuzz::require(!parsed.message().isEmpty(), QStringLiteral("refused without a reason"));
        return 0;
    }
    const aws::Credentials &credentials = *parsed;
    fuzz::require(credentials.isValid(), QStringLiteral("accepted without both keys"));
    const QJsonObject object = QJsonDocument::fromJson(input).object();
    const QJsonValue token = object.value(QLatin1String("SessionToken"));
    if (!token.isUndefined() && !token.isNull())
        fuzz::require(token.isString() && token.toString() == credentials.sessionToken,
                      QStringLiteral("SessionToken not carried over as it was"));
    const QJsonValue expiration = object.value(QLatin1String("Expiration"));
    if (!expiration.isUndefined() && !expiration.isNull())
        fuzz::require(expiration.isString() && credentials.expiration.isValid(),
                      QStringLiteral("Expiration accepted but not understood"));
    return 0;
}
