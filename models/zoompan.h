// Zoom and pan of a TimeAxis by pointer and keys, one behaviour for the session timeline and
// the metric charts: the wheel zooms about the pointer (1.25x a notch), a drag pans once the
// pointer has moved past a threshold (so a click stays a click), fit shows a span with a
// margin, and what the user does never takes the data's span wholly out of view. Plot
// coordinates throughout (x from the plot's left edge); the widgets translate their events.
#pragma once

#include "timeaxis.h"

#include <optional>
#include <QPointF>

class ZoomPan
{
public:
    static constexpr double kNotchFactor = 1.25;
    static constexpr int kAngleDeltaPerNotch = 120; // QWheelEvent::angleDelta() of one notch

    // `axis` must outlive this.
    explicit ZoomPan(TimeAxis *axis) : m_axis(axis) {}

    TimeAxis &axis() const { return *m_axis; }

    // The times the data covers; the user's zoom and pan keep some of it in view. An empty
    // span (endMs <= startMs) bounds nothing.
    void setDataSpan(qint64 startMs, qint64 endMs);

    // A wheel turn at plot x, in QWheelEvent::angleDelta().y() units; false when it was none.
    bool wheel(double x, int angleDeltaY);
    void zoomAt(double x, double factor); // factor > 1 zooms in; the time under x stays
    void zoomBy(double factor);           // about the centre
    void panBy(double dx);                // dx > 0 drags the content right (earlier times)
    void fit(qint64 startMs, qint64 endMs, double margin = 0.02);

    // A drag: press(), then move() for each pointer move, then release(). move() pans the
    // axis by the horizontal motion and returns the motion since the last move once the
    // pointer has gone more than `threshold` pixels (Manhattan) from the press; nullopt before.
    void press(QPointF pos, int threshold = 4);
    std::optional<QPointF> move(QPointF pos);
    // True when the press became a drag (not a click).
    bool release();
    bool isPressed() const { return m_pressed; }
    bool isDragging() const { return m_dragging; }

private:
    void keepDataInView();

    TimeAxis *m_axis;
    qint64 m_dataStartMs = 0;
    qint64 m_dataEndMs = 0;
    QPointF m_pressPos;
    QPointF m_lastPos;
    int m_threshold = 4;
    bool m_pressed = false;
    bool m_dragging = false;
};
