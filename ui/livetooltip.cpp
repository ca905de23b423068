#include "ui/livetooltip.h"

#include <QAbstractItemView>
#include <QCursor>
#include <QHelpEvent>
#include <QToolTip>

namespace gr::ui
{

LiveToolTip::LiveToolTip(QAbstractItemView *view, TextOf textOf)
    : QObject(view), m_view(view), m_textOf(std::move(textOf))
{
    view->viewport()->installEventFilter(this);
}

bool LiveToolTip::eventFilter(QObject *, QEvent *event)
{
    // Only noted here: the view shows the tip itself, after this filter.
    if (event->type() == QEvent::ToolTip) {
        follow(m_view->model());
        m_shown = m_view->indexAt(static_cast<QHelpEvent *>(event)->pos());
    } else if (event->type() == QEvent::Leave) {
        m_shown = QPersistentModelIndex();
    }
    return false;
}

void LiveToolTip::follow(QAbstractItemModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model)
        connect(model, &QAbstractItemModel::dataChanged, this, &LiveToolTip::onDataChanged);
}

void LiveToolTip::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_shown.isValid() || !QToolTip::isVisible() || m_shown.parent() != topLeft.parent() ||
        m_shown.row() < topLeft.row() || m_shown.row() > bottomRight.row() ||
        m_shown.column() < topLeft.column() || m_shown.column() > bottomRight.column())
        return;
    const QString text = m_textOf ? m_textOf(m_shown) : m_shown.data(Qt::ToolTipRole).toString();
    if (text == QToolTip::text())
        return;
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(QCursor::pos(), text, m_view->viewport(), m_view->visualRect(m_shown));
}

} // namespace gr::ui
