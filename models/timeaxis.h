// A time axis: maps a time range (ms since the epoch, UTC) onto a pixel width. A value type
// shared by the session timeline and the metric charts so that both zoom, pan and label alike.
#pragma once

#include <QString>
#include <QtGlobal>
#include <QVector>

class TimeAxis
{
public:
    struct Tick {
        qint64 ms = 0;      // the tick's time
        double x = 0;       // its pixel position
        QString label;      // short text ("12:30", "12:30:05", "12:30:05.250", "Nov 25")
        bool major = false; // the first tick of a new day (label carries the date)
    };

    TimeAxis() = default;
    TimeAxis(qint64 startMs, qint64 endMs, double widthPx);

    qint64 startMs() const { return m_startMs; }
    qint64 endMs() const { return m_startMs + qint64(m_spanMs); }
    double spanMs() const { return m_spanMs; }
    double width() const { return m_width; }
    double msPerPixel() const { return m_spanMs / m_width; }
    bool isValid() const { return m_width > 0 && m_spanMs > 0; }

    // The visible range; a span shorter than minSpanMs() or longer than maxSpanMs() is clamped.
    void setRange(qint64 startMs, qint64 endMs);
    // A new width keeps the start and the scale (ms per pixel): a wider view shows more time.
    void setWidth(double widthPx);
    // Labels in UTC (default) or in the given offset from UTC, in seconds (local time).
    void setUtcOffsetSeconds(int seconds) { m_utcOffsetS = seconds; }
    int utcOffsetSeconds() const { return m_utcOffsetS; }

    double xForTime(qint64 ms) const;
    qint64 timeForX(double x) const;

    // factor > 1 zooms in; the time under x stays under x.
    void zoomAt(double x, double factor);
    // Moves the content by dx pixels: dx > 0 drags it right and shows earlier times.
    void pan(double dx);
    // Shows [startMs, endMs] with a margin on each side (a fraction of the span).
    void fit(qint64 startMs, qint64 endMs, double margin = 0.02);

    // The nicest step (1-2-5 ms, then clock-friendly seconds, minutes, hours, days) whose ticks
    // are at least minPixels apart.
    qint64 tickStepMs(double minPixels = 80) const;
    QVector<Tick> ticks(double minPixels = 80) const;
    // A label for ms fit for ticks stepMs apart: as short as the step allows.
    QString label(qint64 ms, qint64 stepMs) const;

    static constexpr double minSpanMs() { return 10.0; }
    static constexpr double maxSpanMs() { return 400.0 * 24 * 3600 * 1000; }

    bool operator==(const TimeAxis &o) const
    {
        return m_startMs == o.m_startMs && m_spanMs == o.m_spanMs && m_width == o.m_width &&
               m_utcOffsetS == o.m_utcOffsetS;
    }
    bool operator!=(const TimeAxis &o) const { return !(*this == o); }

private:
    qint64 m_startMs = 0;
    double m_spanMs = 60000;
    double m_width = 1;
    int m_utcOffsetS = 0;
};
