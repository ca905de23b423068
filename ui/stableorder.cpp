#include "ui/stableorder.h"

#include <algorithm>
#include <QAbstractItemView>
#include <QApplication>
#include <QCursor>
#include <QEvent>
#include <QMouseEvent>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace gr::ui
{

StableOrder::StableOrder(QAbstractItemView *view, QSortFilterProxyModel *proxy)
    : QObject(view), m_view(view), m_viewport(view->viewport()), m_proxy(proxy),
      m_grace(new QTimer(this)), m_approachHold(new QTimer(this))
{
    m_grace->setSingleShot(true);
    m_grace->setInterval(kGraceMs);
    connect(m_grace, &QTimer::timeout, this, &StableOrder::releaseIfIdle);
    m_approachHold->setSingleShot(true);
    m_approachHold->setInterval(kApproachHoldMs);
    connect(m_approachHold, &QTimer::timeout, this, &StableOrder::releaseIfIdle);
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
    // A pointer already over the view when it is made (a page replaced under it).
    m_pointerInside = view->viewport()->underMouse();
    if (m_pointerInside)
        hold();
}

void StableOrder::setGraceMs(int ms)
{
    m_grace->setInterval(ms);
}

void StableOrder::setApproach(QWidget *area, int marginPx)
{
    m_area = area;
    m_margin = std::max(0, marginPx);
    qApp->removeEventFilter(this);
    if (area)
        qApp->installEventFilter(this);
}

// The pointer over the approach zone holds the order; leaving it lets go after a moment.
void StableOrder::pointerMovedTo(const QPoint &global)
{
    bool near = false;
    if (m_area && m_area->isVisible()) {
        const QRect zone = QRect(m_area->mapToGlobal(QPoint(0, 0)), m_area->size())
                               .adjusted(-m_margin, -m_margin, m_margin, m_margin);
        near = zone.contains(global);
    }
    if (near == m_near)
        return;
    m_near = near;
    if (near) {
        m_approachHold->stop();
        hold();
    } else {
        m_approachHold->start();
    }
}

bool StableOrder::eventFilter(QObject *watched, QEvent *event)
{
    // Every window's mouse moves (the application-wide filter): where the pointer is now.
    if (event->type() == QEvent::MouseMove && m_area && watched->isWindowType()) {
        pointerMovedTo(static_cast<QMouseEvent *>(event)->globalPosition().toPoint());
        return QObject::eventFilter(watched, event);
    }
    // The area shown under a pointer at rest (a page opened by a shortcut or a menu item over
    // it): near before any move. Queued: the area's layout places it first.
    if (event->type() == QEvent::Show && m_area && watched == m_area) {
        QMetaObject::invokeMethod(
            this, [this] { pointerMovedTo(QCursor::pos()); }, Qt::QueuedConnection);
        return QObject::eventFilter(watched, event);
    }
    if (watched != m_view && watched != m_viewport)
        return QObject::eventFilter(watched, event);
    const bool onViewport = watched == m_viewport;
    switch (event->type()) {
    case QEvent::Enter:
        if (onViewport) {
            m_pointerInside = true;
            hold();
        }
        break;
    case QEvent::Leave:
        if (onViewport) {
            m_pointerInside = false;
            releaseLater();
        }
        break;
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        hold();
        m_grace->start();
        break;
    case QEvent::Hide:
        if (watched == m_view) {
            m_pointerInside = false;
            m_near = false;
            m_grace->stop();
            m_approachHold->stop();
            releaseLater();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void StableOrder::hold()
{
    if (m_holding)
        return;
    m_holding = true;
    if (m_proxy)
        m_proxy->setDynamicSortFilter(false);
    emit holdingChanged(true);
}

void StableOrder::releaseLater()
{
    // Queued: a view being destroyed gets Leave and Hide from its own destructor, when sorting
    // would call into it half-destroyed; this object goes with the view before the call runs.
    QMetaObject::invokeMethod(this, &StableOrder::releaseIfIdle, Qt::QueuedConnection);
}

void StableOrder::releaseIfIdle()
{
    if (!m_holding || m_pointerInside || m_near || m_grace->isActive() ||
        m_approachHold->isActive())
        return;
    m_holding = false;
    if (m_proxy) {
        // Turning dynamic sorting back on sorts again (with the column and order in force), and
        // filters again: what changed while held takes its place now.
        m_proxy->setDynamicSortFilter(true);
        m_proxy->invalidate();
    }
    emit holdingChanged(false);
}

} // namespace gr::ui
