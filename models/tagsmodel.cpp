#include "models/tagsmodel.h"

#include "models/roles.h"

#include <algorithm>

namespace gr::models
{

TagsModel::TagsModel(ivs::IvsClient *client, QObject *parent)
    : QAbstractTableModel(parent), m_client(client)
{
}

void TagsModel::load(const QString &resourceArn)
{
    const bool sameResource = resourceArn == m_arn;
    m_arn = resourceArn;
    const quint64 generation = ++m_generation;
    if (!sameResource)
        merge({}); // another resource: its tags are not these
    if (resourceArn.isEmpty())
        return;
    m_loading = true;
    m_client->call(
        ivs::Operation::ListTagsForResource, {{QStringLiteral("resourceArn"), resourceArn}}, this,
        [this, generation](const ivs::IvsResult &result) {
            if (generation != m_generation)
                return; // an answer for a resource no longer shown
            m_loading = false;
            m_error = result.ok() ? QString() : result.error.toString();
            std::vector<std::pair<QString, QString>> fresh;
            const QJsonObject tags = result.output.value(QLatin1String("tags")).toObject();
            for (auto it = tags.begin(); it != tags.end(); ++it)
                fresh.emplace_back(it.key(), it->toString());
            if (result.ok())
                merge(fresh);
            emit loaded();
        });
}

void TagsModel::merge(const std::vector<std::pair<QString, QString>> &freshUnsorted)
{
    auto fresh = freshUnsorted;
    std::sort(fresh.begin(), fresh.end());
    // Remove keys that are gone, update values, insert new keys in order: no reset.
    for (int row = int(m_tags.size()) - 1; row >= 0; --row) {
        const auto found =
            std::lower_bound(fresh.begin(), fresh.end(), m_tags[size_t(row)].first,
                             [](const auto &p, const QString &k) { return p.first < k; });
        if (found == fresh.end() || found->first != m_tags[size_t(row)].first) {
            beginRemoveRows({}, row, row);
            m_tags.erase(m_tags.begin() + row);
            endRemoveRows();
        }
    }
    for (const auto &[key, value] : fresh) {
        const auto at =
            std::lower_bound(m_tags.begin(), m_tags.end(), key,
                             [](const auto &p, const QString &k) { return p.first < k; });
        const int row = int(at - m_tags.begin());
        if (at != m_tags.end() && at->first == key) {
            if (at->second != value) {
                at->second = value;
                emit dataChanged(index(row, 1), index(row, 1));
            }
            continue;
        }
        beginInsertRows({}, row, row);
        m_tags.insert(at, {key, value});
        endInsertRows();
    }
}

int TagsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int TagsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant TagsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != RawValueRole && role != KeyRole)
        return {};
    const auto &[key, value] = m_tags[size_t(index.row())];
    return role == KeyRole || index.column() == 0 ? key : value;
}

QVariant TagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Key") : tr("Value");
}

} // namespace gr::models
