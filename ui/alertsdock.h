#pragma once
// The Alerts dock: the alerts raised by the AlertEngine of the window's connection and of the
// connections the live wall added (each labelled with its connection). Alerts of one rule on
// one stage session fold into one group row, one line across the columns ("time  rule — stage ·
// session — ×N since", then "— connection" when more than one is listed), with one child row
// per participant and error code (by user id where
// known; expand it, or read them in its tool tip), so a burst of per-participant errors does not
// bury the rest and the columns are the children's: time, participant, alert, count.
// Newest first by time; every column sorts (time by the raw time). The order holds still while the
// pointer is over the list. A double click asks to jump to where it happened. The model sorts
// itself (no proxy): a new row goes straight to its sorted place, so a view never sees a row before
// it is filled or out of its group. A desktop notification goes through the system tray when there
// is one. "Rules…" asks for the rules dialog.

#include <QDockWidget>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <vector>

#include "models/alertrules.h"

class QAbstractItemModel;
class QFontMetrics;
class QLabel;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QSystemTrayIcon;
class QTreeView;

namespace gr::ui
{

class StableOrder;

class AlertsDock : public QDockWidget
{
    Q_OBJECT
public:
    enum Column { Time, Rule, Where, Text, Count, ConnectionColumn, ColumnCount };
    // Raw values on every cell (sorting), and where to jump on column Time.
    enum Role {
        SortRole = Qt::UserRole + 1,
        StageArnRole,
        SessionIdRole,
        ParticipantIdRole,
        ConnectionRole,
        MembersRole,  // int on a row: the alerts folded into it
        MetricRole,   // QString: a metric alert's CloudWatch metric (the jump opens the charts)
        GroupKeyRole, // QString on column Time of a group and of its children: the group's key
        SubjectRole,  // QString on column Time of a child: its participant (or its one alert)
    };

    explicit AlertsDock(QWidget *parent = nullptr);
    ~AlertsDock() override;

    // The engine of the window's connection (nullptr: none): its alerts so far are listed, those
    // of the previous window connection go.
    void setEngine(models::AlertEngine *engine, const QString &connectionName = {});
    // The engine of another connection (the live wall's); its rows replace any of that name.
    void addEngine(models::AlertEngine *engine, const QString &connectionName);
    void removeConnection(const QString &connectionName);

    // What a participant cell shows in `width` px of `metrics`: "user (id…)" whole when it fits,
    // else the id shortened first, then the user id cut at its end (never at its start).
    static QString participantShown(const QString &text, const QFontMetrics &metrics, int width);

    // The dock's height that shows `rows` alert rows under the header (the window's first-run
    // default).
    int heightForRows(int rows) const;

    QTreeView *list() const { return m_view; }
    // The rows as shown (sorted): one per stage session and rule; children are its participants.
    QAbstractItemModel *alerts() const;
    StableOrder *stableOrder() const { return m_stable; }
    QPushButton *rulesButton() const { return m_rules; }
    bool notifiesDesktop() const { return m_tray != nullptr; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    // `metric`: a metric alert's CloudWatch metric (open the participant's charts), else empty.
    // `eventMs`: an event alert's newest event (select it in the participant's events), else 0.
    void jumpRequested(const QString &stageArn, const QString &sessionId,
                       const QString &participantId, const QString &connectionName,
                       const QString &metric, qint64 eventMs);
    // The user asked to edit the alert rules (the window opens AlertRulesDialog).
    void rulesRequested();

private:
    struct Member {
        QString connection;
        int index = -1; // in its engine's alerts()
        models::Alert alert;
        QString ruleText, stageLabel;
    };
    struct Source {
        QString name;
        QPointer<models::AlertEngine> engine;
    };
    void listEngine(const Source &source);
    void removeRows(const QString &connectionName);
    void showAlert(const QString &connection, int index, bool notify);
    void refreshGroup(const QString &key);
    // What a row says, worked out from its alerts (the newest speaks for it).
    struct RowFacts {
        const Member *newest;
        int count;
        QSet<QString> participants;
        qint64 firstMs;
    };
    // A row's texts: the group's and the child's differ (fillGroup, fillChild).
    struct Cells {
        QString rule, where, text, count, line;
        QString tipCount; // the tip's "N alerts since" line, a group's only
    };
    static RowFacts factsOf(const QList<Member> &members);
    static QString stageAndSession(const Member &member);
    // A group: one line across the columns (time, rule, stage and session, count).
    void fillGroup(const QList<QStandardItem *> &row, const QList<Member> &members) const;
    // A participant's row under its group: no rule, no stage (the group says them).
    void fillChild(const QList<QStandardItem *> &row, const QList<Member> &members) const;
    void fillCells(const QList<QStandardItem *> &row, const QList<Member> &members,
                   const RowFacts &facts, const Cells &cells) const;
    QList<QStandardItem *> childRow(const QString &key, const QString &subject,
                                    const QList<Member> &members) const;
    // Where a new row goes under `parent`: its sorted place, or the end while the order is held
    // (it is sorted in on release).
    int placeFor(const QStandardItem *parent, const QList<QStandardItem *> &row) const;
    bool inOrder(const QStandardItem *parent) const;
    // Sorts rows that are out of place (after a change, or when the hold ends); nothing otherwise.
    void sortIfNeeded(const QStandardItem *changedGroup);
    // The Connection column is shown, and group lines name their connection, when more than
    // one connection is listed.
    void updateConnectionColumn();
    static QString connectionText(const QString &connection); // its label, else its name
    // Rule and Where at their usual texts' widths, or a share of a narrow view; the Alert column
    // stretches over the rest. Once the user drags them, their widths are the user's.
    void fitColumns();

    std::vector<Source> m_sources; // the window's first when m_hasPrimary
    bool m_hasPrimary = false;
    QHash<QString, QList<Member>> m_groups; // connection|stage|session|rule → alerts, oldest first
    QHash<QString, QStandardItem *> m_groupRow; // its row's first cell
    QStandardItemModel *m_model;
    QTreeView *m_view;
    StableOrder *m_stable;
    QLabel *m_note;
    QPushButton *m_rules;
    QSystemTrayIcon *m_tray = nullptr;
    int m_whereWidth = 0;
    bool m_fitting = false, m_userSized = false;
    bool m_namesConnections = false;
};

} // namespace gr::ui
