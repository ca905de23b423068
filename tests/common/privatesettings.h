#pragma once
// QSettings of one test process in a folder of its own, removed when the test ends.
// QStandardPaths' test mode alone puts every process's settings in one file per application
// name under ~/.qttest: a second run of the same test (another build, another worktree) clearing
// or rewriting that file changes what this run reads back (ui_livewall's reopened wall once
// remembered one connection of two).

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

class PrivateSettings
{
public:
    PrivateSettings()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!m_dir.isValid())
            return;
        for (QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat})
            QSettings::setPath(format, QSettings::UserScope, m_dir.path());
    }
    // Empty when the settings are this process's own, else why not.
    QString error() const
    {
        if (!m_dir.isValid())
            return QStringLiteral("no private settings folder: ") + m_dir.errorString();
        const QString file = QSettings().fileName();
        if (!file.startsWith(m_dir.path() + QLatin1Char('/')))
            return QStringLiteral("settings file %1 is outside %2").arg(file, m_dir.path());
        return {};
    }

private:
    QTemporaryDir m_dir;
};
