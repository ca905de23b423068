#pragma once
// GetMetricData and ListMetrics in typed form: the queries a chart needs, the series that come
// back (pages merged by query id), and the metrics that exist. Every page is fetched, one
// request at a time.

#include "aws/awserror.h"
#include "aws/expected.h"

#include <functional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

class QObject;

namespace gr::cloudwatch
{

class CloudWatchClient;

using Dimensions = QList<std::pair<QString, QString>>; // (Name, Value), in the caller's order

struct MetricQuery {
    QString id; // ^[a-z][a-zA-Z0-9_]*$, unique in a request
    QString nameSpace = QStringLiteral("AWS/IVSRealTime");
    QString metricName;
    Dimensions dimensions;
    int period = 5;                           // seconds
    QString stat = QStringLiteral("Average"); // Average, Minimum, Maximum, Sum, SampleCount, pNN
    QString label;                            // optional
};

struct MetricSeries {
    QString id;
    QString label;
    QString statusCode;      // Complete, PartialData, InternalError, Forbidden
    QVector<qint64> timesMs; // epoch ms, ascending
    QVector<double> values;  // one per time
    QStringList messages;
};

// The GetMetricData input for `queries` over [start, end), oldest first.
QJsonObject metricDataInput(const QList<MetricQuery> &queries, const QDateTime &start,
                            const QDateTime &end);

// Adds one page of GetMetricData output to `series` (matched by Id; times kept ascending).
// A Decode error naming the member when the page does not have the model's shape.
aws::Expected<void> mergeMetricDataPage(const QJsonObject &output, QList<MetricSeries> *series);

struct MetricIdentity {
    QString nameSpace;
    QString metricName;
    Dimensions dimensions;
};

aws::Expected<void> parseListMetricsPage(const QJsonObject &output, QList<MetricIdentity> *metrics);

using MetricDataDone = std::function<void(const QList<MetricSeries> &, const aws::AwsError &)>;
using ListMetricsDone = std::function<void(const QList<MetricIdentity> &, const aws::AwsError &)>;

// Every page of one GetMetricData / ListMetrics; `done` once, unless `context` goes first.
void fetchMetricData(CloudWatchClient *client, const QJsonObject &input, QObject *context,
                     MetricDataDone done);
void listMetrics(CloudWatchClient *client, const QJsonObject &input, QObject *context,
                 ListMetricsDone done);

} // namespace gr::cloudwatch
