// Where the user has been and how to go back: the Back/Forward history of pages and of the
// tabs the user chose on them, and the stage tree's context menu (what a node offers, as its
// list page's menu does).

#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/participantpage.h"
#include "ui/sessionpage.h"

#include <functional>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMenuBar>
#include <QScopedValueRollback>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <utility>

namespace gr::ui
{

void MainWindow::buildNavigation()
{
    m_backAction = makeAction(QStringLiteral("back"), IconId::Back, tr("&Back"), QKeySequence::Back,
                              tr("Go back to the previous page"));
    connect(m_backAction, &QAction::triggered, this, &MainWindow::goBack);
    m_forwardAction = makeAction(QStringLiteral("forward"), IconId::Forward, tr("&Forward"),
                                 QKeySequence::Forward, tr("Go forward again"));
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::goForward);
    updateHistoryActions();
}

void MainWindow::visited(const Place &place)
{
    followInTree(place);
    if (place.type == Place::Type::Session)
        trackSessionTab();
    if (m_travelling)
        return;
    // Choosing another participant of the same session is not a new place: Back leaves the
    // session rather than walking through every row clicked.
    const Place *here = m_history.current();
    if (here && here->type == Place::Type::Session && place.type == Place::Type::Session &&
        here->stageArn == place.stageArn && here->sessionId == place.sessionId)
        m_history.replaceCurrent(place);
    else
        m_history.visit(place);
    if (SessionPage *page = sessionPage(); page && place.type == Place::Type::Session) {
        if (m_history.current()->tab < 0)
            m_history.setCurrentTab(page->tabs()->currentIndex());
        if (ParticipantPage *participant = page->participant();
            participant && participant->scope().participantId == place.participantId)
            m_history.setCurrentParticipantTab(participant->tabs()->currentIndex());
    }
    updateHistoryActions();
}

namespace
{
// Tells the tab changes the user makes (a click, a key or the wheel on the tabs) from those
// the program makes (a page opening on its saved tab, a jump to an event): only the user's are
// steps of the history. The input is marked until the change it causes has been taken, or the
// event loop turns (an input that changed nothing).
class TabInputWatch : public QObject
{
public:
    explicit TabInputWatch(QTabWidget *tabs) : QObject(tabs)
    {
        tabs->installEventFilter(this);
        tabs->tabBar()->installEventFilter(this);
    }
    // Whether the user's input caused this change; the input is used up.
    bool takeUserInput() { return std::exchange(m_byUser, false); }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::KeyPress:
        case QEvent::Shortcut:
        case QEvent::Wheel:
            if (!m_byUser)
                QTimer::singleShot(0, this, [this] { m_byUser = false; });
            m_byUser = true;
            break;
        default:
            break;
        }
        return false;
    }

private:
    bool m_byUser = false;
};
} // namespace

void MainWindow::trackSessionTab()
{
    // The session page's tabs, and the tabs of each participant page it shows (a new page per
    // participant), each once: a tab widget goes with its page.
    SessionPage *page = sessionPage();
    if (!page)
        return;
    auto track = [this, page](QTabWidget *tabs, bool participantTabs) {
        if (tabs->property("historyTracked").toBool())
            return;
        tabs->setProperty("historyTracked", true);
        auto *watch = new TabInputWatch(tabs);
        connect(tabs, &QTabWidget::currentChanged, this,
                [this, page, tabs, watch, participantTabs](int tab) {
                    // Back/Forward set the tab before the history moves: not a new choice.
                    const Place *here = m_history.current();
                    if (m_travelling || !here || here->type != Place::Type::Session ||
                        here->stageArn != page->scope().stageArn ||
                        here->sessionId != page->scope().sessionId)
                        return;
                    if (participantTabs &&
                        (!page->participant() || page->participant()->tabs() != tabs ||
                         page->participant()->scope().participantId != here->participantId))
                        return;
                    if (watch->takeUserInput() && tabs->isVisible()) {
                        m_history.stepTab(participantTabs ? here->tab : tab,
                                          participantTabs ? tab : here->participantTab);
                        updateHistoryActions();
                    } else if (participantTabs) {
                        m_history.setCurrentParticipantTab(tab);
                    } else {
                        m_history.setCurrentTab(tab);
                    }
                });
    };
    track(page->tabs(), false);
    if (ParticipantPage *participant = page->participant())
        track(participant->tabs(), true);
}

void MainWindow::followInTree(const Place &place)
{
    m_treeTarget = place;
    m_treeTargetPending = true;
    revealTreeTarget();
}

namespace
{
QModelIndex childOf(const models::StageTreeModel *tree, const QModelIndex &parent,
                    const std::function<bool(const QModelIndex &)> &match)
{
    for (int row = 0; row < tree->rowCount(parent); ++row) {
        const QModelIndex child = tree->index(row, 0, parent);
        if (match(child))
            return child;
    }
    return {};
}
} // namespace

void MainWindow::revealTreeTarget()
{
    if (!m_treeTargetPending || !m_treeModel || m_tree->model() != m_treeModel)
        return;
    const QScopedValueRollback<bool> following(m_followingTree, true);
    const Place &target = m_treeTarget;
    auto select = [this](const QModelIndex &node) {
        if (m_tree->currentIndex() != node)
            m_tree->setCurrentIndex(node);
        if (node.isValid())
            m_tree->scrollTo(node);
    };
    if (target.type != Place::Type::Stage && target.type != Place::Type::Session) {
        m_treeTargetPending = false;
        select({}); // a list or the wall: no node is this page
        return;
    }
    models::StageTreeModel *tree = m_treeModel;
    const QModelIndex stage = childOf(tree, {}, [&](const QModelIndex &node) {
        return node.data(models::KeyRole).toString() == target.stageArn;
    });
    if (!stage.isValid()) {
        if (!tree->isLoading())
            m_treeTargetPending = false; // not among the stages listed
        return;
    }
    // Down one level: the child that matches, or list that level (more of it) and wait.
    auto descend = [&](const QModelIndex &parent,
                       const std::function<bool(const QModelIndex &)> &match, QModelIndex *found) {
        *found = childOf(tree, parent, match);
        if (found->isValid())
            return true;
        m_tree->expand(parent);
        if (tree->canFetchMore(parent))
            tree->fetchMore(parent);
        else if (!tree->isLoading())
            m_treeTargetPending = false; // listed in full, and not there
        return false;
    };
    QModelIndex node = stage;
    bool complete = target.sessionId.isEmpty();
    QModelIndex session, participant;
    if (!complete &&
        descend(
            stage, [&](const QModelIndex &n) { return tree->sessionId(n) == target.sessionId; },
            &session)) {
        node = session;
        complete = target.participantId.isEmpty();
        if (!complete && descend(
                             session,
                             [&](const QModelIndex &n) {
                                 return n.data(models::KeyRole).toString() == target.participantId;
                             },
                             &participant)) {
            node = participant;
            complete = true;
        }
    }
    select(node);
    if (complete)
        m_treeTargetPending = false;
}

bool MainWindow::goTo(const Place &place)
{
    const QScopedValueRollback<bool> travelling(m_travelling, true);
    switch (place.type) {
    case Place::Type::Kind:
        return showKind(models::Kind(place.kind));
    case Place::Type::Stage:
        return showStage(place.stageArn, place.title);
    case Place::Type::Session: {
        if (!showSession(place.stageArn, place.sessionId, place.participantId))
            return false;
        SessionPage *page = sessionPage();
        if (page && place.tab >= 0 && place.tab < page->tabs()->count())
            page->tabs()->setCurrentIndex(place.tab);
        if (ParticipantPage *participant = page ? page->participant() : nullptr;
            participant && participant->scope().participantId == place.participantId &&
            place.participantTab >= 0 && place.participantTab < participant->tabs()->count())
            participant->tabs()->setCurrentIndex(place.participantTab);
        return true;
    }
    case Place::Type::LiveWall:
        return showLiveWall() != nullptr;
    }
    return false;
}

void MainWindow::goBack()
{
    if (const Place *place = m_history.back(); place && goTo(*place))
        m_history.moved(-1);
    updateHistoryActions();
}

void MainWindow::goForward()
{
    if (const Place *place = m_history.forward(); place && goTo(*place))
        m_history.moved(+1);
    updateHistoryActions();
}

void MainWindow::updateHistoryActions()
{
    if (!m_backAction)
        return;
    const Place *back = m_history.back();
    const Place *forward = m_history.forward();
    m_backAction->setEnabled(back);
    m_forwardAction->setEnabled(forward);
    const QString key = QKeySequence(QKeySequence::Back).toString(QKeySequence::NativeText);
    m_backAction->setToolTip(back ? tr("Back to %1 (%2)").arg(back->title, key)
                                  : tr("Back (%1)").arg(key));
    const QString forwardKey =
        QKeySequence(QKeySequence::Forward).toString(QKeySequence::NativeText);
    m_forwardAction->setToolTip(forward ? tr("Forward to %1 (%2)").arg(forward->title, forwardKey)
                                        : tr("Forward (%1)").arg(forwardKey));
}

void MainWindow::showTreeMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!index.isValid() || !m_treeModel)
        return;
    // The node right-clicked becomes the current one (its page opens), as in a file manager.
    m_tree->setCurrentIndex(index);
    const QJsonObject row = m_treeModel->json(index);
    const QString stageArn = m_treeModel->stageArn(index);
    const QString sessionId = m_treeModel->sessionId(index);

    QMenu menu(m_tree);
    auto copy = [&menu](const QString &text, const QString &value) {
        menu.addAction(icon(IconId::Copy), text,
                       [value] { QApplication::clipboard()->setText(value); });
    };
    switch (m_treeModel->nodeType(index)) {
    case models::StageTreeModel::NodeType::Stage:
        if (const QString live = row.value(QLatin1String("activeSessionId")).toString();
            !live.isEmpty()) {
            QAction *open = menu.addAction(icon(IconId::Session), tr("&Open live session"), this,
                                           [this, stageArn, live] { showSession(stageArn, live); });
            menu.setDefaultAction(open);
            menu.addSeparator();
        }
        menu.addAction(icon(IconId::New), tr("Create participant &token…"), this, [this, stageArn] {
            openOperation(QStringLiteral("CreateParticipantToken"),
                          {{QStringLiteral("stageArn"), stageArn}});
        });
        menu.addAction(icon(IconId::Edit), tr("&Edit stage"), this,
                       [this] { m_detail->setFocus(Qt::TabFocusReason); });
        copy(tr("&Copy ARN"), stageArn);
        menu.addSeparator();
        if (const models::ResourceKind &kind = models::resourceKind(models::Kind::Stage);
            kind.canRemove(row))
            menu.addAction(
                icon(IconId::Delete), ListPage::removeText(kind, row), this,
                [this, row] { removeRow(models::resourceKind(models::Kind::Stage), {}, row); });
        break;
    case models::StageTreeModel::NodeType::Session:
        menu.addAction(icon(IconId::Export), tr("E&xport session…"), this,
                       &MainWindow::askExportSession);
        copy(tr("&Copy session ID"), sessionId);
        break;
    case models::StageTreeModel::NodeType::Participant: {
        const QString participantId = row.value(QLatin1String("participantId")).toString();
        copy(tr("&Copy participant ID"), participantId);
        const QString userId = row.value(QLatin1String("userId")).toString();
        if (!userId.isEmpty())
            copy(tr("Copy &user ID"), userId);
        const models::ResourceKind &kind = models::resourceKind(models::Kind::Participant);
        if (kind.canRemove(row)) {
            menu.addSeparator();
            menu.addAction(icon(IconId::Delete), ListPage::removeText(kind, row), this,
                           [this, row, stageArn, sessionId] {
                               removeRow(models::resourceKind(models::Kind::Participant),
                                         {stageArn, sessionId, {}}, row);
                           });
        }
        break;
    }
    }
    menu.addSeparator();
    menu.addAction(m_refreshAction);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace gr::ui
