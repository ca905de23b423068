#pragma once
// The page of one stage session: its participants (filters, browser/OS/SDK for the rows on
// screen) and, under them, the selected participant's events.

#include "models/resourcekinds.h"

#include <QWidget>

namespace gr::ui
{

class Connection;
class ListPage;
class ParticipantFilterBar;
class ParticipantPage;

class SessionPage : public QWidget
{
    Q_OBJECT
public:
    SessionPage(Connection *connection, models::Scope scope, QWidget *parent = nullptr);

    ListPage *participants() const { return m_participants; }
    ParticipantPage *participant() const { return m_participant; }
    ParticipantFilterBar *filterBar() const { return m_filters; }
    const models::Scope &scope() const { return m_scope; }
    // Shows this participant's events (and selects its row when listed).
    void showParticipant(const QString &participantId, const QJsonObject &row = {});
    void refresh();

signals:
    void participantShown(const QJsonObject &row, const QString &participantId);

private:
    QString userOf(const QString &participantId) const;

    Connection *m_connection;
    models::Scope m_scope;
    ListPage *m_participants;
    ParticipantFilterBar *m_filters;
    ParticipantPage *m_participant = nullptr;
    QWidget *m_eventsHolder;
};

} // namespace gr::ui
