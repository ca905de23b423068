#include "ui/stagemetrics.h"

#include "models/metricsmodel.h"
#include "ui/connection.h"
#include "ui/metricspanel.h"

#include <QDateTime>
#include <QVBoxLayout>

namespace gr::ui
{

StageMetrics::StageMetrics(Connection *connection, const QString &stageArn, QWidget *parent)
    : QWidget(parent), m_model(new models::MetricsModel(connection->metrics(), this)),
      m_panel(new MetricsPanel(m_model, this))
{
    setObjectName(QStringLiteral("stageMetrics"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    // Two charts: enough height to read them, the sessions list keeps the rest.
    setMinimumHeight(280);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_model->setBudget(connection->budget(), models::RateBudget::Priority::Visible);
    constexpr qint64 hourMs = 3600'000;
    m_model->showStage(stageArn, QDateTime::currentMSecsSinceEpoch() - hourMs);
    m_model->refresh();
}

} // namespace gr::ui
