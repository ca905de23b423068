#pragma once
// The request log as a table for the log dock; rows are appended as requests finish.

#include <QAbstractTableModel>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace gr::aws
{
class RequestLog;
}

namespace gr::models
{

class ExpectedOutcomes;

class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Operation,
        Status,
        Outcome,
        Latency,
        Attempts,
        RequestId,
        Endpoint,
        ColumnCount
    };

    // Raw values in RawValueRole; ExpectedRole (bool) on every cell of an expected answer.
    enum Role { ExpectedRole = Qt::UserRole + 300 };

    explicit RequestLogModel(aws::RequestLog *log, QObject *parent = nullptr);
    // Replies marked as expected there show as such (optional; null: none).
    void setExpectedOutcomes(ExpectedOutcomes *expected);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // One call in full, for a tool tip or a details box: operation, outcome, the service's
    // message, HTTP status, latency, attempts, request id, endpoint.
    QString detailsText(int row) const;

    // A read (Get…, List…) the console makes all the time, as live updates poll.
    static bool isRead(const QString &operation);
    // Cancelled calls are the console's own doing (a page closed before its answer came), not
    // a failure: shown grey, and hidden with the routine reads.
    static bool isCancelled(const QString &outcome);

private:
    QString expectedWhy(const QString &requestId) const;

    aws::RequestLog *m_log;
    int m_rows = 0;
    QPointer<ExpectedOutcomes> m_expected;
};

// The log as the dock shows it: everything, or only what someone reading it for trouble wants
// (writes, and every call that did not succeed) — live updates' polling otherwise floods it.
// An expected answer (a Find probe's "not found") is not a failure: it is left out too.
class RequestLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWritesAndFailuresOnly(bool only);
    bool writesAndFailuresOnly() const { return m_only; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_only = false;
};

} // namespace gr::models
