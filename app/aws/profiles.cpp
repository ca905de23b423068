#include "aws/profiles.h"

#include "aws/assumerole.h"
#include "aws/credentials.h"
#include "aws/inifile.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QObject>

namespace gr::aws
{

namespace
{

QString tr(const char *text)
{
    return QObject::tr(text);
}

// Reads a file that may be absent (then empty); an error only when it exists and is unreadable
// or malformed.
Expected<IniFile> readIni(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return IniFile{};
    if (!file.open(QIODevice::ReadOnly))
        return failure(AwsError::Kind::Configuration,
                       QStringLiteral("%1: %2").arg(path, file.errorString()));
    return IniFile::parse(file.readAll(), path);
}

} // namespace

ProfileResolver::ProfileResolver(QProcessEnvironment environment, QString homeDir)
    : m_env(std::move(environment)), m_home(std::move(homeDir))
{
}

QString ProfileResolver::configPath() const
{
    const QString path = m_env.value(QStringLiteral("AWS_CONFIG_FILE"));
    return path.isEmpty() ? m_home + QStringLiteral("/.aws/config") : path;
}

QString ProfileResolver::credentialsPath() const
{
    const QString path = m_env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    return path.isEmpty() ? m_home + QStringLiteral("/.aws/credentials") : path;
}

ProfileResolver::Files ProfileResolver::load() const
{
    Files files;
    const Expected<IniFile> configFile = readIni(configPath());
    const Expected<IniFile> credentialsFile =
        configFile ? readIni(credentialsPath()) : Expected<IniFile>(configFile.error());
    if (!credentialsFile) {
        files.error = credentialsFile.message();
        return files;
    }
    const IniFile &config = *configFile;
    const IniFile &credentials = *credentialsFile;
    for (auto it = config.sections.cbegin(); it != config.sections.cend(); ++it) {
        const QString &header = it.key();
        if (header == QLatin1String("default")) {
            files.profiles[header].insert(it->values);
        } else if (header.startsWith(QLatin1String("profile "))) {
            files.profiles[header.mid(8).trimmed()].insert(it->values);
        } else if (header.startsWith(QLatin1String("services "))) {
            files.services[header.mid(9).trimmed()] =
                it->nested.value(QStringLiteral("ivs_realtime"));
            files.cloudWatchServices[header.mid(9).trimmed()] =
                it->nested.value(QStringLiteral("cloudwatch"));
        }
    }
    for (auto it = credentials.sections.cbegin(); it != credentials.sections.cend(); ++it)
        files.profiles[it.key()].insert(it->values);
    return files;
}

Expected<QStringList> ProfileResolver::profileNames() const
{
    const Files files = load();
    if (!files.error.isEmpty())
        return failure(AwsError::Kind::Configuration, files.error);
    return files.profiles.keys();
}

QString ProfileResolver::checkEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("endpoint URL '%1' is not a valid URL").arg(url.toString());
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http")) {
        const QHostAddress address(url.host());
        if (url.host() == QLatin1String("localhost") || address.isLoopback())
            return {};
        return tr("endpoint URL '%1' uses plain http on a remote host; only https is allowed "
                  "there (http is for loopback only)")
            .arg(url.toString());
    }
    return tr("endpoint URL '%1' must start with https://").arg(url.toString());
}

Expected<CredentialsProvider *> ProfileResolver::environmentCredentials(QObject *owner) const
{
    const QString key = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    const QString secret = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (key.isEmpty() && secret.isEmpty())
        return nullptr;
    if (key.isEmpty() || secret.isEmpty())
        return failure(AwsError::Kind::Configuration,
                       key.isEmpty()
                           ? tr("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
                           : tr("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
    Credentials credentials{key, secret, m_env.value(QStringLiteral("AWS_SESSION_TOKEN")), {}};
    return new StaticCredentialsProvider(credentials, tr("environment variables"), owner);
}

Expected<CredentialsProvider *>
ProfileResolver::profileCredentials(const Files &files, const QString &name, const QString &region,
                                    QStringList *visited, QNetworkAccessManager *network,
                                    QObject *owner) const
{
    const auto fail = [](const QString &message) {
        return failure(AwsError::Kind::Configuration, message);
    };
    if (!files.profiles.contains(name))
        return fail(
            tr("profile '%1' is not in %2 or %3").arg(name, configPath(), credentialsPath()));

    if (visited->contains(name))
        return fail(tr("profiles %1 form a source_profile loop")
                        .arg(visited->join(QStringLiteral(" -> "))));

    visited->append(name);
    const Profile &profile = files.profiles[name];
    const QString description = tr("profile %1").arg(name);

    const QString roleArn = profile.value(QStringLiteral("role_arn"));
    // The first profile of a chain assumes its role; a source profile's static keys win over its
    // own role_arn, as botocore does.
    const bool isSource = visited->size() > 1;
    const bool hasKeys = profile.contains(QStringLiteral("aws_access_key_id"));
    if (!roleArn.isEmpty() && !(isSource && hasKeys)) {
        const QString sourceProfile = profile.value(QStringLiteral("source_profile"));
        const QString credentialSource = profile.value(QStringLiteral("credential_source"));
        CredentialsProvider *source = nullptr;
        if (!sourceProfile.isEmpty()) {
            const Expected<CredentialsProvider *> found =
                profileCredentials(files, sourceProfile, region, visited, network, owner);
            if (!found)
                return found;
            if (!*found)
                return fail(tr("profile '%1': source_profile '%2' has no credentials")
                                .arg(name, sourceProfile));
            source = *found;
        } else if (credentialSource == QLatin1String("Environment")) {
            const Expected<CredentialsProvider *> found = environmentCredentials(owner);
            if (!found)
                return found;
            if (!*found)
                return fail(tr("profile '%1': credential_source Environment, but "
                               "AWS_ACCESS_KEY_ID is not set")
                                .arg(name));
            source = *found;
        } else {
            return fail(credentialSource.isEmpty()
                            ? tr("profile '%1' has role_arn but neither source_profile nor "
                                 "credential_source")
                                  .arg(name)
                            : tr("profile '%1': credential_source '%2' is not supported "
                                 "(Environment is)")
                                  .arg(name, credentialSource));
        }
        AssumeRoleParams params;
        params.roleArn = roleArn;
        params.roleSessionName = profile.value(QStringLiteral("role_session_name"));
        params.externalId = profile.value(QStringLiteral("external_id"));
        const QString duration = profile.value(QStringLiteral("duration_seconds"));
        if (!duration.isEmpty()) {
            bool ok = false;
            params.durationSeconds = duration.toInt(&ok);
            if (!ok || params.durationSeconds < 900 || params.durationSeconds > 43200)
                return fail(tr("profile '%1': duration_seconds '%2' must be a number from 900 to "
                               "43200")
                                .arg(name, duration));
        }
        params.region = region.isEmpty() ? QStringLiteral("us-east-1") : region;
        QString sts = m_env.value(QStringLiteral("AWS_ENDPOINT_URL_STS"));
        if (sts.isEmpty())
            sts = m_env.value(QStringLiteral("AWS_ENDPOINT_URL"));
        params.endpoint =
            sts.isEmpty() ? QUrl(QStringLiteral("https://sts.%1.amazonaws.com/").arg(params.region))
                          : QUrl(sts);
        if (const QString bad = checkEndpoint(params.endpoint); !bad.isEmpty())
            return fail(tr("STS: %1").arg(bad));

        return new AssumeRoleCredentialsProvider(params, source, description, network, owner);
    }

    const QString process = profile.value(QStringLiteral("credential_process"));
    if (!process.isEmpty())
        return new ProcessCredentialsProvider(process, description, owner);

    const QString key = profile.value(QStringLiteral("aws_access_key_id"));
    const QString secret = profile.value(QStringLiteral("aws_secret_access_key"));
    if (key.isEmpty() != secret.isEmpty())
        return fail(tr("profile '%1' has %2 but not %3")
                        .arg(name,
                             key.isEmpty() ? QStringLiteral("aws_secret_access_key")
                                           : QStringLiteral("aws_access_key_id"),
                             key.isEmpty() ? QStringLiteral("aws_access_key_id")
                                           : QStringLiteral("aws_secret_access_key")));

    if (key.isEmpty())
        return nullptr;
    Credentials credentials{key, secret, profile.value(QStringLiteral("aws_session_token")), {}};
    return new StaticCredentialsProvider(credentials, description, owner);
}

ResolvedConnection ProfileResolver::resolve(const ConnectionOptions &options,
                                            QNetworkAccessManager *network, QObject *owner) const
{
    ResolvedConnection result;
    const Files files = load();
    if (!files.error.isEmpty()) {
        result.error = files.error;
        return result;
    }

    const QString envProfile = m_env.value(QStringLiteral("AWS_PROFILE"));
    const bool explicitProfile = !options.profile.isEmpty() || !envProfile.isEmpty();
    result.profile = !options.profile.isEmpty() ? options.profile
                     : !envProfile.isEmpty()    ? envProfile
                                                : QStringLiteral("default");
    if (explicitProfile && !files.profiles.contains(result.profile)) {
        result.error = tr("profile '%1' is not in %2 or %3")
                           .arg(result.profile, configPath(), credentialsPath());
        return result;
    }
    const Profile profile = files.profiles.value(result.profile);

    // As the CLI: AWS_CA_BUNDLE, else ca_bundle; a bundle replaces the system store.
    result.caBundle = m_env.value(QStringLiteral("AWS_CA_BUNDLE"));
    result.caBundleOrigin = QStringLiteral("AWS_CA_BUNDLE");
    if (result.caBundle.isEmpty()) {
        result.caBundle = profile.value(QStringLiteral("ca_bundle"));
        result.caBundleOrigin = tr("ca_bundle of profile '%1'").arg(result.profile);
    }
    if (result.caBundle.isEmpty())
        result.caBundleOrigin.clear();

    for (const QString &candidate : {options.region, m_env.value(QStringLiteral("AWS_REGION")),
                                     m_env.value(QStringLiteral("AWS_DEFAULT_REGION")),
                                     profile.value(QStringLiteral("region"))}) {
        if (!candidate.isEmpty()) {
            result.region = candidate;
            break;
        }
    }

    QString endpoint = options.endpointUrl;
    for (const QString &candidate : {m_env.value(QStringLiteral("AWS_ENDPOINT_URL_IVS_REALTIME")),
                                     m_env.value(QStringLiteral("AWS_ENDPOINT_URL")),
                                     files.services.value(profile.value(QStringLiteral("services")))
                                         .value(QStringLiteral("endpoint_url")),
                                     profile.value(QStringLiteral("endpoint_url"))}) {
        if (endpoint.isEmpty())
            endpoint = candidate;
    }
    if (endpoint.isEmpty() && !result.region.isEmpty())
        endpoint = QStringLiteral("https://ivsrealtime.%1.amazonaws.com").arg(result.region);
    result.endpoint = QUrl(endpoint);
    if (endpoint.isEmpty()) {
        // Both missing (a clean HOME): say both, or the user fixes one to meet the other.
        const bool noCredentials = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty() &&
                                   !files.profiles.contains(result.profile);
        result.error =
            noCredentials
                ? tr("no region and no credentials: pass --region or set AWS_REGION, and add "
                     "keys (AWS_ACCESS_KEY_ID) or profile '%1' in %2")
                      .arg(result.profile, configPath())
                : tr("no region: pass --region, set AWS_REGION or add 'region' to profile "
                     "'%1' in %2")
                      .arg(result.profile, configPath());
        return result;
    }
    if (const QString bad = checkEndpoint(result.endpoint); !bad.isEmpty()) {
        result.error = bad;
        return result;
    }
    if (result.region.isEmpty())
        result.region = QStringLiteral("us-east-1"); // a custom endpoint still needs a scope

    // CloudWatch as the CLI resolves it for `aws cloudwatch`; --endpoint-url is one option for
    // the console's whole connection (greenroom-local serves both services on one port).
    QString metricsEndpoint = options.endpointUrl;
    for (const QString &candidate :
         {m_env.value(QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH")),
          m_env.value(QStringLiteral("AWS_ENDPOINT_URL")),
          files.cloudWatchServices.value(profile.value(QStringLiteral("services")))
              .value(QStringLiteral("endpoint_url")),
          profile.value(QStringLiteral("endpoint_url"))}) {
        if (metricsEndpoint.isEmpty())
            metricsEndpoint = candidate;
    }
    if (metricsEndpoint.isEmpty())
        metricsEndpoint = QStringLiteral("https://monitoring.%1.amazonaws.com").arg(result.region);
    result.cloudWatchEndpoint = QUrl(metricsEndpoint);
    if (const QString bad = checkEndpoint(result.cloudWatchEndpoint); !bad.isEmpty()) {
        result.error = bad;
        return result;
    }

    // --profile means that profile's credentials even when the environment has keys (as the CLI).
    if (options.profile.isEmpty()) {
        const Expected<CredentialsProvider *> environment = environmentCredentials(owner);
        result.credentials = environment.valueOr(nullptr);
        result.error = environment.message();
        if (result.credentials || !result.ok())
            return result;
    }
    if (!files.profiles.contains(result.profile))
        return result; // no profile and no keys: the caller offers the local service
    QStringList visited;
    const Expected<CredentialsProvider *> credentials =
        profileCredentials(files, result.profile, result.region, &visited, network, owner);
    result.credentials = credentials.valueOr(nullptr);
    result.error = credentials.message();
    return result;
}

Expected<ResolvedConnection>
ProfileResolver::resolveWithCredentials(const ConnectionOptions &options,
                                        QNetworkAccessManager *network, QObject *owner) const
{
    ResolvedConnection resolved = resolve(options, network, owner);
    if (!resolved.ok())
        return failure(AwsError::Kind::Configuration, resolved.error);
    if (!resolved.credentials)
        return failure(AwsError::Kind::Credentials,
                       tr("no AWS credentials found for profile '%1'").arg(resolved.profile));
    return resolved;
}

} // namespace gr::aws
