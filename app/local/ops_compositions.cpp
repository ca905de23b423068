// Encoder configurations, storage configurations and compositions with their life cycle.

#include "local/localservice_p.h"

#include <QJsonDocument>

namespace gr::local
{

namespace
{

bool isLive(const QJsonObject &composition)
{
    const QString state = composition.value(QLatin1String("state")).toString();
    return state == QLatin1String("STARTING") || state == QLatin1String("ACTIVE") ||
           state == QLatin1String("STOPPING");
}

template <typename Map>
QJsonObject pageOf(LocalService::Impl *impl, const QString &operation, const QString &member,
                   const Map &items, const QJsonObject &in, int defaultMax,
                   const std::function<bool(const QJsonObject &)> &accept,
                   const std::function<QJsonObject(const QJsonObject &)> &summary, ServiceError *e)
{
    std::vector<std::pair<QString, int>> keys;
    std::vector<const QJsonObject *> rows;
    for (const auto &[key, value] : items) {
        if (accept && !accept(value))
            continue;
        keys.emplace_back(key, int(rows.size()));
        rows.push_back(&value);
    }
    const auto page = impl->paginate(
        operation, std::move(keys), in, defaultMax,
        [&](int i) { return summary(*rows[size_t(i)]); }, e);
    QJsonObject out{{member, page.items}};
    if (!page.nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), page.nextToken);
    return out;
}

// `destinations` with `state` (and `endTime`, if given) set on each that has not failed: a
// failed destination keeps its state through the composition's stop.
QJsonArray destinationsMovedTo(const QJsonValue &destinations, const QString &state,
                               const QString &endTime = {})
{
    QJsonArray moved;
    for (const QJsonValue &v : destinations.toArray()) {
        QJsonObject d = v.toObject();
        if (d.value(QLatin1String("state")) != QLatin1String("FAILED")) {
            d.insert(QStringLiteral("state"), state);
            if (!endTime.isEmpty())
                d.insert(QStringLiteral("endTime"), endTime);
        }
        moved.append(d);
    }
    return moved;
}

// Ends `composition` in `state` (STOPPED, or FAILED when no destination started) at `endTime`;
// an ended composition disappears from the service a few minutes later.
void endComposition(LocalService::Impl *impl, QJsonObject &composition, const QString &state,
                    const QString &endTime)
{
    const QString compositionArn = composition.value(QLatin1String("arn")).toString();
    composition.insert(QStringLiteral("state"), state);
    composition.insert(QStringLiteral("endTime"), endTime);
    impl->compositionStoppedAtMs.insert(compositionArn, impl->clock.elapsed());
    impl->schedule(300, [impl, compositionArn] {
        impl->compositions.erase(compositionArn);
        impl->changed();
    });
}

} // namespace

Output LocalService::Impl::createEncoderConfiguration(const QJsonObject &in, ServiceError *e)
{
    if (!roomFor(kEncoderConfigurations, e))
        return {};
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    const QJsonObject video = withDefaults(in.value(QLatin1String("video")).toObject(),
                                           {{QStringLiteral("width"), 1280},
                                            {QStringLiteral("height"), 720},
                                            {QStringLiteral("framerate"), 30},
                                            {QStringLiteral("bitrate"), 2500000}});
    const int width = video.value(QLatin1String("width")).toInt();
    const int height = video.value(QLatin1String("height")).toInt();
    if (width % 2 || height % 2) {
        *e = ServiceError::validation(
            QStringLiteral("Video width and height must be even (got %1x%2)")
                .arg(width)
                .arg(height));
        return {};
    }
    if (qint64(width) * height > 2073600) {
        *e = ServiceError::validation(
            QStringLiteral("Video width x height must be at most 2,073,600 pixels (1920x1080); "
                           "%1x%2 is %3")
                .arg(width)
                .arg(height)
                .arg(qint64(width) * height));
        return {};
    }
    return storeNamed(encoderConfigurations, QStringLiteral("encoder-configuration"),
                      {{QStringLiteral("video"), video}, {QStringLiteral("tags"), tags}}, in,
                      QStringLiteral("encoderConfiguration"));
}

Output LocalService::Impl::getEncoderConfiguration(const QJsonObject &in, ServiceError *e)
{
    return getResource(kEncoderConfigurations, in, e);
}

Output LocalService::Impl::deleteEncoderConfiguration(const QJsonObject &in, ServiceError *e)
{
    return deleteConfiguration(encoderConfigurations, in, QStringLiteral("Encoder configuration"),
                               e);
}

Output LocalService::Impl::listEncoderConfigurations(const QJsonObject &in, ServiceError *e)
{
    return listResources(kEncoderConfigurations, in, e);
}

Output LocalService::Impl::createStorageConfiguration(const QJsonObject &in, ServiceError *e)
{
    if (!roomFor(kStorageConfigurations, e))
        return {};
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    return storeNamed(
        storageConfigurations, QStringLiteral("storage-configuration"),
        {{QStringLiteral("s3"), in.value(QLatin1String("s3"))}, {QStringLiteral("tags"), tags}}, in,
        QStringLiteral("storageConfiguration"));
}

Output LocalService::Impl::getStorageConfiguration(const QJsonObject &in, ServiceError *e)
{
    return getResource(kStorageConfigurations, in, e);
}

Output LocalService::Impl::deleteStorageConfiguration(const QJsonObject &in, ServiceError *e)
{
    const auto recordingStage = [this](const QString &target) -> ServiceError {
        for (const auto &[stageArn, stage] : stages) {
            if (stage.value(QLatin1String("autoParticipantRecordingConfiguration"))
                    .toObject()
                    .value(QLatin1String("storageConfigurationArn"))
                    .toString() == target)
                return ServiceError::conflict(
                    QStringLiteral("Storage configuration is used for auto participant recording "
                                   "by stage %1")
                        .arg(stageArn));
        }
        return {};
    };
    return deleteConfiguration(storageConfigurations, in, QStringLiteral("Storage configuration"),
                               e, recordingStage);
}

Output LocalService::Impl::listStorageConfigurations(const QJsonObject &in, ServiceError *e)
{
    return listResources(kStorageConfigurations, in, e);
}

Output LocalService::Impl::startComposition(const QJsonObject &in, ServiceError *e)
{
    const QString token = in.value(QLatin1String("idempotencyToken")).toString();
    if (!token.isEmpty() && compositionByIdempotencyToken.contains(token)) {
        const auto existing = compositions.find(compositionByIdempotencyToken.value(token));
        if (existing != compositions.end())
            return {{QStringLiteral("composition"), existing->second}};
    }
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    if (!stages.count(stageArn)) {
        *e = ServiceError::notFound(QStringLiteral("Stage not found"));
        return {};
    }
    for (const auto &[existingArn, existing] : compositions) {
        if (existing.value(QLatin1String("stageArn")).toString() == stageArn && isLive(existing)) {
            *e = ServiceError::conflict(
                QStringLiteral("Stage already has composition %1").arg(existingArn));
            return {};
        }
    }
    QJsonObject layout = in.value(QLatin1String("layout")).toObject();
    if (layout.contains(QLatin1String("grid")) && layout.contains(QLatin1String("pip"))) {
        *e =
            ServiceError::validation(QStringLiteral("Layout must be either grid or pip, not both"));
        return {};
    }
    if (layout.contains(QLatin1String("pip")))
        layout = {{QStringLiteral("pip"),
                   withDefaults(layout.value(QLatin1String("pip")).toObject(),
                                {{QStringLiteral("featuredParticipantAttribute"), QString()},
                                 {QStringLiteral("omitStoppedVideo"), false},
                                 {QStringLiteral("videoFillMode"), QStringLiteral("COVER")},
                                 {QStringLiteral("gridGap"), 0},
                                 {QStringLiteral("pipParticipantAttribute"), QString()},
                                 {QStringLiteral("pipBehavior"), QStringLiteral("STATIC")},
                                 {QStringLiteral("pipOffset"), 0},
                                 {QStringLiteral("pipPosition"), QStringLiteral("BOTTOM_RIGHT")},
                                 {QStringLiteral("participantOrderAttribute"), QString()}})}};
    else
        layout = {{QStringLiteral("grid"),
                   withDefaults(layout.value(QLatin1String("grid")).toObject(),
                                {{QStringLiteral("featuredParticipantAttribute"), QString()},
                                 {QStringLiteral("omitStoppedVideo"), false},
                                 {QStringLiteral("videoAspectRatio"), QStringLiteral("VIDEO")},
                                 {QStringLiteral("gridGap"), 2},
                                 {QStringLiteral("participantOrderAttribute"), QString()}})}};

    QJsonArray destinations;
    for (const QJsonValue &value : in.value(QLatin1String("destinations")).toArray()) {
        const QJsonObject configuration = value.toObject();
        const bool channel = configuration.contains(QLatin1String("channel"));
        const bool s3 = configuration.contains(QLatin1String("s3"));
        if (channel == s3) {
            *e = ServiceError::validation(
                QStringLiteral("Each destination needs exactly one of channel or s3"));
            return {};
        }
        QStringList encoders;
        QJsonObject config = configuration;
        if (channel) {
            const QString encoder = configuration.value(QLatin1String("channel"))
                                        .toObject()
                                        .value(QLatin1String("encoderConfigurationArn"))
                                        .toString();
            if (!encoder.isEmpty())
                encoders << encoder;
        } else {
            QJsonObject s3Config = configuration.value(QLatin1String("s3")).toObject();
            const QString storage =
                s3Config.value(QLatin1String("storageConfigurationArn")).toString();
            if (!storageConfigurations.count(storage)) {
                *e = ServiceError::notFound(
                    QStringLiteral("Storage configuration %1 not found").arg(storage));
                return {};
            }
            const QJsonArray arns =
                s3Config.value(QLatin1String("encoderConfigurationArns")).toArray();
            if (arns.size() != 1) {
                *e = ServiceError::validation(
                    QStringLiteral("An s3 destination takes exactly one encoder configuration"));
                return {};
            }
            for (const QJsonValue &a : arns)
                encoders << a.toString();
            s3Config = withDefaults(
                s3Config,
                {{QStringLiteral("recordingConfiguration"),
                  QJsonObject{{QStringLiteral("hlsConfiguration"),
                               QJsonObject{{QStringLiteral("targetSegmentDurationSeconds"), 2}}},
                              {QStringLiteral("format"), QStringLiteral("HLS")}}}});
            config.insert(QStringLiteral("s3"), s3Config);
        }
        for (const QString &encoder : std::as_const(encoders)) {
            if (!encoderConfigurations.count(encoder)) {
                *e = ServiceError::notFound(
                    QStringLiteral("Encoder configuration %1 not found").arg(encoder));
                return {};
            }
        }
        if (!config.contains(QLatin1String("name")))
            config.insert(QStringLiteral("name"), QString());
        QJsonObject destination{{QStringLiteral("id"), newId(12)},
                                {QStringLiteral("state"), QStringLiteral("STARTING")},
                                {QStringLiteral("configuration"), config}};
        destinations.append(destination);
    }
    const QString compositionArn = arn(QStringLiteral("composition"), newId(12));
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    QJsonObject composition{{QStringLiteral("arn"), compositionArn},
                            {QStringLiteral("stageArn"), stageArn},
                            {QStringLiteral("state"), QStringLiteral("STARTING")},
                            {QStringLiteral("layout"), layout},
                            {QStringLiteral("destinations"), destinations},
                            {QStringLiteral("tags"), tags}};
    compositions[compositionArn] = composition;
    if (!token.isEmpty())
        compositionByIdempotencyToken.insert(token, compositionArn);
    schedule(1.5, [this, compositionArn] {
        auto it = compositions.find(compositionArn);
        if (it == compositions.end() ||
            it->second.value(QLatin1String("state")) != QLatin1String("STARTING"))
            return;
        QJsonObject &c = it->second;
        const QString started = iso(now());
        QJsonArray updated;
        bool anyActive = false;
        for (const QJsonValue &v : c.value(QLatin1String("destinations")).toArray()) {
            QJsonObject destination = v.toObject();
            const QString channelArn = destination.value(QLatin1String("configuration"))
                                           .toObject()
                                           .value(QLatin1String("channel"))
                                           .toObject()
                                           .value(QLatin1String("channelArn"))
                                           .toString();
            // A channel of another account cannot be written to: the destination fails.
            const bool fails = !channelArn.isEmpty() &&
                               channelArn.section(QLatin1Char(':'), 4, 4) != options.account;
            destination.insert(QStringLiteral("state"),
                               fails ? QStringLiteral("FAILED") : QStringLiteral("ACTIVE"));
            destination.insert(QStringLiteral("startTime"), started);
            if (fails)
                destination.insert(QStringLiteral("endTime"), started);
            else
                anyActive = true;
            if (destination.value(QLatin1String("configuration"))
                    .toObject()
                    .contains(QLatin1String("s3")))
                destination.insert(
                    QStringLiteral("detail"),
                    QJsonObject{
                        {QStringLiteral("s3"),
                         QJsonObject{
                             {QStringLiteral("recordingPrefix"),
                              QStringLiteral("%1/%2/composite")
                                  .arg(c.value(QLatin1String("arn"))
                                           .toString()
                                           .section(QLatin1Char('/'), -1),
                                       destination.value(QLatin1String("id")).toString())}}}});
            updated.append(destination);
        }
        c.insert(QStringLiteral("destinations"), updated);
        c.insert(QStringLiteral("startTime"), started);
        if (anyActive)
            c.insert(QStringLiteral("state"), QStringLiteral("ACTIVE"));
        else
            endComposition(this, c, QStringLiteral("FAILED"), started);
        changed();
    });
    changed();
    return {{QStringLiteral("composition"), composition}};
}

Output LocalService::Impl::getComposition(const QJsonObject &in, ServiceError *e)
{
    return getByArn(compositions, in, QStringLiteral("composition"), QStringLiteral("Composition"),
                    e);
}

Output LocalService::Impl::stopComposition(const QJsonObject &in, ServiceError *e)
{
    const QString compositionArn = in.value(QLatin1String("arn")).toString();
    const auto it = compositions.find(compositionArn);
    if (it == compositions.end()) {
        *e = ServiceError::notFound(QStringLiteral("Composition not found"));
        return {};
    }
    const QString state = it->second.value(QLatin1String("state")).toString();
    if (state != QLatin1String("STARTING") && state != QLatin1String("ACTIVE"))
        return {}; // already stopping or stopped: nothing to do
    it->second.insert(QStringLiteral("state"), QStringLiteral("STOPPING"));
    it->second.insert(QStringLiteral("destinations"),
                      destinationsMovedTo(it->second.value(QLatin1String("destinations")),
                                          QStringLiteral("STOPPING")));
    schedule(1.5, [this, compositionArn] {
        auto c = compositions.find(compositionArn);
        if (c == compositions.end())
            return;
        const QString ended = iso(now());
        c->second.insert(QStringLiteral("destinations"),
                         destinationsMovedTo(c->second.value(QLatin1String("destinations")),
                                             QStringLiteral("STOPPED"), ended));
        endComposition(this, c->second, QStringLiteral("STOPPED"), ended);
        changed();
    });
    changed();
    return {};
}

Output LocalService::Impl::listCompositions(const QJsonObject &in, ServiceError *e)
{
    const QString stage = in.value(QLatin1String("filterByStageArn")).toString();
    const QString encoder = in.value(QLatin1String("filterByEncoderConfigurationArn")).toString();
    return pageOf(
        this, QStringLiteral("ListCompositions"), QStringLiteral("compositions"), compositions, in,
        100,
        [&](const QJsonObject &c) {
            if (!stage.isEmpty() && c.value(QLatin1String("stageArn")).toString() != stage)
                return false;
            return encoder.isEmpty() ||
                   QJsonDocument(c.value(QLatin1String("destinations")).toArray())
                       .toJson()
                       .contains(encoder.toUtf8());
        },
        [](const QJsonObject &c) {
            QJsonObject summary =
                pick(c, {"arn", "stageArn", "state", "tags", "startTime", "endTime"});
            QJsonArray destinations;
            for (const QJsonValue &destination : c.value(QLatin1String("destinations")).toArray())
                destinations.append(
                    pick(destination.toObject(), {"id", "state", "startTime", "endTime"}));
            summary.insert(QStringLiteral("destinations"), destinations);
            return summary;
        },
        e);
}

QString LocalService::Impl::liveCompositionUsing(const QString &resourceArn) const
{
    for (const auto &[compositionArn, composition] : compositions) {
        if (isLive(composition) &&
            QJsonDocument(composition.value(QLatin1String("destinations")).toArray())
                .toJson()
                .contains(resourceArn.toUtf8()))
            return compositionArn;
    }
    return {};
}

Output LocalService::Impl::deleteConfiguration(
    std::map<QString, QJsonObject> &map, const QJsonObject &in, const QString &what,
    ServiceError *e, const std::function<ServiceError(const QString &arn)> &alsoInUse)
{
    const QString arn = in.value(QLatin1String("arn")).toString();
    ServiceError refused;
    if (!map.count(arn))
        refused = ServiceError::notFound(QStringLiteral("%1 not found").arg(what));
    else if (const QString user = liveCompositionUsing(arn); !user.isEmpty())
        refused =
            ServiceError::conflict(QStringLiteral("%1 is used by composition %2").arg(what, user));
    else if (alsoInUse)
        refused = alsoInUse(arn);
    if (refused.isError()) {
        *e = refused;
        return {};
    }
    map.erase(arn);
    changed();
    return {};
}

void LocalService::Impl::stopCompositionsOfEmptyStages()
{
    // A composition stops by itself once its stage has been empty for a minute.
    const QDateTime t = now();
    const double scale = options.timeScale > 0 ? options.timeScale : 1.0;
    QStringList toStop;
    for (const auto &[compositionArn, c] : compositions) {
        if (c.value(QLatin1String("state")) != QLatin1String("ACTIVE"))
            continue;
        const auto runtime = runtimes.find(c.value(QLatin1String("stageArn")).toString());
        if (runtime == runtimes.end() || runtime->second.active)
            continue;
        const QDateTime since =
            runtime->second.emptySince.isValid()
                ? runtime->second.emptySince
                : QDateTime::fromString(c.value(QLatin1String("startTime")).toString(),
                                        Qt::ISODateWithMs);
        if (since.isValid() && since.msecsTo(t) * scale >= 60 * 1000)
            toStop << compositionArn;
    }
    for (const QString &compositionArn : std::as_const(toStop)) {
        ServiceError ignored;
        stopComposition({{QStringLiteral("arn"), compositionArn}}, &ignored);
    }
}

} // namespace gr::local
