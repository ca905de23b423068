#pragma once
// JSON decoding and encoding of the model's value types, used by the generated shapes.
// Decoding is strict about types (a string where a number belongs is an error naming the
// member, never a silent zero) and ignores members it does not know. A failure is an
// Expected<void> whose Decode error names the member by its path, e.g. "Stage.name".

#include "aws/expected.h"

#include <cmath>
#include <optional>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

namespace gr::ivs
{

inline QString jsonKind(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

using Decoded = aws::Expected<void>;

inline aws::AwsError typeError(const QString &path, const char *expected, const QJsonValue &got)
{
    return aws::failure(aws::AwsError::Kind::Decode,
                        QStringLiteral("%1: expected %2, got %3")
                            .arg(path, QLatin1String(expected), jsonKind(got)));
}

inline Decoded decode(const QJsonValue &v, QString *out, const QString &path)
{
    if (!v.isString())
        return typeError(path, "a string", v);
    *out = v.toString();
    return {};
}

inline Decoded decode(const QJsonValue &v, bool *out, const QString &path)
{
    if (!v.isBool())
        return typeError(path, "a boolean", v);
    *out = v.toBool();
    return {};
}

inline Decoded decode(const QJsonValue &v, double *out, const QString &path)
{
    if (!v.isDouble())
        return typeError(path, "a number", v);
    *out = v.toDouble();
    return {};
}

template <typename Int>
Decoded decodeInteger(const QJsonValue &v, Int *out, const QString &path, double min, double max)
{
    const double d = v.toDouble();
    if (!v.isDouble() || std::trunc(d) != d || d < min || d > max)
        return typeError(path, "an integer", v);
    *out = Int(d);
    return {};
}

inline Decoded decode(const QJsonValue &v, int *out, const QString &path)
{
    return decodeInteger(v, out, path, -2147483648.0, 2147483647.0);
}

inline Decoded decode(const QJsonValue &v, qint64 *out, const QString &path)
{
    return decodeInteger(v, out, path, -9.007199254740992e15, 9.007199254740992e15);
}

// Timestamps: ISO 8601 text as the service sends it, or epoch seconds.
inline Decoded decode(const QJsonValue &v, QDateTime *out, const QString &path)
{
    if (v.isDouble()) {
        *out = QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble() * 1000.0), Qt::UTC);
        return {};
    }
    *out = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !out->isValid())
        return typeError(path, "an ISO 8601 time", v);
    return {};
}

template <typename T> Decoded decode(const QJsonValue &v, QList<T> *out, const QString &path)
{
    if (!v.isArray())
        return typeError(path, "a list", v);
    const QJsonArray array = v.toArray();
    out->clear();
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        T item{};
        if (Decoded r = decode(array.at(i), &item, QStringLiteral("%1[%2]").arg(path).arg(i)); !r)
            return r;
        out->append(std::move(item));
    }
    return {};
}

template <typename T>
Decoded decode(const QJsonValue &v, QMap<QString, T> *out, const QString &path)
{
    if (!v.isObject())
        return typeError(path, "a map", v);
    const QJsonObject object = v.toObject();
    out->clear();
    for (auto it = object.begin(); it != object.end(); ++it) {
        T item{};
        if (Decoded r = decode(*it, &item, path + QLatin1Char('.') + it.key()); !r)
            return r;
        out->insert(it.key(), std::move(item));
    }
    return {};
}

template <typename T>
Decoded decodeRequired(const QJsonObject &object, const QString &member, T *out,
                       const QString &path)
{
    const QJsonValue v = object.value(member);
    if (v.isUndefined() || v.isNull()) {
        return aws::failure(aws::AwsError::Kind::Decode,
                            QStringLiteral("%1.%2: required member is missing").arg(path, member));
    }
    return decode(v, out, path + QLatin1Char('.') + member);
}

template <typename T>
Decoded decodeOptional(const QJsonObject &object, const QString &member, std::optional<T> *out,
                       const QString &path)
{
    const QJsonValue v = object.value(member);
    if (v.isUndefined() || v.isNull()) {
        out->reset();
        return {};
    }
    T value{};
    if (Decoded r = decode(v, &value, path + QLatin1Char('.') + member); !r)
        return r;
    *out = std::move(value);
    return {};
}

inline QJsonValue encode(const QString &v)
{
    return v;
}
inline QJsonValue encode(bool v)
{
    return v;
}
inline QJsonValue encode(double v)
{
    return v;
}
inline QJsonValue encode(int v)
{
    return v;
}
inline QJsonValue encode(qint64 v)
{
    return v;
}
inline QJsonValue encode(const QDateTime &v)
{
    return v.toUTC().toString(Qt::ISODateWithMs);
}

template <typename T> QJsonValue encode(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(encode(item));
    return array;
}

template <typename T> QJsonValue encode(const QMap<QString, T> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), encode(*it));
    return object;
}

} // namespace gr::ivs
