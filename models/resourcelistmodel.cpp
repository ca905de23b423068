#include "models/resourcelistmodel.h"

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
    const QJsonValue value =
        column.field.startsWith(QLatin1String("extra."))
            ? valueAt(m_extra.value(m_keys[size_t(index.row())]), column.field.mid(6))
            : valueAt(row, column.field);
    switch (role) {
    case Qt::ToolTipRole:
        if (m_vanished.contains(m_keys[size_t(index.row())]))
            return tr("No longer listed by the service; kept here as history.");
        return displayText(value, column.format);
    case Qt::DisplayRole:
        return displayText(value, column.format);
    case VanishedRole:
        return m_vanished.contains(m_keys[size_t(index.row())]);
    case RawValueRole:
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
            m_error = result.error;
            setStatus(result.error.kind == aws::AwsError::Kind::Cancelled ? Status::Idle
                                                                          : Status::Error);
            return;
        }
        m_error = {};
        m_started = true;
        m_nextToken = result.output.value(QLatin1String("nextToken")).toString();
        const QJsonArray items =
            result.output.value(QLatin1String(ivs::operationInfo(m_spec.operation).resultKey))
                .toArray();
        if (const aws::AwsError stop =
                m_pageGuard.admit(m_spec.operation, items.size(), m_nextToken, result.requestId);
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
        const QJsonObject row = item.toObject();
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
            if (accept(item.toObject()))
                m_refreshRows.push_back(item.toObject());
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
    std::vector<QString> freshKeys;
    freshKeys.reserve(fresh.size());
    for (const QJsonObject &row : fresh)
        freshKeys.push_back(keyOf(row));

    // Live monitoring's common case: the same rows in the same order, a few changed.
    if (freshKeys == m_keys) {
        int changed = 0;
        int runStart = -1;
        for (int row = 0; row <= int(m_rows.size()); ++row) {
            const bool differs =
                row < int(m_rows.size()) && fresh[size_t(row)] != m_rows[size_t(row)];
            if (differs) {
                m_rows[size_t(row)] = fresh[size_t(row)];
                ++changed;
                if (runStart < 0)
                    runStart = row;
            } else if (runStart >= 0) {
                emit dataChanged(index(runStart, 0), index(row - 1, columnCount() - 1));
                runStart = -1;
            }
        }
        emit refreshed(0, 0, changed);
        return;
    }

    QHash<QString, int> freshIndex;
    freshIndex.reserve(qsizetype(fresh.size()));
    for (size_t i = 0; i < fresh.size(); ++i)
        freshIndex.insert(freshKeys[i], int(i));

    // 1. Remove rows that are gone, bottom-up in contiguous ranges (or, for lists whose items
    //    the service forgets, keep them marked as history).
    int removed = 0;
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (m_spec.keepVanished && !freshIndex.contains(m_keys[size_t(row)])) {
            const QString &key = m_keys[size_t(row)];
            if (!m_vanished.contains(key)) {
                m_vanished.insert(key);
                emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            }
            --row;
            continue;
        }
        if (freshIndex.contains(m_keys[size_t(row)])) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !freshIndex.contains(m_keys[size_t(first - 1)]))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + row + 1);
        m_keys.erase(m_keys.begin() + first, m_keys.begin() + row + 1);
        endRemoveRows();
        removed += row - first + 1;
        row = first - 1;
    }
    if (removed)
        rebuildIndex();

    // 2. Update rows that changed; one dataChanged per contiguous run.
    int changed = 0;
    int runStart = -1;
    auto flush = [&](int end) {
        if (runStart >= 0)
            emit dataChanged(index(runStart, 0), index(end, columnCount() - 1));
        runStart = -1;
    };
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const auto found = freshIndex.constFind(m_keys[size_t(row)]);
        if (found == freshIndex.constEnd()) { // kept history
            flush(row - 1);
            continue;
        }
        const QJsonObject &next = fresh[size_t(*found)];
        if (next != m_rows[size_t(row)]) {
            m_rows[size_t(row)] = next;
            ++changed;
            if (runStart < 0)
                runStart = row;
        } else {
            flush(row - 1);
        }
    }
    flush(int(m_rows.size()) - 1);

    // 3. Append rows that are new, in the service's order.
    std::vector<size_t> added;
    for (size_t i = 0; i < fresh.size(); ++i) {
        if (!m_rowOfKey.contains(freshKeys[i]))
            added.push_back(i);
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (size_t i : added) {
            m_rowOfKey.insert(freshKeys[i], int(m_rows.size()));
            m_keys.push_back(freshKeys[i]);
            m_rows.push_back(fresh[i]);
        }
        endInsertRows();
    }
    emit refreshed(int(added.size()), removed, changed);
}

void ResourceListModel::setExtra(const QString &key, const QJsonObject &extra)
{
    m_extra.insert(key, extra);
    const int row = rowOfKey(key);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

bool ResourceListModel::updateRow(const QString &key, const QJsonObject &json)
{
    const int row = rowOfKey(key);
    if (row < 0)
        return false;
    if (m_rows[size_t(row)] == json)
        return true;
    m_rows[size_t(row)] = json;
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
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
