#pragma once
// One chart of metric lines over a time axis shared with the other charts of a page, drawn
// with our own QPainter (Qt Charts is GPL-3 in Qt 6.4; see README). Dense series are drawn
// as a min/max band per pixel column, so three hours of 1-second samples repaint in a few ms.
// Hover shows every line's value under the cursor; event markers on the time axis can be
// clicked. The wheel zooms about the pointer and a drag pans, through the ZoomPan of the
// axis the page's charts share.

#include "models/zoompan.h"

#include <QColor>
#include <QRectF>
#include <QVariant>
#include <QVector>
#include <QWidget>

namespace gr::ui
{

struct ChartLine {
    QString label;
    QColor color;
    QVector<qint64> timesMs; // ascending
    QVector<double> values;
};

struct ChartEvent {
    qint64 ms = 0;
    QString name; // JOINED, PUBLISH_ERROR, ...
    bool error = false;
    QVariant data; // whatever the page needs to find the event again
};

class MetricChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLeftMargin = 64;
    static constexpr int kRightMargin = 12;

    // `zoom` (and its axis) is shared by the charts of a page and must outlive them.
    MetricChart(ZoomPan *zoom, QWidget *parent = nullptr);

    void setTitle(const QString &title)
    {
        m_title = title;
        update();
    }
    // Bits/Second, Count, Percent: how values are labelled.
    void setUnit(const QString &unit)
    {
        m_unit = unit;
        update();
    }
    void setLines(QVector<ChartLine> lines);
    void setEvents(const QVector<ChartEvent> *events)
    {
        m_events = events;
        update();
    }
    // Said in the plot when no line has a single point: why there is nothing ("did not
    // publish", "no data yet"); nothing is drawn when it is empty.
    void setEmptyText(const QString &text)
    {
        if (text == m_emptyText)
            return;
        m_emptyText = text;
        update();
    }
    QString emptyText() const { return m_emptyText; }
    // Whether the plot is empty and says so (what the user reads in place of lines).
    bool showsEmptyText() const;
    // Values that are whole numbers (a count of publishers): the scale's ticks are integers.
    void setIntegerValues(bool integers)
    {
        m_integerValues = integers;
        update();
    }
    bool integerValues() const { return m_integerValues; }
    // The value axis's ticks, bottom to top, for the lines' visible part (what is labelled).
    QVector<double> valueTicks() const;
    // Five ticks from 0 for a visible maximum: steps of 1, 2, 2.5 or 5 times a power of ten,
    // only whole steps when `integers`.
    static QVector<double> valueTicksFor(double visibleMax, const QString &unit, bool integers);
    // A time gap longer than this breaks a line (no data is not zero).
    void setGapMs(qint64 gapMs) { m_gapMs = gapMs; }
    const QVector<ChartLine> &lines() const { return m_lines; }
    QString title() const { return m_title; }

    // The plot area's width in pixels (the shared axis spans it).
    double plotWidth() const { return width() - kLeftMargin - kRightMargin; }
    // Where an event's marker is, in widget coordinates (for tests and tool tips).
    QPoint markerPosition(const ChartEvent &event) const;

    // "2.4 Mb/s", "12.5 %", "720"
    static QString formatValue(double value, const QString &unit);
    // The time axis's ticks, at least `minPixels` apart and never finer than a whole second:
    // CloudWatch's finest period is a second, so "10:02:03.250" would label nothing a chart shows.
    static QVector<TimeAxis::Tick> timeTicks(const TimeAxis &axis, double minPixels = 90);
    // Where the time labels are drawn, in widget coordinates: each whole inside the chart.
    QVector<std::pair<QRectF, QString>> timeLabels() const;

    // One entry of the legend in the title row: its colour swatch and its label, whole or
    // elided (`shown`) to the room the title leaves; an elided one gives its label as a tip.
    struct LegendEntry {
        QRectF swatch;
        QRectF text;
        QString shown;
        QString label;
        int line = 0; // its index in lines()
    };
    QVector<LegendEntry> legendEntries() const;
    // Where the title is drawn, and its text (elided when the legend needs the room).
    std::pair<QRectF, QString> titleBox() const;
    // What hovering at `pos` says in a tip: an elided legend entry or title, whole.
    QString legendToolTipAt(const QPointF &pos) const;

    QSize sizeHint() const override { return {640, 150}; }
    QSize minimumSizeHint() const override { return {240, 90}; }

signals:
    void eventClicked(const gr::ui::ChartEvent &event);
    void viewChanged(); // the user zoomed or panned the shared axis
    void fitRequested();
    void hoverChanged(double plotX); // -1 when the cursor left

public slots:
    void setHoverX(double plotX); // shared cursor: every chart of a page shows the same time

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QRectF plotRect() const;
    const ChartEvent *eventAt(const QPoint &pos) const;
    double visibleMax() const;

    ZoomPan *m_zoom;
    const TimeAxis *m_axis;
    QString m_title;
    QString m_unit;
    QString m_emptyText;
    QVector<ChartLine> m_lines;
    const QVector<ChartEvent> *m_events = nullptr;
    qint64 m_gapMs = 15000;
    bool m_integerValues = false;
    double m_hoverX = -1;
    bool m_dragging = false;
};

} // namespace gr::ui

Q_DECLARE_METATYPE(gr::ui::ChartEvent)
