#pragma once
// A stage's Publishers and Subscribers for the top of the stage's sessions page, over one
// session: the one selected in the list, else the newest (the live one, followed live from its
// start); a finished session from its start to its end. Never shorter than kMinSpanMs, so a
// session of a few seconds still reads as a chart.

#include <QJsonObject>
#include <QPointer>
#include <QWidget>
#include <utility>

namespace gr::models
{
class MetricsModel;
}

namespace gr::ui
{

class Connection;
class ListPage;
class MetricsPanel;

class StageMetrics : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 kMinSpanMs = 5 * 60'000;
    // Before the start and after the end: the moments around them are part of the story.
    static constexpr qint64 kMarginMs = 30'000;

    StageMetrics(Connection *connection, const QString &stageArn, QWidget *parent = nullptr);

    MetricsPanel *panel() const { return m_panel; }
    models::MetricsModel *model() const { return m_model; }

    // Charts `session` (a ListStageSessions or GetStageSession object); an empty one: the last
    // kMinSpanMs, live.
    void showSession(const QJsonObject &session);
    QString sessionId() const { return m_sessionId; }
    // [from, to] in epoch ms charted for `session` at `nowMs`; to 0: followed live.
    static std::pair<qint64, qint64> spanOf(const QJsonObject &session, qint64 nowMs);
    // Follows the sessions list of `page`: its selected session, else its newest.
    void followSessions(ListPage *page);

private:
    void choose();

    models::MetricsModel *m_model;
    MetricsPanel *m_panel;
    QString m_stageArn;
    QPointer<ListPage> m_page;
    QString m_sessionId;
    bool m_shown = false;
    bool m_live = false;
};

} // namespace gr::ui
