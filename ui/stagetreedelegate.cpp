#include "ui/stagetreedelegate.h"

#include "models/roles.h"
#include "models/stagetreemodel.h"

namespace gr::ui
{

using models::StageTreeModel;

IconId stageTreeIcon(const QModelIndex &index)
{
    switch (StageTreeModel::NodeType(index.data(models::NodeTypeRole).toInt())) {
    case StageTreeModel::NodeType::Stage:
        return IconId::Stage;
    case StageTreeModel::NodeType::Session:
        return IconId::Session;
    case StageTreeModel::NodeType::Participant:
        switch (StageTreeModel::Activity(index.data(StageTreeModel::ActivityRole).toInt())) {
        case StageTreeModel::Activity::Disconnected:
            return IconId::Disconnected;
        case StageTreeModel::Activity::Publishing:
            return IconId::Publishing;
        case StageTreeModel::Activity::StoppedPublishing:
            return IconId::StoppedPublishing;
        case StageTreeModel::Activity::Connected:
            break;
        }
        return IconId::Connected;
    }
    return IconId::Stage;
}

StageTreeDelegate::StageTreeDelegate(models::StageTreeModel *model, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model)
{
}

void StageTreeDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != 0 || index.model() != m_model)
        return;
    const QString state = index.data(models::StateRole).toString();
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = icon(stageTreeIcon(index));
    // Ended sessions and idle stages read as inactive.
    const bool inactive = state == QLatin1String("STOPPED") || state.isEmpty();
    if (inactive && m_model->nodeType(index) != StageTreeModel::NodeType::Participant)
        option->icon = QIcon(option->icon.pixmap(16, QIcon::Disabled));
    option->decorationSize = QSize(16, 16);
}

} // namespace gr::ui
