// Public keys, ingest configurations and tags.

#include "local/localservice_p.h"

namespace gr::local
{

namespace
{

constexpr int kMaxTags = 50;

} // namespace

Output LocalService::Impl::importPublicKey(const QJsonObject &in, ServiceError *e)
{
    if (!roomFor(kPublicKeys, e))
        return {};
    const QString material = in.value(QLatin1String("publicKeyMaterial")).toString();
    const aws::Expected<Es384Key> loaded = Es384Key::fromPem(material.toUtf8());
    if (!loaded || loaded->hasPrivateKey()) {
        *e = ServiceError::validation(
            loaded ? QStringLiteral("publicKeyMaterial must be a public key, not a private key")
                   : loaded.message());
        return {};
    }
    const Es384Key &key = *loaded;
    const QString fingerprint = QString::fromLatin1(key.fingerprint());
    for (const auto &[existingArn, existing] : publicKeys) {
        if (existing.value(QLatin1String("fingerprint")).toString() == fingerprint) {
            *e = ServiceError::conflict(
                QStringLiteral("This public key is already imported as %1").arg(existingArn));
            return {};
        }
    }
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    return storeNamed(publicKeys, QStringLiteral("public-key"),
                      {{QStringLiteral("publicKeyMaterial"), material},
                       {QStringLiteral("fingerprint"), fingerprint},
                       {QStringLiteral("tags"), tags}},
                      in, QStringLiteral("publicKey"));
}

Output LocalService::Impl::getPublicKey(const QJsonObject &in, ServiceError *e)
{
    return getResource(kPublicKeys, in, e);
}

Output LocalService::Impl::deletePublicKey(const QJsonObject &in, ServiceError *e)
{
    if (!publicKeys.erase(in.value(QLatin1String("arn")).toString())) {
        *e = ServiceError::notFound(QStringLiteral("Public key not found"));
        return {};
    }
    changed();
    return {};
}

Output LocalService::Impl::listPublicKeys(const QJsonObject &in, ServiceError *e)
{
    return listResources(kPublicKeys, in, e);
}

Output LocalService::Impl::createIngestConfiguration(const QJsonObject &in, ServiceError *e)
{
    if (!roomFor(kIngestConfigurations, e))
        return {};
    const QString protocol = in.value(QLatin1String("ingestProtocol")).toString();
    const bool insecure = in.value(QLatin1String("insecureIngest")).toBool(false);
    if (protocol == QLatin1String("RTMP") && !insecure) {
        *e = ServiceError::validation(
            QStringLiteral("insecureIngest must be true when ingestProtocol is RTMP"));
        return {};
    }
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    if (!stageArn.isEmpty() && !stages.count(stageArn)) {
        *e = ServiceError::notFound(QStringLiteral("Stage %1 not found").arg(stageArn));
        return {};
    }
    const QJsonObject attributes = in.value(QLatin1String("attributes")).toObject();
    if ((*e = checkAttributes(attributes, QStringLiteral("attributes"))).isError())
        return {};
    const QJsonObject tags = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(tags)).isError())
        return {};
    const QString id = newId(12);
    auto streamKey = [&] {
        return QStringLiteral("rt_%1_%2_%3_%4").arg(options.account, options.region, id, newId(36));
    };
    const bool redundant = in.value(QLatin1String("redundantIngest")).toBool(false);
    QJsonObject configuration{
        {QStringLiteral("arn"), arn(QStringLiteral("ingest-configuration"), id)},
        {QStringLiteral("ingestProtocol"), protocol},
        {QStringLiteral("streamKey"), streamKey()},
        {QStringLiteral("stageArn"), stageArn},
        {QStringLiteral("participantId"), newId(12)},
        {QStringLiteral("state"), QStringLiteral("INACTIVE")},
        {QStringLiteral("redundantIngest"), redundant},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("tags"), tags}};
    for (const char *key : {"name", "userId"}) {
        if (in.contains(QLatin1String(key)))
            configuration.insert(QLatin1String(key), in.value(QLatin1String(key)));
    }
    if (redundant)
        configuration.insert(QStringLiteral("redundantIngestCredentials"),
                             QJsonArray{QJsonObject{{QStringLiteral("participantId"), newId(12)},
                                                    {QStringLiteral("streamKey"), streamKey()}}});
    ingestConfigurations[configuration.value(QLatin1String("arn")).toString()] = configuration;
    changed();
    return {{QStringLiteral("ingestConfiguration"), configuration}};
}

Output LocalService::Impl::getIngestConfiguration(const QJsonObject &in, ServiceError *e)
{
    return getResource(kIngestConfigurations, in, e);
}

Output LocalService::Impl::updateIngestConfiguration(const QJsonObject &in, ServiceError *e)
{
    const auto it = ingestConfigurations.find(in.value(QLatin1String("arn")).toString());
    if (it == ingestConfigurations.end()) {
        *e = ServiceError::notFound(QStringLiteral("Ingest configuration not found"));
        return {};
    }
    if (it->second.value(QLatin1String("state")) == QLatin1String("ACTIVE")) {
        *e = ServiceError::conflict(
            QStringLiteral("An active ingest configuration cannot be updated"));
        return {};
    }
    const QString stageArn = in.value(QLatin1String("stageArn")).toString();
    if (in.contains(QLatin1String("stageArn"))) {
        if (!stageArn.isEmpty() && !stages.count(stageArn)) {
            *e = ServiceError::notFound(QStringLiteral("Stage %1 not found").arg(stageArn));
            return {};
        }
        it->second.insert(QStringLiteral("stageArn"), stageArn);
    }
    if (in.contains(QLatin1String("redundantIngest")))
        it->second.insert(QStringLiteral("redundantIngest"),
                          in.value(QLatin1String("redundantIngest")));
    changed();
    return {{QStringLiteral("ingestConfiguration"), it->second}};
}

Output LocalService::Impl::deleteIngestConfiguration(const QJsonObject &in, ServiceError *e)
{
    const auto it = ingestConfigurations.find(in.value(QLatin1String("arn")).toString());
    if (it == ingestConfigurations.end()) {
        *e = ServiceError::notFound(QStringLiteral("Ingest configuration not found"));
        return {};
    }
    if (it->second.value(QLatin1String("state")) == QLatin1String("ACTIVE") &&
        !in.value(QLatin1String("force")).toBool(false)) {
        *e = ServiceError::conflict(QStringLiteral(
            "The ingest configuration is active; pass force=true to disconnect and delete it"));
        return {};
    }
    ingestConfigurations.erase(it);
    changed();
    return {};
}

Output LocalService::Impl::listIngestConfigurations(const QJsonObject &in, ServiceError *e)
{
    const QString stage = in.value(QLatin1String("filterByStageArn")).toString();
    const QString state = in.value(QLatin1String("filterByState")).toString();
    return listResources(kIngestConfigurations, in, e, [&](const QJsonObject &c) {
        return (stage.isEmpty() || c.value(QLatin1String("stageArn")).toString() == stage) &&
               (state.isEmpty() || c.value(QLatin1String("state")).toString() == state);
    });
}

namespace
{
QJsonObject *findTaggable(LocalService::Impl *impl, const QString &resourceArn)
{
    for (auto *map : {&impl->stages, &impl->encoderConfigurations, &impl->storageConfigurations,
                      &impl->publicKeys, &impl->ingestConfigurations, &impl->compositions}) {
        const auto it = map->find(resourceArn);
        if (it != map->end())
            return &it->second;
    }
    return nullptr;
}
} // namespace

Output LocalService::Impl::tagResource(const QJsonObject &in, ServiceError *e)
{
    QJsonObject *resource = findTaggable(this, in.value(QLatin1String("resourceArn")).toString());
    if (!resource) {
        *e = ServiceError::notFound(QStringLiteral("Resource not found"));
        return {};
    }
    const QJsonObject add = in.value(QLatin1String("tags")).toObject();
    if ((*e = checkTags(add)).isError())
        return {};
    QJsonObject tags = resource->value(QLatin1String("tags")).toObject();
    for (auto it = add.begin(); it != add.end(); ++it)
        tags.insert(it.key(), *it);
    if (tags.size() > kMaxTags) {
        *e = ServiceError::validation(
            QStringLiteral("A resource can have at most %1 tags; this would make %2")
                .arg(kMaxTags)
                .arg(tags.size()));
        return {};
    }
    resource->insert(QStringLiteral("tags"), tags);
    changed();
    return {};
}

Output LocalService::Impl::untagResource(const QJsonObject &in, ServiceError *e)
{
    QJsonObject *resource = findTaggable(this, in.value(QLatin1String("resourceArn")).toString());
    if (!resource) {
        *e = ServiceError::notFound(QStringLiteral("Resource not found"));
        return {};
    }
    QJsonObject tags = resource->value(QLatin1String("tags")).toObject();
    for (const QJsonValue &key : in.value(QLatin1String("tagKeys")).toArray())
        tags.remove(key.toString());
    resource->insert(QStringLiteral("tags"), tags);
    changed();
    return {};
}

Output LocalService::Impl::listTagsForResource(const QJsonObject &in, ServiceError *e)
{
    const QJsonObject *resource =
        findTaggable(this, in.value(QLatin1String("resourceArn")).toString());
    if (!resource) {
        *e = ServiceError::notFound(QStringLiteral("Resource not found"));
        return {};
    }
    return {{QStringLiteral("tags"), resource->value(QLatin1String("tags")).toObject()}};
}

} // namespace gr::local
