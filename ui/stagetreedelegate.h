#pragma once
// The stage tree's first column: each node's icon beside its name. Stages and sessions by kind
// (faded when idle or ended), participants by what they do now: disconnected, connected,
// publishing, or stopped publishing (StageTreeModel::ActivityRole).

#include "ui/icons.h"

#include <QPointer>
#include <QStyledItemDelegate>

namespace gr::models
{
class StageTreeModel;
}

namespace gr::ui
{

// The icon a node of the stage tree shows.
IconId stageTreeIcon(const QModelIndex &index);

class StageTreeDelegate : public QStyledItemDelegate
{
public:
    StageTreeDelegate(models::StageTreeModel *model, QObject *parent);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QPointer<models::StageTreeModel> m_model;
};

} // namespace gr::ui
