#pragma once
// The page of one stage session: its participants (filters, browser/OS/SDK for the rows on
// screen) and, under them, the selected participant's events.

#include "models/resourcekinds.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QTabWidget;

namespace gr::ui
{

class Connection;
class ListPage;
class ParticipantFilterBar;
class ParticipantPage;
class SessionAnalysis;

class SessionPage : public QWidget
{
    Q_OBJECT
public:
    SessionPage(Connection *connection, models::Scope scope, QWidget *parent = nullptr);

    ListPage *participants() const { return m_participants; }
    ParticipantPage *participant() const { return m_participant; }
    ParticipantFilterBar *filterBar() const { return m_filters; }
    // Participants, Timeline, Summary and Problems (sessionpage_analysis.cpp).
    QTabWidget *tabs() const { return m_tabs; }
    SessionAnalysis *analysis() const { return m_analysis; }
    const models::Scope &scope() const { return m_scope; }
    // Shows this participant's events (and selects its row when listed).
    void showParticipant(const QString &participantId, const QJsonObject &row = {});
    void refresh();

signals:
    void participantShown(const QJsonObject &row, const QString &participantId);
    // Another session to open (a replica's source or destination).
    void sessionRequested(const QString &stageArn, const QString &sessionId,
                          const QString &participantId);
    void exportRequested();

private:
    QString userOf(const QString &participantId) const;
    void addAnalysis();
    void sortErrorsMostFirst();
    void addReplicas(const QString &participantId, const QJsonObject &row);
    // The loaded session's errors into the participants' Errors column and the connection's
    // SessionErrorIndex (sessionpage_analysis.cpp).
    void showErrors();
    // The analysis' findings about the shown participant into its Diagnosis tab.
    void showFindings();

    Connection *m_connection;
    models::Scope m_scope;
    ListPage *m_participants;
    ParticipantFilterBar *m_filters;
    ParticipantPage *m_participant = nullptr;
    QWidget *m_eventsHolder;
    QTabWidget *m_tabs = nullptr;
    SessionAnalysis *m_analysis = nullptr;
    QHash<QString, QJsonObject> m_errors; // the Errors column's channel, kept for a new list
};

} // namespace gr::ui
