#pragma once
// The request log as a table for the log dock; rows are appended as requests finish.

#include <QAbstractTableModel>

namespace gr::aws
{
class RequestLog;
}

namespace gr::models
{

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

    explicit RequestLogModel(aws::RequestLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    aws::RequestLog *m_log;
    int m_rows = 0;
};

} // namespace gr::models
