#pragma once
// The quality of every publisher on every live stage, for the alert rules on packet loss and
// bitrate: they must fire for a degraded participant whether or not its charts are open. One
// GetMetricData per live stage (its publishers' DownloadPacketLoss and video PublishBitrate at a
// 5 s period, the last minute), every 5 s, through the connection's RateBudget in the
// CloudWatch budget (a quota of its own, 50 TPS: 50 live stages cost 10 requests a second). Each
// 5-second point is given to the AlertEngine once, in time order, so "for T seconds" is measured
// on the data, not on when it was read. QtCore only.

#include <QHash>
#include <QObject>
#include <QString>

namespace gr::cloudwatch
{
class CloudWatchClient;
}

namespace gr::models
{

class AlertEngine;
class LiveMonitor;
class RateBudget;

class QualityWatch : public QObject
{
    Q_OBJECT
public:
    // None owned; `monitor` says which stages are live and who publishes on them.
    QualityWatch(cloudwatch::CloudWatchClient *client, RateBudget *budget, LiveMonitor *monitor,
                 AlertEngine *alerts, QObject *parent = nullptr);

    void setIntervalMs(int ms);
    int requestsStarted() const { return m_requests; }
    // The last failure in plain words ("metrics unavailable: AccessDenied…"); empty after a
    // success.
    QString lastError() const { return m_lastError; }
    bool watches(const QString &stageArn) const { return m_views.contains(stageArn); }

signals:
    void checked(const QString &stageArn); // a stage's answer was given to the alerts

private:
    void sync();
    void deny(); // no CloudWatch permission: stop asking
    void fetch(const QString &stageArn, const std::function<void()> &done);

    cloudwatch::CloudWatchClient *m_client;
    RateBudget *m_budget;
    LiveMonitor *m_monitor;
    AlertEngine *m_alerts;
    int m_intervalMs = 5000; // CloudWatch's 5 s period
    bool m_denied = false;
    QHash<QString, int> m_views;         // stage ARN -> budget view
    QHash<QString, qint64> m_fedUntilMs; // "stage|participant|metric" -> newest point given
    int m_requests = 0;
    QString m_lastError;
};

} // namespace gr::models
