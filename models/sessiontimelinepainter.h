// Draws a session on one time axis: a lane per participant (grouped by user id, replicas
// marked) with presence, publishing, subscriptions (linked to the publisher's lane), errors,
// token exchanges and replication. Used by the timeline widget and, on a QImage, by the
// incident bundle, so both show the same picture. Paints only the lanes and times in view.
#pragma once

#include "sessionstore.h"
#include "timeaxis.h"

#include <optional>
#include <QFont>
#include <QHash>
#include <QRect>
#include <QStaticText>
#include <QVector>

class QPainter;

class SessionTimelinePainter
{
public:
    struct Span {
        qint64 startMs = 0;
        qint64 endMs = 0;       // INT64_MAX while open (a live session)
        int remoteLane = -1;    // subscriptions: the publisher's lane
        quint32 startEvent = 0; // the event that opened it
    };
    struct Lane {
        int participant = -1;
        bool firstOfUser = true; // the first lane of its user id (draws the user label)
        bool replica = false;
        QVector<Span> presence, publishing, subscriptions; // each sorted by start
        QVector<quint32> markers; // errors, token exchanges, replication; time order
    };

    static constexpr int kAxisHeight = 26;
    static constexpr int kLaneHeight = 22;
    static constexpr int kLabelWidth = 170;
    static constexpr int kLegendRowHeight = 22;

    explicit SessionTimelinePainter(const SessionStore *store = nullptr) : m_store(store) {}
    void setStore(const SessionStore *store) { m_store = store; }
    // Recomputes lanes and spans from the store (after participants or events changed).
    void rebuild();

    TimeAxis &axis() { return m_axis; }
    const TimeAxis &axis() const { return m_axis; }
    // The axis over the plot area of a viewport `width` wide; keeps the visible range.
    void setPlotWidth(int width);
    // Fits the axis to the session (first event to last, or to the session's end).
    void fitAll();

    const QVector<Lane> &lanes() const { return m_lanes; }
    int laneOf(int participant) const;
    int contentHeight() const { return kAxisHeight + int(m_lanes.size()) * kLaneHeight; }

    struct State {
        int scrollY = 0;     // pixels scrolled down (lanes only; the axis stays)
        qint64 cursorMs = 0; // 0: no cursor
        int hoveredEvent = -1;
        int selectedEvent = -1;
        int selectedParticipant = -1;
    };
    void paint(QPainter &painter, const QRect &viewport, const State &state) const;

    // The event under a point of the viewport (within a few pixels), or -1.
    int eventAt(const QPoint &point, int scrollY) const;
    int laneAt(int y, int scrollY) const;
    // A one-line description of an event, for tool tips and reports.
    QString describe(int event) const;

    // Where a lane's markers go in `plot` (the lane's plot area, in viewport coordinates), left
    // to right, one per pixel at most, and where each error's code label goes: right of its
    // marker, or left of it when that side has no room (the right edge of the view, the next
    // marker), elided when neither side holds it whole, left out when even that does not fit.
    // A label keeps kLabelGap from every marker, every other label and the plot's left edge
    // (the names column), and stays inside the plot; the hover
    // still shows what a left-out label said. Labels are painted after every lane and link, on
    // a background of their own, clipped to the plot (never over the lane names).
    struct MarkerPlace {
        quint32 event = 0;
        double x = 0;
        QRectF label;          // empty: no label
        QString labelText;     // the code, or its elided start
        quint32 elidedKey = 0; // an elided label's key in the label cache (0: whole)
    };
    QVector<MarkerPlace> markerPlaces(const Lane &lane, const QRect &plot, const QFont &font,
                                      int selectedEvent = -1) const;
    // How far a marker reaches either side of its x (the error diamond, the widest).
    static constexpr double kMarkerHalfWidth = 5.0;
    // The least room between a label and a marker, another label or the names column.
    static constexpr double kLabelGap = 4.0;

    // What the lanes' colours and marks mean, each drawn as the lanes draw it, left to right in
    // rows `kLegendRowHeight` high; an entry that does not fit its row starts the next one.
    enum class LegendEntry {
        Presence,
        Publishing,
        Subscription,
        Error,
        Token,
        Replication,
        Replica
    };
    static QVector<LegendEntry> legendEntries();
    static QString legendText(LegendEntry entry);
    // The rows the whole legend needs `width` pixels wide.
    static int legendRows(const QFontMetrics &metrics, int width);
    // Paints the entries that fit in `area`; how many that was.
    static int paintLegend(QPainter &p, const QRect &area);

private:
    // The ticks' lines down the plot, under links and labels.
    void paintGrid(QPainter &p, const QRect &plot, const QVector<TimeAxis::Tick> &ticks) const;
    // The bar with the ticks' times, over the lanes' top.
    void paintAxis(QPainter &p, const QRect &viewport, const QVector<TimeAxis::Tick> &ticks) const;
    // Paints the lane and adds its error labels (their places) to `labels`, to be drawn last.
    void paintLane(QPainter &p, const Lane &lane, int laneIndex, int top, const QRect &viewport,
                   const State &state, QVector<MarkerPlace> *labels) const;
    void paintLabels(QPainter &p, const QVector<MarkerPlace> &labels) const;
    void paintLinks(QPainter &p, const Lane &lane, int laneIndex, int top,
                    const QRect &viewport) const;

    const QStaticText &codeText(quint16 code) const;
    // Label measures in one font, taken once per font: a repaint shapes no text to lay out.
    struct LabelMetrics {
        QFont font;
        double height = 0;
        double minimum = 0;          // the narrowest elided label worth drawing ("WW…")
        QHash<quint16, double> code; // each code's width
        // A code elided to a whole number of pixels (code << 16 | pixels), laid out once.
        QHash<quint32, QStaticText> elided;
    };
    const LabelMetrics &labelMetrics(const QFont &font) const;
    double codeWidth(quint16 code, const LabelMetrics &metrics) const;
    // The code elided to fit `room` pixels, and its key in the cache.
    const QStaticText &elidedCode(quint16 code, double room, quint32 *key) const;

    const SessionStore *m_store = nullptr;
    mutable QHash<quint16, QStaticText> m_codeTexts; // error code labels, laid out once
    mutable std::optional<LabelMetrics> m_labelMetrics;
    QVector<Lane> m_lanes;
    QVector<int> m_laneOfParticipant;
    TimeAxis m_axis;
};
