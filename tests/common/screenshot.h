#pragma once
// For GUI tests: what a widget shows, saved with QWidget::grab() as
// <build>/test-output/screenshots/<name> for a person to look at. The folder is made on first
// use; a screenshot that cannot be written fails the test and names the file.

#include <QDir>
#include <QTest>
#include <QWidget>

inline QString screenshotPath(const QString &name)
{
    return QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/") + name;
}

inline void shoot(QWidget *widget, const QString &name)
{
    QVERIFY(QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots")));
    const QString path = screenshotPath(name);
    QVERIFY2(widget->grab().save(path), qPrintable(QStringLiteral("could not write %1").arg(path)));
}
