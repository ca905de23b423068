// The local CloudWatch: GetMetricData and ListMetrics over the JSON protocol (awsJson1_0,
// POST / with X-Amz-Target, SigV4 with the signing name "monitoring") on the service's port,
// for the AWS/IVSRealTime namespace, and the samples behind them.
//
// Metrics, units and dimension sets follow the IVS Real-Time User Guide, "Monitoring Amazon
// IVS Real-Time Streaming" (https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/
// stage-health.html), section "CloudWatch Metrics: IVS Real-Time Streaming":
//   Publishers, Subscribers                       [Stage]                              Count
//   ConcurrentPublishers, ConcurrentSubscriptions []                                   Count
//   PublishBitrate        [Stage] and [Stage, Participant, SimulcastLayer, MediaType]  Bits/Second
//   PublishResolution     [Stage, Participant, SimulcastLayer, MediaType]              Count
//   SubscribeBitrate      [Stage] and [Stage, Participant, MediaType]                  Bits/Second
//   DownloadPacketLoss    [], [Stage] and [Stage, Participant]                         Percent
//   DroppedFrames         [Stage] and [Stage, Participant]                             Percent
// Stage is the stage's resource id (the ARN's last segment); SimulcastLayer is hi, mid or low
// for video and "none" for audio. [Stage] series get one sample per publisher (or subscriber)
// per second; the [Stage, Participant...] quality series of a subscriber are emitted only in the
// seconds it also publishes, as the guide's table says of SubscribeBitrate [Stage, Participant,
// MediaType]: "Samples are only emitted while the subscribing participant is publishing.", and
// of DownloadPacketLoss and DroppedFrames [Stage, Participant]: "Samples are emitted only when
// the participant is also a publisher." (tests/cloudwatch/local checks a subscriber who stops
// publishing). The Platform, SDKVersion and country dimension sets are
// not simulated. Publishers and Subscribers are counted from the simulated data plane; the
// quality metrics come from each participant's network profile (data-plane call `network`).

#include "local/localservice_p.h"

#include <charconv>
#include <cmath>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace gr::local
{

namespace
{

const QString kNamespace = QStringLiteral("AWS/IVSRealTime");
constexpr double kAudioBitrate = 48000;
constexpr int kMaxDatapointsDefault = 100800;
constexpr int kListMetricsPage = 500;

QString unitOf(const QString &metric)
{
    static const QHash<QString, QString> units = {
        {QStringLiteral("Publishers"), QStringLiteral("Count")},
        {QStringLiteral("Subscribers"), QStringLiteral("Count")},
        {QStringLiteral("ConcurrentPublishers"), QStringLiteral("Count")},
        {QStringLiteral("ConcurrentSubscriptions"), QStringLiteral("Count")},
        {QStringLiteral("PublishResolution"), QStringLiteral("Count")},
        {QStringLiteral("PublishBitrate"), QStringLiteral("Bits/Second")},
        {QStringLiteral("SubscribeBitrate"), QStringLiteral("Bits/Second")},
        {QStringLiteral("DownloadPacketLoss"), QStringLiteral("Percent")},
        {QStringLiteral("DroppedFrames"), QStringLiteral("Percent")}};
    return units.value(metric);
}

// A CloudWatch error as the JSON protocol of an awsQueryCompatible service sends it: the
// shape in __type, the query-protocol code in x-amzn-query-error.
struct CwError {
    int status = 0;
    QString code;  // query code: InvalidParameterValue, ValidationError, ...
    QString shape; // __type
    QString message;
    bool isError() const { return status != 0; }
};

CwError invalidValue(const QString &message)
{
    return {400, QStringLiteral("InvalidParameterValue"),
            QStringLiteral("com.amazonaws.cloudwatch#InvalidParameterValueException"), message};
}

CwError validationError(const QString &message)
{
    return {400, QStringLiteral("ValidationError"),
            QStringLiteral("com.amazon.coral.validate#ValidationException"), message};
}

HttpResponse cwResponse(const CwError &e)
{
    HttpResponse r;
    r.status = e.status;
    r.headers.append(std::pair<QByteArray, QByteArray>{
        "x-amzn-query-error",
        (e.code + (e.status >= 500 ? QStringLiteral(";Receiver") : QStringLiteral(";Sender")))
            .toLatin1()});
    r.headers.append(
        std::pair<QByteArray, QByteArray>{"Content-Type", "application/x-amz-json-1.0"});
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("__type"), e.shape},
                                       {QStringLiteral("message"), e.message}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse cwOk(QByteArray body)
{
    HttpResponse r;
    r.headers.append(
        std::pair<QByteArray, QByteArray>{"Content-Type", "application/x-amz-json-1.0"});
    r.body = std::move(body);
    return r;
}

// Deterministic noise in [-1, 1] for a participant, a second and a metric.
double noise(quint64 seed, qint64 t, quint64 salt)
{
    quint64 z = seed ^ (quint64(t) * 0x9e3779b97f4a7c15ULL) ^ (salt * 0xbf58476d1ce4e5b9ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return double(z % 20001) / 10000.0 - 1.0;
}

QString stageId(const QString &stageArn)
{
    return stageArn.mid(stageArn.lastIndexOf(QLatin1Char('/')) + 1);
}

// The first whole second at or after an event: a sample of second t stands for [t, t + 1), so
// one taken in the second a participant joins would start before the join.
qint64 secondFrom(const QDateTime &time)
{
    const qint64 ms = time.toMSecsSinceEpoch();
    return ms / 1000 + (ms % 1000 > 0 ? 1 : 0);
}

// What a participant was doing at second t: on the stage, publishing, and whom it subscribed
// to. The live sampler asks about the current second, which its state already says; a catch-up
// after a stall or a backfill asks about the past, which its events say (nothing before it
// joined, nothing after it left).
struct MediaStateAt {
    bool connected = false;
    bool published = false;
    QSet<QString> subscribedTo;
};

MediaStateAt mediaStateAt(const Participant &p, qint64 t)
{
    if (p.events.empty() || secondFrom(p.events.back().time) <= t)
        return {p.connected, p.publishing, p.subscribedTo};
    MediaStateAt state;
    for (const Event &e : p.events) {
        if (secondFrom(e.time) > t)
            break;
        if (e.name == QLatin1String("JOINED")) {
            state.connected = true;
        } else if (e.name == QLatin1String("LEFT")) {
            state = {};
        } else if (e.name == QLatin1String("PUBLISH_STARTED")) {
            state.published = true;
        } else if (e.name == QLatin1String("PUBLISH_STOPPED")) {
            state.published = false;
        } else if (e.name == QLatin1String("SUBSCRIBE_STARTED")) {
            state.subscribedTo.insert(e.remoteParticipantId);
        } else if (e.name == QLatin1String("SUBSCRIBE_STOPPED")) {
            state.subscribedTo.remove(e.remoteParticipantId);
        }
    }
    return state;
}

// Shortest round-trip text (std::to_chars), written in place: answers carry thousands.
template <typename T> void appendNumber(QByteArray *out, T v)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    out->append(buffer, result.ptr - buffer);
}

void appendJsonString(QByteArray *out, const QString &text)
{
    const QByteArray quoted = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    out->append(quoted.constData() + 1, quoted.size() - 2); // ["..."] without the brackets
}

// Tokens are base64 of "<Operation>\n<position>"; anything else is InvalidNextToken.
bool readNextToken(const QJsonObject &in, const char *operation, qint64 *offset, CwError *error)
{
    const QString token = in.value(QLatin1String("NextToken")).toString();
    if (token.isEmpty())
        return true;
    const QByteArray decoded = QByteArray::fromBase64(token.toLatin1());
    const QByteArray prefix = QByteArray(operation) + '\n';
    bool ok = decoded.startsWith(prefix);
    *offset = ok ? decoded.mid(prefix.size()).toLongLong(&ok) : 0;
    if (ok && *offset >= 0)
        return true;
    *error = {400, QStringLiteral("InvalidNextToken"),
              QStringLiteral("com.amazonaws.cloudwatch#InvalidNextToken"),
              QStringLiteral("The service couldn't process the request because the NextToken is "
                             "invalid.")};
    return false;
}

bool readEpochSeconds(const QJsonValue &v, double *out)
{
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    if (v.isString()) { // tolerated: ISO 8601
        const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (t.isValid()) {
            *out = double(t.toMSecsSinceEpoch()) / 1000.0;
            return true;
        }
    }
    return false;
}

} // namespace

void LocalService::Impl::sampleMetricsAt(qint64 t)
{
    int concurrentPublishers = 0;
    int concurrentSubscriptions = 0;
    for (const auto &[stageArn, runtime] : runtimes) {
        const Session *session = runtime.active;
        if (!session)
            continue;
        const QString stage = stageId(stageArn);
        const MetricDimensions stageDims{{QStringLiteral("Stage"), stage}};
        int publishers = 0, subscribers = 0;
        QHash<QString, double> sentVideo; // publisher id -> video bits/s of its top layer
        std::vector<std::pair<const Participant *, MediaStateAt>> states;
        states.reserve(session->media.size());
        for (const Participant *p : session->media)
            states.emplace_back(p, mediaStateAt(*p, t));
        for (const auto &[p, state] : states) {
            if (!state.connected || !state.published)
                continue;
            ++publishers;
            const NetworkProfile profile = networkProfiles.value(p->id);
            const quint64 seed = qHash(p->id);
            const double video = std::max(profile.bitrate - kAudioBitrate, 50000.0) *
                                 (1.0 + 0.04 * noise(seed, t, 1));
            const double audio = kAudioBitrate * (1.0 + 0.02 * noise(seed, t, 2));
            sentVideo.insert(p->id, video);
            metrics.record(QStringLiteral("PublishBitrate"), stageDims, t, video + audio);
            static const struct {
                const char *layer;
                double share;
                int divisor;
            } layers[] = {{"hi", 0.65, 1}, {"mid", 0.25, 2}, {"low", 0.10, 4}};
            for (const auto &layer : layers) {
                const MetricDimensions dims{
                    {QStringLiteral("Stage"), stage},
                    {QStringLiteral("Participant"), p->id},
                    {QStringLiteral("SimulcastLayer"), QLatin1String(layer.layer)},
                    {QStringLiteral("MediaType"), QStringLiteral("video")}};
                metrics.record(QStringLiteral("PublishBitrate"), dims, t, video * layer.share);
                metrics.record(QStringLiteral("PublishResolution"), dims, t,
                               double((profile.resolution / layer.divisor) & ~1));
            }
            metrics.record(QStringLiteral("PublishBitrate"),
                           {{QStringLiteral("Stage"), stage},
                            {QStringLiteral("Participant"), p->id},
                            {QStringLiteral("SimulcastLayer"), QStringLiteral("none")},
                            {QStringLiteral("MediaType"), QStringLiteral("audio")}},
                           t, audio);
        }
        for (const auto &[p, state] : states) {
            if (!state.connected || state.subscribedTo.isEmpty())
                continue;
            ++subscribers;
            concurrentSubscriptions += int(state.subscribedTo.size());
            const NetworkProfile profile = networkProfiles.value(p->id);
            const quint64 seed = qHash(p->id);
            const double loss =
                std::clamp(profile.packetLoss * (1.0 + 0.3 * noise(seed, t, 3)), 0.0, 100.0);
            const double dropped =
                std::clamp(profile.droppedFrames * (1.0 + 0.3 * noise(seed, t, 4)), 0.0, 100.0);
            // A lossy subscriber is sent a lower simulcast layer.
            const double share = loss < 2 ? 0.65 : loss < 8 ? 0.25 : 0.10;
            double video = 0, audio = 0;
            for (const QString &remote : state.subscribedTo) {
                video += sentVideo.value(remote) * share;
                audio += sentVideo.contains(remote) ? kAudioBitrate : 0;
            }
            video *= 1.0 - loss / 100.0;
            metrics.record(QStringLiteral("SubscribeBitrate"), stageDims, t, video + audio);
            metrics.record(QStringLiteral("DownloadPacketLoss"), stageDims, t, loss);
            metrics.record(QStringLiteral("DownloadPacketLoss"), {}, t, loss);
            metrics.record(QStringLiteral("DroppedFrames"), stageDims, t, dropped);
            if (state.published) {
                const MetricDimensions dims{{QStringLiteral("Stage"), stage},
                                            {QStringLiteral("Participant"), p->id}};
                metrics.record(QStringLiteral("DownloadPacketLoss"), dims, t, loss);
                metrics.record(QStringLiteral("DroppedFrames"), dims, t, dropped);
                for (const auto &[media, value] :
                     {std::pair<const char *, double>{"video", video}, {"audio", audio}})
                    metrics.record(QStringLiteral("SubscribeBitrate"),
                                   dims + MetricDimensions{{QStringLiteral("MediaType"),
                                                            QLatin1String(media)}},
                                   t, value);
            }
        }
        metrics.record(QStringLiteral("Publishers"), stageDims, t, publishers);
        metrics.record(QStringLiteral("Subscribers"), stageDims, t, subscribers);
        concurrentPublishers += publishers;
    }
    metrics.record(QStringLiteral("ConcurrentPublishers"), {}, t, concurrentPublishers);
    metrics.record(QStringLiteral("ConcurrentSubscriptions"), {}, t, concurrentSubscriptions);
}

void LocalService::Impl::sampleMetrics(qint64 catchUpSeconds)
{
    const qint64 t = now().toSecsSinceEpoch();
    if (t <= lastMetricSecond)
        return;
    // A stalled event loop leaves a gap, as a real outage would; at most the last minute is
    // filled so a long stall cannot stall the service again.
    const qint64 from = lastMetricSecond ? std::max(lastMetricSecond + 1, t - catchUpSeconds) : t;
    for (qint64 s = from; s <= t; ++s)
        sampleMetricsAt(s);
    if (!lastMetricSecond)
        firstMetricSecond = t;
    lastMetricSecond = t;
    if (t % 60 == 0) {
        metrics.expire(t);
        // Profiles of participants no longer connected anywhere are dropped (looked up by id:
        // a session's idle crowd is not walked).
        const auto connectedAnywhere = [this](const QString &id) {
            for (const auto &[arn, runtime] : runtimes) {
                const Participant *p = runtime.active ? runtime.active->byId.value(id) : nullptr;
                if (p && p->connected)
                    return true;
            }
            return false;
        };
        for (auto it = networkProfiles.begin(); it != networkProfiles.end();) {
            if (connectedAnywhere(it.key()))
                ++it;
            else
                it = networkProfiles.erase(it);
        }
    }
}

void LocalService::Impl::varyDemoNetworks()
{
    auto *rng = QRandomGenerator::global();
    const qint64 t = now().toSecsSinceEpoch();
    for (auto &[stageArn, runtime] : runtimes) {
        if (!runtime.active)
            continue;
        for (const auto &p : runtime.active->participants) {
            if (!p->connected)
                continue;
            NetworkProfile &profile = networkProfiles[p->id];
            if (profile.demoRecoverAt && t >= profile.demoRecoverAt) {
                profile = NetworkProfile{};
            } else if (!profile.demoRecoverAt && p->publishing && rng->bounded(1000) < 4) {
                // About one publisher in four is in a bad patch at any time (0.4% a step of
                // 0.7 s: ~3 minutes healthy, then 30 to 90 seconds of congested uplink and
                // lossy downlink).
                profile.bitrate = 300000 + rng->bounded(500000);
                profile.resolution = rng->bounded(2) ? 360 : 240;
                profile.packetLoss = 6 + rng->bounded(14);
                profile.droppedFrames = 10 + rng->bounded(25);
                profile.demoRecoverAt = t + 30 + rng->bounded(61);
            }
        }
    }
}

HttpResponse LocalService::Impl::cloudWatchDataPlane(const QByteArray &action,
                                                     const QJsonObject &in)
{
    if (action == "metrics-backfill") {
        // Load tests and demos: `seconds` more of samples, as if every active session had
        // started that much earlier with the networks its participants have now. The sessions'
        // pasts move back by as much (start, joins, events) and their samples are rewritten
        // from them, so no participant has samples from before its join or after it left, as
        // with the real service.
        const int seconds = in.value(QLatin1String("seconds")).toInt();
        if (seconds < 1 || seconds > MetricStore::kRetentionSeconds)
            return errorResponse(ServiceError::validation(
                QStringLiteral("metrics-backfill needs seconds from 1 to %1")
                    .arg(MetricStore::kRetentionSeconds)));
        sampleMetrics();
        const qint64 nowSecond = now().toSecsSinceEpoch();
        qint64 from = nowSecond - seconds;
        for (auto &[stageArn, runtime] : runtimes) {
            if (Session *session = runtime.active) {
                session->startTime = session->startTime.addSecs(-seconds);
                from = std::min(from, session->startTime.toSecsSinceEpoch());
                for (const auto &p : session->participants) {
                    p->firstJoinTime = p->firstJoinTime.addSecs(-seconds);
                    for (Event &e : p->events)
                        e.time = e.time.addSecs(-seconds);
                    p->summaryEvents = -1; // its summary carries firstJoinTime
                }
            }
        }
        changed();
        from = std::max(from, nowSecond - MetricStore::kRetentionSeconds);
        metrics.eraseSince(from);
        for (qint64 s = from; s <= lastMetricSecond; ++s)
            sampleMetricsAt(s);
        firstMetricSecond = std::min(firstMetricSecond, from);
        sampleMetrics(seconds); // the seconds that passed while this ran
        return jsonResponse({{QStringLiteral("series"), metrics.seriesCount()},
                             {QStringLiteral("samples"), double(metrics.sampleCount())}});
    }
    // network {stageArn, participantId, bitrate?, resolution?, packetLoss?, droppedFrames?}
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    const QString participantId = in.value(QLatin1String("participantId")).toString();
    const auto runtime = runtimes.find(stageArn);
    const Session *session = runtime == runtimes.end() ? nullptr : runtime->second.active;
    const Participant *p = session ? session->byId.value(participantId) : nullptr;
    if (!p || !p->connected)
        return errorResponse({404, QStringLiteral("ParticipantNotConnected"),
                              QStringLiteral("Participant %1 is not connected to stage %2")
                                  .arg(participantId, stageArn)});
    NetworkProfile profile = networkProfiles.value(participantId);
    const struct {
        const char *member;
        double min, max;
        double *target;
    } fields[] = {{"bitrate", 0, 20000000, &profile.bitrate},
                  {"packetLoss", 0, 100, &profile.packetLoss},
                  {"droppedFrames", 0, 100, &profile.droppedFrames}};
    for (const auto &f : fields) {
        const QJsonValue v = in.value(QLatin1String(f.member));
        if (v.isUndefined())
            continue;
        if (!v.isDouble() || v.toDouble() < f.min || v.toDouble() > f.max)
            return errorResponse(ServiceError::validation(
                QStringLiteral("network: %1 must be a number from %2 to %3")
                    .arg(QLatin1String(f.member))
                    .arg(f.min)
                    .arg(f.max)));
        *f.target = v.toDouble();
    }
    if (const QJsonValue v = in.value(QLatin1String("resolution")); !v.isUndefined()) {
        if (!v.isDouble() || v.toInt() < 2 || v.toInt() > 1080 || v.toDouble() != v.toInt())
            return errorResponse(ServiceError::validation(
                QStringLiteral("network: resolution must be a whole number of pixels from 2 "
                               "to 1080 (the smaller side)")));
        profile.resolution = v.toInt();
    }
    profile.demoRecoverAt = 0; // set explicitly: the demo leaves it alone
    networkProfiles.insert(participantId, profile);
    return jsonResponse({{QStringLiteral("bitrate"), profile.bitrate},
                         {QStringLiteral("resolution"), profile.resolution},
                         {QStringLiteral("packetLoss"), profile.packetLoss},
                         {QStringLiteral("droppedFrames"), profile.droppedFrames}});
}

static CwError checkQuota(std::deque<qint64> &calls, qint64 nowMs, int perSecond)
{
    while (!calls.empty() && nowMs - calls.front() >= 1000)
        calls.pop_front();
    if (int(calls.size()) >= perSecond)
        return {400, QStringLiteral("Throttling"),
                QStringLiteral("com.amazonaws.cloudwatch#Throttling"),
                QStringLiteral("Rate exceeded")};
    calls.push_back(nowMs);
    return {};
}

static QByteArray getMetricData(const MetricStore &metrics, qint64 nowSeconds,
                                const QJsonObject &in, CwError *error)
{
    const QJsonValue queriesValue = in.value(QLatin1String("MetricDataQueries"));
    const QJsonArray queries = queriesValue.toArray();
    double start = 0, end = 0;
    if (!queriesValue.isArray() || queries.isEmpty() || queries.size() > 500) {
        *error = validationError(
            QStringLiteral("1 validation error detected: Value at 'metricDataQueries' failed to "
                           "satisfy constraint: Member must have length between 1 and 500"));
        return {};
    }
    if (!readEpochSeconds(in.value(QLatin1String("StartTime")), &start) ||
        !readEpochSeconds(in.value(QLatin1String("EndTime")), &end)) {
        *error = validationError(QStringLiteral(
            "1 validation error detected: StartTime and EndTime must be timestamps"));
        return {};
    }
    if (start >= end) {
        *error = invalidValue(
            QStringLiteral("The parameter StartTime must be less than the parameter EndTime."));
        return {};
    }
    const QString scanBy =
        in.value(QLatin1String("ScanBy")).toString(QStringLiteral("TimestampDescending"));
    if (scanBy != QLatin1String("TimestampDescending") &&
        scanBy != QLatin1String("TimestampAscending")) {
        *error = validationError(
            QStringLiteral("1 validation error detected: Value '%1' at 'scanBy' failed to satisfy "
                           "constraint: Member must satisfy enum value set: [TimestampDescending, "
                           "TimestampAscending]")
                .arg(scanBy));
        return {};
    }
    const int maxDatapoints = in.value(QLatin1String("MaxDatapoints")).toInt(kMaxDatapointsDefault);
    if (maxDatapoints < 1) {
        *error = invalidValue(QStringLiteral("The parameter MaxDatapoints must be positive."));
        return {};
    }
    qint64 offset = 0;
    if (!readNextToken(in, "GetMetricData", &offset, error))
        return {};

    struct Result {
        QString id, label;
        std::vector<MetricDatapoint> points;
    };
    std::vector<Result> results;
    QSet<QString> ids;
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-zA-Z0-9_]*$"));
    for (int i = 0; i < queries.size(); ++i) {
        const QJsonObject q = queries[i].toObject();
        const QString member = QStringLiteral("MetricDataQueries.member.%1").arg(i + 1);
        const QString id = q.value(QLatin1String("Id")).toString();
        if (!idPattern.match(id).hasMatch()) {
            *error = invalidValue(QStringLiteral("The value %1 for parameter %2.Id is not valid: "
                                                 "it must start with a lowercase letter and "
                                                 "hold only letters, digits and underscores.")
                                      .arg(id, member));
            return {};
        }
        if (ids.contains(id)) {
            *error = invalidValue(
                QStringLiteral("The value %1 for parameter %2.Id is not unique.").arg(id, member));
            return {};
        }
        ids.insert(id);
        const bool hasStat = q.contains(QLatin1String("MetricStat"));
        const bool hasExpression = q.contains(QLatin1String("Expression"));
        if (hasStat == hasExpression) {
            *error = {
                400, QStringLiteral("InvalidParameterCombination"),
                QStringLiteral("com.amazonaws.cloudwatch#InvalidParameterCombinationException"),
                QStringLiteral("Exactly one element of the metricStat or the expression "
                               "must be provided in %1.")
                    .arg(member)};
            return {};
        }
        if (hasExpression) {
            *error = invalidValue(
                QStringLiteral("Metric math is not supported: %1.Expression cannot be evaluated "
                               "by greenroom-local; query the metrics with MetricStat.")
                    .arg(member));
            return {};
        }
        const QJsonObject stat = q.value(QLatin1String("MetricStat")).toObject();
        const QJsonObject metric = stat.value(QLatin1String("Metric")).toObject();
        const qint64 period = qint64(stat.value(QLatin1String("Period")).toDouble());
        const QString statName = stat.value(QLatin1String("Stat")).toString();
        const QString metricName = metric.value(QLatin1String("MetricName")).toString();
        if (metricName.isEmpty()) {
            *error = validationError(
                QStringLiteral("1 validation error detected: Value null at '%1.MetricStat.Metric."
                               "MetricName' failed to satisfy constraint: Member must not be null")
                    .arg(member));
            return {};
        }
        if (!MetricStore::isValidPeriod(period)) {
            *error = invalidValue(QStringLiteral("The parameter %1.MetricStat.Period must be 1, 5, "
                                                 "10, 20, 30 or a multiple of 60.")
                                      .arg(member));
            return {};
        }
        if (!MetricStore::isValidStat(statName)) {
            *error = invalidValue(
                QStringLiteral("The value %1 for parameter %2.MetricStat.Stat is not a valid "
                               "statistic (Average, Minimum, Maximum, Sum, SampleCount, pNN.NN).")
                    .arg(statName, member));
            return {};
        }
        MetricDimensions dims;
        for (const QJsonValue &d : metric.value(QLatin1String("Dimensions")).toArray())
            dims.append(
                {d[QLatin1String("Name")].toString(), d[QLatin1String("Value")].toString()});
        Result result{id, q.value(QLatin1String("Label")).toString(metricName), {}};
        const QString unit = stat.value(QLatin1String("Unit")).toString();
        const bool unitMatches = unit.isEmpty() || unit == unitOf(metricName);
        // Older than 3 hours, 1-second data is gone and a sub-minute period returns nothing.
        const bool resolutionKept = period % 60 == 0 || double(nowSeconds) - start <= 3 * 3600;
        if (metric.value(QLatin1String("Namespace")).toString() == kNamespace && unitMatches &&
            resolutionKept && q.value(QLatin1String("ReturnData")).toBool(true)) {
            if (const StoredMetric *stored = metrics.find(metricName, dims)) {
                const qint64 from = qint64(std::floor(start));
                const qint64 alignedFrom = from - (((from % period) + period) % period);
                result.points = MetricStore::aggregate(*stored, alignedFrom, qint64(std::ceil(end)),
                                                       period, statName);
            }
        }
        if (!q.value(QLatin1String("ReturnData")).toBool(true))
            continue;
        if (scanBy == QLatin1String("TimestampDescending"))
            std::reverse(result.points.begin(), result.points.end());
        results.push_back(std::move(result));
    }

    // Pages hold at most MaxDatapoints points across all results; the token is where to resume.
    QByteArray out;
    qsizetype total = 0;
    for (const Result &r : results)
        total += qsizetype(r.points.size());
    out.reserve(256 + 160 * qsizetype(results.size()) +
                32 * std::min<qsizetype>(total, maxDatapoints));
    out += "{\"MetricDataResults\":[";
    qint64 position = 0;
    qint64 emitted = 0;
    bool truncated = false;
    bool firstResult = true;
    for (const Result &r : results) {
        const qint64 size = qint64(r.points.size());
        const qint64 from = std::clamp<qint64>(offset - position, 0, size);
        qint64 to = size;
        if (emitted + (to - from) > maxDatapoints) {
            to = from + (maxDatapoints - emitted);
            truncated = true;
        }
        position += size;
        if (from == size && size > 0)
            continue; // returned on an earlier page
        if (!firstResult)
            out += ',';
        firstResult = false;
        out += "{\"Id\":";
        appendJsonString(&out, r.id);
        out += ",\"Label\":";
        appendJsonString(&out, r.label);
        out += ",\"Timestamps\":[";
        for (qint64 i = from; i < to; ++i) {
            if (i > from)
                out += ',';
            appendNumber(&out, r.points[size_t(i)].t);
        }
        out += "],\"Values\":[";
        for (qint64 i = from; i < to; ++i) {
            if (i > from)
                out += ',';
            appendNumber(&out, r.points[size_t(i)].v);
        }
        out += "],\"StatusCode\":\"";
        out += to < size ? "PartialData" : "Complete";
        out += "\"}";
        emitted += to - from;
        if (truncated)
            break;
    }
    out += "],\"Messages\":[]";
    if (truncated)
        out += ",\"NextToken\":\"" +
               ("GetMetricData\n" + QByteArray::number(offset + emitted)).toBase64() + '"';
    out += '}';
    return out;
}

static QByteArray listMetrics(const MetricStore &metrics, const QJsonObject &in, CwError *error)
{
    const QString nameSpace = in.value(QLatin1String("Namespace")).toString();
    const QString metricName = in.value(QLatin1String("MetricName")).toString();
    const QString recentlyActive = in.value(QLatin1String("RecentlyActive")).toString();
    if (!recentlyActive.isEmpty() && recentlyActive != QLatin1String("PT3H")) {
        *error = validationError(QStringLiteral(
            "1 validation error detected: Value at 'recentlyActive' failed to satisfy constraint: "
            "Member must satisfy enum value set: [PT3H]"));
        return {};
    }
    MetricDimensions filters;
    const QJsonArray filterList = in.value(QLatin1String("Dimensions")).toArray();
    if (filterList.size() > 10) {
        *error = validationError(QStringLiteral(
            "1 validation error detected: Value at 'dimensions' failed to satisfy constraint: "
            "Member must have length less than or equal to 10"));
        return {};
    }
    for (const QJsonValue &f : filterList) {
        if (f[QLatin1String("Name")].toString().isEmpty()) {
            *error = validationError(QStringLiteral(
                "1 validation error detected: Value null at 'dimensions.member.Name' failed to "
                "satisfy constraint: Member must not be null"));
            return {};
        }
        filters.append({f[QLatin1String("Name")].toString(), f[QLatin1String("Value")].toString()});
    }
    qint64 offset = 0;
    if (!readNextToken(in, "ListMetrics", &offset, error))
        return {};
    std::vector<const StoredMetric *> matches;
    if (nameSpace.isEmpty() || nameSpace == kNamespace) {
        metrics.forEach([&](const StoredMetric &m) {
            if (!metricName.isEmpty() && m.name != metricName)
                return;
            for (const auto &filter : filters) {
                // Named members, not a structured binding: clang 14 cannot capture those.
                const auto &name = filter.first;
                const auto &value = filter.second;
                const bool found =
                    std::any_of(m.dimensions.begin(), m.dimensions.end(), [&](const auto &d) {
                        return d.first == name && (value.isEmpty() || d.second == value);
                    });
                if (!found)
                    return;
            }
            matches.push_back(&m);
        });
    }
    // A stable order, so that pages do not overlap.
    std::sort(matches.begin(), matches.end(), [](const StoredMetric *a, const StoredMetric *b) {
        return MetricStore::key(a->name, a->dimensions) < MetricStore::key(b->name, b->dimensions);
    });
    QJsonArray list;
    const qint64 last = std::min<qint64>(offset + kListMetricsPage, qint64(matches.size()));
    for (qint64 i = offset; i < last; ++i) {
        const StoredMetric *m = matches[size_t(i)];
        QJsonArray dims;
        for (const auto &[name, value] : m->dimensions)
            dims.append(
                QJsonObject{{QStringLiteral("Name"), name}, {QStringLiteral("Value"), value}});
        list.append(QJsonObject{{QStringLiteral("Namespace"), kNamespace},
                                {QStringLiteral("MetricName"), m->name},
                                {QStringLiteral("Dimensions"), dims}});
    }
    QJsonObject out{{QStringLiteral("Metrics"), list}};
    if (last < qint64(matches.size()))
        out.insert(QStringLiteral("NextToken"),
                   QString::fromLatin1(("ListMetrics\n" + QByteArray::number(last)).toBase64()));
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

HttpResponse LocalService::Impl::cloudWatch(const HttpRequest &request, QString *operationOut)
{
    const QByteArray target = request.header("X-Amz-Target");
    const QByteArray prefix = "GraniteServiceVersion20100801.";
    const QString operation = QString::fromLatin1(target.mid(prefix.size()));
    if (!target.startsWith(prefix) ||
        (operation != QLatin1String("GetMetricData") && operation != QLatin1String("ListMetrics")))
        return cwResponse({400, QStringLiteral("UnknownOperation"),
                           QStringLiteral("com.amazon.coral.service#UnknownOperationException"),
                           QStringLiteral("greenroom-local serves CloudWatch GetMetricData and "
                                          "ListMetrics only, not %1")
                               .arg(QString::fromLatin1(target))});
    *operationOut = operation;
    if (const ServiceError auth = verifySignature(request, QStringLiteral("monitoring"));
        auth.isError()) {
        static const QHash<QString, QString> codes = {
            {QStringLiteral("MissingAuthenticationTokenException"),
             QStringLiteral("MissingAuthenticationToken")},
            {QStringLiteral("InvalidSignatureException"), QStringLiteral("SignatureDoesNotMatch")},
            {QStringLiteral("UnrecognizedClientException"), QStringLiteral("InvalidClientTokenId")},
            {QStringLiteral("IncompleteSignatureException"),
             QStringLiteral("IncompleteSignature")}};
        return cwResponse({auth.status, codes.value(auth.type, auth.type),
                           QStringLiteral("com.amazon.coral.service#") + auth.type, auth.message});
    }
    if (options.quotas) {
        const bool get = operation == QLatin1String("GetMetricData");
        if (const CwError e = checkQuota(metricCalls[get ? 0 : 1], clock.elapsed(), get ? 50 : 25);
            e.isError())
            return cwResponse(e);
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return cwResponse({400, QStringLiteral("SerializationException"),
                           QStringLiteral("com.amazon.coral.service#SerializationException"),
                           QStringLiteral("The request body is not a JSON object: %1")
                               .arg(parseError.errorString())});
    sampleMetrics(); // up to the current second
    CwError error;
    QByteArray body = operation == QLatin1String("GetMetricData")
                          ? getMetricData(metrics, now().toSecsSinceEpoch(), doc.object(), &error)
                          : listMetrics(metrics, doc.object(), &error);
    return error.isError() ? cwResponse(error) : cwOk(std::move(body));
}

} // namespace gr::local
