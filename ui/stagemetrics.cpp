#include "ui/stagemetrics.h"

#include "models/metricsmodel.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "ui/connection.h"
#include "ui/listpage.h"
#include "ui/metricspanel.h"

#include <QDateTime>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{
qint64 epochMs(const QJsonObject &session, const char *member)
{
    const QDateTime t =
        QDateTime::fromString(session.value(QLatin1String(member)).toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}
} // namespace

StageMetrics::StageMetrics(Connection *connection, const QString &stageArn, QWidget *parent)
    : QWidget(parent), m_model(new models::MetricsModel(connection->metrics(), this)),
      m_panel(new MetricsPanel(m_model, this)), m_stageArn(stageArn)
{
    setObjectName(QStringLiteral("stageMetrics"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    // Two charts: enough height to read them, the sessions list keeps the rest.
    setMinimumHeight(280);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_model->setBudget(connection->budget(), models::RateBudget::Priority::Visible);
    showSession({});
}

std::pair<qint64, qint64> StageMetrics::spanOf(const QJsonObject &session, qint64 nowMs)
{
    const qint64 start = epochMs(session, "startTime");
    if (start < 0)
        return {nowMs - kMinSpanMs, 0};
    const qint64 end = epochMs(session, "endTime");
    qint64 from = start - kMarginMs;
    const qint64 to = end < 0 ? 0 : end + kMarginMs;
    const qint64 last = to ? to : nowMs;
    if (last - from < kMinSpanMs)
        from = last - kMinSpanMs;
    return {from, to};
}

void StageMetrics::showSession(const QJsonObject &session)
{
    const QString id = session.value(QLatin1String("sessionId")).toString();
    const bool live = !session.contains(QLatin1String("endTime"));
    // The same session, still live or still ended: the charts go on as they are (a list
    // refresh does not start them again).
    if (m_shown && id == m_sessionId && live == m_live)
        return;
    m_shown = true;
    m_sessionId = id;
    m_live = live;
    const auto [from, to] = spanOf(session, QDateTime::currentMSecsSinceEpoch());
    m_model->showStage(m_stageArn, from, to);
    m_model->refresh();
}

void StageMetrics::followSessions(ListPage *page)
{
    m_page = page;
    connect(page, &ListPage::currentChanged, this, &StageMetrics::choose);
    if (models::ResourceListModel *list = page->model()) {
        connect(list, &QAbstractItemModel::rowsInserted, this, &StageMetrics::choose);
        connect(list, &QAbstractItemModel::dataChanged, this, &StageMetrics::choose);
        connect(list, &QAbstractItemModel::modelReset, this, &StageMetrics::choose);
    }
    choose();
}

// The session selected, else the newest listed (a live one, when the stage has one).
void StageMetrics::choose()
{
    if (!m_page)
        return;
    QJsonObject session = m_page->selectedRow();
    if (session.value(QLatin1String("sessionId")).toString().isEmpty()) {
        session = {};
        const QAbstractItemModel *list = m_page->model();
        for (int row = 0; list && row < list->rowCount(); ++row) {
            const QJsonObject j = list->index(row, 0).data(models::JsonRole).toJsonObject();
            if (epochMs(j, "startTime") > epochMs(session, "startTime"))
                session = j;
        }
    }
    if (!session.isEmpty())
        showSession(session);
}

} // namespace gr::ui
