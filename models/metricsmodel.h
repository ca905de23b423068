#pragma once
// The CloudWatch series of one participant (its quality over its time on the stage) or of one
// stage (Publishers and Subscribers), fetched through the CloudWatch client and followed live.
// One row per series; the points are read with series(row). A refresh asks only for the
// newest periods and merges them: rows stay, dataChanged and seriesChanged say what moved.
// When the credentials may not read metrics, status() says so and everything else goes on.

#include "cloudwatch/metricdata.h"
#include "models/ratebudget.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace gr::cloudwatch
{
class CloudWatchClient;
}

namespace gr::models
{

class MetricsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        MetricNameRole = Qt::UserRole + 1, // PublishBitrate, ...
        UnitRole,                          // Bits/Second, Count, Percent
        GroupRole,      // series drawn on one chart share a group ("Published bitrate", ...)
        LatestRole,     // the newest value, or invalid
        PointsRole,     // how many points
        DimensionsRole, // "MediaType=video, SimulcastLayer=hi"
    };

    struct Series {
        cloudwatch::MetricQuery query;
        QString group;
        QString unit;
        QString label; // "video hi", "audio", "Publishers"
        QVector<qint64> timesMs;
        QVector<double> values;
    };

    explicit MetricsModel(cloudwatch::CloudWatchClient *client, QObject *parent = nullptr);

    // A participant's quality from `fromMs` to `toMs` (0: still on the stage, followed live).
    void showParticipant(const QString &stageArn, const QString &participantId, qint64 fromMs,
                         qint64 toMs = 0);
    // A stage's Publishers and Subscribers over [fromMs, toMs] (0: live).
    void showStage(const QString &stageArn, qint64 fromMs, qint64 toMs = 0);
    void clear();
    // Live subjects refresh as a view of the connection's budget (GetMetricData) instead of a
    // timer of their own; ageText() is then the budget's "updated 3 s ago".
    void setBudget(RateBudget *budget, RateBudget::Priority priority);
    QString ageText() const;

    // Asks for what is new (everything the first time). Live subjects refresh every period.
    void refresh();
    bool isLive() const { return m_toMs == 0; }
    int period() const { return m_period; }
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }

    // Empty while metrics arrive; "Metrics unavailable: AccessDenied — ..." and the like.
    QString status() const { return m_status; }
    bool available() const { return m_status.isEmpty(); }
    const aws::AwsError &lastError() const { return m_error; }
    // When the newest answer came (invalid before the first).
    QDateTime updatedAt() const { return m_updatedAt; }
    bool isLoading() const { return m_inFlight; }

    const Series &series(int row) const { return m_series[row]; }
    QStringList groups() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The smallest CloudWatch period that keeps a span within about `maxPoints` points.
    static int periodFor(qint64 spanMs, int maxPoints = 1500);

signals:
    void seriesChanged(int row);
    void statusChanged();
    void updated(); // an answer was merged

private:
    void setSubject(QVector<Series> series, qint64 fromMs, qint64 toMs);
    void merge(const QList<cloudwatch::MetricSeries> &answer);
    void setStatus(const QString &status);

    cloudwatch::CloudWatchClient *m_client;
    QVector<Series> m_series;
    qint64 m_fromMs = 0, m_toMs = 0;
    int m_period = 5;
    QString m_status;
    aws::AwsError m_error;
    QDateTime m_updatedAt;
    bool m_inFlight = false;
    quint64 m_generation = 0; // answers for an older subject are dropped
    QTimer m_live;
    QPointer<RateBudget> m_budget;
    RateBudget::Priority m_priority = RateBudget::Priority::Visible;
    int m_liveView = 0;
    std::function<void()> m_liveDone; // the budget's turn, ended when the answer is merged
    void updateLiveView();
    void endTurn();
};

} // namespace gr::models
