#pragma once
// The page of one participant, in tabs so each part has the room: Events (in time order,
// errors in red and explained, the remote participant of each event named by its user id —
// Enter or double-click jumps to it — and what never becomes an event said where a user looks
// for it), Charts (CloudWatch), Diagnosis (the session's findings about it) and, for a
// replication source, Replicas. The tab last chosen is remembered across restarts.

#include "models/resourcekinds.h"

#include <functional>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTableView;
class QTabWidget;

namespace gr::ui
{

class Connection;
class ListPage;
class ParticipantMetrics;

class ParticipantPage : public QWidget
{
    Q_OBJECT
public:
    // `userOf` names a participant id of the same session (empty if unknown).
    ParticipantPage(Connection *connection, models::Scope scope, const QString &title,
                    std::function<QString(const QString &participantId)> userOf,
                    QWidget *parent = nullptr);

    // The events' title: the user and the participant id.
    static QString eventsTitle(const QString &user, const QString &participantId);
    // Opened before `userOf` knew this participant (Find, an alert's jump): the title names
    // the user as soon as `names`, the list `userOf` reads, has them.
    void nameWhenListed(const QAbstractItemModel *names);

    ListPage *events() const { return m_events; }
    QTableView *table() const;
    models::ResourceListModel *model() const;
    QLabel *help() const { return m_help; }
    const models::Scope &scope() const { return m_scope; }
    void refresh();
    // The diagnosis of this participant (rich text, `count` findings; empty: none found), in
    // the Diagnosis tab, whose title counts them. participantpage_diagnosis.cpp.
    void setFindings(const QString &html, int count);
    QLabel *findings() const { return m_findings; }
    // Selects the event at this time (ms since the epoch) once it is listed, on the Events
    // tab; 0 does nothing.
    void selectEventAt(qint64 timeMs);
    // A panel above the tabs (a replica's source: one line), or at the top of a tab of its own
    // when `tabTitle` is given (a source's replicas).
    void addPanel(QWidget *panel, const QString &tabTitle = {});

    QTabWidget *tabs() const { return m_tabs; }
    // The Charts tab (a scroll area) and the charts in it.
    QWidget *chartsTab() const { return m_charts; }
    ParticipantMetrics *metrics() const { return m_metrics; }
    // Below this a chart's lines and labels crowd: the tab scrolls instead.
    static constexpr int kChartMinHeight = 140;
    QWidget *diagnosisTab() const { return m_diagnosis; }
    static constexpr const char *kTabSetting = "participantPage/tab";

signals:
    void participantRequested(const QString &participantId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onStatus();
    // The title from `userOf`, once it knows the user; then stops watching the list.
    void nameIfListed();
    // What never becomes an event, on one line (elided, whole in the tip): the events pane
    // stays short, so the participants above it keep their rows.
    void showNote();
    void refitNote();
    // An explanation (rich text), wrapped.
    void setHelp(const QString &text);
    void onCurrent(const QJsonObject &event);
    void fitReadColumns();
    // The tab the user last chose, by its object name, when this page has it.
    void restoreTab();

    QTabWidget *m_tabs;
    QWidget *m_charts;
    ParticipantMetrics *m_metrics;
    QWidget *m_diagnosis;
    bool m_switching = false; // the page changes tabs itself: not the user's choice

    models::Scope m_scope;
    std::function<QString(const QString &participantId)> m_userOf;
    QList<QMetaObject::Connection> m_naming; // nameWhenListed's, while the user is not known
    ListPage *m_events;
    QLabel *m_help;
    bool m_noteShown = false;
    QLabel *m_findings = nullptr;
    qint64 m_pendingEventMs = 0;
};

} // namespace gr::ui
