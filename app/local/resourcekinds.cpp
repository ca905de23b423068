#include "local/localservice_p.h"

namespace gr::local
{

namespace
{

const char *const kConfigurationSummary[] = {"arn", "name", "tags", nullptr};
const char *const kStorageSummary[] = {"arn", "name", "s3", "tags", nullptr};
const char *const kIngestSummary[] = {"name",     "arn",           "ingestProtocol",
                                      "stageArn", "participantId", "state",
                                      "userId",   "tags",          nullptr};

} // namespace

const ResourceKind kEncoderConfigurations = {"Encoder configuration",
                                             "encoder configurations",
                                             "encoderConfiguration",
                                             "ListEncoderConfigurations",
                                             "encoderConfigurations",
                                             kConfigurationSummary,
                                             100,
                                             100};
const ResourceKind kStorageConfigurations = {"Storage configuration",
                                             "storage configurations",
                                             "storageConfiguration",
                                             "ListStorageConfigurations",
                                             "storageConfigurations",
                                             kStorageSummary,
                                             100,
                                             100};
const ResourceKind kPublicKeys = {
    "Public key", "public keys",         "publicKey", "ListPublicKeys",
    "publicKeys", kConfigurationSummary, 50,          100};
const ResourceKind kIngestConfigurations = {"Ingest configuration",
                                            "ingest configurations",
                                            "ingestConfiguration",
                                            "ListIngestConfigurations",
                                            "ingestConfigurations",
                                            kIngestSummary,
                                            50,
                                            1000};

std::map<QString, QJsonObject> &LocalService::Impl::itemsOf(const ResourceKind &kind)
{
    if (&kind == &kEncoderConfigurations)
        return encoderConfigurations;
    if (&kind == &kStorageConfigurations)
        return storageConfigurations;
    if (&kind == &kPublicKeys)
        return publicKeys;
    return ingestConfigurations;
}

bool LocalService::Impl::roomFor(const ResourceKind &kind, ServiceError *e)
{
    if (int(itemsOf(kind).size()) < kind.maxCount)
        return true;
    *e = ServiceError::quota(QStringLiteral("Maximum number of %1 (%2) reached")
                                 .arg(QLatin1String(kind.plural))
                                 .arg(kind.maxCount));
    return false;
}

Output LocalService::Impl::getResource(const ResourceKind &kind, const QJsonObject &in,
                                       ServiceError *e)
{
    return getByArn(itemsOf(kind), in, QLatin1String(kind.member), QLatin1String(kind.title), e);
}

Output LocalService::Impl::listResources(const ResourceKind &kind, const QJsonObject &in,
                                         ServiceError *e,
                                         const std::function<bool(const QJsonObject &)> &accept)
{
    // The map is ordered by ARN: the token's last ARN is where the next page starts.
    const auto &items = itemsOf(kind);
    const QString operation = QLatin1String(kind.listOperation);
    QString last;
    if (!decodeToken(operation, in, &last, e))
        return {};
    const int maxResults = pageSize(in, kind.pageSize);
    QJsonArray page;
    auto it = last.isEmpty() ? items.begin() : items.upper_bound(last);
    QString lastReturned;
    for (; it != items.end() && page.size() < maxResults; ++it) {
        if (accept && !accept(it->second))
            continue;
        QJsonObject summary;
        for (const char *const *key = kind.summary; *key; ++key) {
            if (it->second.contains(QLatin1String(*key)))
                summary.insert(QLatin1String(*key), it->second.value(QLatin1String(*key)));
        }
        page.append(summary);
        lastReturned = it->first;
    }
    bool more = false;
    for (; it != items.end() && !page.isEmpty() && !more; ++it)
        more = !accept || accept(it->second);
    QJsonObject out{{QLatin1String(kind.listMember), page}};
    if (more)
        out.insert(QStringLiteral("nextToken"), encodeToken(operation, lastReturned));
    return out;
}

} // namespace gr::local
