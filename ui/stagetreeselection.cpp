#include "ui/stagetreeselection.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QPointer>

namespace gr::ui
{

namespace
{

bool apart(const QItemSelectionModel *selection)
{
    const QModelIndex current = selection->currentIndex();
    if (!current.isValid())
        return selection->hasSelection();
    const QModelIndexList rows = selection->selectedRows();
    return rows.size() != 1 || rows.first() != current.siblingAtColumn(0);
}

} // namespace

void keepSelectionWithCurrent(QAbstractItemView *view)
{
    QItemSelectionModel *selection = view->selectionModel();
    if (!selection)
        return;
    // Queued: the signals come in the middle of a removal or a press; the row is put right once
    // the model and the view are done with it (before the next paint).
    auto reconcile = [selection = QPointer<QItemSelectionModel>(selection)] {
        if (!selection || !apart(selection))
            return;
        const QModelIndex current = selection->currentIndex();
        if (current.isValid())
            selection->select(current,
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        else
            selection->clearSelection();
    };
    QObject::connect(selection, &QItemSelectionModel::currentChanged, view, reconcile,
                     Qt::QueuedConnection);
    QObject::connect(selection, &QItemSelectionModel::selectionChanged, view, reconcile,
                     Qt::QueuedConnection);
}

} // namespace gr::ui
