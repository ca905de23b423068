#include "models/eventerrors.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

static void initGreenroomResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace gr::models
{

QString explainEventError(const QString &errorCode)
{
    static const QJsonObject texts = [] {
        initGreenroomResources();
        QFile file(QStringLiteral(":/greenroom/error-codes.json"));
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    }();
    if (errorCode.isEmpty())
        return {};
    const QString text = texts.value(errorCode).toString();
    return text.isEmpty()
               ? QObject::tr("%1: an error code this version of Greenroom does not know.")
                     .arg(errorCode)
               : text;
}

QString eventsNotInTimelineNote()
{
    return QObject::tr("Not every failure becomes an event: client-side network failures and "
                       "tokens with a bad signature never reach the service's timeline.");
}

} // namespace gr::models
