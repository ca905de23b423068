#include "models/format.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace gr::models
{

QJsonValue valueAt(const QJsonObject &object, const QString &dottedPath)
{
    QJsonValue current = object;
    for (QStringView part : QStringView(dottedPath).split(QLatin1Char('.')))
        current = current.toObject().value(part);
    return current;
}

QString momentText(const QDateTime &moment, const QDateTime &now)
{
    if (!moment.isValid())
        return {};
    const qint64 seconds = now.secsTo(moment);
    const qint64 away = qAbs(seconds);
    const QString span = away < 90       ? QObject::tr("%n s", nullptr, int(away))
                         : away < 5400   ? QObject::tr("%n min", nullptr, int(away / 60))
                         : away < 172800 ? QObject::tr("%n h", nullptr, int(away / 3600))
                                         : QObject::tr("%n days", nullptr, int(away / 86400));
    return QStringLiteral("%1 (%2)").arg(
        moment.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")),
        seconds >= 0 ? QObject::tr("in %1").arg(span) : QObject::tr("%1 ago").arg(span));
}

QString displayText(const QJsonValue &value, Format format)
{
    if (value.isUndefined() || value.isNull())
        return {};
    switch (format) {
    case Format::Time: {
        const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                           : value.toString();
    }
    case Format::Bool:
        return value.toBool() ? QObject::tr("yes") : QObject::tr("no");
    case Format::Count:
        return QString::number(value.isArray() ? value.toArray().size() : value.toObject().size());
    case Format::Json:
        if (value.isObject() && value.toObject().isEmpty())
            return {};
        if (value.isObject())
            return QString::fromUtf8(
                QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        if (value.isArray()) {
            QStringList parts;
            for (const QJsonValue &v : value.toArray())
                parts << (v.isString() ? v.toString() : displayText(v, Format::Json));
            return parts.join(QStringLiteral(", "));
        }
        break;
    case Format::Token: {
        const QJsonObject token = value.toObject();
        QStringList parts;
        QStringList capabilities;
        for (const QJsonValue &c : token.value(QLatin1String("capabilities")).toArray())
            capabilities << c.toString();
        parts << (capabilities.isEmpty() ? QObject::tr("no capabilities")
                                         : capabilities.join(QLatin1Char('+')));
        if (token.contains(QLatin1String("userId")))
            parts << QObject::tr("user %1").arg(token.value(QLatin1String("userId")).toString());
        if (token.contains(QLatin1String("expirationTime")))
            parts << QObject::tr("expires %1")
                         .arg(displayText(token.value(QLatin1String("expirationTime")),
                                          Format::Time));
        if (token.contains(QLatin1String("attributes")))
            parts << QObject::tr("attributes %1")
                         .arg(displayText(token.value(QLatin1String("attributes")), Format::Pairs));
        return parts.join(QStringLiteral(", "));
    }
    case Format::Pairs: {
        const QJsonObject pairs = value.toObject();
        QStringList parts; // QJsonObject keeps its keys sorted
        for (auto it = pairs.begin(); it != pairs.end(); ++it)
            parts << it.key() + QLatin1Char('=') +
                         (it->isString() ? it->toString() : displayText(*it, Format::Json));
        if (value.isObject())
            return parts.join(QStringLiteral(", "));
        break;
    }
    case Format::Text:
        break;
    }
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return displayText(value, Format::Bool);
    if (value.isObject() || value.isArray())
        return displayText(value, Format::Json);
    return value.toString();
}

QVariant rawValue(const QJsonValue &value, Format format)
{
    if (format == Format::Time)
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (format == Format::Count)
        return value.isArray() ? value.toArray().size() : value.toObject().size();
    if (value.isDouble())
        return value.toDouble();
    if (value.isBool())
        return value.toBool();
    return displayText(value, format);
}

QColor stateColor(const QString &state)
{
    // On a dark palette the same hues, lighter: the light-theme shades fall under 3:1 there.
    const bool dark = qobject_cast<QGuiApplication *>(QCoreApplication::instance()) &&
                      QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    if (state == QLatin1String("ACTIVE") || state == QLatin1String("CONNECTED"))
        return dark ? QColor(0x5c, 0xd6, 0x85) : QColor(0x1b, 0x7f, 0x3b);
    if (state == QLatin1String("STARTING") || state == QLatin1String("STOPPING") ||
        state == QLatin1String("RECONNECTING"))
        return dark ? QColor(0xf5, 0xb0, 0x41) : QColor(0xb3, 0x6b, 0x00);
    if (state == QLatin1String("FAILED"))
        return dark ? QColor(0xff, 0x7b, 0x7b) : QColor(0xc0, 0x1c, 0x28);
    if (state == QLatin1String("STOPPED") || state == QLatin1String("DISCONNECTED") ||
        state == QLatin1String("INACTIVE") || state == QLatin1String("ENDED"))
        return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x6b, 0x6b, 0x6b);
    return {};
}

} // namespace gr::models

namespace gr::models
{

QIcon stateIcon(const QString &state)
{
    static QHash<QRgb, QIcon> cache;
    const QColor colour = stateColor(state);
    // Pixmaps need a GUI application; headless users of the models get no icon.
    if (!colour.isValid() || !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    auto it = cache.find(colour.rgb());
    if (it == cache.end()) {
        QPixmap dot(12, 12);
        dot.fill(Qt::transparent);
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(2, 2, 8, 8);
        painter.end();
        it = cache.insert(colour.rgb(), QIcon(dot));
    }
    return *it;
}

} // namespace gr::models
