#include "models/resourcelistmodel.h"

#include "models/keyedmerge.h"
#include "models/roles.h"

#include <QBrush>
#include <QJsonArray>

namespace gr::models
{

ResourceListModel::ResourceListModel(ivs::IvsClient *client, ListSpec spec, QObject *parent)
    : QAbstractTableModel(parent), m_client(client), m_spec(std::move(spec))
{
}

ResourceListModel::~ResourceListModel()
{
    blockSignals(true); // the cancelled call reports back while we are being destroyed
    if (m_fetch)
        std::exchange(m_fetch, nullptr)->cancel();
}

int ResourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_spec.columns.size());
}

QString ResourceListModel::keyOf(const QJsonObject &row) const
{
    if (!m_spec.keyField.isEmpty())
        return m_spec.keyField.contains(QLatin1Char('.')) ? valueAt(row, m_spec.keyField).toString()
                                                          : row.value(m_spec.keyField).toString();
    // Rows without an identity (events): their content is their identity.
    QStringList parts;
    for (const ColumnSpec &c : m_spec.columns)
        parts << displayText(valueAt(row, c.field), Format::Json);
    return parts.join(QLatin1Char('|'));
}

QJsonObject ResourceListModel::rowJson(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)] : QJsonObject();
}

QVariant ResourceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows[size_t(index.row())];
    const ColumnSpec &column = m_spec.columns[index.column()];
    const QJsonObject source = sourceOf(column, index.row());
    const QJsonValue value = valueAt(source, column.field);
    switch (role) {
    case Qt::ToolTipRole:
        if (m_vanished.contains(m_keys[size_t(index.row())]))
            return tr("No longer listed by the service; kept here as history.");
        if (!column.channel.isEmpty() && value.isUndefined())
            return tr("Not known yet");
        if (!column.toolTipField.isEmpty())
            return valueAt(source, column.toolTipField).toString();
        return displayText(value, column.format);
    case Qt::DisplayRole:
        return displayText(value, column.format);
    case VanishedRole:
        return m_vanished.contains(m_keys[size_t(index.row())]);
    case RawValueRole:
        // Not filled in yet: no value, which sorts after every value.
        if (value.isUndefined() && !column.channel.isEmpty())
            return {};
        return rawValue(value, column.format);
    case KeyRole:
        return m_keys[size_t(index.row())];
    case JsonRole:
        return row;
    case StateRole:
        return m_spec.stateField.isEmpty() ? QVariant()
                                           : valueAt(row, m_spec.stateField).toString();
    case Qt::ForegroundRole: {
        if (m_vanished.contains(m_keys[size_t(index.row())]))
            return QBrush(stateColor(QStringLiteral("STOPPED")));
        // Error rows are red throughout; otherwise only the state column is coloured.
        if (!m_spec.errorField.isEmpty() && !row.value(m_spec.errorField).toString().isEmpty())
            return QBrush(stateColor(QStringLiteral("FAILED")));
        if (column.alarmAboveZero && value.toDouble() > 0)
            return QBrush(stateColor(QStringLiteral("FAILED")));
        if (column.field != m_spec.stateField)
            return {};
        const QColor colour = stateColor(value.toString());
        return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
    }
    case Qt::DecorationRole: {
        if (column.field == m_spec.stateField)
            return stateIcon(value.toString());
        if (!m_spec.errorField.isEmpty() && column.field == m_spec.errorField &&
            !value.toString().isEmpty())
            return stateIcon(QStringLiteral("FAILED"));
        return {};
    }
    default:
        return {};
    }
}

QVariant ResourceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_spec.columns.size())
        return {};
    return m_spec.columns[section].title;
}

bool ResourceListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_fetch && !m_refresh && m_status != Status::Error &&
           hasMorePages();
}

void ResourceListModel::fetchMore(const QModelIndex &parent)
{
    // Views (and QAbstractItemModelTester) call this re-entrantly: one page at a time.
    if (!canFetchMore(parent))
        return;
    QJsonObject input = m_spec.input;
    input.insert(QStringLiteral("maxResults"), m_spec.pageSize);
    if (!m_nextToken.isEmpty())
        input.insert(QStringLiteral("nextToken"), m_nextToken);
    else
        m_pageGuard.reset();
    m_fetch = m_client->call(m_spec.operation, input, this, [this](const ivs::IvsResult &result) {
        m_fetch = nullptr;
        if (!result.ok()) {
            m_error = result.error();
            setStatus(result.error().kind == aws::AwsError::Kind::Cancelled ? Status::Idle
                                                                            : Status::Error);
            return;
        }
        m_error = {};
        m_started = true;
        m_nextToken = result->output.value(QLatin1String("nextToken")).toString();
        const QJsonArray items =
            result->output.value(QLatin1String(ivs::operationInfo(m_spec.operation).resultKey))
                .toArray();
        if (const aws::AwsError stop =
                m_pageGuard.admit(m_spec.operation, items.size(), m_nextToken, result->requestId);
            stop.isError()) {
            m_nextToken.clear(); // the rows shown stay; no further page is asked for
            m_error = stop;
            setStatus(Status::Error);
            appendRows(items);
            return;
        }
        setStatus(Status::Idle);
        // Views may ask for the next page from within rowsInserted: status must already be
        // right, and stays Loading if they did.
        appendRows(items);
    });
    setStatus(Status::Loading);
}

bool ResourceListModel::accept(const QJsonObject &row) const
{
    return !m_spec.clientFilter || m_spec.clientFilter(row);
}

void ResourceListModel::appendRows(const QJsonArray &items)
{
    std::vector<QJsonObject> added;
    QSet<QString> seen;
    for (const QJsonValue &item : items) {
        QJsonObject row = item.toObject();
        if (m_spec.derive)
            m_spec.derive(row);
        const QString key = keyOf(row);
        if (!accept(row) || m_rowOfKey.contains(key) || seen.contains(key))
            continue; // a row that moved between pages while we paged is shown once
        seen.insert(key);
        added.push_back(row);
    }
    if (added.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (QJsonObject &row : added) {
        m_keys.push_back(keyOf(row));
        m_rowOfKey.insert(m_keys.back(), int(m_rows.size()));
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

void ResourceListModel::refresh()
{
    if (m_refresh)
        return;
    if (m_fetch)
        std::exchange(m_fetch, nullptr)->cancel();
    QJsonObject input = m_spec.input;
    input.insert(QStringLiteral("maxResults"), m_spec.pageSize);
    m_refresh = new ivs::Paginator(m_client, m_spec.operation, input, this);
    m_refreshRows.clear();
    setStatus(Status::Refreshing);
    connect(m_refresh, &ivs::Paginator::page, this, [this](const QJsonArray &items, bool last) {
        for (const QJsonValue &item : items) {
            QJsonObject row = item.toObject();
            if (m_spec.derive)
                m_spec.derive(row);
            if (accept(row))
                m_refreshRows.push_back(std::move(row));
        }
        if (!last)
            return;
        std::exchange(m_refresh, nullptr)->deleteLater();
        m_started = true;
        m_nextToken.clear();
        m_error = {};
        merge(std::exchange(m_refreshRows, {}));
        setStatus(Status::Idle);
    });
    connect(m_refresh, &ivs::Paginator::failed, this, [this](const aws::AwsError &error) {
        std::exchange(m_refresh, nullptr)->deleteLater();
        m_refreshRows.clear();
        m_error = error; // the rows stay as they were: nothing is lost on a failed refresh
        setStatus(Status::Error);
    });
    m_refresh->start();
}

void ResourceListModel::merge(const std::vector<QJsonObject> &fresh)
{
    MergeTarget target;
    target.rowCount = int(m_rows.size());
    target.keyAt = [this](int row) { return m_keys[size_t(row)]; };
    target.freshKeys.reserve(fresh.size());
    for (const QJsonObject &row : fresh)
        target.freshKeys.push_back(keyOf(row));
    // Lists whose items the service forgets keep them, marked as history.
    if (m_spec.keepVanished)
        target.keepAbsent = [](int) { return true; };
    target.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        m_keys.erase(m_keys.begin() + first, m_keys.begin() + last + 1);
        endRemoveRows();
    };
    target.update = [this, &fresh](int row, int i) {
        if (fresh[size_t(i)] == m_rows[size_t(row)])
            return false;
        m_rows[size_t(row)] = fresh[size_t(i)];
        return true;
    };
    target.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    };
    target.insert = [this, &fresh, &target](int at, const std::vector<int> &items) {
        beginInsertRows({}, at, at + int(items.size()) - 1);
        std::vector<QJsonObject> rows;
        std::vector<QString> keys;
        for (int i : items) {
            rows.push_back(fresh[size_t(i)]);
            keys.push_back(target.freshKeys[size_t(i)]);
        }
        m_rows.insert(m_rows.begin() + at, rows.begin(), rows.end());
        m_keys.insert(m_keys.begin() + at, keys.begin(), keys.end());
        endInsertRows();
    };
    const MergeStats stats = keyedMerge(target);
    rebuildIndex();
    markVanished(target.freshKeys); // rows kept as history, or listed again

    emit refreshed(stats.inserted, stats.removed, stats.changed);
}

void ResourceListModel::markVanished(const std::vector<QString> &listed)
{
    if (!m_spec.keepVanished)
        return;
    const QSet<QString> present(listed.begin(), listed.end());
    for (int row = 0; row < int(m_keys.size()); ++row) {
        const QString &key = m_keys[size_t(row)];
        const bool vanished = !present.contains(key);
        if (vanished == m_vanished.contains(key))
            continue;
        if (vanished)
            m_vanished.insert(key);
        else
            m_vanished.remove(key);
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
}

QJsonObject ResourceListModel::sourceOf(const ColumnSpec &column, int row) const
{
    if (column.channel.isEmpty())
        return m_rows[size_t(row)];
    return extra(column.channel, m_keys[size_t(row)]);
}

void ResourceListModel::rowChanged(int row)
{
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void ResourceListModel::setExtra(const QString &channel, const QString &key,
                                 const QJsonObject &fields)
{
    QJsonObject &slot = m_extra[channel][key];
    const bool changed = slot != fields;
    slot = fields;
    if (changed)
        rowChanged(rowOfKey(key));
}

bool ResourceListModel::hasExtra(const QString &channel, const QString &key) const
{
    const auto it = m_extra.constFind(channel);
    return it != m_extra.constEnd() && it->contains(key);
}

QJsonObject ResourceListModel::extra(const QString &channel, const QString &key) const
{
    const auto it = m_extra.constFind(channel);
    return it == m_extra.constEnd() ? QJsonObject() : it->value(key);
}

void ResourceListModel::setChannel(const QString &channel,
                                   const QHash<QString, QJsonObject> &fields)
{
    QHash<QString, QJsonObject> previous = std::exchange(m_extra[channel], fields);
    for (int row = 0; row < int(m_keys.size()); ++row) {
        const QString &key = m_keys[size_t(row)];
        if (previous.value(key) != fields.value(key) ||
            previous.contains(key) != fields.contains(key))
            rowChanged(row);
    }
}

bool ResourceListModel::updateRow(const QString &key, const QJsonObject &json)
{
    const int row = rowOfKey(key);
    if (row < 0)
        return false;
    if (m_rows[size_t(row)] == json)
        return true;
    m_rows[size_t(row)] = json;
    rowChanged(row);
    return true;
}

void ResourceListModel::rebuildIndex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(qsizetype(m_keys.size()));
    for (size_t i = 0; i < m_keys.size(); ++i)
        m_rowOfKey.insert(m_keys[i], int(i));
}

void ResourceListModel::setInput(const QJsonObject &input)
{
    if (m_fetch)
        std::exchange(m_fetch, nullptr)->cancel();
    if (m_refresh) {
        m_refresh->cancel();
        std::exchange(m_refresh, nullptr)->deleteLater();
    }
    beginResetModel();
    m_spec.input = input;
    m_rows.clear();
    m_keys.clear();
    m_rowOfKey.clear();
    m_extra.clear();
    m_vanished.clear();
    m_nextToken.clear();
    m_started = false;
    m_error = {};
    endResetModel();
    setStatus(Status::Idle);
}

void ResourceListModel::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit statusChanged(status);
}

} // namespace gr::models
