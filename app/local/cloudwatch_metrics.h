#pragma once
// The local CloudWatch's metric store: one-second samples per metric and dimension set, kept in
// bounded buffers for three hours (CloudWatch keeps 1-second data that long), and the
// statistics GetMetricData computes over them. No HTTP here; cloudwatch_service.cpp serves it.

#include <deque>
#include <QHash>
#include <QList>
#include <QString>
#include <vector>

namespace gr::local
{

using MetricDimensions = QList<std::pair<QString, QString>>; // (Name, Value)

struct MetricSample {
    qint64 t; // epoch seconds
    double v;
};

struct StoredMetric {
    QString name;
    MetricDimensions dimensions;      // sorted by name
    std::deque<MetricSample> samples; // ascending t; several per second for aggregate series
};

struct MetricDatapoint {
    qint64 t; // start of the period, epoch seconds
    double v;
};

// A participant's simulated network, set with the data-plane call `network`; the quality
// metrics are derived from it every second.
struct NetworkProfile {
    double bitrate = 2500000;   // bits/s the publisher sends, audio and video, all layers
    int resolution = 720;       // pixels across the smaller side of the top layer
    double packetLoss = 0.2;    // % lost downloading (as a subscriber)
    double droppedFrames = 0.5; // % of frames dropped (as a subscriber)
    qint64 demoRecoverAt = 0;   // --demo: epoch second at which a degraded profile recovers
};

class MetricStore
{
public:
    static constexpr qint64 kRetentionSeconds = 3 * 3600;
    // A series holds at most this many samples (an aggregate over many participants samples
    // several times a second); the oldest go first.
    static constexpr size_t kMaxSamplesPerSeries = 250000;

    void record(const QString &name, MetricDimensions dimensions, qint64 t, double v);
    const StoredMetric *find(const QString &name, MetricDimensions dimensions) const;
    // Drops samples older than the retention, and series left empty.
    void expire(qint64 now);
    // Drops the samples of second `t` and later, and series left empty (a backfill rewrites them).
    void eraseSince(qint64 t);
    template <typename F> void forEach(F f) const
    {
        for (const StoredMetric &m : m_series)
            f(m);
    }
    int seriesCount() const { return int(m_series.size()); }
    qsizetype sampleCount() const;

    // CloudWatch's statistics: Average, Minimum, Maximum, Sum, SampleCount and pNN(.NN).
    static bool isValidStat(const QString &stat);
    // 1, 5, 10, 20, 30 or a multiple of 60 seconds (high-resolution metrics).
    static bool isValidPeriod(qint64 period);
    // The datapoints of `metric` in [start, end), one per period with samples, oldest first.
    // Periods start at multiples of `period` since the epoch.
    static std::vector<MetricDatapoint> aggregate(const StoredMetric &metric, qint64 start,
                                                  qint64 end, qint64 period, const QString &stat);

    static QString key(const QString &name, const MetricDimensions &sortedDimensions);
    static void sortDimensions(MetricDimensions *dimensions);

private:
    QHash<QString, StoredMetric> m_series;
};

} // namespace gr::local
