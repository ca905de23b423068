// Participant tokens (app/local/jwt.*): decoding without verifying, then verifying. Properties:
// no input verifies against a key generated in this run (it cannot have signed it); whatever
// decodes can be re-issued with that key, and the re-issued token decodes to the same claims
// and verifies.

#include "../fuzzmain.h"
#include "local/jwt.h"

using namespace gr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    static const local::Es384Key key = local::Es384Key::generate();
    const QByteArray token(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto read = local::decodeJwt(token);
    if (!read) {
        fuzz::require(!read.message().isEmpty(), QStringLiteral("refused without a reason"));
        return 0;
    }
    const local::DecodedJwt &decoded = *read;
    fuzz::require(!key.verify(decoded.signingInput, decoded.signature),
                  QStringLiteral("a token from outside verified against a fresh key"));
    const QByteArray reissued = local::encodeJwt(decoded.claims, key);
    const auto again = local::decodeJwt(reissued);
    fuzz::require(again.ok(), QStringLiteral("re-issued token unreadable: ") + again.message());
    fuzz::require(again->claims == decoded.claims, QStringLiteral("claims changed on re-issue"));
    fuzz::require(key.verify(again->signingInput, again->signature),
                  QStringLiteral("re-issued token does not verify"));
    return 0;
}
