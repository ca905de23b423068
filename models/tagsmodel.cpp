#include "models/tagsmodel.h"

#include "models/keyedmerge.h"

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
            m_error = result.ok() ? QString() : result.error().toString();
            if (result.ok()) {
                std::vector<std::pair<QString, QString>> fresh;
                const QJsonObject tags = result->output.value(QLatin1String("tags")).toObject();
                for (auto it = tags.begin(); it != tags.end(); ++it)
                    fresh.emplace_back(it.key(), it->toString());
                merge(fresh);
            }
            emit loaded();
        });
}

void TagsModel::merge(const std::vector<std::pair<QString, QString>> &freshUnsorted)
{
    auto fresh = freshUnsorted;
    std::sort(fresh.begin(), fresh.end()); // shown by key: new keys land in order
    MergeTarget target;
    target.rowCount = int(m_tags.size());
    target.keyAt = [this](int row) { return m_tags[size_t(row)].first; };
    for (const auto &tag : fresh)
        target.freshKeys.push_back(tag.first);
    target.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_tags.erase(m_tags.begin() + first, m_tags.begin() + last + 1);
        endRemoveRows();
    };
    target.update = [this, &fresh](int row, int i) {
        if (m_tags[size_t(row)].second == fresh[size_t(i)].second)
            return false;
        m_tags[size_t(row)].second = fresh[size_t(i)].second;
        return true;
    };
    target.changed = [this](int first, int last) {
        emit dataChanged(index(first, 1), index(last, 1));
    };
    target.insert = [this, &fresh](int at, const std::vector<int> &items) {
        beginInsertRows({}, at, at + int(items.size()) - 1);
        std::vector<std::pair<QString, QString>> added;
        for (int i : items)
            added.push_back(fresh[size_t(i)]);
        m_tags.insert(m_tags.begin() + at, added.begin(), added.end());
        endInsertRows();
    };
    keyedMerge(target);
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
