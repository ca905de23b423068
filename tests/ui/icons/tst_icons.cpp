// The icon set: every id has a drawing, it renders at 16 px and on high-DPI screens at twice
// the pixels, the currentColor strokes follow the palette (light/dark) while state colours
// stay, and a sheet of all icons on both backgrounds is saved for a look.

#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "ui/icons.h"
#include "ui/stagetreedelegate.h"

#include <QApplication>
#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QSet>
#include <QStandardItemModel>
#include <QtTest>

using namespace gr::ui;

namespace
{

QPalette paletteWithText(const QColor &window, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, text.darker(150));
    return palette;
}

// Pixels that are opaque enough to see, and their average colour.
struct Ink {
    int pixels = 0;
    QColor average;
};

Ink inkOf(const QImage &image)
{
    Ink ink;
    qint64 r = 0, g = 0, b = 0;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y)
        for (int x = 0; x < argb.width(); ++x) {
            const QColor c = argb.pixelColor(x, y);
            if (c.alpha() < 128)
                continue;
            ++ink.pixels;
            r += c.red();
            g += c.green();
            b += c.blue();
        }
    if (ink.pixels)
        ink.average = QColor(int(r / ink.pixels), int(g / ink.pixels), int(b / ink.pixels));
    return ink;
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private slots:
    void everyIdHasADistinctDrawing()
    {
        QSet<QString> names;
        QSet<QByteArray> images;
        for (IconId id : allIconIds()) {
            const QString name = iconName(id);
            QVERIFY2(!name.isEmpty(), "an IconId without a name");
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            const QIcon themed = icon(id);
            QVERIFY2(!themed.isNull(), qPrintable(name + QStringLiteral(": no SVG in the qrc")));
            const QImage image = themed.pixmap(QSize(16, 16)).toImage();
            QCOMPARE(image.size(), QSize(16, 16));
            const Ink ink = inkOf(image);
            // Legible at 16 px: a real drawing, not a dot and not a filled square.
            QVERIFY2(ink.pixels >= 12 && ink.pixels <= 200,
                     qPrintable(QStringLiteral("%1: %2 inked pixels").arg(name).arg(ink.pixels)));
            QByteArray bytes(reinterpret_cast<const char *>(image.constBits()),
                             int(image.sizeInBytes()));
            QVERIFY2(!images.contains(bytes),
                     qPrintable(name + QStringLiteral(" looks like another")));
            images.insert(bytes);
        }
        QCOMPARE(names.size(), 28);
        QVERIFY(icon(QStringLiteral("no-such-icon")).isNull());
        QCOMPARE(icon(QStringLiteral("find")).pixmap(16).toImage(),
                 icon(IconId::Find).pixmap(16).toImage());
    }

    void oneStyleAndEveryFileHasAnId()
    {
        QStringList named;
        for (IconId id : allIconIds())
            named << iconName(id) + QStringLiteral(".svg");
        QStringList files =
            QDir(QStringLiteral(":/greenroom/icons")).entryList({QStringLiteral("*.svg")});
        named.sort();
        files.sort();
        QCOMPARE(files, named);
        // The 16 px grid, and colours only from the set's few: the themed foreground and the
        // four state colours (white and near-black only as marks on them).
        static const QRegularExpression colour(QStringLiteral("#[0-9a-fA-F]{6}"));
        const QStringList allowed = {QStringLiteral("#2ea043"), QStringLiteral("#e5484d"),
                                     QStringLiteral("#3b82f6"), QStringLiteral("#f5a524"),
                                     QStringLiteral("#ffffff"), QStringLiteral("#1a1a1a")};
        for (const QString &file : files) {
            QFile svg(QStringLiteral(":/greenroom/icons/") + file);
            QVERIFY(svg.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(svg.readAll());
            QVERIFY2(text.contains(QStringLiteral("viewBox=\"0 0 16 16\"")), qPrintable(file));
            for (auto it = colour.globalMatch(text); it.hasNext();) {
                const QString used = it.next().captured().toLower();
                QVERIFY2(allowed.contains(used), qPrintable(file + QLatin1Char(' ') + used));
            }
        }
    }

    void highDpiRendersTwiceThePixels()
    {
        const QPixmap pixmap = icon(IconId::Stage).pixmap(QSize(16, 16), 2.0);
        QCOMPARE(pixmap.size(), QSize(32, 32));
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
        // A vector rendered at 32 px has more edge detail than a 16 px one scaled up.
        const Ink sharp = inkOf(pixmap.toImage());
        QVERIFY(sharp.pixels > inkOf(icon(IconId::Stage).pixmap(16).toImage()).pixels * 3);
    }

    void strokesFollowThePaletteStateColoursStay()
    {
        const QPalette original = QGuiApplication::palette();
        QGuiApplication::setPalette(paletteWithText(Qt::white, QColor(20, 20, 20)));
        const Ink findOnLight = inkOf(icon(IconId::Find).pixmap(32).toImage());
        const Ink errorOnLight = inkOf(icon(IconId::Error).pixmap(32).toImage());
        QGuiApplication::setPalette(paletteWithText(QColor(40, 40, 40), QColor(230, 230, 230)));
        const Ink findOnDark = inkOf(icon(IconId::Find).pixmap(32).toImage());
        const Ink errorOnDark = inkOf(icon(IconId::Error).pixmap(32).toImage());
        QGuiApplication::setPalette(original);

        QVERIFY2(findOnLight.average.lightness() < 60, qPrintable(findOnLight.average.name()));
        QVERIFY2(findOnDark.average.lightness() > 190, qPrintable(findOnDark.average.name()));
        QCOMPARE(errorOnLight.average, errorOnDark.average);
        QVERIFY(errorOnLight.average.red() > 150);
    }

    void disabledIsFainter()
    {
        const Ink normal = inkOf(icon(IconId::Recording).pixmap(QSize(32, 32)).toImage());
        const QImage disabled =
            icon(IconId::Recording).pixmap(QSize(32, 32), QIcon::Disabled).toImage();
        QVERIFY(inkOf(disabled).pixels < normal.pixels);
    }

    void applicationIconRenders()
    {
        const Ink ink = inkOf(applicationIcon().pixmap(64).toImage());
        QVERIFY(ink.pixels > 2000);
        QVERIFY(ink.average.green() > ink.average.red());
    }

    // A participant's row in the stage tree shows what it does now; "stopped publishing" has
    // an icon of its own (it used the connected dot), saved beside the others for a look.
    void treeParticipantIconsByActivity()
    {
        using gr::models::StageTreeModel;
        using Activity = StageTreeModel::Activity;
        const QList<QPair<Activity, IconId>> expected = {
            {Activity::Disconnected, IconId::Disconnected},
            {Activity::Connected, IconId::Connected},
            {Activity::Publishing, IconId::Publishing},
            {Activity::StoppedPublishing, IconId::StoppedPublishing},
        };
        QStandardItemModel rows;
        QSet<QByteArray> drawn;
        QWidget strip;
        strip.setAutoFillBackground(true);
        auto *grid = new QGridLayout(&strip);
        for (const auto &[activity, id] : expected) {
            auto *item = new QStandardItem(QStringLiteral("participant"));
            item->setData(int(StageTreeModel::NodeType::Participant), gr::models::NodeTypeRole);
            item->setData(int(activity), StageTreeModel::ActivityRole);
            rows.appendRow(item);
            const IconId shown = stageTreeIcon(item->index());
            QCOMPARE(iconName(shown), iconName(id));
            const QImage image = icon(shown).pixmap(QSize(16, 16)).toImage();
            drawn.insert(QByteArray(reinterpret_cast<const char *>(image.constBits()),
                                    int(image.sizeInBytes())));
            auto *picture = new QLabel;
            picture->setPixmap(icon(shown).pixmap(16));
            grid->addWidget(picture, rows.rowCount() - 1, 0);
            grid->addWidget(new QLabel(QString::fromLatin1(
                                QMetaEnum::fromType<Activity>().valueToKey(int(activity)))),
                            rows.rowCount() - 1, 1);
        }
        QCOMPARE(drawn.size(), expected.size()); // four states, four different pictures
        strip.resize(strip.sizeHint());
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
        QVERIFY(strip.grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/icons-tree-participants.png")));
    }

    void sheetOnLightAndDark()
    {
        for (const bool dark : {false, true}) {
            const QPalette original = QGuiApplication::palette();
            const QPalette palette =
                dark ? paletteWithText(QColor(43, 45, 48), QColor(223, 225, 229))
                     : paletteWithText(QColor(246, 246, 246), QColor(31, 31, 31));
            QGuiApplication::setPalette(palette);
            QWidget sheet;
            sheet.setAutoFillBackground(true);
            sheet.setPalette(palette);
            auto *grid = new QGridLayout(&sheet);
            int row = 0;
            for (IconId id : allIconIds()) {
                int column = 0;
                for (int size : {16, 24, 32}) {
                    auto *label = new QLabel;
                    label->setPixmap(icon(id).pixmap(size));
                    grid->addWidget(label, row % 9, (row / 9) * 5 + column++);
                }
                auto *name = new QLabel(iconName(id));
                name->setPalette(palette);
                grid->addWidget(name, row % 9, (row / 9) * 5 + column);
                ++row;
            }
            sheet.resize(sheet.sizeHint());
            QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
            const QString path = QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/icons-%1.png")
                                     .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"));
            QVERIFY(sheet.grab().save(path));
            QGuiApplication::setPalette(original);
        }
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
