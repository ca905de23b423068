// Themes: the light and dark palettes are legible, the system scheme is the platform palette
// as it was, the choice is saved and survives nonsense in the settings file, and the
// Preferences dialog saves and applies it. Screenshots of the dialog in both themes.

#include "ui/icons.h"
#include "ui/preferencesdialog.h"
#include "ui/theme.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QtTest>

using namespace gr::ui;

namespace
{

int contrast(const QPalette &palette, QPalette::ColorRole background, QPalette::ColorRole text)
{
    return qAbs(palette.color(background).lightness() - palette.color(text).lightness());
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    QVERIFY(
        widget->grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/%1.png").arg(name)));
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("GreenroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_theme"));
        QSettings().clear();
        m_platformPalette = QApplication::palette();
    }

    void palettesAreLegible()
    {
        for (const QPalette &palette : {Theme::lightPalette(), Theme::darkPalette()}) {
            QVERIFY(contrast(palette, QPalette::Window, QPalette::WindowText) > 150);
            QVERIFY(contrast(palette, QPalette::Base, QPalette::Text) > 150);
            QVERIFY(contrast(palette, QPalette::Button, QPalette::ButtonText) > 150);
            QVERIFY(contrast(palette, QPalette::Highlight, QPalette::HighlightedText) > 100);
            // Disabled text is visibly dimmer than enabled text, and still there.
            const int enabled = palette.color(QPalette::Active, QPalette::Text).lightness();
            const int disabled = palette.color(QPalette::Disabled, QPalette::Text).lightness();
            const int base = palette.color(QPalette::Base).lightness();
            QVERIFY(qAbs(disabled - base) < qAbs(enabled - base));
            QVERIFY(qAbs(disabled - base) > 50);
        }
        QVERIFY(!Theme::isDarkPalette(Theme::lightPalette()));
        QVERIFY(Theme::isDarkPalette(Theme::darkPalette()));
    }

    void applyAndReturnToTheSystem()
    {
        Theme *theme = Theme::instance();
        QSignalSpy changed(theme, &Theme::changed);
        const QString systemStyle = QApplication::style()->name();

        theme->apply(ColorScheme::Dark);
        QVERIFY(theme->isDark());
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 Theme::darkPalette().color(QPalette::Window));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).toBool(), true);

        theme->apply(ColorScheme::Light);
        QVERIFY(!theme->isDark());
        QCOMPARE(changed.last().at(0).toBool(), false);

        theme->apply(ColorScheme::System);
        QCOMPARE(theme->scheme(), ColorScheme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 m_platformPalette.color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::Text),
                 m_platformPalette.color(QPalette::Text));
        QCOMPARE(QApplication::style()->name(), systemStyle);
        QCOMPARE(theme->isDark(), Theme::isDarkPalette(m_platformPalette));
    }

    void choiceIsSavedAndNonsenseIsTheSystem()
    {
        QCOMPARE(Theme::savedScheme(), ColorScheme::System);
        Theme::saveScheme(ColorScheme::Dark);
        QCOMPARE(QSettings().value(QStringLiteral("appearance/colorScheme")).toString(),
                 QStringLiteral("dark"));
        QCOMPARE(Theme::savedScheme(), ColorScheme::Dark);
        QSettings().setValue(QStringLiteral("appearance/colorScheme"), QStringLiteral("purple"));
        QCOMPARE(Theme::savedScheme(), ColorScheme::System);
        QSettings().remove(QStringLiteral("appearance/colorScheme"));
    }

    void preferencesDialogSavesAndApplies()
    {
        Theme::saveScheme(ColorScheme::Light);
        PreferencesDialog dialog;
        auto *scheme = dialog.findChild<QComboBox *>(QStringLiteral("colorScheme"));
        QVERIFY(scheme);
        QCOMPARE(ColorScheme(scheme->currentData().toInt()), ColorScheme::Light);
        QVERIFY(!scheme->accessibleName().isEmpty());

        // Cancel changes nothing.
        scheme->setCurrentIndex(scheme->findData(int(ColorScheme::Dark)));
        dialog.reject();
        QCOMPARE(Theme::savedScheme(), ColorScheme::Light);

        // Apply saves and applies, and the dialog (and its icons) repaint in the new palette.
        dialog.show();
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        buttons->button(QDialogButtonBox::Apply)->click();
        QCOMPARE(Theme::savedScheme(), ColorScheme::Dark);
        QVERIFY(Theme::instance()->isDark());
        QCoreApplication::processEvents(); // palette changes reach widgets as posted events
        QVERIFY(Theme::isDarkPalette(dialog.palette()));
        saveScreenshot(&dialog, QStringLiteral("preferences-dark"));

        scheme->setCurrentIndex(scheme->findData(int(ColorScheme::Light)));
        buttons->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(Theme::savedScheme(), ColorScheme::Light);
        QVERIFY(!Theme::instance()->isDark());
        dialog.show();
        QCoreApplication::processEvents();
        QVERIFY(!Theme::isDarkPalette(dialog.palette()));
        saveScreenshot(&dialog, QStringLiteral("preferences-light"));
        Theme::instance()->apply(ColorScheme::System);
    }

private:
    QPalette m_platformPalette;
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
