#include "sessiontimeline.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

namespace
{
// Drawn by the painter, so the legend's marks are the lanes' marks.
class TimelineLegend : public QWidget
{
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setFont(font());
        SessionTimelinePainter::paintLegend(p, rect());
    }
};
} // namespace

SessionTimeline::SessionTimeline(QWidget *parent) : QAbstractScrollArea(parent)
{
    setViewportMargins(0, 0, 0, SessionTimelinePainter::kLegendRowHeight);
    m_legend = new TimelineLegend(this);
    m_legend->setObjectName(QStringLiteral("timelineLegend"));
    QStringList meanings;
    for (auto entry : SessionTimelinePainter::legendEntries())
        meanings << SessionTimelinePainter::legendText(entry);
    m_legend->setToolTip(meanings.join(QLatin1Char('\n')));
    setObjectName(QStringLiteral("sessionTimeline"));
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(SessionTimelinePainter::kLaneHeight);
    setMinimumSize(320, 160);
    // Ticks in the local clock, like every other time the console shows.
    m_painter.axis().setUtcOffsetSeconds(QDateTime::currentDateTime().offsetFromUtc());
}

void SessionTimeline::setFollowing(bool following)
{
    if (m_autoFit == following)
        return;
    m_autoFit = following;
    emit followingChanged(following);
}

void SessionTimeline::setStore(const SessionStore *store)
{
    m_store = store;
    m_painter.setStore(store);
    const bool hadSelection = m_state.selectedEvent >= 0;
    m_state = {};
    m_selected = {};
    setFollowing(true);
    storeChanged();
    if (hadSelection)
        emit selectionChanged(-1);
}

void SessionTimeline::storeChanged()
{
    // What the user looks at stays put: the lane at the anchor keeps its height on screen
    // (new lanes above it grow the scroll range instead of pushing it down), and unless the
    // view is fitted the visible time range is kept (a live session's new time appears off to
    // the right). Only a fitted view follows the session as it grows.
    const int scroll = verticalScrollBar()->value();
    int anchorParticipant = -1, anchorY = 0;
    if (const int selectedLane = m_painter.laneOf(m_state.selectedParticipant); selectedLane >= 0) {
        anchorParticipant = m_state.selectedParticipant;
        anchorY = selectedLane * SessionTimelinePainter::kLaneHeight - scroll;
    } else if (const int topLane = scroll / SessionTimelinePainter::kLaneHeight;
               (scroll > 0 || !m_autoFit) && topLane < m_painter.lanes().size()) {
        anchorParticipant = m_painter.lanes()[topLane].participant;
        anchorY = topLane * SessionTimelinePainter::kLaneHeight - scroll;
    }
    m_painter.rebuild();
    m_painter.setPlotWidth(viewport()->width());
    if (m_autoFit && m_store && !m_store->events().isEmpty())
        m_painter.fitAll(); // until the user zooms, pans or picks, the whole session in view
    if (m_store && !m_store->events().isEmpty())
        m_zoom.setDataSpan(m_store->firstEventMs(),
                           m_store->isFinished() ? m_store->lastEventMs()
                                                 : std::max(m_store->lastEventMs(),
                                                            QDateTime::currentMSecsSinceEpoch()));
    else
        m_zoom.setDataSpan(0, 0);
    updateScrollBar();
    if (const int lane = m_painter.laneOf(anchorParticipant); lane >= 0)
        verticalScrollBar()->setValue(lane * SessionTimelinePainter::kLaneHeight - anchorY);
    refindSelection();
    viewport()->update();
}

void SessionTimeline::refindSelection()
{
    if (m_state.selectedEvent < 0 || !m_store)
        return;
    const auto &events = m_store->events();
    auto same = [this](const SessionEvent &e) {
        return e.timeMs == m_selected.timeMs && e.name == m_selected.name &&
               m_store->participantId(int(e.participant)) == m_selected.participantId;
    };
    if (m_state.selectedEvent < events.size() && same(events[m_state.selectedEvent]))
        return;
    // The store was filled again in another order: the same event, wherever it is now.
    const int participant = m_store->findParticipant(m_selected.participantId);
    int found = -1;
    if (participant >= 0) {
        for (quint32 e : m_store->participants()[participant].events) {
            if (same(events[int(e)]))
                found = int(e);
        }
    }
    m_state.selectedEvent = found;
    m_state.selectedParticipant = participant;
    emit selectionChanged(found);
}

void SessionTimeline::rememberSelection(int event)
{
    m_state.selectedEvent = event;
    if (event < 0 || !m_store) {
        m_selected = {};
        return;
    }
    const SessionEvent &e = m_store->events()[event];
    m_state.selectedParticipant = int(e.participant);
    m_selected = {m_store->participantId(int(e.participant)), e.timeMs, e.name};
}

void SessionTimeline::fit()
{
    setFollowing(true);
    m_painter.setPlotWidth(viewport()->width());
    m_painter.fitAll();
    viewport()->update();
}

void SessionTimeline::zoomBy(double factor)
{
    setFollowing(false);
    m_zoom.zoomBy(factor);
    viewport()->update();
}

void SessionTimeline::selectEvent(int event)
{
    if (!m_store || event >= m_store->events().size())
        return;
    if (event < 0) {
        rememberSelection(-1);
        viewport()->update();
        emit selectionChanged(-1);
        return;
    }
    rememberSelection(event);
    const int lane = m_painter.laneOf(m_state.selectedParticipant);
    if (lane >= 0) {
        const int y = lane * SessionTimelinePainter::kLaneHeight;
        const int visible = viewport()->height() - SessionTimelinePainter::kAxisHeight;
        if (y < verticalScrollBar()->value() ||
            y + SessionTimelinePainter::kLaneHeight > verticalScrollBar()->value() + visible)
            verticalScrollBar()->setValue(y - visible / 2);
    }
    // Bring the event's time into view if it is outside.
    TimeAxis &axis = m_painter.axis();
    const qint64 t = m_store->events()[event].timeMs;
    if (t < axis.startMs() || t > axis.endMs()) {
        setFollowing(false);
        axis.pan(axis.width() / 2 - axis.xForTime(t));
    }
    viewport()->update();
    emit selectionChanged(event);
}

void SessionTimeline::updateScrollBar()
{
    const int lanesHeight = m_painter.contentHeight() - SessionTimelinePainter::kAxisHeight;
    const int visible = viewport()->height() - SessionTimelinePainter::kAxisHeight;
    verticalScrollBar()->setRange(0, std::max(0, lanesHeight - visible));
    verticalScrollBar()->setPageStep(std::max(1, visible));
    m_state.scrollY = verticalScrollBar()->value();
}

void SessionTimeline::paintEvent(QPaintEvent *)
{
    syncHover(); // what is under the pointer now, after whatever moved the view
    QPainter p(viewport());
    p.setFont(font());
    m_painter.paint(p, viewport()->rect(), m_state);
    if (!m_store || m_store->events().isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter,
                   m_store ? tr("No events in this session yet.") : tr("No session loaded."));
    }
}

void SessionTimeline::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    // A narrow timeline gives its legend a second row rather than leave meanings out.
    const int legendHeight =
        SessionTimelinePainter::legendRows(m_legend->fontMetrics(), viewport()->width()) *
        SessionTimelinePainter::kLegendRowHeight;
    if (legendHeight != viewportMargins().bottom())
        setViewportMargins(0, 0, 0, legendHeight); // lays the viewport out again, now
    const QRect lanes = viewport()->geometry();
    m_legend->setGeometry(lanes.left(), lanes.bottom() + 1, lanes.width(), legendHeight);
    m_painter.setPlotWidth(viewport()->width());
    if (m_autoFit && m_store && !m_store->events().isEmpty())
        m_painter.fitAll();
    updateScrollBar();
}

void SessionTimeline::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        verticalScrollBar()->setValue(verticalScrollBar()->value() -
                                      int(steps * 3 * SessionTimelinePainter::kLaneHeight));
    } else {
        const double x = event->position().x() - SessionTimelinePainter::kLabelWidth;
        if (m_zoom.wheel(std::max(0.0, x), event->angleDelta().y())) {
            setFollowing(false);
            viewport()->update();
        }
    }
    event->accept();
}

void SessionTimeline::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_zoom.press(event->position());
}

void SessionTimeline::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (event->buttons() & Qt::LeftButton) {
        if (const std::optional<QPointF> delta = m_zoom.move(event->position())) {
            setFollowing(false); // the time axis has moved; the lanes follow the vertical motion
            verticalScrollBar()->setValue(verticalScrollBar()->value() - int(delta->y()));
        }
    }
    m_pointer = pos;
    syncHover();
    viewport()->update();
}

void SessionTimeline::syncHover()
{
    if (!m_pointer) {
        m_state.cursorMs = 0;
        m_state.hoveredEvent = -1;
        return;
    }
    const QPoint pos = *m_pointer;
    m_state.cursorMs =
        pos.x() >= SessionTimelinePainter::kLabelWidth && m_store && !m_store->events().isEmpty()
            ? m_painter.axis().timeForX(pos.x() - SessionTimelinePainter::kLabelWidth)
            : 0;
    m_state.hoveredEvent = m_painter.eventAt(pos, m_state.scrollY);
}

void SessionTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_zoom.isPressed())
        return;
    if (!m_zoom.release()) { // a click, not the end of a drag
        const int hit = m_painter.eventAt(event->position().toPoint(), m_state.scrollY);
        if (hit >= 0 && m_store) {
            // The user looks at this event now: the view stops following the live edge, so
            // a growing session does not move it from under the pointer.
            setFollowing(false);
            rememberSelection(hit);
            emit eventSelected(hit, m_state.selectedParticipant);
            emit selectionChanged(hit);
        } else {
            const int lane = m_painter.laneAt(event->position().toPoint().y(), m_state.scrollY);
            rememberSelection(-1);
            m_state.selectedParticipant = lane >= 0 ? m_painter.lanes()[lane].participant : -1;
            emit eventSelected(-1, m_state.selectedParticipant);
            emit selectionChanged(-1);
        }
        viewport()->update();
    }
}

void SessionTimeline::mouseDoubleClickEvent(QMouseEvent *)
{
    fit();
}

void SessionTimeline::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_F:
        fit();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        return;
    case Qt::Key_Left:
        setFollowing(false);
        m_zoom.panBy(m_painter.axis().width() / 8);
        viewport()->update();
        return;
    case Qt::Key_Right:
        setFollowing(false);
        m_zoom.panBy(-m_painter.axis().width() / 8);
        viewport()->update();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void SessionTimeline::leaveEvent(QEvent *event)
{
    m_pointer.reset();
    syncHover();
    viewport()->update();
    QAbstractScrollArea::leaveEvent(event);
}

void SessionTimeline::scrollContentsBy(int, int)
{
    m_state.scrollY = verticalScrollBar()->value();
    viewport()->update();
}

bool SessionTimeline::viewportEvent(QEvent *event)
{
    // The pointer leaving the lanes for the legend or the scroll bar is not the scroll area's
    // leave: only the viewport's says so.
    if (event->type() == QEvent::Leave) {
        m_pointer.reset();
        syncHover();
        viewport()->update();
    }
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int hit = m_painter.eventAt(help->pos(), m_state.scrollY);
        if (hit >= 0)
            QToolTip::showText(help->globalPos(), m_painter.describe(hit), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}
