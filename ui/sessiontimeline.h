// The session timeline: every participant of a session on one time axis (see
// SessionTimelinePainter for what is drawn). Wheel zooms about the pointer, Shift+wheel and
// the scroll bar move through lanes, drag pans, F or a double-click fits the session; a
// cursor follows the pointer, hovering shows the event, clicking selects it. A live session
// grows without moving what the user looks at: a fitted view (the start, F, Fit) follows it,
// a zoomed, panned or picked one keeps its time range, and the selected event (kept by what it
// is, not where it is) and its lane stay where they were. A legend under the lanes says what
// their colours and marks mean.
#pragma once

#include "models/sessiontimelinepainter.h"
#include "models/zoompan.h"

#include <optional>
#include <QAbstractScrollArea>

class SessionTimeline : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit SessionTimeline(QWidget *parent = nullptr);

    // The store must outlive the widget or be replaced first; call storeChanged() after it grows.
    void setStore(const SessionStore *store);
    void storeChanged();

    void fit();
    void zoomBy(double factor);  // about the centre
    void selectEvent(int event); // also scrolls its lane into view; -1 clears
    int selectedEvent() const { return m_state.selectedEvent; }
    int hoveredEvent() const { return m_state.hoveredEvent; }
    // The time under the pointer, drawn on the axis (0: the pointer is not over the plot).
    qint64 cursorMs() const { return m_state.cursorMs; }
    const TimeAxis &axis() const { return m_painter.axis(); }
    const SessionTimelinePainter &painter() const { return m_painter; }
    // Fitted to the session and following its live edge (until the user zooms, pans or picks).
    bool isFollowing() const { return m_autoFit; }
    // The strip under the lanes that explains their colours and marks.
    QWidget *legend() const { return m_legend; }

signals:
    // A click on an event (event index in the store) and its participant (participant index).
    void eventSelected(int event, int participant);
    // The selected event changed, by a click or selectEvent() (-1: none).
    void selectionChanged(int event);
    void followingChanged(bool following);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;

private:
    void setFollowing(bool following);
    // The cursor's time and the hovered event, from where the pointer is now (none once it has
    // left): a zoom, pan, scroll or new events change what is under a still pointer.
    void syncHover();
    void updateScrollBar();
    // Selects `event` (-1: none) and remembers what it is, so that it can be found again.
    void rememberSelection(int event);
    // After the store changed: the selected index names the same event, or is moved to it.
    void refindSelection();

    SessionTimelinePainter m_painter;
    ZoomPan m_zoom{&m_painter.axis()};
    SessionTimelinePainter::State m_state;
    const SessionStore *m_store = nullptr;
    QWidget *m_legend = nullptr;
    std::optional<QPoint> m_pointer; // in the viewport, while it is over it
    bool m_autoFit = true; // fitted to the session (following it) until the user zooms, pans
                           // or clicks an event
    struct SelectedIdentity {
        QString participantId;
        qint64 timeMs = 0;
        quint8 name = 0;
    } m_selected; // what the selected event is
};
