#pragma once
// The page of one participant: its events in time order, errors in red and explained, the
// remote participant of each event named by its user id (Enter or double-click jumps to it),
// and what never becomes an event said where a user looks for it.

#include "models/resourcekinds.h"

#include <functional>
#include <QWidget>

class QLabel;
class QTableView;

namespace gr::ui
{

class Connection;
class ListPage;

class ParticipantPage : public QWidget
{
    Q_OBJECT
public:
    // `userOf` names a participant id of the same session (empty if unknown).
    ParticipantPage(Connection *connection, models::Scope scope, const QString &title,
                    std::function<QString(const QString &participantId)> userOf,
                    QWidget *parent = nullptr);

    ListPage *events() const { return m_events; }
    QTableView *table() const;
    models::ResourceListModel *model() const;
    QLabel *help() const { return m_help; }
    const models::Scope &scope() const { return m_scope; }
    void refresh();

signals:
    void participantRequested(const QString &participantId);

private:
    void onStatus();
    void onCurrent(const QJsonObject &event);

    models::Scope m_scope;
    ListPage *m_events;
    QLabel *m_help;
};

} // namespace gr::ui
