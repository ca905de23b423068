#include "ui/blankslastproxy.h"

namespace gr::ui
{

bool BlanksLastProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftBlank = !left.data(sortRole()).isValid();
    const bool rightBlank = !right.data(sortRole()).isValid();
    // The view asks lessThan in both orders and reverses for descending: a blank is "greater"
    // ascending and "less" descending, so it ends up last either way.
    if (leftBlank != rightBlank)
        return sortOrder() == Qt::AscendingOrder ? rightBlank : leftBlank;
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace gr::ui
