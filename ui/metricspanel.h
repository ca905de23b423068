#pragma once
// The charts of a MetricsModel, one per metric group, over one shared time axis: a
// participant's quality over its time on the stage, or a stage's Publishers and Subscribers.
// Follows live (the axis keeps the newest data in view) until the user zooms or pans; a double
// click fits and follows again. When metrics are unavailable (AccessDenied...) the reason takes
// the charts' place, with the service's raw answer one click away.

#include "models/timeaxis.h"
#include "models/zoompan.h"
#include "ui/metricchart.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace gr::models
{
class MetricsModel;
}

namespace gr::ui
{

class MetricsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsPanel(models::MetricsModel *model, QWidget *parent = nullptr);

    // The subject's events, marked on every chart's time axis.
    void setEvents(QVector<ChartEvent> events);
    // Why a chart of these CloudWatch metrics (PublishBitrate, ...) has no data, said in it
    // ("alice did not publish in this session: no publish metrics"); a chart of any other
    // metric says "No data yet" while it has none.
    void setNoDataReasons(QHash<QString, QString> byMetric);
    const TimeAxis &axis() const { return m_axis; }
    bool isFollowing() const { return m_follow; }
    QList<MetricChart *> charts() const { return m_charts; }
    bool showsUnavailable() const;
    QString ageText() const;

signals:
    void eventClicked(const gr::ui::ChartEvent &event);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void updateGroup(int row);
    void followNow();
    void updateStatus();
    void repaintCharts();
    void updateEmptyTexts();

    QPointer<models::MetricsModel> m_model;
    TimeAxis m_axis;
    ZoomPan m_zoom{&m_axis}; // the charts' wheel and drag, kept to the period shown
    bool m_follow = true;
    QVector<ChartEvent> m_events;
    QHash<QString, QString> m_noDataReasons; // by CloudWatch metric name
    QList<MetricChart *> m_charts;
    QStackedWidget *m_stack;
    QWidget *m_chartPage;
    QVBoxLayout *m_chartLayout;
    QLabel *m_unavailable;
    QToolButton *m_details;
    QLabel *m_age;
    QTimer m_clock;
};

} // namespace gr::ui
