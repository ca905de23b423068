#pragma once
// The stage tree's current node is the page shown; its highlight must be on that node too. Qt
// can move the current index without the selection (QItemSelectionModel's fallback when the
// current row is removed, a view's first focus), which leaves the focus frame on one row and the
// highlight on another. keepSelectionWithCurrent() puts the selection back on the current row
// (or clears it when there is no current) whenever the two part, once the change is over.

class QAbstractItemView;

namespace gr::ui
{

// For a view in single selection mode, row by row; call after setModel() (it follows the
// view's selection model of the moment).
void keepSelectionWithCurrent(QAbstractItemView *view);

} // namespace gr::ui
