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
    // The charts show at least a minute: a participant who joined a second ago gets the last
    // minute (its samples at the right), not a one-second axis labelled in milliseconds.
    static constexpr qint64 kMinSpanMs = 60 * 1000;
    // The wheel zooms in down to 10 s, also on a chart not yet a minute long (a fresh
    // participant's: the wheel did nothing there). Closer would show no more than a period or
    // two; the status line says so when the user gets there.
    static constexpr qint64 kMinZoomSpanMs = 10 * 1000;

    explicit MetricsPanel(models::MetricsModel *model, QWidget *parent = nullptr);

    // The times the charts may show at `nowMs`: from the subject's start (its join, the
    // session's start) to now while it is live or to its end, widened to kMinSpanMs by
    // starting earlier. Zoom, pan and following stay inside it: nothing right of now.
    std::pair<qint64, qint64> extentAt(qint64 nowMs) const;
    // Puts the axis inside [lo, hi]: zooming out stops at the whole extent, zooming in at
    // kMinZoomSpanMs (about the centre), and a pan past an end stops there.
    static void keepWithin(TimeAxis *axis, qint64 lo, qint64 hi);

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
    // What the status line says of the zoom: nothing while following live.
    QString zoomText() const;

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
    void keepInExtent();
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
