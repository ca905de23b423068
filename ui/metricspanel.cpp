#include "ui/metricspanel.h"

#include "models/metricsmodel.h"

#include <algorithm>
#include <cmath>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{
// Distinct on light and dark backgrounds; the first is the top simulcast layer.
const QColor kColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                          QColor(0x9a, 0x9a, 0x20), QColor(0xff, 0x7f, 0x0e),
                          QColor(0x94, 0x67, 0xbd), QColor(0xd6, 0x27, 0x28)};
} // namespace

MetricsPanel::MetricsPanel(models::MetricsModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_axis(0, 60000, 600)
{
    // The user's clock, as the session timeline, the event lists and the detail pane show times.
    m_axis.setUtcOffsetSeconds(QDateTime::currentDateTime().offsetFromUtc());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_age = new QLabel(this);
    m_age->setObjectName(QStringLiteral("metricsAge"));
    m_age->setForegroundRole(QPalette::PlaceholderText);
    m_age->setWordWrap(true); // whole on a narrow page: the marker legend ran past its edge
    layout->addWidget(m_age);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_chartPage = new QWidget(m_stack);
    m_chartLayout = new QVBoxLayout(m_chartPage);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chartLayout->setSpacing(2);
    m_stack->addWidget(m_chartPage);

    auto *unavailablePage = new QWidget(m_stack);
    auto *unavailableLayout = new QVBoxLayout(unavailablePage);
    m_unavailable = new QLabel(unavailablePage);
    m_unavailable->setObjectName(QStringLiteral("metricsUnavailable"));
    m_unavailable->setWordWrap(true);
    m_unavailable->setAlignment(Qt::AlignCenter);
    m_unavailable->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QToolButton(unavailablePage);
    m_details->setText(tr("Service answer…"));
    m_details->setCheckable(true);
    auto *raw = new QLabel(unavailablePage);
    raw->setObjectName(QStringLiteral("metricsRawError"));
    raw->setWordWrap(true);
    raw->setTextInteractionFlags(Qt::TextSelectableByMouse);
    raw->setVisible(false);
    connect(m_details, &QToolButton::toggled, raw, [this, raw](bool on) {
        raw->setText(m_model ? m_model->lastError().toString() : QString());
        raw->setVisible(on);
    });
    unavailableLayout->addStretch(1);
    unavailableLayout->addWidget(m_unavailable);
    unavailableLayout->addWidget(m_details, 0, Qt::AlignCenter);
    unavailableLayout->addWidget(raw);
    unavailableLayout->addStretch(1);
    m_stack->addWidget(unavailablePage);

    connect(model, &QAbstractItemModel::modelReset, this, &MetricsPanel::rebuild);
    connect(model, &models::MetricsModel::seriesChanged, this, &MetricsPanel::updateGroup);
    connect(model, &models::MetricsModel::statusChanged, this, &MetricsPanel::updateStatus);
    connect(model, &models::MetricsModel::updated, this, [this] {
        if (m_follow)
            followNow();
        updateStatus();
    });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        updateStatus();
        if (m_follow && m_model && m_model->isLive())
            followNow();
    });
    m_clock.start();
    rebuild();
}

void MetricsPanel::setEvents(QVector<ChartEvent> events)
{
    m_events = std::move(events);
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setEvents(&m_events);
    updateStatus();
}

void MetricsPanel::setNoDataReasons(QHash<QString, QString> byMetric)
{
    if (byMetric == m_noDataReasons)
        return;
    m_noDataReasons = std::move(byMetric);
    updateEmptyTexts();
}

void MetricsPanel::updateEmptyTexts()
{
    if (!m_model)
        return;
    for (MetricChart *chart : std::as_const(m_charts)) {
        QString reason;
        for (int row = 0; row < m_model->rowCount() && reason.isEmpty(); ++row) {
            const auto &s = m_model->series(row);
            if (s.group == chart->title())
                reason = m_noDataReasons.value(s.query.metricName);
        }
        if (reason.isEmpty())
            reason = m_model->updatedAt().isValid() ? tr("No data yet") : tr("Loading metrics…");
        chart->setEmptyText(reason);
    }
}

bool MetricsPanel::showsUnavailable() const
{
    return m_stack->currentIndex() == 1;
}

void MetricsPanel::rebuild()
{
    qDeleteAll(m_charts);
    m_charts.clear();
    if (!m_model)
        return;
    for (const QString &group : m_model->groups()) {
        auto *chart = new MetricChart(&m_zoom, m_chartPage);
        chart->setObjectName(QStringLiteral("chart:") + group);
        chart->setTitle(group);
        chart->setEvents(&m_events);
        chart->setGapMs(qint64(m_model->period()) * 3000);
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const auto &series = m_model->series(row);
            if (series.group != group)
                continue;
            chart->setUnit(series.unit);
            // A maximum, minimum, sum or count of counts is whole; an average of them is not.
            chart->setIntegerValues(series.unit == QLatin1String("Count") &&
                                    series.query.stat != QLatin1String("Average"));
        }
        connect(chart, &MetricChart::eventClicked, this, &MetricsPanel::eventClicked);
        connect(chart, &MetricChart::hoverChanged, this, [this](double x) {
            for (MetricChart *c : std::as_const(m_charts))
                c->setHoverX(x);
        });
        connect(chart, &MetricChart::viewChanged, this, [this] {
            m_follow = false;
            keepInExtent();
            repaintCharts();
            updateStatus();
        });
        connect(chart, &MetricChart::fitRequested, this, [this] {
            m_follow = true;
            followNow();
            updateStatus();
        });
        m_chartLayout->addWidget(chart, 1);
        m_charts.append(chart);
    }
    if (!m_charts.isEmpty())
        m_charts.first()->installEventFilter(this);
    for (int row = 0; row < m_model->rowCount(); ++row)
        updateGroup(row);
    m_follow = true;
    followNow();
    updateStatus();
}

void MetricsPanel::updateGroup(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    const QString group = m_model->series(row).group;
    for (MetricChart *chart : std::as_const(m_charts)) {
        if (chart->title() != group)
            continue;
        QVector<ChartLine> lines;
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const auto &s = m_model->series(r);
            if (s.group == group)
                lines.append({s.label, kColors[lines.size() % 6], s.timesMs, s.values});
        }
        chart->setLines(lines);
    }
    updateEmptyTexts();
}

std::pair<qint64, qint64> MetricsPanel::extentAt(qint64 nowMs) const
{
    const qint64 end = m_model && m_model->toMs() ? m_model->toMs() : nowMs;
    qint64 start = m_model && m_model->fromMs() ? m_model->fromMs() : end - 15 * 60 * 1000;
    start = std::min(start, end - kMinSpanMs);
    return {start, end};
}

void MetricsPanel::keepWithin(TimeAxis *axis, qint64 lo, qint64 hi)
{
    const qint64 extent = std::max(hi - lo, kMinZoomSpanMs);
    const qint64 span = std::clamp(qint64(std::llround(axis->spanMs())), kMinZoomSpanMs, extent);
    qint64 start = axis->startMs() + (qint64(std::llround(axis->spanMs())) - span) / 2;
    start = std::clamp(start, lo, hi - span);
    if (start != axis->startMs() || span != qint64(std::llround(axis->spanMs())))
        axis->setRange(start, start + span);
}

void MetricsPanel::keepInExtent()
{
    const auto [lo, hi] = extentAt(QDateTime::currentMSecsSinceEpoch());
    m_zoom.setDataSpan(lo, hi);
    keepWithin(&m_axis, lo, hi);
}

void MetricsPanel::followNow()
{
    if (!m_model)
        return;
    // Exactly the extent: a margin right of now would be empty space the data never fills.
    const auto [start, end] = extentAt(QDateTime::currentMSecsSinceEpoch());
    m_zoom.setDataSpan(start, end);
    m_axis.setRange(start, end);
    repaintCharts();
}

void MetricsPanel::repaintCharts()
{
    for (MetricChart *chart : std::as_const(m_charts))
        chart->update();
}

QString MetricsPanel::ageText() const
{
    if (!m_model || m_model->rowCount() == 0)
        return {};
    if (!m_model->updatedAt().isValid())
        return m_model->isLoading() ? tr("Loading metrics…") : tr("No metrics yet");
    const qint64 age = m_model->updatedAt().secsTo(QDateTime::currentDateTimeUtc());
    // Followed live through the rate budget: the age it keeps for the view.
    const QString budgetAge = m_model->ageText();
    const QString when = !budgetAge.isEmpty() ? budgetAge
                         : age < 1            ? tr("updated just now")
                                              : tr("updated %1 s ago").arg(age);
    return m_model->isLive()
               ? tr("CloudWatch, %1-second periods, live · %2").arg(m_model->period()).arg(when)
               : tr("CloudWatch, %1-second periods · %2").arg(m_model->period()).arg(when);
}

QString MetricsPanel::zoomText() const
{
    if (m_follow || !m_model)
        return {};
    if (m_axis.spanMs() <= kMinZoomSpanMs + 1)
        return tr("%1 s shown, the closest zoom (double-click follows live)")
            .arg(kMinZoomSpanMs / 1000);
    return tr("zoomed: double-click follows live");
}

void MetricsPanel::updateStatus()
{
    if (!m_model)
        return;
    const bool unavailable = !m_model->available();
    m_unavailable->setText(m_model->status());
    m_stack->setCurrentIndex(unavailable ? 1 : 0);
    updateEmptyTexts();
    // The triangles on the time axis say nothing by themselves: the line says what they are.
    const QString marks =
        m_events.isEmpty() ? QString() : tr(" · ▼ the participant's events (hover; click opens)");
    const QString zoom = zoomText();
    m_age->setText(unavailable      ? QString()
                   : zoom.isEmpty() ? ageText() + marks
                                    : ageText() + QStringLiteral(" · ") + zoom + marks);
}

bool MetricsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && !m_charts.isEmpty() && watched == m_charts.first()) {
        m_axis.setWidth(std::max(10.0, m_charts.first()->plotWidth()));
        if (m_follow)
            followNow();
        else
            keepInExtent(); // a wider view shows more time: not past now
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace gr::ui
