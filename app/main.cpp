// greenroom: the desktop console for Amazon IVS Real-Time. Chooses the connection as the AWS
// CLI would, and falls back to the embedded local service when there are no credentials.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/profiles.h"
#include "aws/secretstore.h"
#include "cli/exportsession.h"
#include "local/localservice.h"
#include "ui/connection.h"
#include "ui/icons.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"

#include <cstdio>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

using namespace gr;

namespace
{

// Where the embedded local service keeps what the user made, between runs of the console.
QString embeddedStateFile()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/local-service.json");
}

local::LocalService *&embeddedInstance()
{
    static local::LocalService *service = nullptr;
    return service;
}

// The embedded local service, started on first use and kept for the whole run; its state
// survives a restart of the console (a state file under the user's data folder).
aws::Expected<local::LocalService *> embeddedService()
{
    local::LocalService *&service = embeddedInstance();
    if (service)
        return service;
    local::LocalServiceOptions options;
    options.demo = true;
    options.stateFile = embeddedStateFile();
    // The data plane stays signed (closed to unsigned calls): the demo drives it in-process,
    // the console never calls it, and the loopback port is open to every local user.
    options.openDataPlane = false;
    auto *candidate = new local::LocalService(options, qApp);
    if (const aws::Expected<void> started = candidate->start(); !started) {
        delete candidate;
        aws::AwsError error = started.error();
        error.message += QObject::tr(" (File → Reset local service… starts it afresh)");
        return error;
    }
    service = candidate;
    return service;
}

// File → Reset local service…: everything the embedded service held is dropped, and it starts
// again with only the demo's resources.
aws::Expected<void> resetEmbeddedService()
{
    delete std::exchange(embeddedInstance(), nullptr);
    const QFileInfo state(embeddedStateFile());
    for (const QFileInfo &file : state.dir().entryInfoList({state.fileName() + QLatin1Char('*')},
                                                           QDir::Files | QDir::Hidden)) {
        if (!QFile::remove(file.filePath()))
            return aws::failure(aws::AwsError::Kind::File,
                                QObject::tr("could not remove %1").arg(file.filePath()));
    }
    if (const aws::Expected<local::LocalService *> service = embeddedService(); !service)
        return service.error();
    return {};
}

aws::SecretStore *keychain()
{
    static auto *store = new aws::KeychainSecretStore(QStringLiteral("Greenroom"), qApp);
    return store;
}

// The command line, for the window and for the terminal-only answers (--help, --version).
void describeCommandLine(QCommandLineParser *parser)
{
    parser->setApplicationDescription(QStringLiteral("Desktop console for Amazon IVS Real-Time"));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addOption(
        {QStringLiteral("profile"), QStringLiteral("AWS profile to use."), QStringLiteral("name")});
    parser->addOption(
        {QStringLiteral("region"), QStringLiteral("AWS region."), QStringLiteral("region")});
    parser->addOption({QStringLiteral("endpoint-url"), QStringLiteral("Custom endpoint URL."),
                       QStringLiteral("url")});
    parser->addOption(
        {QStringLiteral("local"), QStringLiteral("Use the embedded local IVS Real-Time service.")});
    // For the package test: leave the event loop after this many seconds, as a user would.
    QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                 QStringLiteral("Quit after this many seconds (for tests)."),
                                 QStringLiteral("seconds"));
    quitAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    parser->addOption(quitAfter);
}

// QApplication aborts without a display; --help and --version must work on any terminal.
bool answersOnTerminalOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // `greenroom export-session ...`: the incident bundle with no window, before any QApplication.
    if (argc > 1 && qstrcmp(argv[1], "export-session") == 0)
        return sessionexport::commandLineMain(argc, argv);

    QCoreApplication::setOrganizationName(QStringLiteral("Greenroom"));
    QCoreApplication::setApplicationName(QStringLiteral("Greenroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QCommandLineParser parser;
    describeCommandLine(&parser);
    if (answersOnTerminalOnly(argc, argv)) {
        QCoreApplication terminal(argc, argv);
        parser.process(terminal); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(QStringLiteral("org.greenroom.Greenroom"));
    QApplication::setWindowIcon(ui::applicationIcon());
    ui::Theme::instance()->applySaved();
    parser.process(app);
    if (parser.isSet(QStringLiteral("quit-after"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("quit-after")).toDouble(&ok);
        if (!ok || seconds <= 0) {
            std::fprintf(stderr, "greenroom: --quit-after must be a positive number of seconds\n");
            return 2;
        }
        QTimer::singleShot(qRound(seconds * 1000), &app, &QCoreApplication::quit);
    }

    const aws::ProfileResolver resolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
    const aws::ConnectionOptions cli{parser.value(QStringLiteral("profile")),
                                     parser.value(QStringLiteral("region")),
                                     parser.value(QStringLiteral("endpoint-url"))};

    QList<ui::ConnectionChoice> choices;
    choices.append({ui::ConnectionChoice::Kind::Local,
                    QObject::tr("Local service (embedded, demo data)"),
                    {},
                    {},
                    {}});
    choices.append({ui::ConnectionChoice::Kind::Profile,
                    QObject::tr("AWS (command line / environment)"), cli.profile, cli.region,
                    cli.endpointUrl});
    // A malformed file is reported when that connection is chosen (resolve() names it).
    for (const QString &profile : resolver.profileNames().valueOr({}))
        choices.append({ui::ConnectionChoice::Kind::Profile,
                        QObject::tr("AWS profile: %1").arg(profile), profile, cli.region,
                        cli.endpointUrl});

    auto *network = new QNetworkAccessManager(&app); // for STS AssumeRole
    // AWS connections trust and reach the service as the CLI would: a CA bundle (AWS_CA_BUNDLE,
    // else the profile's ca_bundle) and HTTPS_PROXY / NO_PROXY. Null, with `error`, when the
    // configuration cannot be used.
    auto secured = [](ui::Connection *connection, const QString &caBundle,
                      const QString &origin) -> aws::Expected<ui::Connection *> {
        aws::Expected<void> usable = caBundle.isEmpty()
                                         ? aws::Expected<void>()
                                         : connection->transport()->setCaBundle(caBundle, origin);
        if (usable)
            usable =
                connection->transport()->useProxiesFrom(QProcessEnvironment::systemEnvironment());
        if (!usable) {
            delete connection;
            return usable.error();
        }
        return connection;
    };
    auto factory = [&resolver, network, secured](
                       const ui::ConnectionChoice &choice) -> aws::Expected<ui::Connection *> {
        if (choice.kind == ui::ConnectionChoice::Kind::Local) {
            const aws::Expected<local::LocalService *> embedded = embeddedService();
            if (!embedded)
                return embedded.error();
            local::LocalService *service = *embedded;
            auto *credentials = new aws::StaticCredentialsProvider(
                {QLatin1String(local::LocalService::kDefaultAccessKeyId),
                 QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                 {},
                 {}},
                QObject::tr("local service keys"));
            return new ui::Connection(service->url(), service->options().region, credentials,
                                      QObject::tr("Local service"));
        }
        if (choice.kind == ui::ConnectionChoice::Kind::StoredKeys) {
            auto *credentials = new aws::StoredCredentialsProvider(keychain(), choice.profile);
            const QUrl endpoint(
                choice.endpointUrl.isEmpty()
                    ? QStringLiteral("https://ivsrealtime.%1.amazonaws.com").arg(choice.region)
                    : choice.endpointUrl);
            const QString envBundle =
                QProcessEnvironment::systemEnvironment().value(QStringLiteral("AWS_CA_BUNDLE"));
            return secured(new ui::Connection(endpoint, choice.region, credentials,
                                              credentials->description()),
                           envBundle, QStringLiteral("AWS_CA_BUNDLE"));
        }
        auto *owner = new QObject;
        // Profile and endpoint choices resolve credentials the same way; an endpoint choice
        // only overrides where the requests go.
        const aws::Expected<aws::ResolvedConnection> resolved = resolver.resolveWithCredentials(
            {choice.profile, choice.region, choice.endpointUrl}, network, owner);
        if (!resolved) {
            delete owner;
            return resolved.error();
        }
        auto *connection =
            new ui::Connection(resolved->endpoint, resolved->region, resolved->credentials,
                               resolved->credentials->description());
        connection->setMetricsEndpoint(resolved->cloudWatchEndpoint);
        owner->setParent(connection);
        return secured(connection, resolved->caBundle, resolved->caBundleOrigin);
    };

    ui::MainWindow window(choices, factory);
    window.setSecretStore(keychain());
    window.setLocalServiceReset(resetEmbeddedService);
    window.show();

    // AWS when credentials are configured (or asked for), else the embedded local service.
    QObject probe;
    const aws::ResolvedConnection initial = resolver.resolve(cli, network, &probe);
    const bool useAws =
        !parser.isSet(QStringLiteral("local")) && initial.ok() && initial.credentials;
    window.openConnection(useAws ? 1 : 0);
    // Whether the user has any AWS configuration at all: without one, "no region" is not a
    // problem to report, only the reason the local service is used.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const bool hasAwsConfiguration =
        QFile::exists(QDir::homePath() + QStringLiteral("/.aws/config")) ||
        QFile::exists(QDir::homePath() + QStringLiteral("/.aws/credentials")) ||
        env.contains(QStringLiteral("AWS_CONFIG_FILE")) ||
        env.contains(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE")) ||
        env.contains(QStringLiteral("AWS_ACCESS_KEY_ID")) ||
        env.contains(QStringLiteral("AWS_PROFILE")) || parser.isSet(QStringLiteral("profile"));
    const QString problem = hasAwsConfiguration && !initial.ok() ? initial.error : QString();
    // First run (no AWS configuration, nothing to come back to): the welcome page says where
    // the console is and what to try; later runs restore where the user was. --local asks for
    // the local service knowingly and goes straight to the lists.
    const bool firstRun = !QSettings().contains(QStringLiteral("window/page"));
    if (!useAws && !parser.isSet(QStringLiteral("local")) && (firstRun || !problem.isEmpty()))
        window.showWelcome(problem);
    if (!parser.isSet(QStringLiteral("local")) && !problem.isEmpty())
        window.statusBar()->showMessage(
            QObject::tr("AWS configuration: %1 — using the local service").arg(problem), 15000);
    return QApplication::exec();
}
