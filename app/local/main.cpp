// greenroom-local: a local Amazon IVS Real-Time service for the console and its tests.

#include "local/localservice.h"

#include <csignal>
#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("greenroom-local"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local Amazon IVS Real-Time service: the 39 operations with SigV4, and a simulated "
        "data plane under /__greenroom/."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
         QStringLiteral("addr"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("Port; 0 picks a free one (default 0)."),
         QStringLiteral("n"), QStringLiteral("0")},
        {QStringLiteral("region"),
         QStringLiteral("Region of the ARNs and signing scope (default us-east-1)."),
         QStringLiteral("r"), QStringLiteral("us-east-1")},
        {QStringLiteral("account"),
         QStringLiteral("Account id of the ARNs (default 123456789012)."), QStringLiteral("n"),
         QStringLiteral("123456789012")},
        {QStringLiteral("access-key"),
         QStringLiteral("Accepted key pair ID:SECRET; repeatable. Default: the pair in README."),
         QStringLiteral("id:secret")},
        {QStringLiteral("state"), QStringLiteral("Save state to this file and reload it at start."),
         QStringLiteral("file")},
        {QStringLiteral("demo"),
         QStringLiteral("Keep several stages busy with realistic traffic.")},
        {QStringLiteral("quotas"),
         QStringLiteral("Answer requests above the documented rate limits with 429.")},
        {QStringLiteral("faults"),
         QStringLiteral("Inject faults, e.g. 'ListStages:503=0.3:latency=200,*:drop=0.01'."),
         QStringLiteral("spec")},
        {QStringLiteral("open-data-plane"),
         QStringLiteral("Serve /__greenroom/ (join, faults...) without a signature. By default "
                        "those calls must be SigV4-signed with an accepted key, like the API.")},
        {QStringLiteral("tls-cert"),
         QStringLiteral("Serve HTTPS with this PEM certificate (chain); needs --tls-key."),
         QStringLiteral("file")},
        {QStringLiteral("tls-key"),
         QStringLiteral("The PEM private key (RSA or EC, unencrypted) of --tls-cert."),
         QStringLiteral("file")},
        {QStringLiteral("time-scale"),
         QStringLiteral("Run life-cycle timers this many times faster (default 1)."),
         QStringLiteral("x"), QStringLiteral("1")},
    });
    parser.process(app);

    gr::local::LocalServiceOptions options;
    auto fail = [](const QString &message) {
        std::fprintf(stderr, "greenroom-local: %s\n", qPrintable(message));
        return 2;
    };
    if (!options.host.setAddress(parser.value(QStringLiteral("host"))))
        return fail(QStringLiteral("--host '%1' is not an IP address")
                        .arg(parser.value(QStringLiteral("host"))));
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port must be a number from 0 to 65535"));
    options.port = quint16(port);
    options.region = parser.value(QStringLiteral("region"));
    options.account = parser.value(QStringLiteral("account"));
    if (options.account.size() != 12 || !std::all_of(options.account.begin(), options.account.end(),
                                                     [](QChar c) { return c.isDigit(); }))
        return fail(QStringLiteral("--account must be 12 digits"));
    for (const QString &pair : parser.values(QStringLiteral("access-key"))) {
        const qsizetype colon = pair.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == pair.size() - 1)
            return fail(QStringLiteral("--access-key must be ID:SECRET"));
        options.accessKeys.append({pair.left(colon), pair.mid(colon + 1)});
    }
    options.stateFile = parser.value(QStringLiteral("state"));
    options.demo = parser.isSet(QStringLiteral("demo"));
    options.quotas = parser.isSet(QStringLiteral("quotas"));
    options.faults = parser.value(QStringLiteral("faults"));
    options.openDataPlane = parser.isSet(QStringLiteral("open-data-plane"));
    options.tlsCertificateFile = parser.value(QStringLiteral("tls-cert"));
    options.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
    options.timeScale = parser.value(QStringLiteral("time-scale")).toDouble(&ok);
    if (!ok || options.timeScale <= 0)
        return fail(QStringLiteral("--time-scale must be a positive number"));

    // SIGINT/SIGTERM end the event loop so the state file is written on the way out; set up
    // before the 'listening' line, which is when callers may already want to stop us.
    static int pipeFds[2];
    if (::pipe(pipeFds) == 0) {
        auto handler = [](int) { [[maybe_unused]] auto n = ::write(pipeFds[1], "x", 1); };
        std::signal(SIGINT, handler);
        std::signal(SIGTERM, handler);
        auto *notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    }
    gr::local::LocalService service(options);
    if (const gr::aws::Expected<void> started = service.start(); !started)
        return fail(started.message());
    std::printf("listening on %s\n", qPrintable(service.url().toString()));
    std::fflush(stdout);

    return QCoreApplication::exec();
}
