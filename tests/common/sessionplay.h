#pragma once
// Small helpers for tests that play a session through the local service's data plane.

#include "localharness.h"

#include <QJsonArray>
#include <QJsonObject>

namespace play
{

// A data-plane body naming a participant of a stage, with more members.
inline QJsonObject at(const QString &stageArn, const QString &participantId,
                      const QJsonObject &more = {})
{
    QJsonObject o = more;
    o.insert(QStringLiteral("stageArn"), stageArn);
    o.insert(QStringLiteral("participantId"), participantId);
    return o;
}

// A participant token issued by the service (empty on failure).
inline QString token(LocalHarness &h, const QString &stageArn, const QString &userId,
                     const QStringList &capabilities = {QStringLiteral("PUBLISH"),
                                                        QStringLiteral("SUBSCRIBE")},
                     const QJsonObject &attributes = {})
{
    QJsonObject input{{QStringLiteral("stageArn"), stageArn},
                      {QStringLiteral("userId"), userId},
                      {QStringLiteral("capabilities"), QJsonArray::fromStringList(capabilities)}};
    if (!attributes.isEmpty())
        input.insert(QStringLiteral("attributes"), attributes);
    return h.call(gr::ivs::Operation::CreateParticipantToken, input)
        .value(QLatin1String("participantToken"))
        .toObject()
        .value(QLatin1String("token"))
        .toString();
}

} // namespace play
