// Check a participant token: its claims decoded (stage, participant id, user id, capabilities,
// attributes, issue and expiry times), its ES384 signature checked against a PEM public key,
// and whether it is still usable. The token is only read: never logged, kept or copied.
#pragma once

#include "aws/expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

struct TokenInspection {
    enum class Signature { NotChecked, Valid, Invalid, KeyUnusable };

    bool decoded = false;
    QString decodeError;      // why the text is not an IVS participant token
    QString algorithm;        // header "alg" (ES384 for IVS)
    QString keyId;            // header "kid", when a customer key signed it
    QString stageArn;         // "resource"
    QString participantId;    // "jti"
    QString userId;           // "user_id"
    QStringList capabilities; // PUBLISH / SUBSCRIBE from "capabilities"
    QMap<QString, QString> attributes;
    QDateTime issuedAt;  // "iat" (UTC)
    QDateTime expiresAt; // "exp" (UTC)

    Signature signature = Signature::NotChecked;
    QString signatureDetail; // why a key could not be used, in words

    bool expired = false;
    bool wrongStage = false;
    bool usable = false;  // decoded, not expired, signature not invalid, stage as expected
    QStringList problems; // plain words, one per problem
};

// `publicKeyPem` empty: the signature is not checked. `expectedStageArn` empty: any stage.
TokenInspection inspectToken(const QString &token, const QByteArray &publicKeyPem = {},
                             const QString &expectedStageArn = {},
                             const QDateTime &now = QDateTime::currentDateTimeUtc());

// Whether an ES384 JWS signature (raw r||s) over `signingInput` verifies with the key; an
// Invalid error says why the key itself could not be used.
gr::aws::Expected<bool> verifyEs384(const QByteArray &signingInput, const QByteArray &signature,
                                    const QByteArray &publicKeyPem);
