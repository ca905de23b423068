#include "local/cloudwatch_metrics.h"

#include <algorithm>
#include <cmath>
#include <QRegularExpression>

namespace gr::local
{

QString MetricStore::key(const QString &name, const MetricDimensions &sortedDimensions)
{
    QString k = name;
    for (const auto &[n, v] : sortedDimensions) {
        k += QChar(0x1f);
        k += n;
        k += QChar(0x1e);
        k += v;
    }
    return k;
}

void MetricStore::sortDimensions(MetricDimensions *dimensions)
{
    std::sort(dimensions->begin(), dimensions->end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
}

void MetricStore::record(const QString &name, MetricDimensions dimensions, qint64 t, double v)
{
    sortDimensions(&dimensions);
    const QString k = key(name, dimensions);
    auto it = m_series.find(k);
    if (it == m_series.end())
        it = m_series.insert(k, StoredMetric{name, dimensions, {}});
    std::deque<MetricSample> &samples = it->samples;
    if (samples.empty() || samples.back().t <= t) {
        samples.push_back({t, v});
    } else { // backfill: keep time order
        const auto at =
            std::upper_bound(samples.begin(), samples.end(), t,
                             [](qint64 time, const MetricSample &s) { return time < s.t; });
        samples.insert(at, {t, v});
    }
    if (samples.size() > kMaxSamplesPerSeries)
        samples.pop_front();
}

const StoredMetric *MetricStore::find(const QString &name, MetricDimensions dimensions) const
{
    sortDimensions(&dimensions);
    const auto it = m_series.constFind(key(name, dimensions));
    return it == m_series.constEnd() ? nullptr : &*it;
}

void MetricStore::expire(qint64 now)
{
    const qint64 oldest = now - kRetentionSeconds;
    for (auto it = m_series.begin(); it != m_series.end();) {
        while (!it->samples.empty() && it->samples.front().t < oldest)
            it->samples.pop_front();
        if (it->samples.empty())
            it = m_series.erase(it);
        else
            ++it;
    }
}

void MetricStore::eraseSince(qint64 t)
{
    for (auto it = m_series.begin(); it != m_series.end();) {
        while (!it->samples.empty() && it->samples.back().t >= t)
            it->samples.pop_back();
        if (it->samples.empty())
            it = m_series.erase(it);
        else
            ++it;
    }
}

qsizetype MetricStore::sampleCount() const
{
    qsizetype n = 0;
    for (const StoredMetric &m : m_series)
        n += qsizetype(m.samples.size());
    return n;
}

static bool percentileOf(const QString &stat, double *p)
{
    static const QRegularExpression pattern(QStringLiteral("^p(\\d{1,3}(\\.\\d{1,10})?)$"));
    const QRegularExpressionMatch m = pattern.match(stat);
    if (!m.hasMatch())
        return false;
    *p = m.captured(1).toDouble();
    return *p >= 0 && *p <= 100;
}

bool MetricStore::isValidStat(const QString &stat)
{
    static const QStringList named = {QStringLiteral("Average"), QStringLiteral("Minimum"),
                                      QStringLiteral("Maximum"), QStringLiteral("Sum"),
                                      QStringLiteral("SampleCount")};
    double p = 0;
    return named.contains(stat) || percentileOf(stat, &p);
}

bool MetricStore::isValidPeriod(qint64 period)
{
    return period == 1 || period == 5 || period == 10 || period == 20 || period == 30 ||
           (period > 0 && period % 60 == 0);
}

namespace
{

enum class Stat { Average, Minimum, Maximum, Sum, SampleCount, Percentile };

struct Accumulator {
    Stat stat;
    double percentile = 0;
    double sum = 0, min = 0, max = 0;
    qint64 count = 0;
    std::vector<double> values; // percentiles only

    void add(double v)
    {
        if (count == 0) {
            min = max = v;
        } else {
            min = std::min(min, v);
            max = std::max(max, v);
        }
        sum += v;
        ++count;
        if (stat == Stat::Percentile)
            values.push_back(v);
    }
    double result()
    {
        switch (stat) {
        case Stat::Average:
            return sum / double(count);
        case Stat::Minimum:
            return min;
        case Stat::Maximum:
            return max;
        case Stat::Sum:
            return sum;
        case Stat::SampleCount:
            return double(count);
        case Stat::Percentile: {
            // Nearest rank: the smallest value with at least p% of the samples at or below it.
            const auto n = qint64(values.size());
            qint64 rank = qint64(std::ceil(percentile / 100.0 * double(n)));
            rank = std::clamp<qint64>(rank, 1, n);
            std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
            return values[size_t(rank - 1)];
        }
        }
        return 0;
    }
    void reset()
    {
        sum = min = max = 0;
        count = 0;
        values.clear();
    }
};

} // namespace

std::vector<MetricDatapoint> MetricStore::aggregate(const StoredMetric &metric, qint64 start,
                                                    qint64 end, qint64 period, const QString &stat)
{
    std::vector<MetricDatapoint> out;
    if (period <= 0 || end <= start)
        return out;
    Accumulator acc;
    static const QHash<QString, Stat> named = {{QStringLiteral("Average"), Stat::Average},
                                               {QStringLiteral("Minimum"), Stat::Minimum},
                                               {QStringLiteral("Maximum"), Stat::Maximum},
                                               {QStringLiteral("Sum"), Stat::Sum},
                                               {QStringLiteral("SampleCount"), Stat::SampleCount}};
    if (named.contains(stat))
        acc.stat = named.value(stat);
    else if (percentileOf(stat, &acc.percentile))
        acc.stat = Stat::Percentile;
    else
        return out;

    const auto &samples = metric.samples;
    auto it = std::lower_bound(samples.begin(), samples.end(), start,
                               [](const MetricSample &s, qint64 t) { return s.t < t; });
    qint64 bucket = 0, bucketEnd = 0;
    bool open = false;
    for (; it != samples.end() && it->t < end; ++it) {
        if (!open || it->t >= bucketEnd) {
            if (open) {
                out.push_back({bucket, acc.result()});
                acc.reset();
            }
            bucket = it->t - (((it->t % period) + period) % period);
            bucketEnd = bucket + period;
            open = true;
        }
        acc.add(it->v);
    }
    if (open)
        out.push_back({bucket, acc.result()});
    return out;
}

} // namespace gr::local
