// MainWindow as it was left: the page (a kind's list, a stage's sessions, a session) and its
// selection, the stage tree's expanded nodes, the splitters, each table's columns (width,
// order, sort: per kind id under "tables/<kindId>"), each kind's filter text, the docks.
#include "ui/mainwindow.h"

#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "ui/listpage.h"
#include "ui/sessionpage.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>

namespace gr::ui
{

namespace
{

const QLatin1String kPageKey("window/page");
const QLatin1String kSelectionKey("window/selection");
const QLatin1String kExpandedKey("window/expanded");
const QLatin1String kConnectionKey("window/connection");

QString tableKey(const ListPage *page)
{
    return QStringLiteral("tables/") + page->kind().id;
}

QString filterKey(const ListPage *page)
{
    return QStringLiteral("filters/") + page->kind().id;
}

QList<ListPage *> listPagesOf(QWidget *page)
{
    QList<ListPage *> pages = page->findChildren<ListPage *>();
    if (auto *list = qobject_cast<ListPage *>(page))
        pages.prepend(list);
    return pages;
}

} // namespace

void MainWindow::savePageState(QWidget *page) const
{
    if (!page)
        return;
    QSettings settings;
    for (ListPage *list : listPagesOf(page)) {
        if (list->columnsArrangedByUser())
            settings.setValue(tableKey(list), list->table()->horizontalHeader()->saveState());
        settings.setValue(filterKey(list), list->filterBox()->text());
    }
}

void MainWindow::restorePageState(ListPage *page)
{
    page->filterBox()->setAccessibleName(tr("Filter %1").arg(page->kind().plural.toLower()));
    page->table()->setAccessibleName(page->kind().plural);
    const QSettings settings;
    const QByteArray header = settings.value(tableKey(page)).toByteArray();
    if (!header.isEmpty() && page->table()->horizontalHeader()->restoreState(header))
        page->setKeepColumnWidths(true);
    const QString filter = settings.value(filterKey(page)).toString();
    if (!filter.isEmpty())
        page->filterBox()->setText(filter);
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("window/mainSplit"), m_mainSplit->saveState());
    settings.setValue(QStringLiteral("window/navigatorSplit"), m_navSplit->saveState());
    settings.setValue(QStringLiteral("window/live"), m_liveAction->isChecked());
    settings.setValue(kExpandedKey, expandedKeys());
    QWidget *page = currentPage();
    savePageState(page);
    QString where;
    QString selection;
    if (auto *session = qobject_cast<SessionPage *>(page)) {
        where = QStringLiteral("session:%1\n%2")
                    .arg(session->scope().stageArn, session->scope().sessionId);
        selection = session->participants()->selectedKey();
    } else if (auto *list = qobject_cast<ListPage *>(page)) {
        where = list->kind().kind == models::Kind::Session
                    ? QStringLiteral("stage:%1").arg(list->scope().stageArn)
                    : QStringLiteral("kind:%1").arg(list->kind().id);
        selection = list->selectedKey();
    }
    // The welcome page and no page are not restored: the next start decides.
    settings.setValue(kPageKey, where);
    settings.setValue(kConnectionKey, connectionName());
    settings.setValue(kSelectionKey, selection);
}

bool MainWindow::restoreLastPage()
{
    if (std::exchange(m_restored, true))
        return false;
    const QSettings settings;
    m_pendingExpanded = settings.value(kExpandedKey).toStringList();
    // A stage or session is another account's on another connection: only kinds carry over.
    const bool sameConnection = settings.value(kConnectionKey).toString() == connectionName();
    if (!sameConnection)
        m_pendingExpanded.clear();
    const QString where = settings.value(kPageKey).toString();
    const QString selection = settings.value(kSelectionKey).toString();
    const QString kindPrefix = QStringLiteral("kind:");
    const QString stagePrefix = QStringLiteral("stage:");
    const QString sessionPrefix = QStringLiteral("session:");
    if (where.startsWith(kindPrefix)) {
        const QString id = where.mid(kindPrefix.size());
        for (models::Kind kind : models::navigatorKinds()) {
            if (models::resourceKind(kind).id != id || !showKind(kind))
                continue;
            if (!selection.isEmpty() && listPage())
                listPage()->selectKey(selection);
            return true;
        }
        return false;
    }
    if (!sameConnection)
        return false;
    if (where.startsWith(stagePrefix)) {
        if (!showStage(where.mid(stagePrefix.size())))
            return false;
        if (!selection.isEmpty() && listPage())
            listPage()->selectKey(selection);
        return true;
    }
    if (where.startsWith(sessionPrefix)) {
        const QStringList parts = where.mid(sessionPrefix.size()).split(QLatin1Char('\n'));
        return parts.size() == 2 && showSession(parts[0], parts[1], selection);
    }
    return false;
}

void MainWindow::restoreExpanded(const QModelIndex &parent, int first, int last)
{
    if (m_pendingExpanded.isEmpty() || !m_treeModel)
        return;
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_treeModel->index(row, 0, parent);
        if (!m_pendingExpanded.contains(index.data(models::KeyRole).toString()))
            continue;
        m_tree->expand(index);
        if (m_treeModel->canFetchMore(index))
            m_treeModel->fetchMore(index);
    }
}

QStringList MainWindow::expandedKeys(const QModelIndex &parent) const
{
    QStringList keys;
    if (!m_treeModel)
        return keys;
    for (int row = 0; row < m_treeModel->rowCount(parent); ++row) {
        const QModelIndex index = m_treeModel->index(row, 0, parent);
        if (!m_tree->isExpanded(index))
            continue;
        keys << index.data(models::KeyRole).toString() << expandedKeys(index);
    }
    return keys;
}

} // namespace gr::ui
