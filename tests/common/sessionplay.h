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

// The ARN of the stage with this name (the demo's "town-hall", say); empty when none.
inline QString stageNamed(LocalHarness &h, const QString &name)
{
    for (const QJsonValue &v :
         h.call(gr::ivs::Operation::ListStages, {}).value(QLatin1String("stages")).toArray()) {
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject().value(QLatin1String("arn")).toString();
    }
    return {};
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

// A participant joins with a token, as an SDK would: its id and session (empty when refused).
inline LocalHarness::Joined joinWith(LocalHarness &h, const QString &token)
{
    const QJsonObject out = h.plane("join", {{QStringLiteral("token"), token}});
    return {out.value(QLatin1String("participantId")).toString(),
            out.value(QLatin1String("sessionId")).toString()};
}

// The local service playing its demo 20 times faster than life, and its town hall (the stage
// where the demo plays every incident): the set-up of the tests that look at the demo as a
// user would.
struct FastDemo {
    static gr::local::LocalServiceOptions options()
    {
        gr::local::LocalServiceOptions o;
        o.demo = true;
        o.timeScale = 20;
        return o;
    }
    LocalHarness harness{options()};
    QString townHall = harness.ok() ? stageNamed(harness, QStringLiteral("town-hall")) : QString();

    bool ok() const { return harness.ok() && !townHall.isEmpty(); }
    // The town hall's session ids, in the order ListStageSessions gives them.
    QStringList townHallSessions()
    {
        QStringList ids;
        for (const QJsonValue &v : harness
                                       .call(gr::ivs::Operation::ListStageSessions,
                                             {{QStringLiteral("stageArn"), townHall}})
                                       .value(QLatin1String("stageSessions"))
                                       .toArray())
            ids << v.toObject().value(QLatin1String("sessionId")).toString();
        return ids;
    }
};

// The service's public signing key (PEM), which verifies the tokens it issues.
inline QByteArray signingKey(LocalHarness &h)
{
    return h.plane("signing-key", {}).value(QLatin1String("publicKey")).toString().toLatin1();
}

} // namespace play
