#include "ui/theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace gr::ui
{

namespace
{

const char kSchemeKey[] = "appearance/colorScheme";

struct Roles {
    QColor window, windowText, base, alternateBase, text, button, buttonText, highlight,
        highlightedText, link, linkVisited, toolTipBase, toolTipText, placeholder, light, midlight,
        mid, dark, shadow, disabledText, brightText;
};

QPalette paletteOf(const Roles &r)
{
    QPalette p;
    p.setColor(QPalette::Window, r.window);
    p.setColor(QPalette::WindowText, r.windowText);
    p.setColor(QPalette::Base, r.base);
    p.setColor(QPalette::AlternateBase, r.alternateBase);
    p.setColor(QPalette::Text, r.text);
    p.setColor(QPalette::Button, r.button);
    p.setColor(QPalette::ButtonText, r.buttonText);
    p.setColor(QPalette::BrightText, r.brightText);
    p.setColor(QPalette::Highlight, r.highlight);
    p.setColor(QPalette::HighlightedText, r.highlightedText);
    p.setColor(QPalette::Link, r.link);
    p.setColor(QPalette::LinkVisited, r.linkVisited);
    p.setColor(QPalette::ToolTipBase, r.toolTipBase);
    p.setColor(QPalette::ToolTipText, r.toolTipText);
    p.setColor(QPalette::PlaceholderText, r.placeholder);
    p.setColor(QPalette::Light, r.light);
    p.setColor(QPalette::Midlight, r.midlight);
    p.setColor(QPalette::Mid, r.mid);
    p.setColor(QPalette::Dark, r.dark);
    p.setColor(QPalette::Shadow, r.shadow);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, r.disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, r.mid);
    return p;
}

} // namespace

Theme *Theme::instance()
{
    static auto *theme = new Theme;
    return theme;
}

void Theme::apply(ColorScheme scheme)
{
    if (!m_captured) {
        m_systemPalette = QApplication::palette();
        m_systemStyle = QApplication::style()->name();
        m_captured = true;
    }
    m_scheme = scheme;
    if (scheme == ColorScheme::System) {
        if (QApplication::style()->name() != m_systemStyle)
            QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_systemPalette);
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(scheme == ColorScheme::Dark ? darkPalette() : lightPalette());
    }
    emit changed(isDark());
}

bool Theme::isDark() const
{
    return isDarkPalette(QApplication::palette());
}

ColorScheme Theme::savedScheme()
{
    const QString key = QSettings().value(QLatin1String(kSchemeKey)).toString();
    for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark})
        if (key == schemeKey(scheme))
            return scheme;
    return ColorScheme::System;
}

void Theme::saveScheme(ColorScheme scheme)
{
    QSettings().setValue(QLatin1String(kSchemeKey), schemeKey(scheme));
}

QString Theme::schemeKey(ColorScheme scheme)
{
    switch (scheme) {
    case ColorScheme::Light:
        return QStringLiteral("light");
    case ColorScheme::Dark:
        return QStringLiteral("dark");
    case ColorScheme::System:
        break;
    }
    return QStringLiteral("system");
}

bool Theme::isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Window).lightness() < 128;
}

QPalette Theme::lightPalette()
{
    return paletteOf({QColor(0xf3f4f6), QColor(0x1f2328), QColor(0xffffff), QColor(0xf2f4f7),
                      QColor(0x1f2328), QColor(0xe9ebef), QColor(0x1f2328), QColor(0x2f65ca),
                      QColor(0xffffff), QColor(0x0b57d0), QColor(0x6f42c1), QColor(0xffffdc),
                      QColor(0x1f2328), QColor(0x6e7781), QColor(0xffffff), QColor(0xe4e6ea),
                      QColor(0xc4c8ce), QColor(0x9aa0a6), QColor(0x5f6368), QColor(0x8c959f),
                      QColor(0xc62828)});
}

QPalette Theme::darkPalette()
{
    return paletteOf({QColor(0x2b2d30), QColor(0xdfe1e5), QColor(0x1e1f22), QColor(0x26282b),
                      QColor(0xdfe1e5), QColor(0x3c3f41), QColor(0xdfe1e5), QColor(0x2f65ca),
                      QColor(0xffffff), QColor(0x6ea8ff), QColor(0xb28cff), QColor(0x3c3f41),
                      QColor(0xdfe1e5), QColor(0x8c8f94), QColor(0x4a4d50), QColor(0x3f4245),
                      QColor(0x55585c), QColor(0x1b1c1e), QColor(0x101011), QColor(0x6f737a),
                      QColor(0xff6b6b)});
}

} // namespace gr::ui
