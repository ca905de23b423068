#include "ui/stableorder.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace gr::ui
{

StableOrder::StableOrder(QAbstractItemView *view, QSortFilterProxyModel *proxy)
    : QObject(view), m_view(view), m_viewport(view->viewport()), m_proxy(proxy),
      m_grace(new QTimer(this))
{
    m_grace->setSingleShot(true);
    m_grace->setInterval(kGraceMs);
    connect(m_grace, &QTimer::timeout, this, &StableOrder::releaseIfIdle);
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

bool StableOrder::eventFilter(QObject *watched, QEvent *event)
{
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
            m_grace->stop();
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
    if (m_holding || !m_proxy)
        return;
    m_holding = true;
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
    if (!m_holding || m_pointerInside || m_grace->isActive())
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
