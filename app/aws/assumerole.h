#pragma once
// role_arn + source_profile: STS AssumeRole signed with the source profile's credentials.

#include "aws/credentials.h"

#include <QUrl>

class QNetworkAccessManager;

namespace gr::aws
{

struct AssumeRoleParams {
    QString roleArn;
    QString roleSessionName; // empty: greenroom-session-<epoch seconds>
    QString externalId;
    int durationSeconds = 0; // 0: STS default (1 hour)
    QString region;          // signing region for STS
    QUrl endpoint;           // https://sts.<region>.amazonaws.com unless overridden
};

class AssumeRoleCredentialsProvider : public CredentialsProvider
{
    Q_OBJECT
public:
    AssumeRoleCredentialsProvider(AssumeRoleParams params, CredentialsProvider *source,
                                  QString description, QNetworkAccessManager *network,
                                  QObject *parent = nullptr);
    QString description() const override { return m_description; }

    // Parses an AssumeRole response (or STS error document); public for tests.
    static Expected<Credentials> parseResponse(const QByteArray &xml);

protected:
    void refresh() override;

private:
    void callSts(const Credentials &source);

    AssumeRoleParams m_params;
    CredentialsProvider *m_source;
    QString m_description;
    QNetworkAccessManager *m_network;
};

} // namespace gr::aws
