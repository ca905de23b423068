#include "cli/exportsession.h"

#include "aws/awsclient.h"
#include "aws/profiles.h"
#include "ivs/ivsclient.h"
#include "ivs/quotas.h"
#include "models/sessionexport.h"
#include "models/sessionloader.h"

#include <algorithm>
#include <cstdio>
#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>

namespace sessionexport
{

namespace
{
void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}
} // namespace

int commandLineMain(int argc, char **argv)
{
    // The picture in the report needs fonts, which need a GUI application; the offscreen
    // platform gives one without a display or a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("greenroom export-session"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes an incident bundle of one stage session: session, participants "
                       "and events as JSON and CSV, an HTML report with the timeline and the "
                       "findings, and the request ids of the calls."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export-session"), QStringLiteral("The command."));
    parser.addOption(
        {QStringLiteral("stage-arn"), QStringLiteral("The stage's ARN."), QStringLiteral("arn")});
    parser.addOption(
        {QStringLiteral("session-id"), QStringLiteral("The session id."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("The folder to write (must not exist or be empty)."),
                      QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("profile"), QStringLiteral("AWS profile to use."), QStringLiteral("name")});
    parser.addOption(
        {QStringLiteral("region"), QStringLiteral("AWS region."), QStringLiteral("region")});
    parser.addOption({QStringLiteral("endpoint-url"), QStringLiteral("Custom endpoint URL."),
                      QStringLiteral("url")});
    if (!parser.parse(app.arguments())) {
        say(QStringLiteral("export-session: %1").arg(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    QStringList missing;
    for (const char *name : {"stage-arn", "session-id", "out"}) {
        if (parser.value(QLatin1String(name)).isEmpty())
            missing << QStringLiteral("--%1").arg(QLatin1String(name));
    }
    if (!missing.isEmpty()) {
        say(QStringLiteral("export-session: missing %1\nusage: greenroom export-session "
                           "--stage-arn ARN --session-id ID --out DIR [--profile NAME] "
                           "[--region REGION] [--endpoint-url URL]")
                .arg(missing.join(QStringLiteral(", "))));
        return 2;
    }
    const QString stageArn = parser.value(QStringLiteral("stage-arn"));
    const QString sessionId = parser.value(QStringLiteral("session-id"));
    const QString out = parser.value(QStringLiteral("out"));
    if (!stageArn.startsWith(QLatin1String("arn:")) ||
        !stageArn.contains(QLatin1String(":stage/"))) {
        say(QStringLiteral("export-session: --stage-arn %1 is not a stage ARN "
                           "(arn:aws:ivs:REGION:ACCOUNT:stage/ID)")
                .arg(stageArn));
        return 2;
    }
    if (QDir(out).exists() && !QDir(out).isEmpty()) {
        say(QStringLiteral("export-session: %1 already exists and is not empty; choose a new "
                           "folder")
                .arg(out));
        return 2;
    }

    QNetworkAccessManager network;
    QObject owner;
    const gr::aws::ProfileResolver resolver(QProcessEnvironment::systemEnvironment(),
                                            QDir::homePath());
    const gr::aws::ResolvedConnection resolved = resolver.resolve(
        {parser.value(QStringLiteral("profile")), parser.value(QStringLiteral("region")),
         parser.value(QStringLiteral("endpoint-url"))},
        &network, &owner);
    if (!resolved.ok() || !resolved.credentials) {
        say(QStringLiteral("export-session: %1")
                .arg(resolved.ok() ? QStringLiteral("no AWS credentials found (profile '%1')")
                                         .arg(resolved.profile)
                                   : resolved.error));
        return 1;
    }
    gr::aws::AwsClient transport(&network, resolved.endpoint, resolved.region,
                                 QStringLiteral("ivs"), resolved.credentials, nullptr);
    gr::ivs::applyQuotas(transport.pacer());
    gr::ivs::IvsClient client(&transport);
    SessionLoader loader(&client);
    int status = -1;
    QString stageName, stageRequestId;
    say(QStringLiteral("Loading session %1 of %2 from %3")
            .arg(sessionId, stageArn, resolved.endpoint.toString()));
    QObject::connect(&loader, &SessionLoader::progress, [](int done, int known) {
        std::fprintf(stderr, "\rparticipants: %d of %d loaded", done, known);
        std::fflush(stderr);
    });
    QObject::connect(&loader, &SessionLoader::failed, [&](const gr::aws::AwsError &error) {
        say(QStringLiteral("\nexport-session: loading failed: %1").arg(error.toString()));
        status = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&loader, &SessionLoader::finished, [&] {
        const SessionStore &store = loader.store();
        const auto listed = std::count_if(store.participants().begin(), store.participants().end(),
                                          [](const SessionParticipant &p) { return p.listed; });
        say(QStringLiteral("\n%1 participants, %2 events in %3 requests; writing %4")
                .arg(listed)
                .arg(store.events().size())
                .arg(loader.requestCount())
                .arg(out));
        // The bundle's request ids include the GetStage that named the stage.
        SessionStore bundle = store;
        if (!stageRequestId.isEmpty())
            bundle.requestIds.prepend(QStringLiteral("GetStage %1").arg(stageRequestId));
        if (const gr::aws::Expected<void> written = writeBundle(bundle, out, stageName); !written) {
            say(QStringLiteral("export-session: %1").arg(written.message()));
            status = 1;
        } else {
            say(QStringLiteral("Wrote %1 (%2)").arg(out, bundleFiles().join(QStringLiteral(", "))));
            status = 0;
        }
        QCoreApplication::exit(status);
    });
    // The report is headed by the stage's name, as the console's is: one GetStage, first.
    client.call(gr::ivs::Operation::GetStage, {{QStringLiteral("arn"), stageArn}}, &owner,
                [&](const gr::ivs::IvsResult &result) {
                    if (result.ok()) {
                        stageName = result->output.value(QLatin1String("stage"))
                                        .toObject()
                                        .value(QLatin1String("name"))
                                        .toString();
                        stageRequestId = result->requestId;
                    } else {
                        // Not fatal: the session says for itself whether it can be read.
                        say(QStringLiteral("export-session: the report names the stage by its "
                                           "ARN (GetStage: %1)")
                                .arg(result.error().toString()));
                        stageRequestId = result.error().requestId;
                    }
                    loader.start(stageArn, sessionId);
                });
    const int code = QCoreApplication::exec();
    return status >= 0 ? status : code;
}

} // namespace sessionexport
