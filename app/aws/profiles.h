#pragma once
// Where the console connects and with what credentials, resolved as the AWS CLI does from the
// command line, the environment, ~/.aws/config and ~/.aws/credentials.

#include "aws/expected.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace gr::aws
{

class CredentialsProvider;

struct ConnectionOptions {
    QString profile;     // --profile
    QString region;      // --region
    QString endpointUrl; // --endpoint-url
};

struct ResolvedConnection {
    QString profile;
    QString region;
    QUrl endpoint;
    QUrl cloudWatchEndpoint; // the same connection's CloudWatch (metrics) endpoint
    CredentialsProvider *credentials = nullptr; // owned by the `owner` given to resolve(); null
                                                // when no source has any credentials
    QString caBundle;       // AWS_CA_BUNDLE, else the profile's ca_bundle; empty: system store
    QString caBundleOrigin; // which of the two, for messages
    QString error; // a configuration the user must fix (names the file and line, or the variable)

    bool ok() const { return error.isEmpty(); }
};

class ProfileResolver
{
public:
    ProfileResolver(QProcessEnvironment environment, QString homeDir);

    // Profiles of both files, sorted; a Configuration error when a file is malformed.
    Expected<QStringList> profileNames() const;

    ResolvedConnection resolve(const ConnectionOptions &options, QNetworkAccessManager *network,
                               QObject *owner) const;
    // resolve() for a connection that needs credentials now: a Credentials failure naming the
    // profile when no source has any, a Configuration failure with resolve()'s error. Returns
    // at once: the sources are the environment and the two files (no instance metadata, which
    // could keep a machine off EC2 waiting).
    Expected<ResolvedConnection> resolveWithCredentials(const ConnectionOptions &options,
                                                        QNetworkAccessManager *network,
                                                        QObject *owner) const;

    QString configPath() const;
    QString credentialsPath() const;

    // https, or http on a loopback host only; else an error naming the URL.
    static QString checkEndpoint(const QUrl &url);

private:
    using Profile = QMap<QString, QString>;
    struct Files {
        QMap<QString, Profile> profiles;                // merged; credentials file wins
        QMap<QString, QMap<QString, QString>> services; // "ivs_realtime" settings per services name
        QMap<QString, QMap<QString, QString>> cloudWatchServices; // "cloudwatch" settings
        QString error;
    };
    Files load() const;
    // Null when the source has no credentials at all; an error when it has broken ones.
    Expected<CredentialsProvider *> profileCredentials(const Files &files, const QString &name,
                                                       const QString &region, QStringList *visited,
                                                       QNetworkAccessManager *network,
                                                       QObject *owner) const;
    Expected<CredentialsProvider *> environmentCredentials(QObject *owner) const;

    QProcessEnvironment m_env;
    QString m_home;
};

} // namespace gr::aws
