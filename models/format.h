#pragma once
// How values of the API are shown: times in local time, booleans as yes/no, states coloured.

#include <QColor>
#include <QIcon>
#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace gr::models
{

enum class Format { Text, Time, Bool, Json, Count };

QString displayText(const QJsonValue &value, Format format);
QVariant rawValue(const QJsonValue &value, Format format);
// A colour per state (ACTIVE green, STARTING amber, FAILED red, STOPPED grey...); invalid if none.
QColor stateColor(const QString &state);
// A small coloured dot for a state (cached); null for states without a colour.
QIcon stateIcon(const QString &state);
// Reads "a.b.c" from an object.
QJsonValue valueAt(const QJsonObject &object, const QString &dottedPath);

} // namespace gr::models
