#include "timeaxis.h"

#include <algorithm>
#include <cmath>
#include <QDateTime>
#include <QTimeZone>

namespace
{
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Steps a reader counts in without arithmetic: 1-2-5 below a second, then clock divisions.
constexpr qint64 kSteps[] = {1,
                             2,
                             5,
                             10,
                             20,
                             50,
                             100,
                             200,
                             500,
                             kSecond,
                             2 * kSecond,
                             5 * kSecond,
                             10 * kSecond,
                             15 * kSecond,
                             30 * kSecond,
                             kMinute,
                             2 * kMinute,
                             5 * kMinute,
                             10 * kMinute,
                             15 * kMinute,
                             30 * kMinute,
                             kHour,
                             2 * kHour,
                             3 * kHour,
                             6 * kHour,
                             12 * kHour,
                             kDay,
                             2 * kDay,
                             7 * kDay,
                             14 * kDay,
                             28 * kDay};

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}
} // namespace

TimeAxis::TimeAxis(qint64 startMs, qint64 endMs, double widthPx)
{
    m_width = std::max(1.0, widthPx);
    setRange(startMs, endMs);
}

void TimeAxis::setRange(qint64 startMs, qint64 endMs)
{
    double span = double(endMs - startMs);
    const double clamped = std::clamp(span, minSpanMs(), maxSpanMs());
    // A clamped span stays centred on the requested range.
    m_startMs = startMs + qint64(std::llround((span - clamped) / 2));
    m_spanMs = clamped;
}

void TimeAxis::setWidth(double widthPx)
{
    widthPx = std::max(1.0, widthPx);
    const double perPixel = msPerPixel();
    m_width = widthPx;
    m_spanMs = std::clamp(perPixel * widthPx, minSpanMs(), maxSpanMs());
}

double TimeAxis::xForTime(qint64 ms) const
{
    return double(ms - m_startMs) * m_width / m_spanMs;
}

qint64 TimeAxis::timeForX(double x) const
{
    return m_startMs + qint64(std::llround(x * m_spanMs / m_width));
}

void TimeAxis::zoomAt(double x, double factor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const double anchor = double(m_startMs) + x * m_spanMs / m_width;
    const double span = std::clamp(m_spanMs / factor, minSpanMs(), maxSpanMs());
    m_startMs = qint64(std::llround(anchor - x * span / m_width));
    m_spanMs = span;
}

void TimeAxis::pan(double dx)
{
    m_startMs -= qint64(std::llround(dx * m_spanMs / m_width));
}

void TimeAxis::fit(qint64 startMs, qint64 endMs, double margin)
{
    if (endMs < startMs)
        std::swap(startMs, endMs);
    const qint64 pad = qint64(std::llround(double(endMs - startMs) * std::max(0.0, margin)));
    setRange(startMs - pad, endMs + pad);
}

qint64 TimeAxis::tickStepMs(double minPixels) const
{
    const double wanted = std::max(1.0, minPixels) * msPerPixel();
    for (qint64 step : kSteps) {
        if (double(step) >= wanted)
            return step;
    }
    // Beyond four weeks: whole multiples of 28 days.
    const qint64 last = kSteps[std::size(kSteps) - 1];
    return last * qint64(std::ceil(wanted / double(last)));
}

QVector<TimeAxis::Tick> TimeAxis::ticks(double minPixels) const
{
    QVector<Tick> out;
    if (!isValid())
        return out;
    const qint64 step = tickStepMs(minPixels);
    const qint64 offsetMs = qint64(m_utcOffsetS) * 1000;
    // Align ticks to the step in the displayed clock (so 10:00 local, not 10:00 UTC+offset).
    qint64 t = floorDiv(m_startMs + offsetMs, step) * step - offsetMs;
    if (t < m_startMs)
        t += step;
    const qint64 end = endMs();
    qint64 previousDay = floorDiv(t + offsetMs - step, kDay);
    for (; t <= end; t += step) {
        Tick tick;
        tick.ms = t;
        tick.x = xForTime(t);
        const qint64 day = floorDiv(t + offsetMs, kDay);
        tick.major = day != previousDay;
        previousDay = day;
        tick.label = label(t, step);
        if (tick.major && step < kDay)
            tick.label = QDateTime::fromMSecsSinceEpoch(t + offsetMs, QTimeZone::utc())
                             .toString(QStringLiteral("MMM d"));
        out.push_back(tick);
        if (out.size() > 10000) // a degenerate width; never loop for ever
            break;
    }
    return out;
}

QString TimeAxis::label(qint64 ms, qint64 stepMs) const
{
    const QDateTime shown =
        QDateTime::fromMSecsSinceEpoch(ms + qint64(m_utcOffsetS) * 1000, QTimeZone::utc());
    if (stepMs < kSecond)
        return shown.toString(QStringLiteral("HH:mm:ss.zzz"));
    if (stepMs < kMinute)
        return shown.toString(QStringLiteral("HH:mm:ss"));
    if (stepMs < kDay)
        return shown.toString(QStringLiteral("HH:mm"));
    return shown.toString(QStringLiteral("MMM d"));
}
