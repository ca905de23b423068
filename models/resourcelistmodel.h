#pragma once
// A table over one of the paginated List operations. canFetchMore()/fetchMore() load the next
// page asynchronously; refresh() lists again and merges by key in place (inserts, removes and
// dataChanged, never a reset) so selection and scroll survive live monitoring.

#include "ivs/ivsclient.h"
#include "models/format.h"

#include <functional>
#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <vector>

namespace gr::models
{

struct ColumnSpec {
    QString title;
    QString field; // dotted path in the row's JSON, or in the channel's fields
    Format format = Format::Text;
    // Empty: the row as listed. Otherwise a named channel of fields kept beside the rows
    // (ResourceListModel::setExtra): GetParticipant's client info, the session's error counts.
    QString channel = QString();
    QString toolTipField = QString(); // a field of the same source shown as the cell's tool tip
    bool alarmAboveZero = false;      // red when the number is above zero (error counts)
};

struct ListSpec {
    ivs::Operation operation = ivs::Operation::ListStages;
    QString keyField = QStringLiteral("arn");
    QList<ColumnSpec> columns;
    QJsonObject input; // required members and the one server-side filter
    int pageSize = 100;
    // Filters the service cannot apply in the same request (ListParticipants takes one filter).
    std::function<bool(const QJsonObject &row)> clientFilter;
    QString clientFilterDescription;
    QString stateField; // colours rows, e.g. "state"
    QString errorField; // rows where this field is set are shown as errors (events)
    // Rows the service stops listing stay, marked (VanishedRole): compositions disappear a few
    // minutes after STOPPED, so their history exists only if the console keeps it.
    bool keepVanished = false;
    // Adds members the service does not send but the list shows (a session's state).
    std::function<void(QJsonObject &row)> derive;
};

class ResourceListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Status { Idle, Loading, Refreshing, Error };
    Q_ENUM(Status)

    ResourceListModel(ivs::IvsClient *client, ListSpec spec, QObject *parent = nullptr);
    ~ResourceListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Lists every page again and merges the result into the rows in place.
    void refresh();
    // Replaces the input (e.g. another server filter): the rows are a different list, so this
    // resets the model; it is not a refresh.
    void setInput(const QJsonObject &input);

    Status status() const { return m_status; }
    QString errorText() const { return m_error.isError() ? m_error.toString() : QString(); }
    const aws::AwsError &error() const { return m_error; }
    bool hasMorePages() const { return !m_started || !m_nextToken.isEmpty(); }
    const ListSpec &spec() const { return m_spec; }
    QJsonObject rowJson(int row) const;
    QString keyAt(int row) const { return m_keys[size_t(row)]; } // what selectKey takes
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }

    // Merges a complete fresh listing into the rows in place (what refresh() does when the last
    // page arrives): inserts, removes and dataChanged, never a reset.
    void applyListing(const std::vector<QJsonObject> &fresh) { merge(fresh); }

    // Fields for a row that the list does not carry, kept across refreshes in named channels,
    // one per source (GetParticipant's client info, the session's error counts), so each source
    // knows what it has filled in. Kept by key: a row listed later shows them at once.
    void setExtra(const QString &channel, const QString &key, const QJsonObject &fields);
    bool hasExtra(const QString &channel, const QString &key) const;
    QJsonObject extra(const QString &channel, const QString &key) const;
    // Replaces a whole channel; only rows whose fields changed get a dataChanged.
    void setChannel(const QString &channel, const QHash<QString, QJsonObject> &fields);

    // Replaces one row's JSON by key (e.g. after a Get with more fields); false if absent.
    bool updateRow(const QString &key, const QJsonObject &json);

signals:
    void statusChanged(gr::models::ResourceListModel::Status status);
    void refreshed(int inserted, int removed, int changed);

private:
    QString keyOf(const QJsonObject &row) const;
    bool accept(const QJsonObject &row) const;
    void setStatus(Status status);
    void appendRows(const QJsonArray &items);
    void merge(const std::vector<QJsonObject> &fresh);
    void markVanished(const std::vector<QString> &listed);
    void rebuildIndex();
    QJsonObject sourceOf(const ColumnSpec &column, int row) const;
    void rowChanged(int row);

    ivs::IvsClient *m_client;
    ListSpec m_spec;
    std::vector<QJsonObject> m_rows;
    std::vector<QString> m_keys; // m_keys[i] is keyOf(m_rows[i])
    QHash<QString, int> m_rowOfKey;
    QHash<QString, QHash<QString, QJsonObject>> m_extra; // channel -> key -> fields
    QSet<QString> m_vanished;
    QString m_nextToken;
    ivs::PageGuard m_pageGuard; // ends a fetchMore chain that would never end
    bool m_started = false;
    QPointer<aws::AwsCall> m_fetch; // the client owns calls and may be destroyed first
    ivs::Paginator *m_refresh = nullptr;
    std::vector<QJsonObject> m_refreshRows;
    Status m_status = Status::Idle;
    aws::AwsError m_error;
};

} // namespace gr::models
