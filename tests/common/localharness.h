#pragma once
// An in-process local IVS Real-Time service and a client signed for it, for model and UI tests.
// Calls here wait (tests only); the code under test never does.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/ivsclient.h"
#include "local/localservice.h"

#include <memory>
#include <QNetworkAccessManager>
#include <QTest>

class LocalHarness
{
public:
    explicit LocalHarness(gr::local::LocalServiceOptions options = {}, bool paced = false);
    ~LocalHarness();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    gr::ivs::IvsClient *client() { return m_client.get(); }
    gr::aws::AwsClient *transport() { return m_transport.get(); }
    gr::local::LocalService *service() { return m_service.get(); }

    // Waits for the reply; an error becomes {"__error": text}.
    QJsonObject call(gr::ivs::Operation operation, const QJsonObject &input);
    QJsonObject plane(const QByteArray &action, const QJsonObject &body, int *status = nullptr);

    QString createStage(const QString &name);
    // Runs a create (or start) operation; the ARN of the resource it answers with, or empty.
    QString create(gr::ivs::Operation operation, const QJsonObject &input = {});
    // Starts a composition of the stage recording to S3 (its storage and encoder configurations
    // made for it); the composition's ARN, or empty.
    QString startComposition(const QString &stageArn);
    struct Joined {
        QString participantId, sessionId;
    };
    Joined join(const QString &stageArn, const QString &userId, bool publish = false);

private:
    QString m_error;
    QNetworkAccessManager m_network;
    std::unique_ptr<gr::local::LocalService> m_service;
    std::unique_ptr<gr::aws::StaticCredentialsProvider> m_credentials;
    std::unique_ptr<gr::aws::AwsClient> m_transport;
    std::unique_ptr<gr::ivs::IvsClient> m_client;
};

// The start of most tests: `h`, a running local service, and `stage`, the ARN of a new stage
// called `name` (a string literal). Fails the test function when either cannot be had; a macro
// because QVERIFY returns from the function it stands in.
#define GR_LOCAL_STAGE(h, stage, name)                                                             \
    LocalHarness h;                                                                                \
    QVERIFY2(h.ok(), qPrintable(h.error()));                                                       \
    const QString stage = h.createStage(QStringLiteral(name));                                     \
    QVERIFY2(!stage.isEmpty(), "the local service created no stage " name)
