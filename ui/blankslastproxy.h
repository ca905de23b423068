#pragma once
// A sort proxy that keeps cells with no sort value (not filled in yet: GetParticipant's fields,
// a session's error counts still loading) after every value in both orders, so the first click
// on a count column shows the most first, not the rows still blank.

#include <QSortFilterProxyModel>

namespace gr::ui
{

class BlanksLastProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace gr::ui
