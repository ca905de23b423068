#pragma once
// A stage's Publishers and Subscribers over the last hour, followed live, for the top of the
// stage's sessions page.

#include <QWidget>

namespace gr::models
{
class MetricsModel;
}

namespace gr::ui
{

class Connection;
class MetricsPanel;

class StageMetrics : public QWidget
{
    Q_OBJECT
public:
    StageMetrics(Connection *connection, const QString &stageArn, QWidget *parent = nullptr);

    MetricsPanel *panel() const { return m_panel; }
    models::MetricsModel *model() const { return m_model; }

private:
    models::MetricsModel *m_model;
    MetricsPanel *m_panel;
};

} // namespace gr::ui
