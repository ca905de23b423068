#pragma once
// A participant's CloudWatch charts for its page: the span from its join (its first event) to
// its LEFT (or live while it is still on the stage), its events marked on the time axis. A click on
// a marker selects that event in the events list. Reads the events the page already fetched; asks
// nothing of IVS. The events feed the connection's alert rules; the quality rules are fed for every
// live publisher by models::QualityWatch, charts open or not.

#include "models/resourcekinds.h"

#include <functional>
#include <QSet>
#include <QWidget>

namespace gr::models
{
class AlertEngine;
class MetricsModel;
} // namespace gr::models

namespace gr::ui
{

class Connection;
class ListPage;
class MetricsPanel;

class ParticipantMetrics : public QWidget
{
    Q_OBJECT
public:
    ParticipantMetrics(Connection *connection, models::Scope scope, ListPage *events,
                       QWidget *parent = nullptr);

    MetricsPanel *panel() const { return m_panel; }
    // Names the participant in what its empty charts say ("alice did not publish…"); the id
    // when it gives nothing.
    void setUserOf(std::function<QString(const QString &participantId)> userOf);
    models::MetricsModel *model() const { return m_model; }

private:
    void onEvents();
    // stoppedMs: when a participant who published stopped (0: never published or publishing).
    void sayWhyEmpty(bool published, bool subscribed, qint64 stoppedMs);

    models::Scope m_scope;
    ListPage *m_events;
    models::MetricsModel *m_model;
    MetricsPanel *m_panel;
    models::AlertEngine *m_alerts;
    std::function<QString(const QString &)> m_userOf;
    QSet<QString> m_observed;            // events already given to the alert rules
    qint64 m_fromMs = -1, m_leftMs = -1; // the subject shown (-1: none yet)
};

} // namespace gr::ui
