#include "diagnosismodel.h"

#include "roles.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace
{
QString keyOf(const Finding &f)
{
    return f.rule + QLatin1Char('|') + QString::number(f.participant) + QLatin1Char('|') +
           QString::number(f.timeMs);
}
} // namespace

DiagnosisModel::DiagnosisModel(QObject *parent) : QAbstractTableModel(parent) {}

void DiagnosisModel::update(const SessionStore &store)
{
    QStringList names;
    names.reserve(store.participants().size());
    for (int i = 0; i < store.participants().size(); ++i) {
        const QString user = store.userId(i);
        names << (user.isEmpty() ? store.participantId(i)
                                 : QStringLiteral("%1 (%2)").arg(user, store.participantId(i)));
    }
    setFindings(diagnosis::diagnoseSession(store), names);
}

void DiagnosisModel::setFindings(const QVector<Finding> &findings,
                                 const QStringList &participantNames)
{
    m_names = participantNames;
    // Findings only ever appear (a store grows; its past does not change), except the
    // session-wide notes at the end, which are the same each time: merge by key, in order.
    QHash<QString, int> wanted;
    for (int i = 0; i < findings.size(); ++i)
        wanted.insert(keyOf(findings[i]), i);
    for (int row = m_findings.size() - 1; row >= 0; --row) {
        if (!wanted.contains(keyOf(m_findings[row]))) {
            beginRemoveRows({}, row, row);
            m_findings.remove(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < findings.size(); ++i) {
        const QString key = keyOf(findings[i]);
        if (i < m_findings.size() && keyOf(m_findings[i]) == key) {
            m_findings[i] = findings[i];
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        int existing = -1;
        for (int k = i + 1; k < m_findings.size(); ++k) {
            if (keyOf(m_findings[k]) == key) {
                existing = k;
                break;
            }
        }
        if (existing >= 0) {
            beginMoveRows({}, existing, existing, {}, i);
            m_findings.move(existing, i);
            endMoveRows();
            m_findings[i] = findings[i];
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        } else {
            beginInsertRows({}, i, i);
            m_findings.insert(i, findings[i]);
            endInsertRows();
        }
    }
}

int DiagnosisModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int DiagnosisModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosisModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Finding &f = m_findings[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return diagnosis::severityText(f.severity);
        case TimeColumn:
            return f.timeMs ? QDateTime::fromMSecsSinceEpoch(f.timeMs, Qt::UTC)
                                  .toLocalTime()
                                  .toString(QStringLiteral("HH:mm:ss"))
                            : QString();
        case ParticipantColumn:
            return f.participant >= 0 && f.participant < m_names.size() ? m_names[f.participant]
                                                                        : tr("whole session");
        case TitleColumn:
            return f.title;
        }
        break;
    case Qt::ToolTipRole:
        return f.explanation + QStringLiteral("\n\n") + f.action;
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn && f.severity == Finding::Severity::Problem)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        break;
    case gr::models::RawValueRole:
        switch (index.column()) {
        case SeverityColumn:
            return int(f.severity);
        case TimeColumn:
            return f.timeMs;
        case ParticipantColumn:
            return f.participant;
        case TitleColumn:
            return f.title;
        }
        break;
    case ExplanationRole:
        return f.explanation;
    case ActionRole:
        return f.action;
    case ReferenceRole:
        return f.reference;
    case EvidenceRole: {
        QVariantList list;
        for (quint32 i : f.evidence)
            list << i;
        return list;
    }
    case ParticipantIndexRole:
        return f.participant;
    case RuleRole:
        return f.rule;
    }
    return {};
}

QVariant DiagnosisModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case TimeColumn:
        return tr("Time");
    case ParticipantColumn:
        return tr("Participant");
    case TitleColumn:
        return tr("What happened");
    }
    return {};
}
