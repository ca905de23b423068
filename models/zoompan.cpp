#include "zoompan.h"

#include <cmath>

void ZoomPan::setDataSpan(qint64 startMs, qint64 endMs)
{
    m_dataStartMs = startMs;
    m_dataEndMs = endMs;
}

bool ZoomPan::wheel(double x, int angleDeltaY)
{
    if (angleDeltaY == 0)
        return false;
    zoomAt(x, std::pow(kNotchFactor, double(angleDeltaY) / kAngleDeltaPerNotch));
    return true;
}

void ZoomPan::zoomAt(double x, double factor)
{
    m_axis->zoomAt(x, factor);
    keepDataInView();
}

void ZoomPan::zoomBy(double factor)
{
    zoomAt(m_axis->width() / 2, factor);
}

void ZoomPan::panBy(double dx)
{
    m_axis->pan(dx);
    keepDataInView();
}

void ZoomPan::fit(qint64 startMs, qint64 endMs, double margin)
{
    m_axis->fit(startMs, endMs, margin);
}

void ZoomPan::press(QPointF pos, int threshold)
{
    m_pressPos = m_lastPos = pos;
    m_threshold = threshold;
    m_pressed = true;
    m_dragging = false;
}

std::optional<QPointF> ZoomPan::move(QPointF pos)
{
    if (!m_pressed)
        return std::nullopt;
    if (!m_dragging && (pos - m_pressPos).manhattanLength() > m_threshold)
        m_dragging = true;
    if (!m_dragging)
        return std::nullopt;
    const QPointF delta = pos - m_lastPos;
    m_lastPos = pos;
    panBy(delta.x());
    return delta;
}

bool ZoomPan::release()
{
    const bool dragged = m_dragging;
    m_pressed = m_dragging = false;
    return dragged;
}

void ZoomPan::keepDataInView()
{
    if (m_dataEndMs <= m_dataStartMs)
        return;
    // The view may go past either end of the data, but not so far that none of it shows.
    qint64 shift = 0;
    if (m_axis->startMs() > m_dataEndMs)
        shift = m_dataEndMs - m_axis->startMs();
    else if (m_axis->endMs() < m_dataStartMs)
        shift = m_dataStartMs - m_axis->endMs();
    if (shift != 0)
        m_axis->setRange(m_axis->startMs() + shift, m_axis->endMs() + shift);
}
