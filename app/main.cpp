// greenroom: the desktop console for Amazon IVS Real-Time.

#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Greenroom"));
    QApplication::setApplicationName(QStringLiteral("Greenroom"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for Amazon IVS Real-Time"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("profile"), QStringLiteral("AWS profile to use."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("region"), QStringLiteral("AWS region."),
                      QStringLiteral("region")});
    parser.addOption({QStringLiteral("endpoint-url"), QStringLiteral("Custom endpoint URL."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("local"),
                      QStringLiteral("Use the embedded local IVS Real-Time service.")});
    parser.process(app);

    gr::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
