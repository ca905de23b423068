#include "ui/mainwindow.h"

#include "aws/awsclient.h"
#include "models/expectedoutcomes.h"
#include "models/format.h"
#include "models/livemonitor.h"
#include "models/requestlogmodel.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/sessionerrors.h"
#include "models/stagetreemodel.h"
#include "ui/alertrulesdialog.h"
#include "ui/alertsdock.h"
#include "ui/connectionidentity.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/namedidproxy.h"
#include "ui/operationdialog.h"
#include "ui/participantpage.h"
#include "ui/preferencesdialog.h"
#include "ui/sessionpage.h"
#include "ui/stagemetrics.h"
#include "ui/stagetreedelegate.h"
#include "ui/stagetreeselection.h"
#include "ui/theme.h"

#include <memory>
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

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
    m_mainSplit->restoreState(settings.value(QStringLiteral("window/mainSplit")).toByteArray());
    m_navSplit->restoreState(settings.value(QStringLiteral("window/navigatorSplit")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 860);
}

MainWindow::~MainWindow()
{
    // Children cancel their calls as they go, after this destructor: the in-flight count they
    // change must no longer reach this half-destroyed window (UBSan, tst_ui_finish).
    if (m_connection)
        disconnect(m_connection->transport(), nullptr, this, nullptr);
    // Pages and the pane hold models and calls of the connection: they go first.
    delete std::exchange(m_pages, nullptr);
}

namespace
{

IconId kindIcon(models::Kind kind)
{
    switch (kind) {
    case models::Kind::Stage:
        return IconId::Stage;
    case models::Kind::Session:
        return IconId::Session;
    case models::Kind::Participant:
        return IconId::Participant;
    case models::Kind::Event:
        return IconId::Event;
    case models::Kind::Composition:
        return IconId::Composition;
    case models::Kind::EncoderConfiguration:
        return IconId::EncoderConfiguration;
    case models::Kind::StorageConfiguration:
        return IconId::StorageConfiguration;
    case models::Kind::PublicKey:
        return IconId::PublicKey;
    case models::Kind::IngestConfiguration:
        return IconId::IngestConfiguration;
    }
    return IconId::Stage;
}

// An operation's icon: creating, updating, deleting, else the kind it acts on.
QIcon operationIcon(const QString &operation, const models::ResourceKind *kind)
{
    if (operation.startsWith(QLatin1String("Create")) ||
        operation.startsWith(QLatin1String("Import")))
        return icon(IconId::New);
    if (operation.startsWith(QLatin1String("Update")))
        return icon(IconId::Edit);
    if (operation.startsWith(QLatin1String("Start")))
        return icon(IconId::Live);
    if (operation.startsWith(QLatin1String("Stop")) || operation.startsWith(QLatin1String("Untag")))
        return icon(IconId::Delete);
    return kind ? icon(kindIcon(kind->kind)) : icon(IconId::Stage);
}

// The stage tree's first column: the node's kind, a participant by its state.
// The stage tree's two columns: names keep a readable width (their widest shown, up to 60% of
// the view, more when the status needs less), the Status column (its error badges) the rest,
// elided rather than cut by the scroll bar. Refitted as rows, texts and the view's width change.
class TreeColumnFitter : public QObject
{
public:
    explicit TreeColumnFitter(QTreeView *tree) : QObject(tree), m_tree(tree)
    {
        setObjectName(QStringLiteral("treeColumnFitter"));
        tree->header()->setStretchLastSection(true);
        tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
        tree->viewport()->installEventFilter(this);
    }
    void watch(QAbstractItemModel *model)
    {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &TreeColumnFitter::fitLater);
        connect(model, &QAbstractItemModel::dataChanged, this, &TreeColumnFitter::fitLater);
        connect(model, &QAbstractItemModel::layoutChanged, this, &TreeColumnFitter::fitLater);
        connect(m_tree, &QTreeView::expanded, this, &TreeColumnFitter::fitLater);
        fitLater();
    }
    void fit()
    {
        m_pending = false;
        if (!m_tree->model() || m_tree->header()->count() < 2)
            return;
        const int area = m_tree->viewport()->width();
        // Stage names whole, up to 60% of the view, or all the status leaves if more; the status
        // (public on QAbstractItemView, QTreeView's override is protected) has the rest.
        QAbstractItemModel *model = m_tree->model();
        const int icon = m_tree->iconSize().isValid()
                             ? m_tree->iconSize().width()
                             : m_tree->style()->pixelMetric(QStyle::PM_SmallIconSize);
        int names = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            names = std::max(names, m_tree->fontMetrics().horizontalAdvance(
                                        model->index(row, 0).data().toString()));
        names += m_tree->indentation() + icon + 16; // the branch, the icon and the margins
        const QAbstractItemView *view = m_tree;
        const int status = view->sizeHintForColumn(1);
        const int width = std::max(std::min(names, area * 3 / 5),
                                   area - std::max(status, m_tree->header()->minimumSectionSize()));
        if (width > 0 && m_tree->header()->sectionSize(0) != width)
            m_tree->header()->resizeSection(0, width);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            fitLater();
        return QObject::eventFilter(watched, event);
    }

private:
    void fitLater()
    {
        if (m_pending)
            return;
        m_pending = true;
        QTimer::singleShot(0, this, &TreeColumnFitter::fit);
    }
    QTreeView *m_tree;
    bool m_pending = false;
};

} // namespace

QAction *MainWindow::makeAction(const QString &name, IconId iconId, const QString &text,
                                const QKeySequence &shortcut, const QString &help)
{
    auto *action = new QAction(icon(iconId), text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    QString tip = help.isEmpty() ? QString(text).remove(QLatin1Char('&')) : help;
    if (!shortcut.isEmpty())
        tip += QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText));
    action->setToolTip(tip);
    m_actions.insert(name, action);
    return action;
}

void MainWindow::buildMenus()
{
    // The actions of the toolbar, also in the menus (with their shortcuts shown).
    QAction *newAction = makeAction(QStringLiteral("new"), IconId::New, tr("&New…"),
                                    QKeySequence::New, tr("New resource of the page's kind"));
    connect(newAction, &QAction::triggered, this, [this] {
        ListPage *page = listPage();
        const bool creatable = page && page->kind().create;
        openOperation(creatable ? QLatin1String(ivs::operationInfo(*page->kind().create).name)
                                : QStringLiteral("CreateStage"));
    });
    QAction *editAction =
        makeAction(QStringLiteral("edit"), IconId::Edit, tr("&Edit selected"),
                   QKeySequence(Qt::CTRL | Qt::Key_E), tr("Edit the selected resource's fields"));
    connect(editAction, &QAction::triggered, this, [this] {
        if (!m_detail->startEditing())
            statusBar()->showMessage(
                m_detail->identity().isEmpty()
                    ? tr("Select a row first: its fields open for editing on the right")
                    : tr("Nothing of this resource can be edited here"),
                5000);
    });
    // Delete and the page filter act where the focus is (the page's table, its filter box):
    // the pages own those keys, so here the shortcut is shown but scoped to the action itself.
    QAction *deleteAction =
        makeAction(QStringLiteral("delete"), IconId::Delete, tr("&Delete…"), QKeySequence::Delete,
                   tr("Delete, stop or disconnect the selected resource"));
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &MainWindow::removeSelected);
    QAction *filterAction = makeAction(QStringLiteral("filter"), IconId::Find, tr("F&ilter rows"),
                                       QKeySequence::Find, tr("Filter the page's list"));
    filterAction->setShortcutContext(Qt::WidgetShortcut);
    connect(filterAction, &QAction::triggered, this, [this] {
        if (ListPage *page = listPage()) {
            page->filterBox()->setFocus(Qt::ShortcutFocusReason);
            page->filterBox()->selectAll();
        }
    });
    // The toolbar's Find is the window's Find (Ctrl+K), the one a new user reaches for.
    QAction *findAction =
        makeAction(QStringLiteral("find"), IconId::Find, tr("&Find…"),
                   QKeySequence(Qt::CTRL | Qt::Key_K), tr("Find a stage, session or participant"));
    connect(findAction, &QAction::triggered, this, [this] { openFind(); });
    m_refreshAction = makeAction(QStringLiteral("refresh"), IconId::Refresh, tr("&Refresh"),
                                 QKeySequence::Refresh, tr("Fetch the open lists again"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    m_liveAction = makeAction(
        QStringLiteral("live"), IconId::Live, tr("&Live updates"), QKeySequence(Qt::Key_F9),
        tr("Refresh the open lists every 5 seconds, within the service's rate limits"));
    m_liveAction->setCheckable(true);
    m_liveAction->setChecked(QSettings().value(QStringLiteral("window/live"), true).toBool());
    QAction *connectAction = makeAction(QStringLiteral("connect"), IconId::Connect, tr("&Connect…"),
                                        QKeySequence::Open, tr("Connect to an AWS profile"));
    connect(connectAction, &QAction::triggered, this, &MainWindow::askToConnect);
    QAction *identityAction =
        makeAction(QStringLiteral("connectionSettings"), IconId::Edit, tr("Connection &settings…"),
                   {}, tr("This connection's colour, label and production flag"));
    connect(identityAction, &QAction::triggered, this, &MainWindow::editConnectionIdentity);
    QAction *preferencesAction =
        makeAction(QStringLiteral("preferences"), IconId::Edit, tr("&Preferences…"),
                   QKeySequence(Qt::CTRL | Qt::Key_Comma), tr("Colour scheme and other choices"));
    preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(preferencesAction, &QAction::triggered, this, [this] {
        PreferencesDialog dialog(this);
        dialog.exec();
    });

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(connectAction);
    fileMenu->addAction(identityAction);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("Add &access keys…"), this, &MainWindow::askForKeys);
    fileMenu->addAction(tr("Connect to a custom &endpoint…"), this, &MainWindow::askForEndpoint);
    fileMenu->addSeparator();
    fileMenu->addAction(newAction);
    fileMenu->addAction(tr("E&xport session…"), this, &MainWindow::askExportSession);
    fileMenu->addSeparator();
    m_resetLocalAction =
        fileMenu->addAction(tr("&Reset local service…"), this, &MainWindow::resetLocalService);
    m_resetLocalAction->setVisible(false);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    auto *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(newAction);
    editMenu->addAction(editAction);
    editMenu->addAction(deleteAction);
    editMenu->addSeparator();
    editMenu->addAction(filterAction);
    editMenu->addSeparator();
    editMenu->addAction(preferencesAction);

    buildNavigation(); // mainwindow_navigation.cpp
    auto *viewMenu = m_viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_backAction);
    viewMenu->addAction(m_forwardAction);
    viewMenu->addSeparator();
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_liveAction);
    viewMenu->addAction(findAction);
    m_actions.insert(QStringLiteral("liveWall"),
                     viewMenu->addAction(icon(IconId::Live), tr("Live &wall"),
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), this,
                                         [this] { showLiveWall(); }));
    viewMenu->addSeparator();
    int number = 0;
    for (models::Kind kind : models::navigatorKinds()) {
        const models::ResourceKind &k = models::resourceKind(kind);
        QAction *show = viewMenu->addAction(icon(kindIcon(kind)), k.plural, this,
                                            [this, kind] { showKind(kind); });
        // Alt+1… for the kinds (Ctrl+1/2/3 move the focus between the window's areas).
        if (++number <= 9)
            show->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + number)));
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
        adminMenu->addAction(operationIcon(operation, kind),
                             OperationDialog::title(operation) + QStringLiteral("…"), this,
                             [this, operation] { openOperation(operation); });
    }

    auto *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->addAction(tr("Check a &token…"), this, [this] { openTokenCheck(); });
    toolsMenu->addAction(tr("&Alert rules…"), this,
                         [this] { AlertRulesDialog::edit(m_connection, this); });

    // Help: the start page again (it explains the demo and how to connect), the keys.
    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *gettingStarted =
        helpMenu->addAction(tr("&Getting started"), this, [this] { showWelcome(); });
    gettingStarted->setObjectName(QStringLiteral("gettingStarted"));
    gettingStarted->setShortcut(QKeySequence::HelpContents);
    helpMenu->addAction(tr("&Keyboard shortcuts"), this, [this] { showShortcuts(); });

    m_copyAction = new QAction(icon(IconId::Copy), tr("Copy ARN/ID"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyAction->setToolTip(tr("Copy the selected resource's ARN or id (%1)")
                                 .arg(m_copyAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);
}

void MainWindow::buildToolBar()
{
    auto *toolbar = m_toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const char *name : {"back", "forward"})
        toolbar->addAction(m_actions.value(QLatin1String(name)));
    toolbar->addSeparator();
    for (const char *name : {"new", "edit", "delete"})
        toolbar->addAction(m_actions.value(QLatin1String(name)));
    toolbar->addSeparator();
    for (const char *name : {"refresh", "live", "find"})
        toolbar->addAction(m_actions.value(QLatin1String(name)));
    toolbar->addSeparator();
    auto *connectionLabel = new QLabel(tr(" &Connection: "), toolbar);
    toolbar->addWidget(connectionLabel);
    m_connectionBox = new QComboBox(toolbar);
    m_connectionBox->setObjectName(QStringLiteral("connectionBox"));
    m_connectionBox->setAccessibleName(tr("Connection"));
    connectionLabel->setBuddy(m_connectionBox);
    m_connectionBox->setMinimumWidth(260);
    for (const ConnectionChoice &c : std::as_const(m_choices))
        m_connectionBox->addItem(c.label);
    connect(m_connectionBox, &QComboBox::activated, this, &MainWindow::openConnection);
    toolbar->addWidget(m_connectionBox);
    // The region of AWS connections; the local service has its own.
    m_regionBox = new QComboBox(toolbar);
    m_regionBox->setObjectName(QStringLiteral("regionBox"));
    m_regionBox->setAccessibleName(tr("Region"));
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
    m_regionAction = toolbar->addWidget(m_regionBox);
    // Tool buttons are named by their action's text; say so for screen readers explicitly.
    for (QAction *action : toolbar->actions()) {
        if (QWidget *button = toolbar->widgetForAction(action);
            button && button->accessibleName().isEmpty() && !action->text().isEmpty())
            button->setAccessibleName(QString(action->text()).remove(QLatin1Char('&')));
    }
}

int MainWindow::defaultTreeWidth() const
{
    const QFontMetrics metrics = m_tree->fontMetrics();
    const int icon = 16;
    const int names = 3 * m_tree->indentation() + icon + 16 +
                      metrics.horizontalAdvance(QStringLiteral("alice (lq28zQI2OvLZ)"));
    const int badge = 40;
    const int status =
        metrics.horizontalAdvance(tr("since %1").arg(QStringLiteral("12:35:20")) +
                                  QStringLiteral(" · ") + tr("%1 pub · %2 sub").arg(2).arg(5)) +
        badge + 16;
    return names + status + m_tree->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
           2 * m_tree->frameWidth();
}

void MainWindow::buildUi()
{
    buildMenus();
    buildToolBar();

    // Navigator: resource kinds over the live stage tree.
    auto *navigator = m_navSplit = new QSplitter(Qt::Vertical, this);
    navigator->setObjectName(QStringLiteral("navigator"));
    m_categories = new QListWidget(navigator);
    m_categories->setObjectName(QStringLiteral("kinds"));
    m_categories->setAccessibleName(tr("Resource kinds"));
    m_categories->setIconSize(QSize(16, 16));
    for (models::Kind kind : models::navigatorKinds()) {
        auto *item = new QListWidgetItem(icon(kindIcon(kind)), models::resourceKind(kind).plural,
                                         m_categories);
        item->setToolTip(models::resourceKind(kind).purpose);
        item->setData(Qt::UserRole, int(kind));
    }
    m_categories->setMaximumHeight(170);
    connect(m_categories, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && m_connection)
            showKind(models::Kind(m_categories->item(row)->data(Qt::UserRole).toInt()));
    });
    m_tree = new QTreeView(navigator);
    m_tree->setObjectName(QStringLiteral("stageTree"));
    m_tree->setAccessibleName(tr("Stages, sessions and participants"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
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

    auto *main = m_mainSplit = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("mainSplit"));
    main->addWidget(navigator);
    main->addWidget(m_pages);
    main->addWidget(m_detail);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setStretchFactor(2, 2);
    // A first run's shares (a saved state, restored after, wins): the tree wide enough for a
    // participant by name and id beside a live session's status and its badge.
    const int treeWidth = defaultTreeWidth();
    main->setSizes({treeWidth, std::max(600, 1060 - treeWidth), 340});
    setCentralWidget(main);

    // Request log dock.
    auto *dock = new QDockWidget(tr("Request log"), this);
    dock->setObjectName(QStringLiteral("requestLog"));
    auto *logPanel = new QWidget(dock);
    auto *logLayout = new QVBoxLayout(logPanel);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->setSpacing(2);
    // Live updates poll every few seconds: one tick hides the routine reads, remembered.
    m_logWritesOnly = new QCheckBox(tr("Only &writes and failures"), logPanel);
    m_logWritesOnly->setObjectName(QStringLiteral("logWritesOnly"));
    m_logWritesOnly->setToolTip(tr("Hide the successful reads (List…, Get…) that browsing and "
                                   "live updates make all the time"));
    m_logWritesOnly->setChecked(
        QSettings().value(QStringLiteral("window/logWritesOnly"), false).toBool());
    connect(m_logWritesOnly, &QCheckBox::toggled, this, [this](bool only) {
        QSettings().setValue(QStringLiteral("window/logWritesOnly"), only);
        if (m_logFilter)
            m_logFilter->setWritesAndFailuresOnly(only);
    });
    logLayout->addWidget(m_logWritesOnly);
    m_logView = makeTableView(logPanel);
    m_logView->setAccessibleName(tr("Request log"));
    m_logView->setSortingEnabled(false);
    // Double-click (or Enter): the call in full, selectable, to quote in a support case.
    connect(m_logView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (!m_logModel || !m_logFilter)
            return;
        const QModelIndex source = m_logFilter->mapToSource(index);
        QMessageBox box(QMessageBox::NoIcon, tr("Request"), m_logModel->detailsText(source.row()),
                        QMessageBox::Close, this);
        box.setObjectName(QStringLiteral("requestDetails"));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        box.exec();
    });
    logLayout->addWidget(m_logView, 1);
    dock->setWidget(logPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_alertsDock = new AlertsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_alertsDock);
    // A first run shows about eight alerts; a saved window state (restored after) still wins.
    resizeDocks({dock, m_alertsDock}, {160, m_alertsDock->heightForRows(8)}, Qt::Vertical);
    m_viewMenu->addAction(m_alertsDock->toggleViewAction());
    connect(m_alertsDock, &AlertsDock::rulesRequested, this,
            [this] { AlertRulesDialog::edit(m_connection, this); });
    connect(m_alertsDock, &AlertsDock::jumpRequested, this,
            [this](const QString &stage, const QString &session, const QString &participant,
                   const QString &connection, const QString &metric, qint64 eventMs) {
                // Another connection's alert (one the live wall watches) switches to it first.
                if (!connection.isEmpty() && !switchConnection(connection))
                    return;
                // A stage-wide alert (publishers >= N, a composition) opens the stage.
                if (session.isEmpty()) {
                    showStage(stage);
                    return;
                }
                if (!showSession(stage, session, participant))
                    return;
                if (metric.isEmpty()) {
                    // An event alert selects its event in the participant's Events list.
                    if (SessionPage *page = sessionPage(); page && page->participant())
                        page->participant()->selectEventAt(eventMs);
                    return;
                }
                // A metric alert (packet loss, bitrate) is read on the participant's charts.
                showChartsOf(participant);
            });

    // Status bar: connection, requests in flight, the last error (no modal storms).
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_inFlightLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("statusError"));
    // The failure colour of the palette in force (lighter on dark).
    auto errorColour = [this] {
        m_errorLabel->setStyleSheet(
            QStringLiteral("color: %1").arg(models::stateColor(QStringLiteral("FAILED")).name()));
    };
    errorColour();
    connect(Theme::instance(), &Theme::changed, m_errorLabel, errorColour);
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_inFlightLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_badge = new ConnectionBadge(this);
    m_badge->setObjectName(QStringLiteral("connectionBadge"));
    statusBar()->addPermanentWidget(m_badge);
    buildFocusKeys();

    connect(m_liveAction, &QAction::toggled, this,
            [this](bool on) { m_connection ? m_connection->setLiveUpdates(on) : void(); });
}

void MainWindow::openConnection(int choiceIndex)
{
    if (choiceIndex < 0 || choiceIndex >= m_choices.size() || !m_factory)
        return;
    if (!m_detail->confirmLeave())
        return;
    ConnectionChoice choice = m_choices[choiceIndex];
    const QString region = m_regionBox->currentData().toString();
    if (!region.isEmpty() && choice.kind != ConnectionChoice::Kind::Local)
        choice.region = region;
    const aws::Expected<Connection *> made = m_factory(choice);
    if (!made) {
        showError(m_choices[choiceIndex].label, made.message());
        return;
    }
    Connection *next = *made;
    m_connectionBox->setCurrentIndex(choiceIndex);
    m_choiceIndex = choiceIndex;
    // The region chooser is for AWS connections: the local service has its own region.
    m_regionAction->setVisible(choice.kind != ConnectionChoice::Kind::Local);
    // Tear down the views of the old connection before it goes; its places go too.
    setPage(nullptr);
    m_treeTargetPending = false;
    m_history.clear();
    updateHistoryActions();
    m_tree->setModel(nullptr);
    m_logView->setModel(nullptr);
    delete std::exchange(m_treeModel, nullptr);
    m_logFilter = nullptr; // a child of the log model
    delete std::exchange(m_logModel, nullptr);
    if (m_connection)
        m_connection->deleteLater();
    next->setParent(this);
    m_connection = next;
    next->setLiveUpdates(m_liveAction->isChecked());
    m_detail->setConnection(next);
    m_errorLabel->clear();
    m_connectionLabel->setText(
        tr("%1 — %2 (%3)").arg(next->description(), next->endpoint().toString(), next->region()));

    connect(next->transport(), &aws::AwsClient::inFlightChanged, this, [this](int n) {
        m_inFlightLabel->setText(n ? tr("%n request(s) in flight", nullptr, n) : QString());
    });
    // The connection's models are the connection's: they go with it.
    m_logModel = new models::RequestLogModel(next->log(), next);
    m_logModel->setExpectedOutcomes(models::ExpectedOutcomes::of(next->transport()));
    m_logFilter = new models::RequestLogFilter(m_logModel);
    m_logFilter->setSourceModel(m_logModel);
    m_logFilter->setWritesAndFailuresOnly(m_logWritesOnly->isChecked());
    m_logView->setModel(m_logFilter);
    next->alerts()->setStageNames([this](const QString &arn) { return stageName(arn); });
    m_alertsDock->setEngine(next->alerts(), connectionName());
    connect(m_logFilter, &QAbstractItemModel::rowsInserted, m_logView, &QTableView::scrollToBottom);
    m_treeModel = new models::StageTreeModel(next->client(), next);
    // A session whose events a page loaded gives its error count to the tree's badge (ended
    // sessions: the live one's comes from the monitor).
    connect(models::SessionErrorIndex::of(next->client()), &models::SessionErrorIndex::changed,
            m_treeModel, [tree = m_treeModel](const QString &, const QString &session, int errors) {
                tree->setKnownSessionErrors(session, errors);
            });
    // Only what the user does in the tree navigates: a refresh that removes the current node
    // (a stage just deleted) moves the current index without the user, and must not. Connected
    // before the view's selection model, so the flag is up when it reacts.
    auto removing = std::make_shared<bool>(false);
    connect(m_treeModel, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [removing] { *removing = true; });
    connect(m_treeModel, &QAbstractItemModel::rowsRemoved, this, [removing] { *removing = false; });
    m_tree->setModel(m_treeModel);
    keepSelectionWithCurrent(m_tree); // the highlight stays on the page's node
    // A stage renamed (in the detail pane, or elsewhere) is renamed in its page's title too.
    connect(m_treeModel, &QAbstractItemModel::dataChanged, this, [this] {
        ListPage *page = listPage();
        if (!page || page->kind().kind != models::Kind::Session || page->scope().stageArn.isEmpty())
            return;
        const QString name = stageName(page->scope().stageArn);
        if (!name.isEmpty())
            page->setTitle(tr("Sessions of %1").arg(name));
    });
    // A level listed may hold the node of the page shown: the tree follows it there.
    connect(m_treeModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_treeTargetPending)
            QTimer::singleShot(0, this, &MainWindow::revealTreeTarget);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, removing](const QModelIndex &current) {
                if (!*removing && !m_followingTree)
                    onTreeSelection(current);
            });
    delete m_tree->itemDelegateForColumn(0);
    m_tree->setItemDelegateForColumn(0, new StageTreeDelegate(m_treeModel, m_tree));
    connect(m_treeModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::restoreExpanded);
    // Names keep a readable width, the status ("live · 3 pub · 5 sub", the error badge) the
    // rest (TreeColumnFitter).
    m_tree->header()->setMinimumSectionSize(60);
    // One fitter per tree, found by name (it has no meta-object of its own for findChild).
    delete m_tree->findChild<QObject *>(QStringLiteral("treeColumnFitter"),
                                        Qt::FindDirectChildrenOnly);
    (new TreeColumnFitter(m_tree))->watch(m_treeModel);
    connect(m_treeModel, &models::StageTreeModel::errorOccurred, this,
            [this](const QString &message) { showError(tr("Stage tree"), message); });
    wireLiveMonitor(next);

    updateIdentity();
    if (restoreLastPage())
        return;
    m_categories->setCurrentRow(-1);
    m_categories->setCurrentRow(0);
}

void MainWindow::setLocalServiceReset(std::function<aws::Expected<void>()> reset)
{
    m_resetLocal = std::move(reset);
    m_resetLocalAction->setVisible(bool(m_resetLocal));
}

void MainWindow::resetLocalService()
{
    if (!m_resetLocal)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Reset local service"),
                    tr("Delete every stage, configuration, key and session the local service "
                       "holds, and start it again with only the demo data?\n\nThis cannot be "
                       "undone. AWS connections are not touched."),
                    QMessageBox::Cancel, this);
    QAbstractButton *reset = box.addButton(tr("Reset"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != reset || !m_detail->confirmLeave())
        return;
    const int current = m_connectionBox->currentIndex();
    const bool localOpen = current >= 0 && current < m_choices.size() &&
                           m_choices[current].kind == ConnectionChoice::Kind::Local;
    if (localOpen) { // its views go before the service they read
        setPage(nullptr);
        m_detail->setConnection(nullptr);
    }
    if (const aws::Expected<void> done = m_resetLocal(); !done) {
        showError(tr("Reset local service"), done.message());
        return;
    }
    statusBar()->showMessage(tr("The local service was reset"), 5000);
    if (localOpen)
        openConnection(current);
}

void MainWindow::buildFocusKeys()
{
    // Ctrl+1/2/3: the navigator, the page, the detail pane; F6 and Shift+F6 go round them.
    const QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::Key_1),
                                   QKeySequence(Qt::CTRL | Qt::Key_2),
                                   QKeySequence(Qt::CTRL | Qt::Key_3)};
    const QStringList names{tr("Focus the navigator"), tr("Focus the page"),
                            tr("Focus the detail pane")};
    for (int area = 0; area < 3; ++area) {
        auto *action = new QAction(names[area], this);
        action->setObjectName(QStringLiteral("focusArea%1").arg(area + 1));
        action->setShortcut(keys[area]);
        connect(action, &QAction::triggered, this, [this, area] { focusArea(area); });
        m_viewMenu->addAction(action);
    }
    auto area = [this] {
        QWidget *focus = QApplication::focusWidget();
        if (focus && m_pages->isAncestorOf(focus))
            return 1;
        if (focus && (focus == m_detail || m_detail->isAncestorOf(focus)))
            return 2;
        return focus && m_navSplit->isAncestorOf(focus) ? 0 : -1;
    };
    auto *next = new QAction(tr("Next area"), this);
    next->setShortcut(QKeySequence(Qt::Key_F6));
    connect(next, &QAction::triggered, this, [this, area] { focusArea((area() + 1) % 3); });
    auto *previous = new QAction(tr("Previous area"), this);
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    connect(previous, &QAction::triggered, this, [this, area] { focusArea((area() + 2) % 3); });
    m_viewMenu->addAction(next);
    m_viewMenu->addAction(previous);
    m_viewMenu->addSeparator();
}

void MainWindow::focusArea(int area)
{
    switch (area) {
    case 0:
        if (m_categories->currentRow() >= 0 || !m_tree->currentIndex().isValid())
            m_categories->setFocus(Qt::ShortcutFocusReason);
        else
            m_tree->setFocus(Qt::ShortcutFocusReason);
        break;
    case 1:
        if (QTableView *view = table())
            view->setFocus(Qt::ShortcutFocusReason);
        else if (QWidget *page = currentPage())
            page->nextInFocusChain()->setFocus(Qt::TabFocusReason);
        break;
    default:
        m_detail->setFocus(Qt::TabFocusReason);
        break;
    }
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
    if (old) {
        savePageState(old);
        m_pages->removeWidget(old);
    }
    if (page) {
        m_pages->addWidget(page);
        m_pages->setCurrentWidget(page);
    }
    delete old;
    return true;
}

void MainWindow::connectListPage(ListPage *page)
{
    restorePageState(page);
    // The toolbar says what Delete does here: "Stop…" for compositions, "Disconnect…" for
    // participants.
    if (QAction *remove = m_actions.value(QStringLiteral("delete"))) {
        const QString verb =
            page->kind().removeVerb.isEmpty() ? tr("Delete") : page->kind().removeVerb;
        // Sessions cannot be deleted: on a stage's own page Delete acts on the stage.
        const QString what = page->kind().kind == models::Kind::Session
                                 ? tr("this stage")
                                 : tr("the selected %1").arg(page->kind().singular.toLower());
        remove->setText(tr("&%1…").arg(verb));
        remove->setToolTip(
            tr("%1 %2 (%3)")
                .arg(verb, what, remove->shortcut().toString(QKeySequence::NativeText)));
    }
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
    // A refresh changed the shown row (a participant left, started publishing): the pane
    // follows the list, also after a filter gave the page a new model.
    connect(page, &ListPage::rowChanged, this, [this](const QString &key, const QJsonObject &row) {
        if (!key.isEmpty() && key == m_detail->identity())
            m_detail->rowChanged(key, row);
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
                        m_detail->startEditing();
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
    if (kind == models::Kind::Composition)
        showStageNames(page);
    connectListPage(page);
    setPage(page);
    m_detail->clear();
    visited({Place::Type::Kind, int(kind), {}, {}, {}, k.plural});
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
    m_connection->liveMonitor()->setSelectedStage(stageArn);
    auto *page =
        new ListPage(m_connection, models::resourceKind(models::Kind::Session), scope, m_pages);
    page->setTitle(tr("Sessions of %1").arg(title.isEmpty() ? stageArn : title));
    auto *metrics = new StageMetrics(m_connection, stageArn, page);
    page->addBar(metrics);
    metrics->followSessions(page); // the charts span the session selected, else the newest
    connectListPage(page);
    setPage(page);
    {
        const QSignalBlocker blocker(m_categories);
        m_categories->setCurrentRow(-1);
    }
    m_detail->showResource(models::resourceKind(models::Kind::Stage), scope, stageArn);
    visited({Place::Type::Stage, 0, stageArn, {}, {}, title.isEmpty() ? stageArn : title});
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
    m_connection->liveMonitor()->setSelectedStage(stageArn);
    const models::Scope scope{stageArn, sessionId, {}};
    auto *page = new SessionPage(m_connection, scope, m_pages);
    connectListPage(page->participants());
    connect(page, &SessionPage::participantShown, this,
            [this, page](const QJsonObject &row, const QString &id) {
                if (ParticipantPage *events = page->participant())
                    if (auto *list = events->findChild<ListPage *>())
                        restorePageState(list);
                if (m_detail->identity() != id)
                    m_detail->showResource(models::resourceKind(models::Kind::Participant),
                                           page->scope(), id, row);
                visited({Place::Type::Session, 0, page->scope().stageArn, page->scope().sessionId,
                         id, tr("participant %1").arg(id)});
            });
    connectSessionTools(page); // mainwindow_tools.cpp
    setPage(page);
    {
        const QSignalBlocker blocker(m_categories);
        m_categories->setCurrentRow(-1);
    }
    m_detail->showResource(models::resourceKind(models::Kind::Session), scope, sessionId);
    visited({Place::Type::Session, 0, stageArn, sessionId, {}, tr("session %1").arg(sessionId)});
    if (!participantId.isEmpty())
        page->showParticipant(participantId);
    return true;
}

// The participant's Charts tab, now when its page is shown, else once the session page shows it.
void MainWindow::showChartsOf(const QString &participantId)
{
    SessionPage *session = sessionPage();
    if (!session)
        return;
    auto charts = [](ParticipantPage *page) { page->tabs()->setCurrentWidget(page->chartsTab()); };
    if (ParticipantPage *page = session->participant();
        page && page->scope().participantId == participantId)
        return charts(page);
    connect(
        session, &SessionPage::participantShown, this,
        [session, participantId, charts](const QJsonObject &, const QString &id) {
            if (ParticipantPage *page = session->participant(); page && id == participantId)
                charts(page);
        },
        Qt::SingleShotConnection);
}

// Compositions name their stage by ARN only: show the stage's name from the stage tree (which
// lists every stage anyway), so the list reads "town-hall (arn:…)".
void MainWindow::showStageNames(ListPage *page)
{
    const QList<models::ColumnSpec> &columns = page->model()->spec().columns;
    int column = -1;
    for (int c = 0; c < columns.size(); ++c)
        if (columns[c].field == QLatin1String("stageArn"))
            column = c;
    if (column < 0)
        return;
    auto *proxy = new NamedIdProxy(
        column, [this](const QString &arn) { return stageName(arn); }, QStringLiteral("%1"),
        tr("Stage %1\n%2"), page);
    page->setDisplayProxy(proxy);
    if (m_treeModel) {
        connect(m_treeModel, &QAbstractItemModel::rowsInserted, proxy, &NamedIdProxy::namesChanged);
        connect(m_treeModel, &QAbstractItemModel::dataChanged, proxy, &NamedIdProxy::namesChanged);
    }
}

// A stage's name as the stage tree lists it (every stage of the connection); empty if unknown.
QString MainWindow::stageName(const QString &stageArn) const
{
    if (!m_treeModel)
        return {};
    for (int r = 0; r < m_treeModel->rowCount(); ++r) {
        const QModelIndex stage = m_treeModel->index(r, 0);
        if (stage.data(models::KeyRole).toString() == stageArn)
            return m_treeModel->json(stage).value(QLatin1String("name")).toString();
    }
    return {};
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

void MainWindow::showError(const QString &where, const aws::AwsError &error)
{
    m_errorLabel->setText(QStringLiteral("%1: %2").arg(
        where, error.message.isEmpty() ? error.toString() : error.message));
    m_errorLabel->setToolTip(error.toString());
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
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace gr::ui
