#include "ui/mainwindow.h"

#include "aws/awsclient.h"
#include "models/requestlogmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "ui/alertsdock.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/operationdialog.h"
#include "ui/participantpage.h"
#include "ui/sessionpage.h"
#include "ui/stagemetrics.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

namespace gr::ui
{

QTableView *makeTableView(QWidget *parent); // listpage.cpp

MainWindow::MainWindow(QList<ConnectionChoice> choices, ConnectionFactory factory, QWidget *parent)
    : QMainWindow(parent), m_choices(std::move(choices)), m_factory(std::move(factory))
{
    setWindowTitle(tr("Greenroom"));
    buildUi();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 860);
}

MainWindow::~MainWindow()
{
    // Pages and the pane hold models and calls of the connection: they go first.
    delete std::exchange(m_pages, nullptr);
}

void MainWindow::buildMenus()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("Add &access keys…"), this, &MainWindow::askForKeys);
    fileMenu->addAction(tr("Connect to a custom &endpoint…"), this, &MainWindow::askForEndpoint);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&New stage…"), QKeySequence::New, this,
                        [this] { openOperation(QStringLiteral("CreateStage")); });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto *viewMenu = m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_refreshAction =
        viewMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    m_liveAction = viewMenu->addAction(tr("&Live updates"));
    m_liveAction->setCheckable(true);
    m_liveAction->setChecked(true);
    m_liveAction->setToolTip(
        tr("Refresh the open lists every 5 seconds, within the service's rate limits"));
    viewMenu->addSeparator();
    for (models::Kind kind : models::navigatorKinds()) {
        const models::ResourceKind &k = models::resourceKind(kind);
        viewMenu->addAction(k.plural, this, [this, kind] { showKind(kind); });
    }
    viewMenu->addSeparator();

    // Every write operation of the API, each a form built from the model; deleting, stopping
    // and disconnecting are in the lists' context menus and on Delete, where they are confirmed.
    auto *adminMenu = menuBar()->addMenu(tr("&Administer"));
    QString previousGroup;
    for (const QString &operation : administeredOperations()) {
        const std::optional<ivs::Operation> op = ivs::operationByName(operation);
        const models::ResourceKind *kind = op ? models::resourceKindOfOperation(*op) : nullptr;
        const QString group = operation.contains(QLatin1String("Tag")) ? QStringLiteral("tags")
                              : kind                                   ? kind->id
                                                                       : QStringLiteral("stages");
        if (!previousGroup.isEmpty() && group != previousGroup)
            adminMenu->addSeparator();
        previousGroup = group;
        adminMenu->addAction(OperationDialog::title(operation) + QStringLiteral("…"), this,
                             [this, operation] { openOperation(operation); });
    }

    m_copyAction = new QAction(tr("Copy ARN/ID"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyAction->setToolTip(tr("Copy the selected resource's ARN or id (%1)")
                                 .arg(m_copyAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);
}

void MainWindow::buildUi()
{
    buildMenus();
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addWidget(new QLabel(tr(" Connection: "), toolbar));
    m_connectionBox = new QComboBox(toolbar);
    m_connectionBox->setMinimumWidth(260);
    for (const ConnectionChoice &c : std::as_const(m_choices))
        m_connectionBox->addItem(c.label);
    connect(m_connectionBox, &QComboBox::activated, this, &MainWindow::openConnection);
    toolbar->addWidget(m_connectionBox);
    // The region of AWS connections; the local service has its own.
    m_regionBox = new QComboBox(toolbar);
    m_regionBox->setToolTip(tr("Region for AWS connections"));
    m_regionBox->addItem(tr("profile's region"), QString());
    for (const char *region : {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                               "ap-northeast-1", "ap-northeast-2", "ap-south-1"})
        m_regionBox->addItem(QLatin1String(region), QLatin1String(region));
    connect(m_regionBox, &QComboBox::activated, this, [this] {
        const int current = m_connectionBox->currentIndex();
        if (current >= 0 && m_choices[current].kind != ConnectionChoice::Kind::Local)
            openConnection(current);
    });
    toolbar->addWidget(m_regionBox);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);
    toolbar->addAction(m_liveAction);

    // Navigator: resource kinds over the live stage tree.
    auto *navigator = new QSplitter(Qt::Vertical, this);
    navigator->setObjectName(QStringLiteral("navigator"));
    m_categories = new QListWidget(navigator);
    m_categories->setObjectName(QStringLiteral("kinds"));
    for (models::Kind kind : models::navigatorKinds()) {
        auto *item = new QListWidgetItem(models::resourceKind(kind).plural, m_categories);
        item->setData(Qt::UserRole, int(kind));
    }
    m_categories->setMaximumHeight(150);
    connect(m_categories, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && m_connection)
            showKind(models::Kind(m_categories->item(row)->data(Qt::UserRole).toInt()));
    });
    m_tree = new QTreeView(navigator);
    m_tree->setObjectName(QStringLiteral("stageTree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    navigator->addWidget(m_categories);
    navigator->addWidget(m_tree);
    navigator->setStretchFactor(1, 1);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_detail = new DetailPane(this);
    m_detail->addAction(m_copyAction);
    connect(m_detail, &DetailPane::written, this, &MainWindow::afterWrite);
    connect(m_detail, &DetailPane::duplicateRequested, this,
            [this](const QString &operation, const QJsonObject &prefill) {
                openOperation(operation, prefill);
            });

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("mainSplit"));
    main->addWidget(navigator);
    main->addWidget(m_pages);
    main->addWidget(m_detail);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setStretchFactor(2, 2);
    main->setSizes({280, 720, 400});
    setCentralWidget(main);

    // Request log dock.
    auto *dock = new QDockWidget(tr("Request log"), this);
    dock->setObjectName(QStringLiteral("requestLog"));
    m_logView = makeTableView(dock);
    m_logView->setSortingEnabled(false);
    dock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {160}, Qt::Vertical);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_alertsDock = new AlertsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_alertsDock);
    m_viewMenu->addAction(m_alertsDock->toggleViewAction());
    connect(m_alertsDock, &AlertsDock::jumpRequested, this,
            [this](const QString &stage, const QString &session, const QString &participant) {
                showSession(stage, session, participant);
            });

    // Status bar: connection, requests in flight, the last error (no modal storms).
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_inFlightLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("statusError"));
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c01c28"));
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_inFlightLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);

    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(5000);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_liveAction->isChecked() && m_connection)
            refresh();
    });
    m_liveTimer->start();
}

void MainWindow::openConnection(int choiceIndex)
{
    if (choiceIndex < 0 || choiceIndex >= m_choices.size() || !m_factory)
        return;
    if (!m_detail->confirmLeave())
        return;
    QString error;
    ConnectionChoice choice = m_choices[choiceIndex];
    const QString region = m_regionBox->currentData().toString();
    if (!region.isEmpty() && choice.kind != ConnectionChoice::Kind::Local)
        choice.region = region;
    Connection *next = m_factory(choice, &error);
    if (!next) {
        showError(m_choices[choiceIndex].label, error);
        return;
    }
    m_connectionBox->setCurrentIndex(choiceIndex);
    // Tear down the views of the old connection before it goes.
    setPage(nullptr);
    m_tree->setModel(nullptr);
    m_logView->setModel(nullptr);
    delete std::exchange(m_treeModel, nullptr);
    delete std::exchange(m_logModel, nullptr);
    if (m_connection)
        m_connection->deleteLater();
    next->setParent(this);
    m_connection = next;
    m_detail->setConnection(next);
    m_errorLabel->clear();
    m_connectionLabel->setText(
        tr("%1 — %2 (%3)").arg(next->description(), next->endpoint().toString(), next->region()));

    connect(next->transport(), &aws::AwsClient::inFlightChanged, this, [this](int n) {
        m_inFlightLabel->setText(n ? tr("%n request(s) in flight", nullptr, n) : QString());
    });
    // The connection's models are the connection's: they go with it.
    m_logModel = new models::RequestLogModel(next->log(), next);
    m_logView->setModel(m_logModel);
    m_alertsDock->setEngine(next->alerts());
    connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logView, &QTableView::scrollToBottom);
    m_treeModel = new models::StageTreeModel(next->client(), next);
    m_tree->setModel(m_treeModel);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(m_treeModel, &models::StageTreeModel::errorOccurred, this,
            [this](const QString &message) { showError(tr("Stage tree"), message); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onTreeSelection(current); });

    m_categories->setCurrentRow(-1);
    m_categories->setCurrentRow(0);
}

QWidget *MainWindow::currentPage() const
{
    return m_pages ? m_pages->currentWidget() : nullptr;
}

ListPage *MainWindow::listPage() const
{
    QWidget *page = currentPage();
    if (auto *list = qobject_cast<ListPage *>(page))
        return list;
    if (auto *session = qobject_cast<SessionPage *>(page))
        return session->participants();
    return nullptr;
}

SessionPage *MainWindow::sessionPage() const
{
    return qobject_cast<SessionPage *>(currentPage());
}

QTableView *MainWindow::table() const
{
    return listPage() ? listPage()->table() : nullptr;
}

models::ResourceListModel *MainWindow::listModel() const
{
    return listPage() ? listPage()->model() : nullptr;
}

QTableView *MainWindow::events() const
{
    SessionPage *session = sessionPage();
    return session && session->participant() ? session->participant()->table() : nullptr;
}

models::ResourceListModel *MainWindow::eventsModel() const
{
    SessionPage *session = sessionPage();
    return session && session->participant() ? session->participant()->model() : nullptr;
}

QLabel *MainWindow::eventHelp() const
{
    SessionPage *session = sessionPage();
    return session && session->participant() ? session->participant()->help() : nullptr;
}

bool MainWindow::setPage(QWidget *page)
{
    QWidget *old = currentPage();
    if (old)
        m_pages->removeWidget(old);
    if (page) {
        m_pages->addWidget(page);
        m_pages->setCurrentWidget(page);
    }
    delete old;
    return true;
}

void MainWindow::connectListPage(ListPage *page)
{
    page->table()->addAction(m_copyAction);
    connect(page, &ListPage::actionRequested, this,
            [this, page](const QString &action, const QJsonObject &row) {
                onRowAction(page, action, row);
            });
    connect(page, &ListPage::currentChanged, this,
            [this, page](const QJsonObject &row, const QString &key) {
                if (m_detail->identity() == key)
                    return;
                if (!m_detail->confirmLeave()) {
                    page->selectKey(m_detail->identity()); // stay where the edits are
                    return;
                }
                m_detail->showResource(page->kind(), page->scope(), key, row);
            });
    connect(page, &ListPage::activated, this,
            [this, page](const QJsonObject &row, const QString &key) {
                switch (page->kind().kind) {
                case models::Kind::Stage:
                    showStage(key, page->kind().displayName(row));
                    break;
                case models::Kind::Session:
                    showSession(page->scope().stageArn, key);
                    break;
                default:
                    // Resources with editable fields: Enter goes to the pane's first field.
                    if (page->kind().update)
                        m_detail->setFocus(Qt::TabFocusReason);
                    break;
                }
            });
}

bool MainWindow::showKind(models::Kind kind)
{
    if (!m_connection || !m_detail->confirmLeave())
        return false;
    const models::ResourceKind &k = models::resourceKind(kind);
    auto *page = new ListPage(m_connection, k, {}, m_pages);
    connectListPage(page);
    setPage(page);
    m_detail->clear();
    for (int row = 0; row < m_categories->count(); ++row) {
        if (m_categories->item(row)->data(Qt::UserRole).toInt() == int(kind)) {
            const QSignalBlocker blocker(m_categories);
            m_categories->setCurrentRow(row);
        }
    }
    return true;
}

bool MainWindow::showStage(const QString &stageArn, const QString &title)
{
    if (!m_connection || !m_detail->confirmLeave())
        return false;
    const models::Scope scope{stageArn, {}, {}};
    auto *page =
        new ListPage(m_connection, models::resourceKind(models::Kind::Session), scope, m_pages);
    page->setTitle(tr("Sessions of %1").arg(title.isEmpty() ? stageArn : title));
    page->addBar(new StageMetrics(m_connection, stageArn, page));
    connectListPage(page);
    setPage(page);
    {
        const QSignalBlocker blocker(m_categories);
        m_categories->setCurrentRow(-1);
    }
    m_detail->showResource(models::resourceKind(models::Kind::Stage), scope, stageArn);
    return true;
}

bool MainWindow::showSession(const QString &stageArn, const QString &sessionId,
                             const QString &participantId)
{
    if (!m_connection)
        return false;
    if (auto *current = sessionPage(); current && current->scope().stageArn == stageArn &&
                                       current->scope().sessionId == sessionId) {
        if (!participantId.isEmpty() && m_detail->confirmLeave())
            current->showParticipant(participantId);
        return true;
    }
    if (!m_detail->confirmLeave())
        return false;
    const models::Scope scope{stageArn, sessionId, {}};
    auto *page = new SessionPage(m_connection, scope, m_pages);
    connectListPage(page->participants());
    connect(page, &SessionPage::participantShown, this,
            [this, page](const QJsonObject &row, const QString &id) {
                if (m_detail->identity() != id)
                    m_detail->showResource(models::resourceKind(models::Kind::Participant),
                                           page->scope(), id, row);
            });
    setPage(page);
    {
        const QSignalBlocker blocker(m_categories);
        m_categories->setCurrentRow(-1);
    }
    m_detail->showResource(models::resourceKind(models::Kind::Session), scope, sessionId);
    if (!participantId.isEmpty())
        page->showParticipant(participantId);
    return true;
}

void MainWindow::onTreeSelection(const QModelIndex &index)
{
    if (!index.isValid() || !m_treeModel)
        return;
    const QString stageArn = m_treeModel->stageArn(index);
    switch (m_treeModel->nodeType(index)) {
    case models::StageTreeModel::NodeType::Stage:
        showStage(stageArn, index.data().toString());
        break;
    case models::StageTreeModel::NodeType::Session:
        showSession(stageArn, m_treeModel->sessionId(index));
        break;
    case models::StageTreeModel::NodeType::Participant:
        showSession(stageArn, m_treeModel->sessionId(index),
                    m_treeModel->json(index).value(QLatin1String("participantId")).toString());
        break;
    }
}

void MainWindow::refresh()
{
    if (!m_connection)
        return;
    if (m_treeModel)
        m_treeModel->refresh();
    if (auto *session = sessionPage())
        session->refresh();
    else if (ListPage *page = listPage())
        page->refresh();
}

void MainWindow::afterWrite(const QString &kindId, const QString &key)
{
    refresh();
    // The pane shows the resource as the service has it now (or says it is gone).
    if (!key.isEmpty() && m_detail->identity() == key)
        m_detail->reload();
    Q_UNUSED(kindId)
}

void MainWindow::showError(const QString &where, const QString &message)
{
    m_errorLabel->setText(QStringLiteral("%1: %2").arg(where, message));
    m_errorLabel->setToolTip(message);
}

void MainWindow::copySelection()
{
    QString text = m_detail->identity();
    if (ListPage *page = listPage();
        page && page->table()->hasFocus() && !page->selectedKey().isEmpty())
        text = page->selectedKey();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_detail->confirmLeave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace gr::ui
