#pragma once
// How values of the API are shown: times in local time, booleans as yes/no, states coloured.

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace gr::models
{

// Token: an ExchangedParticipantToken (a TOKEN_EXCHANGED event's previous or new token) told as
// its capabilities, user id and expiry; the token itself is never in it.
// Pairs: a map of strings (tags, attributes) as "env=demo, team=ops", by key.
enum class Format { Text, Time, Bool, Json, Count, Token, Pairs };

QString displayText(const QJsonValue &value, Format format);
// A moment where one stands alone (a token's expiry): local time with its zone, and how far
// from `now` it is: "2026-11-26 19:36:13 CET (in 12 h)", "… (3 min ago)".
QString momentText(const QDateTime &moment, const QDateTime &now);
QVariant rawValue(const QJsonValue &value, Format format);
// A colour per state (ACTIVE green, STARTING amber, FAILED red, STOPPED grey...); invalid if none.
QColor stateColor(const QString &state);
// A small coloured dot for a state (cached); null for states without a colour.
QIcon stateIcon(const QString &state);
// Reads "a.b.c" from an object.
QJsonValue valueAt(const QJsonObject &object, const QString &dottedPath);

} // namespace gr::models
