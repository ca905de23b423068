#include "cloudwatch/metricdata.h"

#include "cloudwatch/cloudwatchclient.h"

#include <algorithm>
#include <memory>
#include <QJsonArray>
#include <QPointer>

namespace gr::cloudwatch
{

static QJsonArray dimensionsJson(const Dimensions &dimensions)
{
    QJsonArray out;
    for (const auto &[name, value] : dimensions)
        out.append(QJsonObject{{QStringLiteral("Name"), name}, {QStringLiteral("Value"), value}});
    return out;
}

QJsonObject metricDataInput(const QList<MetricQuery> &queries, const QDateTime &start,
                            const QDateTime &end)
{
    QJsonArray list;
    for (const MetricQuery &q : queries) {
        QJsonObject metric{{QStringLiteral("Namespace"), q.nameSpace},
                           {QStringLiteral("MetricName"), q.metricName}};
        if (!q.dimensions.isEmpty())
            metric.insert(QStringLiteral("Dimensions"), dimensionsJson(q.dimensions));
        QJsonObject query{
            {QStringLiteral("Id"), q.id},
            {QStringLiteral("MetricStat"), QJsonObject{{QStringLiteral("Metric"), metric},
                                                       {QStringLiteral("Period"), q.period},
                                                       {QStringLiteral("Stat"), q.stat}}}};
        if (!q.label.isEmpty())
            query.insert(QStringLiteral("Label"), q.label);
        list.append(query);
    }
    return {{QStringLiteral("MetricDataQueries"), list},
            {QStringLiteral("StartTime"), double(start.toSecsSinceEpoch())},
            {QStringLiteral("EndTime"), double(end.toSecsSinceEpoch())},
            {QStringLiteral("ScanBy"), QStringLiteral("TimestampAscending")}};
}

// awsJson1_0 timestamps are epoch seconds (fractions allowed); a string is read as ISO 8601.
static bool timestampMs(const QJsonValue &v, qint64 *ms)
{
    if (v.isDouble()) {
        *ms = qint64(v.toDouble() * 1000.0 + (v.toDouble() >= 0 ? 0.5 : -0.5));
        return true;
    }
    if (v.isString()) {
        const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (t.isValid()) {
            *ms = t.toMSecsSinceEpoch();
            return true;
        }
    }
    return false;
}

static aws::AwsError fail(const QString &text)
{
    return aws::failure(aws::AwsError::Kind::Decode, text);
}

aws::Expected<void> mergeMetricDataPage(const QJsonObject &output, QList<MetricSeries> *series)
{
    const QJsonValue results = output.value(QLatin1String("MetricDataResults"));
    if (!results.isUndefined() && !results.isArray())
        return fail(QStringLiteral("MetricDataResults is not a list"));
    for (const QJsonValue &r : results.toArray()) {
        if (!r.isObject())
            return fail(QStringLiteral("MetricDataResults holds a non-object"));
        const QJsonObject o = r.toObject();
        const QString id = o.value(QLatin1String("Id")).toString();
        if (id.isEmpty())
            return fail(QStringLiteral("MetricDataResults[].Id is missing"));
        const QJsonArray times = o.value(QLatin1String("Timestamps")).toArray();
        const QJsonArray values = o.value(QLatin1String("Values")).toArray();
        if (times.size() != values.size())
            return fail(QStringLiteral("MetricDataResults[%1]: %2 timestamps for %3 values")
                            .arg(id)
                            .arg(times.size())
                            .arg(values.size()));
        auto it = std::find_if(series->begin(), series->end(),
                               [&](const MetricSeries &s) { return s.id == id; });
        if (it == series->end()) {
            series->append(MetricSeries{id, {}, {}, {}, {}, {}});
            it = series->end() - 1;
        }
        it->label = o.value(QLatin1String("Label")).toString(it->label);
        it->statusCode = o.value(QLatin1String("StatusCode")).toString(it->statusCode);
        for (const QJsonValue &m : o.value(QLatin1String("Messages")).toArray())
            it->messages.append(m[QLatin1String("Value")].toString());
        std::vector<std::pair<qint64, double>> points;
        points.reserve(size_t(it->timesMs.size() + times.size()));
        for (int i = 0; i < it->timesMs.size(); ++i)
            points.emplace_back(it->timesMs[i], it->values[i]);
        for (int i = 0; i < times.size(); ++i) {
            qint64 ms = 0;
            if (!timestampMs(times[i], &ms))
                return fail(QStringLiteral("MetricDataResults[%1].Timestamps[%2] is not a "
                                           "timestamp")
                                .arg(id)
                                .arg(i));
            if (!values[i].isDouble())
                return fail(QStringLiteral("MetricDataResults[%1].Values[%2] is not a number")
                                .arg(id)
                                .arg(i));
            points.emplace_back(ms, values[i].toDouble());
        }
        std::stable_sort(points.begin(), points.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        it->timesMs.resize(qsizetype(points.size()));
        it->values.resize(qsizetype(points.size()));
        for (size_t i = 0; i < points.size(); ++i) {
            it->timesMs[qsizetype(i)] = points[i].first;
            it->values[qsizetype(i)] = points[i].second;
        }
    }
    return {};
}

aws::Expected<void> parseListMetricsPage(const QJsonObject &output, QList<MetricIdentity> *metrics)
{
    const QJsonValue list = output.value(QLatin1String("Metrics"));
    if (!list.isUndefined() && !list.isArray())
        return fail(QStringLiteral("Metrics is not a list"));
    for (const QJsonValue &m : list.toArray()) {
        MetricIdentity identity;
        identity.nameSpace = m[QLatin1String("Namespace")].toString();
        identity.metricName = m[QLatin1String("MetricName")].toString();
        if (identity.metricName.isEmpty())
            return fail(QStringLiteral("Metrics[].MetricName is missing"));
        for (const QJsonValue &d : m[QLatin1String("Dimensions")].toArray())
            identity.dimensions.append(
                {d[QLatin1String("Name")].toString(), d[QLatin1String("Value")].toString()});
        metrics->append(identity);
    }
    return {};
}

namespace
{

// Walks the pages of one operation; `onPage` returns an error to stop with.
struct PageWalk : std::enable_shared_from_this<PageWalk> {
    CloudWatchClient *client = nullptr;
    Operation operation = Operation::GetMetricData;
    QJsonObject input;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<aws::Expected<void>(const QJsonObject &)> onPage;
    std::function<void(const aws::AwsError &)> onEnd;

    void next(const QString &token)
    {
        QJsonObject page = input;
        if (!token.isEmpty())
            page.insert(QStringLiteral("NextToken"), token);
        auto self = shared_from_this();
        client->call(operation, page, context.data(), [self](const CloudWatchResult &result) {
            if (self->hasContext && !self->context)
                return;
            if (!result.ok()) {
                self->onEnd(result.error());
                return;
            }
            if (const aws::Expected<void> parsed = self->onPage(result->output); !parsed) {
                aws::AwsError error = parsed.error();
                error.message = QStringLiteral("%1: %2").arg(
                    QLatin1String(operationName(self->operation)), error.message);
                error.requestId = result->requestId;
                self->onEnd(error);
                return;
            }
            const QString nextToken = result->output.value(QLatin1String("NextToken")).toString();
            if (nextToken.isEmpty())
                self->onEnd({});
            else
                self->next(nextToken);
        });
    }
};

} // namespace

namespace
{
// Every page of `operation`, each parsed into one growing list, handed over at the end.
template <typename Item>
void walkPages(CloudWatchClient *client, Operation operation, const QJsonObject &input,
               QObject *context,
               aws::Expected<void> (*parsePage)(const QJsonObject &, QList<Item> *),
               std::function<void(const QList<Item> &, const aws::AwsError &)> done)
{
    auto walk = std::make_shared<PageWalk>();
    auto items = std::make_shared<QList<Item>>();
    walk->client = client;
    walk->operation = operation;
    walk->input = input;
    walk->context = context;
    walk->hasContext = context != nullptr;
    walk->onPage = [items, parsePage](const QJsonObject &output) {
        return parsePage(output, items.get());
    };
    walk->onEnd = [items, done](const aws::AwsError &error) { done(*items, error); };
    walk->next({});
}
} // namespace

void fetchMetricData(CloudWatchClient *client, const QJsonObject &input, QObject *context,
                     MetricDataDone done)
{
    walkPages<MetricSeries>(client, Operation::GetMetricData, input, context, &mergeMetricDataPage,
                            std::move(done));
}

void listMetrics(CloudWatchClient *client, const QJsonObject &input, QObject *context,
                 ListMetricsDone done)
{
    walkPages<MetricIdentity>(client, Operation::ListMetrics, input, context, &parseListMetricsPage,
                              std::move(done));
}

} // namespace gr::cloudwatch
