#pragma once
// Light and dark palettes for the console. By default it follows the system: Qt 6.4 has no
// colour-scheme API, so whether the system is dark is read from the platform palette's window
// lightness. The user's choice is kept in QSettings ("appearance/colorScheme").

#include <QObject>
#include <QPalette>
#include <QString>

namespace gr::ui
{

enum class ColorScheme { System, Light, Dark };

class Theme : public QObject
{
    Q_OBJECT
public:
    static Theme *instance();

    // Sets the application palette: the platform's for System (as it was when the theme was
    // first applied), else lightPalette()/darkPalette() with the Fusion style, which draws
    // every role of a palette (platform styles may ignore some).
    void apply(ColorScheme scheme);
    void applySaved() { apply(savedScheme()); }

    ColorScheme scheme() const { return m_scheme; }
    bool isDark() const; // the palette in force

    static ColorScheme savedScheme(); // System when nothing (or nonsense) is saved
    static void saveScheme(ColorScheme scheme);

    static QPalette lightPalette();
    static QPalette darkPalette();
    static bool isDarkPalette(const QPalette &palette);
    static QString schemeKey(ColorScheme scheme); // "system", "light", "dark"

signals:
    void changed(bool dark);

private:
    Theme() = default;

    ColorScheme m_scheme = ColorScheme::System;
    bool m_captured = false;
    QPalette m_systemPalette;
    QString m_systemStyle;
};

} // namespace gr::ui
