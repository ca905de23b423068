#pragma once
// A stage for the metric tests, on an in-process local service: "good" and "bad" publish and
// subscribe to each other, "bad" on a poor network (the kBad* values); optionally a viewer;
// then `history` seconds of samples written by the data-plane call metrics-backfill.
// Header-only: it is tests' plumbing over LocalHarness.

#include "cloudwatch/cloudwatchclient.h"
#include "localharness.h"

#include <memory>
#include <QJsonObject>
#include <vector>

namespace metrics_stage
{

constexpr int kBadBitrate = 350000;
constexpr int kBadResolution = 240;
constexpr int kBadLoss = 14;
constexpr int kBadDropped = 28;

struct Options {
    bool viewer = false;           // a third participant that does not publish
    bool viewerSubscribes = false; // ... and subscribes to "good"
    int history = 600;             // seconds of backfilled samples
};

struct Stage {
    QString stageArn, stageId, sessionId, good, bad, viewer;
    double samples = 0; // what metrics-backfill reported
    QString error;      // empty when everything was set up
};

inline Stage make(LocalHarness &local, const QString &name, const Options &options = {})
{
    Stage s;
    s.stageArn = local.createStage(name);
    s.stageId = s.stageArn.mid(s.stageArn.lastIndexOf(QLatin1Char('/')) + 1);
    const auto good = local.join(s.stageArn, QStringLiteral("good"), true);
    s.good = good.participantId;
    s.sessionId = good.sessionId;
    s.bad = local.join(s.stageArn, QStringLiteral("bad"), true).participantId;
    if (options.viewer)
        s.viewer = local.join(s.stageArn, QStringLiteral("viewer"), false).participantId;
    if (s.good.isEmpty() || s.bad.isEmpty() || (options.viewer && s.viewer.isEmpty())) {
        s.error = QStringLiteral("a participant could not join");
        return s;
    }
    QList<std::pair<QString, QString>> subscriptions{{s.good, s.bad}, {s.bad, s.good}};
    if (options.viewerSubscribes)
        subscriptions.append({s.viewer, s.good});
    const auto call = [&](const QByteArray &action, const QJsonObject &body) {
        int status = 0;
        const QJsonObject out = local.plane(action, body, &status);
        if (status != 200 && s.error.isEmpty())
            s.error = QStringLiteral("%1: HTTP %2").arg(QLatin1String(action)).arg(status);
        return out;
    };
    for (const auto &[who, remote] : subscriptions)
        call("subscribe", {{QStringLiteral("stageArn"), s.stageArn},
                           {QStringLiteral("participantId"), who},
                           {QStringLiteral("remoteParticipantId"), remote}});
    call("network", {{QStringLiteral("stageArn"), s.stageArn},
                     {QStringLiteral("participantId"), s.bad},
                     {QStringLiteral("bitrate"), kBadBitrate},
                     {QStringLiteral("resolution"), kBadResolution},
                     {QStringLiteral("packetLoss"), kBadLoss},
                     {QStringLiteral("droppedFrames"), kBadDropped}});
    s.samples = call("metrics-backfill", {{QStringLiteral("seconds"), options.history}})
                    .value(QLatin1String("samples"))
                    .toDouble();
    return s;
}

// CloudWatch clients signed with the local service's default keys, one attempt per call.
class Clients
{
public:
    std::unique_ptr<gr::cloudwatch::CloudWatchClient> at(const QUrl &url)
    {
        m_transports.emplace_back(gr::cloudwatch::CloudWatchClient::createTransport(
            &m_network, url, QStringLiteral("us-east-1"), &m_credentials, nullptr, nullptr));
        m_transports.back()->setRetryPolicy({1, 5, 5, 5});
        return std::make_unique<gr::cloudwatch::CloudWatchClient>(m_transports.back().get());
    }

private:
    gr::aws::StaticCredentialsProvider m_credentials{
        gr::aws::Credentials{QLatin1String(gr::local::LocalService::kDefaultAccessKeyId),
                             QLatin1String(gr::local::LocalService::kDefaultSecretAccessKey),
                             {},
                             {}},
        QStringLiteral("test")};
    QNetworkAccessManager m_network;
    std::vector<std::unique_ptr<gr::aws::AwsClient>> m_transports;
};

} // namespace metrics_stage
