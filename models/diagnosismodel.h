// The Problems list: a table of findings (severity, time, participant, what happened) over a
// session store. setFindings() merges by (rule, participant, time) so a live session's list
// grows in place without a reset. Evidence and the full text are in roles for a detail pane.
#pragma once

#include "diagnosis.h"

#include <QAbstractTableModel>

class DiagnosisModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, TimeColumn, ParticipantColumn, TitleColumn, ColumnCount };
    enum Role {
        ExplanationRole = Qt::UserRole + 100, // QString
        ActionRole,                           // QString
        ReferenceRole,                        // QString (URL)
        EvidenceRole,                         // QVariantList of event indexes (uint)
        ParticipantIndexRole,                 // int, -1 for session-wide notes
        RuleRole,                             // QString
    };

    explicit DiagnosisModel(QObject *parent = nullptr);

    // Runs the diagnosis on the store and merges the result into the rows.
    void update(const SessionStore &store);
    void setFindings(const QVector<Finding> &findings, const QStringList &participantNames);
    const Finding &finding(int row) const { return m_findings.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<Finding> m_findings;
    QStringList m_names; // per participant index, "user (id)"
};
