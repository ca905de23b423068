#pragma once
// JSON decoding and encoding of the model's value types, used by the generated shapes.
// Decoding is strict about types (a string where a number belongs is an error naming the
// member, never a silent zero) and ignores members it does not know.

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

inline bool typeError(QString *error, const QString &path, const char *expected,
                      const QJsonValue &got)
{
    *error =
        QStringLiteral("%1: expected %2, got %3").arg(path, QLatin1String(expected), jsonKind(got));
    return false;
}

inline bool decode(const QJsonValue &v, QString *out, QString *error, const QString &path)
{
    if (!v.isString())
        return typeError(error, path, "a string", v);
    *out = v.toString();
    return true;
}

inline bool decode(const QJsonValue &v, bool *out, QString *error, const QString &path)
{
    if (!v.isBool())
        return typeError(error, path, "a boolean", v);
    *out = v.toBool();
    return true;
}

inline bool decode(const QJsonValue &v, double *out, QString *error, const QString &path)
{
    if (!v.isDouble())
        return typeError(error, path, "a number", v);
    *out = v.toDouble();
    return true;
}

template <typename Int>
bool decodeInteger(const QJsonValue &v, Int *out, QString *error, const QString &path, double min,
                   double max)
{
    const double d = v.toDouble();
    if (!v.isDouble() || std::trunc(d) != d || d < min || d > max)
        return typeError(error, path, "an integer", v);
    *out = Int(d);
    return true;
}

inline bool decode(const QJsonValue &v, int *out, QString *error, const QString &path)
{
    return decodeInteger(v, out, error, path, -2147483648.0, 2147483647.0);
}

inline bool decode(const QJsonValue &v, qint64 *out, QString *error, const QString &path)
{
    return decodeInteger(v, out, error, path, -9.007199254740992e15, 9.007199254740992e15);
}

// Timestamps: ISO 8601 text as the service sends it, or epoch seconds.
inline bool decode(const QJsonValue &v, QDateTime *out, QString *error, const QString &path)
{
    if (v.isDouble()) {
        *out = QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble() * 1000.0), Qt::UTC);
        return true;
    }
    *out = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !out->isValid())
        return typeError(error, path, "an ISO 8601 time", v);
    return true;
}

template <typename T>
bool decode(const QJsonValue &v, QList<T> *out, QString *error, const QString &path)
{
    if (!v.isArray())
        return typeError(error, path, "a list", v);
    const QJsonArray array = v.toArray();
    out->clear();
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        T item{};
        if (!decode(array.at(i), &item, error, QStringLiteral("%1[%2]").arg(path).arg(i)))
            return false;
        out->append(std::move(item));
    }
    return true;
}

template <typename T>
bool decode(const QJsonValue &v, QMap<QString, T> *out, QString *error, const QString &path)
{
    if (!v.isObject())
        return typeError(error, path, "a map", v);
    const QJsonObject object = v.toObject();
    out->clear();
    for (auto it = object.begin(); it != object.end(); ++it) {
        T item{};
        if (!decode(*it, &item, error, path + QLatin1Char('.') + it.key()))
            return false;
        out->insert(it.key(), std::move(item));
    }
    return true;
}

template <typename T>
bool decodeRequired(const QJsonObject &object, const QString &member, T *out, QString *error,
                    const QString &path)
{
    const QJsonValue v = object.value(member);
    if (v.isUndefined() || v.isNull()) {
        *error = QStringLiteral("%1.%2: required member is missing").arg(path, member);
        return false;
    }
    return decode(v, out, error, path + QLatin1Char('.') + member);
}

template <typename T>
bool decodeOptional(const QJsonObject &object, const QString &member, std::optional<T> *out,
                    QString *error, const QString &path)
{
    const QJsonValue v = object.value(member);
    if (v.isUndefined() || v.isNull()) {
        out->reset();
        return true;
    }
    T value{};
    if (!decode(v, &value, error, path + QLatin1Char('.') + member))
        return false;
    *out = std::move(value);
    return true;
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
