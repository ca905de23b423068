#include "ui/namedidproxy.h"

namespace gr::ui
{

namespace
{
// QString::arg with two values warns when the text has only %1: a display of the name alone.
QString fill(const QString &text, const QString &name, const QString &id)
{
    return text.contains(QLatin1String("%2")) ? text.arg(name, id) : text.arg(name);
}
} // namespace

NamedIdProxy::NamedIdProxy(int column, NameOf nameOf, QString display, QString toolTip,
                           QObject *parent)
    : QIdentityProxyModel(parent), m_column(column), m_nameOf(std::move(nameOf)),
      m_display(std::move(display)), m_toolTip(std::move(toolTip))
{
}

QVariant NamedIdProxy::data(const QModelIndex &index, int role) const
{
    QVariant value = QIdentityProxyModel::data(index, role);
    if (index.column() != m_column || !m_nameOf ||
        (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return value;
    const QString id = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    const QString name = id.isEmpty() ? QString() : m_nameOf(id);
    if (name.isEmpty() || name == id)
        return value;
    return fill(role == Qt::ToolTipRole ? m_toolTip : m_display, name, id);
}

void NamedIdProxy::namesChanged()
{
    if (const int rows = rowCount(); rows > 0)
        emit dataChanged(index(0, m_column), index(rows - 1, m_column),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace gr::ui
