// MainWindow's live monitoring: the live wall page, drilling down from a tile (switching
// connection when the tile is another's), the tree's counts and badges, and the tree's live
// polling through the connection's rate budget.

#include "models/alertrules.h"
#include "models/livemonitor.h"
#include "models/stagetreemodel.h"
#include "ui/alertsdock.h"
#include "ui/connection.h"
#include "ui/detailpane.h"
#include "ui/livewall.h"
#include "ui/mainwindow.h"
#include "ui/stagetile.h"

#include <QEvent>
#include <QListWidget>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>

namespace gr::ui
{

namespace
{
// Tells the tree's model whether the tree is on screen: its expanded nodes are polled as
// Visible views then, in the background when not. A child of the model, so it goes with it.
class TreeShownWatch : public QObject
{
public:
    TreeShownWatch(QTreeView *tree, models::StageTreeModel *model) : QObject(model), m_model(model)
    {
        tree->installEventFilter(this);
        model->setShown(tree->isVisible());
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show || event->type() == QEvent::Hide)
            m_model->setShown(static_cast<QWidget *>(watched)->isVisible());
        return QObject::eventFilter(watched, event);
    }

private:
    models::StageTreeModel *m_model;
};
} // namespace

LiveWall *MainWindow::liveWall() const
{
    return qobject_cast<LiveWall *>(currentPage());
}

LiveWall *MainWindow::showLiveWall()
{
    if (LiveWall *wall = liveWall())
        return wall;
    if (!m_connection) {
        // Ctrl+Shift+W before any connection is open: say why nothing opens.
        statusBar()->showMessage(
            tr("The live wall shows a connection's live stages: choose a connection first"), 8000);
        return nullptr;
    }
    if (!m_detail->confirmLeave())
        return nullptr;
    auto *wall = new LiveWall(m_pages);
    // The alerts of the connections the wall adds go to the dock too, labelled with theirs.
    connect(wall, &LiveWall::connectionAdded, this,
            [this](const QString &name, Connection *connection) {
                m_alertsDock->addEngine(connection->alerts(), name);
            });
    wall->setPrimary(connectionName(), m_connection->liveMonitor(), m_connection->alerts());
    QStringList names;
    for (const ConnectionChoice &choice : std::as_const(m_choices))
        names << choice.label;
    wall->setChoices(names, [this](const QString &name) -> aws::Expected<Connection *> {
        for (const ConnectionChoice &choice : std::as_const(m_choices)) {
            if (choice.label == name && m_factory)
                return m_factory(choice);
        }
        return aws::failure(aws::AwsError::Kind::Invalid,
                            tr("There is no connection called %1 any more").arg(name));
    });
    // Queued: opening another connection replaces the wall, which must not go mid-signal.
    connect(wall, &LiveWall::stageActivated, this,
            [this](const QString &connection, const QString &stageArn) {
                QTimer::singleShot(
                    0, this, [this, connection, stageArn] { openStageOf(connection, stageArn); });
            });
    setPage(wall);
    {
        const QSignalBlocker blocker(m_categories);
        m_categories->setCurrentRow(-1);
    }
    wall->view()->setFocus(Qt::OtherFocusReason);
    visited({Place::Type::LiveWall, 0, {}, {}, {}, tr("the live wall")});
    return wall;
}

bool MainWindow::switchConnection(const QString &connectionName)
{
    if (connectionName == this->connectionName())
        return true;
    int index = -1;
    for (int i = 0; i < m_choices.size(); ++i) {
        if (m_choices[i].label == connectionName)
            index = i;
    }
    if (index < 0)
        return false;
    openConnection(index);
    return this->connectionName() == connectionName; // else the error is shown
}

void MainWindow::openStageOf(const QString &connectionName, const QString &stageArn)
{
    if (!switchConnection(connectionName))
        return;
    const QModelIndex tile = m_connection->liveMonitor()->indexOf(stageArn);
    showStage(stageArn,
              tile.isValid() ? tile.data(models::LiveMonitor::NameRole).toString() : QString());
}

void MainWindow::wireLiveMonitor(Connection *connection)
{
    models::LiveMonitor *monitor = connection->liveMonitor();
    monitor->setConnectionName(connectionName());
    m_treeModel->setMonitor(monitor);
    delete m_tree->itemDelegateForColumn(1);
    m_tree->setItemDelegateForColumn(
        1, new ErrorBadgeDelegate(models::StageTreeModel::ErrorCountRole, m_tree));
    // The stages the tree shows are Visible to the monitor; the rest wait in the background.
    auto shown = [this, monitor = QPointer<models::LiveMonitor>(monitor)] {
        if (!monitor || !m_treeModel)
            return;
        QSet<QString> arns;
        const QRect area = m_tree->viewport()->rect();
        for (int row = 0; row < m_treeModel->rowCount(); ++row) {
            const QModelIndex index = m_treeModel->index(row, 0);
            if (m_tree->visualRect(index).intersects(area))
                arns.insert(m_treeModel->stageArn(index));
        }
        monitor->setVisibleStages(QStringLiteral("tree"), arns);
    };
    connect(m_tree->verticalScrollBar(), &QScrollBar::valueChanged, monitor, shown);
    connect(m_treeModel, &QAbstractItemModel::rowsInserted, monitor,
            [shown] { QTimer::singleShot(0, shown); });
    connect(m_treeModel, &QAbstractItemModel::rowsRemoved, monitor, shown);

    // The tree polls through the budget, level by level: the stage list in the background,
    // each expanded stage and session as a view of its own, while Live updates are on.
    models::StageTreeModel *model = m_treeModel;
    model->setBudget(connection->budget());
    model->setPolling(connection->liveUpdates());
    connect(connection, &Connection::liveUpdatesChanged, model,
            &models::StageTreeModel::setPolling);
    connect(m_tree, &QTreeView::expanded, model,
            [model](const QModelIndex &index) { model->setExpanded(index, true); });
    connect(m_tree, &QTreeView::collapsed, model,
            [model](const QModelIndex &index) { model->setExpanded(index, false); });
    new TreeShownWatch(m_tree, model);
}

} // namespace gr::ui
