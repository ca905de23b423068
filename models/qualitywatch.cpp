#include "models/qualitywatch.h"

#include "cloudwatch/cloudwatchclient.h"
#include "cloudwatch/metricdata.h"
#include "models/alertrules.h"
#include "models/budgets.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"

#include <map>
#include <QDateTime>

namespace gr::models
{

namespace
{
constexpr int kPeriodSeconds = 5;
constexpr qint64 kLookBackMs = 60000;
const char *const kVideoLayers[] = {"hi", "mid", "low"};

QString stageIdOf(const QString &stageArn)
{
    return stageArn.section(QLatin1Char('/'), -1);
}
} // namespace

QualityWatch::QualityWatch(cloudwatch::CloudWatchClient *client, RateBudget *budget,
                           LiveMonitor *monitor, AlertEngine *alerts, QObject *parent)
    : QObject(parent), m_client(client), m_budget(budget), m_monitor(monitor), m_alerts(alerts)
{
    connect(m_monitor, &QAbstractItemModel::rowsInserted, this, &QualityWatch::sync);
    connect(m_monitor, &QAbstractItemModel::rowsRemoved, this, &QualityWatch::sync);
    connect(m_monitor, &QAbstractItemModel::modelReset, this, &QualityWatch::sync);
    sync();
}

void QualityWatch::setIntervalMs(int ms)
{
    m_intervalMs = std::max(1000, ms);
    for (int id : std::as_const(m_views))
        m_budget->removeView(id);
    m_views.clear();
    sync();
}

void QualityWatch::deny()
{
    m_denied = true;
    for (int id : std::as_const(m_views))
        m_budget->removeView(id);
    m_views.clear();
}

void QualityWatch::sync()
{
    if (m_denied)
        return;
    QSet<QString> live;
    for (int row = 0; row < m_monitor->rowCount(); ++row)
        live.insert(m_monitor->index(row).data(LiveMonitor::StageArnRole).toString());
    for (auto it = m_views.begin(); it != m_views.end();) {
        if (live.contains(it.key())) {
            ++it;
            continue;
        }
        m_budget->removeView(it.value());
        const QString prefix = it.key() + QLatin1Char('|');
        for (auto fed = m_fedUntilMs.begin(); fed != m_fedUntilMs.end();)
            fed = fed.key().startsWith(prefix) ? m_fedUntilMs.erase(fed) : std::next(fed);
        it = m_views.erase(it);
    }
    for (const QString &stageArn : std::as_const(live)) {
        if (m_views.contains(stageArn))
            continue;
        // Visible, not Background: a degraded publisher on any stage is news, and the
        // CloudWatch budget is ten times the IVS one.
        m_views.insert(stageArn, m_budget->addView(this, budgets::metricData(),
                                                   RateBudget::Priority::Visible, m_intervalMs,
                                                   [this, stageArn](std::function<void()> done) {
                                                       fetch(stageArn, done);
                                                   }));
    }
}

void QualityWatch::fetch(const QString &stageArn, const std::function<void()> &done)
{
    const QStringList publishers = m_monitor->publishingParticipants(stageArn);
    if (publishers.isEmpty() || !m_alerts) {
        done();
        return;
    }
    const QString sessionId =
        m_monitor->indexOf(stageArn).data(LiveMonitor::SessionIdRole).toString();
    using cloudwatch::Dimensions;
    using cloudwatch::MetricQuery;
    QList<MetricQuery> queries;
    for (int i = 0; i < publishers.size(); ++i) {
        const Dimensions who{{QStringLiteral("Stage"), stageIdOf(stageArn)},
                             {QStringLiteral("Participant"), publishers[i]}};
        MetricQuery loss;
        loss.id = QStringLiteral("l%1").arg(i);
        loss.metricName = QStringLiteral("DownloadPacketLoss");
        loss.dimensions = who;
        loss.period = kPeriodSeconds;
        queries.append(loss);
        for (const char *layer : kVideoLayers) {
            MetricQuery bitrate = loss;
            bitrate.id = QStringLiteral("b%1_%2").arg(i).arg(QLatin1String(layer));
            bitrate.metricName = QStringLiteral("PublishBitrate");
            bitrate.dimensions =
                who + Dimensions{{QStringLiteral("SimulcastLayer"), QLatin1String(layer)},
                                 {QStringLiteral("MediaType"), QStringLiteral("video")}};
            queries.append(bitrate);
        }
    }
    const qint64 periodMs = kPeriodSeconds * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = (now - kLookBackMs) - (now - kLookBackMs) % periodMs;
    // Only whole periods: the one still filling would read as a drop in bitrate.
    const qint64 end = now - now % periodMs;
    ++m_requests;
    cloudwatch::fetchMetricData(
        m_client,
        cloudwatch::metricDataInput(queries, QDateTime::fromMSecsSinceEpoch(start, Qt::UTC),
                                    QDateTime::fromMSecsSinceEpoch(end, Qt::UTC)),
        this,
        [this, stageArn, sessionId, publishers, done](const QList<cloudwatch::MetricSeries> &answer,
                                                      const aws::AwsError &error) {
            done();
            if (error.isError()) {
                m_lastError = cloudwatch::metricsUnavailableText(error);
                // Asking again will not help (and would fill the log with failures); a new
                // connection tries again.
                if (cloudwatch::isPermissionError(error))
                    deny();
                return;
            }
            m_lastError.clear();
            QHash<QString, const cloudwatch::MetricSeries *> byId;
            for (const cloudwatch::MetricSeries &series : answer)
                byId.insert(series.id, &series);
            QString worst;
            double worstLoss = 0;
            for (int i = 0; i < publishers.size(); ++i) {
                const QString &participant = publishers[i];
                // Per metric: time -> value, the video layers summed.
                std::map<qint64, double> loss, bitrate;
                if (const auto *s = byId.value(QStringLiteral("l%1").arg(i)))
                    for (int p = 0; p < s->timesMs.size(); ++p)
                        loss[s->timesMs[p]] = s->values[p];
                for (const char *layer : kVideoLayers)
                    if (const auto *s =
                            byId.value(QStringLiteral("b%1_%2").arg(i).arg(QLatin1String(layer))))
                        for (int p = 0; p < s->timesMs.size(); ++p)
                            bitrate[s->timesMs[p]] += s->values[p];
                const auto feed = [&](const char *metric, const std::map<qint64, double> &points) {
                    const QString key = stageArn + QLatin1Char('|') + participant +
                                        QLatin1Char('|') + QLatin1String(metric);
                    qint64 &fedUntil = m_fedUntilMs[key];
                    for (const auto &[ms, value] : points) {
                        if (ms <= fedUntil)
                            continue;
                        m_alerts->observeMetric(stageArn, participant, QLatin1String(metric), value,
                                                ms, sessionId);
                        fedUntil = ms;
                    }
                };
                feed("DownloadPacketLoss", loss);
                feed("PublishBitrate", bitrate);
                if (!loss.empty() && loss.rbegin()->second > worstLoss) {
                    worstLoss = loss.rbegin()->second;
                    worst = participant;
                }
            }
            m_monitor->setPoorQuality(stageArn, worst, worstLoss);
            emit checked(stageArn);
        });
}

} // namespace gr::models
