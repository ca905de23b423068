#include "ui/participantmetrics.h"

#include "models/alertrules.h"
#include "models/metricsmodel.h"
#include "models/resourcelistmodel.h"
#include "ui/connection.h"
#include "ui/listpage.h"
#include "ui/metricspanel.h"

#include <QDateTime>
#include <QVBoxLayout>

namespace gr::ui
{

ParticipantMetrics::ParticipantMetrics(Connection *connection, models::Scope scope,
                                       ListPage *events, QWidget *parent)
    : QWidget(parent), m_scope(std::move(scope)), m_events(events),
      m_model(new models::MetricsModel(connection->metrics(), this)),
      m_panel(new MetricsPanel(m_model, this)), m_alerts(connection->alerts())
{
    setObjectName(QStringLiteral("participantMetrics"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    // Followed live in the connection's CloudWatch budget: the participant on screen first.
    m_model->setBudget(connection->budget(), models::RateBudget::Priority::Selected);
    connect(m_events->model(), &models::ResourceListModel::statusChanged, this,
            &ParticipantMetrics::onEvents);
    connect(m_events->model(), &models::ResourceListModel::refreshed, this,
            &ParticipantMetrics::onEvents);
    // The first page of events arrives as rows (its status changes before they are in).
    connect(m_events->model(), &QAbstractItemModel::rowsInserted, this,
            &ParticipantMetrics::onEvents);
    connect(m_panel, &MetricsPanel::eventClicked, this,
            [this](const ChartEvent &event) { m_events->selectKey(event.data.toString()); });
    onEvents();
}

void ParticipantMetrics::setUserOf(std::function<QString(const QString &)> userOf)
{
    m_userOf = std::move(userOf);
    onEvents();
}

// A chart left blank says nothing; its events say why it has no data. CloudWatch has the
// per-participant subscribe metrics only of a subscriber that also publishes, so a viewer's
// received-side charts stay empty too. The IVS Real-Time User Guide, "Monitoring Amazon IVS
// Real-Time Streaming" (stage-health.html), metrics table: SubscribeBitrate [Stage,
// Participant, MediaType] "Filters SubscribeBitrate by participant, for subscribers who are
// also publishers. ... Samples are only emitted while the subscribing participant is
// publishing."; DownloadPacketLoss and DroppedFrames [Stage, Participant]: "Samples are emitted
// only when the participant is also a publisher."
void ParticipantMetrics::sayWhyEmpty(bool published, bool subscribed, qint64 stoppedMs)
{
    const QString user = m_userOf ? m_userOf(m_scope.participantId) : QString();
    const QString who = user.isEmpty() ? m_scope.participantId : user;
    // Said in the charts' own clock, as their time axis labels it.
    const QString stopped = stoppedMs ? m_panel->axis().label(stoppedMs, 1000) : QString();
    const QString publish =
        !published  ? tr("%1 did not publish in this session: no publish metrics").arg(who)
        : stoppedMs ? tr("%1 stopped publishing at %2").arg(who, stopped)
                    : QString();
    const QString subscribe =
        !subscribed ? tr("No subscribe metrics: %1 did not subscribe in this session").arg(who)
        : !published
            ? tr("No subscribe metrics: CloudWatch keeps them per participant only for one that "
                 "also publishes, and %1 did not publish")
                  .arg(who)
        : stoppedMs ? tr("No subscribe metrics: CloudWatch keeps them per participant only while "
                         "it also publishes, and %1 stopped publishing at %2")
                          .arg(who, stopped)
                    : QString();
    QHash<QString, QString> reasons;
    for (const char *metric : {"PublishBitrate", "PublishResolution"})
        reasons.insert(QLatin1String(metric), publish);
    for (const char *metric : {"SubscribeBitrate", "DownloadPacketLoss", "DroppedFrames"})
        reasons.insert(QLatin1String(metric), subscribe);
    m_panel->setNoDataReasons(std::move(reasons));
}

void ParticipantMetrics::onEvents()
{
    const models::ResourceListModel *list = m_events->model();
    QVector<ChartEvent> marks;
    qint64 first = 0, left = 0, lastStart = 0, lastStop = 0;
    bool published = false, subscribed = false;
    for (int r = 0; r < list->rowCount(); ++r) {
        const QJsonObject row = list->rowJson(r);
        const QDateTime at = QDateTime::fromString(row.value(QLatin1String("eventTime")).toString(),
                                                   Qt::ISODateWithMs);
        if (!at.isValid())
            continue;
        ChartEvent mark;
        mark.ms = at.toMSecsSinceEpoch();
        mark.name = row.value(QLatin1String("name")).toString();
        mark.error = !row.value(QLatin1String("errorCode")).toString().isEmpty();
        mark.data = list->keyAt(r);
        marks.append(mark);
        if (!m_observed.contains(list->keyAt(r))) {
            m_observed.insert(list->keyAt(r));
            m_alerts->observeEvent(m_scope.stageArn, m_scope.sessionId, m_scope.participantId,
                                   mark.name, row.value(QLatin1String("errorCode")).toString(),
                                   mark.ms);
        }
        if (first == 0 || mark.ms < first)
            first = mark.ms;
        if (mark.name == QLatin1String("LEFT"))
            left = std::max(left, mark.ms);
        if (mark.name == QLatin1String("PUBLISH_STARTED"))
            lastStart = std::max(lastStart, mark.ms);
        if (mark.name == QLatin1String("PUBLISH_STOPPED"))
            lastStop = std::max(lastStop, mark.ms);
        published = published || mark.name == QLatin1String("PUBLISH_STARTED");
        subscribed = subscribed || mark.name == QLatin1String("SUBSCRIBE_STARTED");
    }
    if (first == 0)
        return; // nothing to place the charts by yet
    // Published earlier and not now: its last stop, or its leave when that ended the publish.
    qint64 stoppedMs = 0;
    if (published && lastStop > lastStart)
        stoppedMs = lastStop;
    else if (published && left > lastStart)
        stoppedMs = left; // its leave ended the publish
    sayWhyEmpty(published, subscribed, stoppedMs);
    // The participant's time on the stage: from its join (the first event) to its LEFT, or
    // followed live while it is on. Nothing is charted from before it joined.
    const qint64 from = first;
    if (from != m_fromMs || left != m_leftMs) {
        m_fromMs = from;
        m_leftMs = left;
        const qint64 to = left ? std::max(left, first + 1) : 0;
        m_model->showParticipant(m_scope.stageArn, m_scope.participantId, from, to);
        m_model->refresh();
    }
    m_panel->setEvents(std::move(marks));
}

} // namespace gr::ui
