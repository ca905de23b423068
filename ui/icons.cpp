#include "ui/icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QSvgRenderer>

// Q_INIT_RESOURCE must be called outside any namespace; it keeps the icons of this static
// library from being dropped by the linker.
static void initIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace gr::ui
{

namespace
{

struct IconEntry {
    IconId id;
    const char *name;
};

constexpr IconEntry kIcons[] = {
    {IconId::Stage, "stage"},
    {IconId::Session, "session"},
    {IconId::Participant, "participant"},
    {IconId::Composition, "composition"},
    {IconId::EncoderConfiguration, "encoder-configuration"},
    {IconId::StorageConfiguration, "storage-configuration"},
    {IconId::PublicKey, "public-key"},
    {IconId::IngestConfiguration, "ingest-configuration"},
    {IconId::Event, "event"},
    {IconId::Connected, "connected"},
    {IconId::Disconnected, "disconnected"},
    {IconId::Publishing, "publishing"},
    {IconId::StoppedPublishing, "stopped-publishing"},
    {IconId::Subscribing, "subscribing"},
    {IconId::Recording, "recording"},
    {IconId::Error, "error"},
    {IconId::Warning, "warning"},
    {IconId::New, "new"},
    {IconId::Edit, "edit"},
    {IconId::Delete, "delete"},
    {IconId::Refresh, "refresh"},
    {IconId::Live, "live"},
    {IconId::Find, "find"},
    {IconId::Copy, "copy"},
    {IconId::Export, "export"},
    {IconId::Connect, "connect"},
    {IconId::Back, "back"},
    {IconId::Forward, "forward"},
};

QByteArray svgSource(const QString &path)
{
    static QHash<QString, QByteArray> sources;
    auto it = sources.find(path);
    if (it == sources.end()) {
        static const bool initialised = (initIconResources(), true);
        Q_UNUSED(initialised);
        QFile file(path);
        it = sources.insert(path, file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }
    return *it;
}

// The foreground a themed icon takes: the text colour of the palette in force, per mode.
QColor foregroundFor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    default:
        return palette.color(QPalette::Active, QPalette::WindowText);
    }
}

class ThemedSvgIconEngine final : public QIconEngine
{
public:
    ThemedSvgIconEngine(QString path, bool themed) : m_path(std::move(path)), m_themed(themed) {}

    QIconEngine *clone() const override { return new ThemedSvgIconEngine(m_path, m_themed); }
    QString key() const override { return QStringLiteral("greenroom-themed-svg"); }
    QString iconName() override { return m_path; }
    bool isNull() override { return svgSource(m_path).isEmpty(); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(coloured(mode));
        painter->save();
        if (mode == QIcon::Disabled)
            painter->setOpacity(painter->opacity() * 0.5); // fixed state colours fade too
        renderer.render(painter, rect);
        painter->restore();
    }

    // Qt 6.4's QIcon::pixmap(size, devicePixelRatio) asks for size × ratio device pixels and
    // sets the ratio itself, so a vector drawn at exactly this size is sharp on any screen.
    QPixmap pixmap(const QSize &pixels, QIcon::Mode mode, QIcon::State state) override
    {
        const QString cacheKey = QStringLiteral("gr-icon:%1:%2x%3:%4:%5")
                                     .arg(m_path)
                                     .arg(pixels.width())
                                     .arg(pixels.height())
                                     .arg(int(mode))
                                     .arg(foregroundFor(mode).rgba());
        QPixmap pixmap;
        if (!QPixmapCache::find(cacheKey, &pixmap)) {
            pixmap = QPixmap(pixels);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            paint(&painter, QRect(QPoint(0, 0), pixels), mode, state);
            painter.end();
            QPixmapCache::insert(cacheKey, pixmap);
        }
        return pixmap;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        return {{16, 16}, {22, 22}, {24, 24}, {32, 32}, {48, 48}};
    }

private:
    QByteArray coloured(QIcon::Mode mode) const
    {
        QByteArray svg = svgSource(m_path);
        if (m_themed)
            svg.replace("currentColor", foregroundFor(mode).name(QColor::HexRgb).toLatin1());
        return svg;
    }

    QString m_path;
    bool m_themed;
};

} // namespace

QList<IconId> allIconIds()
{
    QList<IconId> ids;
    for (const IconEntry &entry : kIcons)
        ids.append(entry.id);
    return ids;
}

QString iconName(IconId id)
{
    for (const IconEntry &entry : kIcons)
        if (entry.id == id)
            return QLatin1String(entry.name);
    return {};
}

QIcon icon(IconId id)
{
    return icon(iconName(id));
}

QIcon icon(const QString &name)
{
    const QString path = QStringLiteral(":/greenroom/icons/%1.svg").arg(name);
    if (name.isEmpty() || svgSource(path).isEmpty())
        return {};
    return QIcon(new ThemedSvgIconEngine(path, true));
}

QIcon applicationIcon()
{
    return QIcon(new ThemedSvgIconEngine(
        QStringLiteral(":/greenroom/icons/app/org.greenroom.Greenroom.svg"), false));
}

} // namespace gr::ui
