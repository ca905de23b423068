#include "models/metricsmodel.h"

#include "cloudwatch/cloudwatchclient.h"
#include "models/budgets.h"

#include <algorithm>

namespace gr::models
{

using cloudwatch::Dimensions;
using cloudwatch::MetricQuery;

MetricsModel::MetricsModel(cloudwatch::CloudWatchClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    connect(&m_live, &QTimer::timeout, this, &MetricsModel::refresh);
}

int MetricsModel::periodFor(qint64 spanMs, int maxPoints)
{
    for (int p : {1, 5, 10, 20, 30, 60, 300, 900, 3600}) {
        if (spanMs / 1000 / p <= maxPoints)
            return p;
    }
    return 3600;
}

static QString stageIdOf(const QString &stageArn)
{
    return stageArn.mid(stageArn.lastIndexOf(QLatin1Char('/')) + 1);
}

static MetricsModel::Series makeSeries(const QString &id, const QString &metric,
                                       const Dimensions &dims, const QString &group,
                                       const QString &unit, const QString &label,
                                       const QString &stat = QStringLiteral("Average"))
{
    MetricsModel::Series s;
    s.query.id = id;
    s.query.metricName = metric;
    s.query.dimensions = dims;
    s.query.stat = stat;
    s.group = group;
    s.unit = unit;
    s.label = label;
    return s;
}

void MetricsModel::showParticipant(const QString &stageArn, const QString &participantId,
                                   qint64 fromMs, qint64 toMs)
{
    // The dimension sets the IVS Real-Time user guide documents per participant.
    const Dimensions who{{QStringLiteral("Stage"), stageIdOf(stageArn)},
                         {QStringLiteral("Participant"), participantId}};
    const auto layer = [&](const char *l, const char *media) {
        return who + Dimensions{{QStringLiteral("SimulcastLayer"), QLatin1String(l)},
                                {QStringLiteral("MediaType"), QLatin1String(media)}};
    };
    const auto media = [&](const char *m) {
        return who + Dimensions{{QStringLiteral("MediaType"), QLatin1String(m)}};
    };
    const QString bits = QStringLiteral("Bits/Second");
    const QString sent = tr("Published bitrate"), resolution = tr("Published resolution"),
                  received = tr("Received bitrate"), loss = tr("Download packet loss"),
                  dropped = tr("Dropped frames");
    QVector<Series> list;
    for (const char *l : {"hi", "mid", "low"})
        list.append(makeSeries(QStringLiteral("pb_") + QLatin1String(l),
                               QStringLiteral("PublishBitrate"), layer(l, "video"), sent, bits,
                               QStringLiteral("video %1").arg(QLatin1String(l))));
    list.append(makeSeries(QStringLiteral("pb_audio"), QStringLiteral("PublishBitrate"),
                           layer("none", "audio"), sent, bits, QStringLiteral("audio")));
    for (const char *l : {"hi", "mid", "low"})
        list.append(makeSeries(
            QStringLiteral("pr_") + QLatin1String(l), QStringLiteral("PublishResolution"),
            layer(l, "video"), resolution, QStringLiteral("Count"),
            QStringLiteral("video %1").arg(QLatin1String(l)), QStringLiteral("Maximum")));
    list.append(makeSeries(QStringLiteral("sb_video"), QStringLiteral("SubscribeBitrate"),
                           media("video"), received, bits, QStringLiteral("video")));
    list.append(makeSeries(QStringLiteral("sb_audio"), QStringLiteral("SubscribeBitrate"),
                           media("audio"), received, bits, QStringLiteral("audio")));
    list.append(makeSeries(QStringLiteral("loss"), QStringLiteral("DownloadPacketLoss"), who, loss,
                           QStringLiteral("Percent"), tr("packet loss")));
    list.append(makeSeries(QStringLiteral("dropped"), QStringLiteral("DroppedFrames"), who, dropped,
                           QStringLiteral("Percent"), tr("dropped frames")));
    setSubject(list, fromMs, toMs);
}

void MetricsModel::showStage(const QString &stageArn, qint64 fromMs, qint64 toMs)
{
    const Dimensions stage{{QStringLiteral("Stage"), stageIdOf(stageArn)}};
    setSubject({makeSeries(QStringLiteral("publishers"), QStringLiteral("Publishers"), stage,
                           tr("Publishers"), QStringLiteral("Count"), tr("publishers"),
                           QStringLiteral("Maximum")),
                makeSeries(QStringLiteral("subscribers"), QStringLiteral("Subscribers"), stage,
                           tr("Subscribers"), QStringLiteral("Count"), tr("subscribers"),
                           QStringLiteral("Maximum"))},
               fromMs, toMs);
}

void MetricsModel::clear()
{
    setSubject({}, 0, 0);
    m_live.stop();
}

void MetricsModel::setBudget(RateBudget *budget, RateBudget::Priority priority)
{
    m_budget = budget;
    m_priority = priority;
    if (m_budget)
        budgets::applyRates(m_budget);
    updateLiveView();
}

QString MetricsModel::ageText() const
{
    return m_budget && m_liveView ? m_budget->ageText(m_liveView) : QString();
}

// A live subject with a budget is one of its views, asking every period; without a budget,
// the model's own timer does.
void MetricsModel::updateLiveView()
{
    const bool live = !m_series.isEmpty() && m_toMs == 0;
    if (m_budget && m_liveView)
        m_budget->removeView(std::exchange(m_liveView, 0));
    endTurn();
    if (live && m_budget) {
        m_live.stop();
        m_liveView = m_budget->addView(this, budgets::metricData(), m_priority, m_period * 1000,
                                       [this](std::function<void()> done) {
                                           m_liveDone = std::move(done);
                                           refresh();
                                           if (!m_inFlight)
                                               endTurn(); // nothing was asked
                                       });
    } else if (live) {
        m_live.start(m_period * 1000);
    } else {
        m_live.stop();
    }
}

void MetricsModel::endTurn()
{
    if (auto done = std::exchange(m_liveDone, nullptr))
        done();
}

void MetricsModel::setSubject(QVector<Series> list, qint64 fromMs, qint64 toMs)
{
    // A new subject is a new model, not a refresh: reset once.
    beginResetModel();
    ++m_generation;
    m_series = std::move(list);
    m_fromMs = fromMs;
    m_toMs = toMs;
    const qint64 end = toMs ? toMs : QDateTime::currentMSecsSinceEpoch();
    // Live: CloudWatch's recommended 5-second period, coarser only for long spans.
    m_period = std::max(5, periodFor(end - fromMs));
    for (Series &s : m_series)
        s.query.period = m_period;
    m_inFlight = false;
    m_updatedAt = {};
    m_error = {};
    endResetModel();
    setStatus({});
    updateLiveView();
}

void MetricsModel::refresh()
{
    if (m_series.isEmpty() || m_inFlight)
        return;
    const qint64 end = m_toMs ? m_toMs : QDateTime::currentMSecsSinceEpoch();
    // After the first answer, only the periods that can still change: the newest two.
    qint64 start = m_fromMs;
    for (const Series &s : m_series) {
        if (!s.timesMs.isEmpty())
            start = std::max(start, s.timesMs.last() - 2 * qint64(m_period) * 1000);
    }
    if (m_updatedAt.isValid() && m_toMs && end <= start)
        return;
    QList<MetricQuery> queries;
    for (const Series &s : m_series)
        queries.append(s.query);
    const qint64 periodMs = qint64(m_period) * 1000;
    const qint64 alignedStart = start - start % periodMs;
    const qint64 alignedEnd = end + (periodMs - end % periodMs) % periodMs;
    m_inFlight = true;
    const quint64 generation = m_generation;
    cloudwatch::fetchMetricData(
        m_client,
        cloudwatch::metricDataInput(queries, QDateTime::fromMSecsSinceEpoch(alignedStart, Qt::UTC),
                                    QDateTime::fromMSecsSinceEpoch(alignedEnd, Qt::UTC)),
        this,
        [this, generation](const QList<cloudwatch::MetricSeries> &answer, const aws::AwsError &e) {
            if (generation != m_generation)
                return;
            m_inFlight = false;
            m_error = e;
            endTurn();
            if (e.isError()) {
                setStatus(cloudwatch::metricsUnavailableText(e));
                if (cloudwatch::isPermissionError(e)) {
                    // Asking again will not help; a new subject tries again.
                    m_live.stop();
                    if (m_budget && m_liveView)
                        m_budget->removeView(std::exchange(m_liveView, 0));
                }
                return;
            }
            setStatus({});
            merge(answer);
            m_updatedAt = QDateTime::currentDateTimeUtc();
            emit updated();
        });
}

void MetricsModel::merge(const QList<cloudwatch::MetricSeries> &answer)
{
    for (const cloudwatch::MetricSeries &a : answer) {
        const auto it = std::find_if(m_series.begin(), m_series.end(),
                                     [&](const Series &s) { return s.query.id == a.id; });
        if (it == m_series.end() || a.timesMs.isEmpty())
            continue;
        // Points from the answer's first time on are replaced (the newest periods fill up).
        const qint64 first = a.timesMs.first();
        const auto cut = std::lower_bound(it->timesMs.begin(), it->timesMs.end(), first);
        const qsizetype keep = cut - it->timesMs.begin();
        const bool same = it->timesMs.mid(keep) == a.timesMs && it->values.mid(keep) == a.values;
        if (same)
            continue;
        it->timesMs.resize(keep);
        it->values.resize(keep);
        it->timesMs += a.timesMs;
        it->values += a.values;
        const int row = int(it - m_series.begin());
        emit dataChanged(index(row), index(row));
        emit seriesChanged(row);
    }
}

void MetricsModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged();
}

QStringList MetricsModel::groups() const
{
    QStringList out;
    for (const Series &s : m_series) {
        if (!out.contains(s.group))
            out.append(s.group);
    }
    return out;
}

int MetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_series.size());
}

QVariant MetricsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Series &s = m_series[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1: %2").arg(s.group, s.label);
    case MetricNameRole:
        return s.query.metricName;
    case UnitRole:
        return s.unit;
    case GroupRole:
        return s.group;
    case LatestRole:
        return s.values.isEmpty() ? QVariant() : QVariant(s.values.last());
    case PointsRole:
        return int(s.values.size());
    case DimensionsRole: {
        QStringList parts;
        for (const auto &[name, value] : s.query.dimensions) {
            if (name != QLatin1String("Stage") && name != QLatin1String("Participant"))
                parts << name + QLatin1Char('=') + value;
        }
        return parts.join(QStringLiteral(", "));
    }
    }
    return {};
}

QHash<int, QByteArray> MetricsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(MetricNameRole, "metricName");
    names.insert(UnitRole, "unit");
    names.insert(GroupRole, "group");
    names.insert(LatestRole, "latest");
    names.insert(PointsRole, "points");
    names.insert(DimensionsRole, "dimensions");
    return names;
}

} // namespace gr::models
