#include "models/requestlogmodel.h"

#include "aws/requestlog.h"
#include "models/expectedoutcomes.h"
#include "models/roles.h"

#include <QBrush>
#include <QColor>

namespace gr::models
{

RequestLogModel::RequestLogModel(aws::RequestLog *log, QObject *parent)
    : QAbstractTableModel(parent), m_log(log), m_rows(int(log->entries().size()))
{
    connect(log, &aws::RequestLog::aboutToDropOldest, this,
            [this](int count) { beginRemoveRows({}, 0, count - 1); });
    connect(log, &aws::RequestLog::droppedOldest, this, [this](int count) {
        m_rows -= count;
        endRemoveRows();
    });
    connect(log, &aws::RequestLog::aboutToAppend, this,
            [this] { beginInsertRows({}, m_rows, m_rows); });
    connect(log, &aws::RequestLog::appended, this, [this] {
        ++m_rows;
        endInsertRows();
    });
}

void RequestLogModel::setExpectedOutcomes(ExpectedOutcomes *expected)
{
    if (m_expected)
        disconnect(m_expected, nullptr, this, nullptr);
    m_expected = expected;
    if (!expected)
        return;
    // A reply is marked after it is logged: its row changes in place (newest rows first).
    connect(expected, &ExpectedOutcomes::marked, this, [this](const QString &requestId) {
        const auto &entries = m_log->entries();
        for (int row = m_rows - 1; row >= 0 && row >= m_rows - 200; --row) {
            if (entries[size_t(row)].requestId == requestId) {
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                return;
            }
        }
    });
}

QString RequestLogModel::expectedWhy(const QString &requestId) const
{
    return m_expected && !requestId.isEmpty() ? m_expected->why(requestId) : QString();
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const aws::RequestLogEntry &e = m_log->entries()[size_t(index.row())];
    const QString expected =
        e.outcome != QLatin1String("OK") ? expectedWhy(e.requestId) : QString();
    if (role == ExpectedRole)
        return !expected.isEmpty();
    if (!expected.isEmpty() && index.column() == Outcome) {
        // Said as what it means; the service's own answer one hover away.
        if (role == Qt::DisplayRole)
            return tr("expected: %1").arg(e.outcome);
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (role == Qt::ToolTipRole)
            return tr("%1 — an expected answer, not a failure.\nThe service said: %2 (HTTP %3, "
                      "request id %4)")
                .arg(expected, e.outcome)
                .arg(e.httpStatus)
                .arg(e.requestId);
    }
    if (role == Qt::ForegroundRole && index.column() == Outcome && e.outcome != QLatin1String("OK"))
        return isCancelled(e.outcome) ? QBrush(QColor(0x80, 0x80, 0x80))
                                      : QBrush(QColor(0xc0, 0x1c, 0x28));
    if (role == Qt::ToolTipRole && index.column() == Outcome && isCancelled(e.outcome))
        return tr("The console no longer needed this answer (its page was closed or refreshed "
                  "before it came); nothing failed.");
    if (role == Qt::ToolTipRole && e.outcome != QLatin1String("OK"))
        return detailsText(index.row());
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Time:
        return raw ? QVariant(e.started) : e.started.toString(QStringLiteral("HH:mm:ss.zzz"));
    case Operation:
        return e.operation;
    case Status:
        return e.httpStatus ? QVariant(e.httpStatus) : QVariant(QStringLiteral("—"));
    case Outcome:
        return e.outcome;
    case Latency:
        return raw ? QVariant(e.latencyMs) : QVariant(QStringLiteral("%1 ms").arg(e.latencyMs));
    case Attempts:
        return e.attempts;
    case RequestId:
        return e.requestId;
    case Endpoint:
        return e.endpoint;
    default:
        return {};
    }
}

QString RequestLogModel::detailsText(int row) const
{
    if (row < 0 || size_t(row) >= m_log->entries().size())
        return {};
    const aws::RequestLogEntry &e = m_log->entries()[size_t(row)];
    QString text = e.message.isEmpty()
                       ? QStringLiteral("%1 %2").arg(e.operation, e.outcome)
                       : QStringLiteral("%1 %2: %3").arg(e.operation, e.outcome, e.message);
    text += QLatin1Char('\n') +
            tr("HTTP %1 · %2 ms · %3 attempt(s) · request id %4 · %5")
                .arg(e.httpStatus ? QString::number(e.httpStatus) : QStringLiteral("—"))
                .arg(e.latencyMs)
                .arg(e.attempts)
                .arg(e.requestId.isEmpty() ? tr("none") : e.requestId, e.endpoint);
    return text;
}

bool RequestLogModel::isRead(const QString &operation)
{
    return operation.startsWith(QLatin1String("Get")) ||
           operation.startsWith(QLatin1String("List"));
}

bool RequestLogModel::isCancelled(const QString &outcome)
{
    return outcome.compare(QLatin1String("cancelled"), Qt::CaseInsensitive) == 0;
}

void RequestLogFilter::setWritesAndFailuresOnly(bool only)
{
    if (only == m_only)
        return;
    // Qt 6.4 has no begin/endFilterChange: invalidateFilter() re-evaluates every row.
    m_only = only;
    invalidateFilter();
}

bool RequestLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_only)
        return true;
    const QAbstractItemModel *log = sourceModel();
    const QString operation =
        log->index(sourceRow, RequestLogModel::Operation, sourceParent).data().toString();
    const QString outcome =
        log->index(sourceRow, RequestLogModel::Outcome, sourceParent).data().toString();
    if (RequestLogModel::isCancelled(outcome) ||
        log->index(sourceRow, RequestLogModel::Outcome, sourceParent)
            .data(RequestLogModel::ExpectedRole)
            .toBool())
        return false;
    return !RequestLogModel::isRead(operation) || outcome != QLatin1String("OK");
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const titles[] = {"Time",    "Operation", "HTTP",       "Outcome",
                                         "Latency", "Attempts",  "Request id", "Endpoint"};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace gr::models
