#include "ui/mainwindow.h"

#include "aws/awsclient.h"
#include "aws/profiles.h"
#include "aws/requestlog.h"
#include "aws/secretstore.h"
#include "ivs/ivsclient.h"
#include "ivs/modelvalidator.h"
#include "models/eventerrors.h"
#include "models/listspecs.h"
#include "models/participantdetails.h"
#include "models/requestlogmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "models/tagsmodel.h"
#include "ui/accesskeysdialog.h"
#include "ui/detailpane.h"
#include "ui/fieldeditors.h"
#include "ui/issuedtokensdialog.h"
#include "ui/operationdialog.h"
#include "ui/tokendialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUuid>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

enum Category { Stages, Compositions, Encoders, Storage, PublicKeys, Ingest };

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionsMovable(true);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    return view;
}

// Column chooser: the header's context menu toggles columns.
void installColumnChooser(QTableView *view)
{
    QObject::connect(view->horizontalHeader(), &QWidget::customContextMenuRequested, view,
                     [view](const QPoint &pos) {
                         QMenu menu;
                         QAbstractItemModel *model = view->model();
                         for (int c = 0; model && c < model->columnCount(); ++c) {
                             QAction *a =
                                 menu.addAction(model->headerData(c, Qt::Horizontal).toString());
                             a->setCheckable(true);
                             a->setChecked(!view->isColumnHidden(c));
                             QObject::connect(a, &QAction::toggled, view, [view, c](bool on) {
                                 view->setColumnHidden(c, !on);
                             });
                         }
                         menu.exec(view->horizontalHeader()->mapToGlobal(pos));
                     });
}

} // namespace

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

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    // Menus and toolbar.
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("Add &access keys…"), this, &MainWindow::askForKeys);
    fileMenu->addAction(tr("Connect to a custom &endpoint…"), this, &MainWindow::askForEndpoint);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&New stage…"), QKeySequence::New, this, &MainWindow::askToCreateStage);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    // Every write operation of the API, each a form built from the model; deleting, stopping
    // and disconnecting are in the lists' context menus, where they are confirmed.
    auto *adminMenu = menuBar()->addMenu(tr("&Administer"));
    QString previousGroup;
    for (const QString &operation : administeredOperations()) {
        const QString group = operation.contains(QLatin1String("Tag")) ? QStringLiteral("tags")
                              : operation.contains(QLatin1String("Stage")) ||
                                      operation.contains(QLatin1String("Participant"))
                                  ? QStringLiteral("stages")
                                  : operation;
        if (!previousGroup.isEmpty() && group != previousGroup)
            adminMenu->addSeparator();
        previousGroup = group;
        adminMenu->addAction(OperationDialog::title(operation) + QStringLiteral("…"), this,
                             [this, operation] { openOperation(operation); });
    }
    QAction *refreshAction =
        viewMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    m_liveAction = viewMenu->addAction(tr("&Live updates"));
    m_liveAction->setCheckable(true);
    m_liveAction->setChecked(true);
    m_liveAction->setToolTip(
        tr("Refresh the open lists every 5 seconds, within the service's rate limits"));
    viewMenu->addAction(tr("&Filter"), QKeySequence::Find, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    auto *copyAction = new QAction(tr("Copy ARN/ID"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &MainWindow::copySelection);

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
    toolbar->addAction(refreshAction);
    toolbar->addAction(m_liveAction);
    toolbar->addSeparator();
    m_filter = new QLineEdit(toolbar);
    m_filter->setPlaceholderText(tr("Filter rows (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(320);
    toolbar->addWidget(m_filter);

    // Navigator: resource kinds over the live stage tree.
    auto *navigator = new QSplitter(Qt::Vertical, this);
    m_categories = new QListWidget(navigator);
    m_categories->addItems({tr("Stages"), tr("Compositions"), tr("Encoder configurations"),
                            tr("Storage configurations"), tr("Public keys"),
                            tr("Ingest configurations")});
    m_categories->setMaximumHeight(150);
    connect(m_categories, &QListWidget::currentRowChanged, this, &MainWindow::onCategory);
    m_tree = new QTreeView(navigator);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    navigator->addWidget(m_categories);
    navigator->addWidget(m_tree);
    navigator->setStretchFactor(1, 1);

    // Centre: the table and, under it, the selected participant's events.
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    m_tableTitle = new QLabel(centre);
    m_tableStatus = new QLabel(centre);
    m_tableStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loadMore = new QPushButton(tr("Load more"), centre);
    connect(m_loadMore, &QPushButton::clicked, this, [this] {
        if (m_listModel)
            m_listModel->fetchMore({});
    });
    titleRow->addWidget(m_tableTitle);
    titleRow->addWidget(m_tableStatus, 1);
    titleRow->addWidget(m_loadMore);
    centreLayout->addLayout(titleRow);

    // Participant filters: the service takes one per request; the rest apply here (and the
    // status line says which).
    m_participantFilters = new QWidget(centre);
    auto *filterRow = new QHBoxLayout(m_participantFilters);
    filterRow->setContentsMargins(0, 0, 0, 0);
    m_filterUser = new QLineEdit(m_participantFilters);
    m_filterUser->setPlaceholderText(tr("user id"));
    m_filterUser->setClearButtonEnabled(true);
    m_filterPublished = new QComboBox(m_participantFilters);
    m_filterPublished->addItem(tr("publishing: any"), QString());
    m_filterPublished->addItem(tr("publishing"), QStringLiteral("yes"));
    m_filterPublished->addItem(tr("not publishing"), QStringLiteral("no"));
    m_filterState = new QComboBox(m_participantFilters);
    m_filterState->addItem(tr("state: any"), QString());
    for (const char *st : {"CONNECTED", "DISCONNECTED"})
        m_filterState->addItem(QLatin1String(st), QLatin1String(st));
    m_filterRecording = new QComboBox(m_participantFilters);
    m_filterRecording->addItem(tr("recording: any"), QString());
    for (const char *st : {"STARTING", "ACTIVE", "STOPPING", "STOPPED", "FAILED"})
        m_filterRecording->addItem(QLatin1String(st), QLatin1String(st));
    filterRow->addWidget(new QLabel(tr("Filter:"), m_participantFilters));
    filterRow->addWidget(m_filterUser, 1);
    filterRow->addWidget(m_filterPublished);
    filterRow->addWidget(m_filterState);
    filterRow->addWidget(m_filterRecording);
    connect(m_filterUser, &QLineEdit::editingFinished, this, &MainWindow::showParticipants);
    for (QComboBox *box : {m_filterPublished, m_filterState, m_filterRecording})
        connect(box, &QComboBox::activated, this, &MainWindow::showParticipants);
    m_filterUser->setObjectName(QStringLiteral("filterUser"));
    m_filterPublished->setObjectName(QStringLiteral("filterPublished"));
    m_filterState->setObjectName(QStringLiteral("filterState"));
    m_filterRecording->setObjectName(QStringLiteral("filterRecording"));
    m_tableStatus->setObjectName(QStringLiteral("tableStatus"));
    m_participantFilters->hide();
    centreLayout->addWidget(m_participantFilters);
    auto *centreSplit = new QSplitter(Qt::Vertical, centre);
    m_table = makeTable(centreSplit);
    m_table->addAction(copyAction);
    // Delete removes the selected row (confirmed), as the context menu does.
    m_removeAction = new QAction(tr("Remove selected…"), this);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_removeAction, &QAction::triggered, this, &MainWindow::removeSelected);
    m_table->addAction(m_removeAction);
    installColumnChooser(m_table);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSortRole(models::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setModel(m_proxy);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &MainWindow::requestVisibleDetails);
    m_copyAction = copyAction;
    m_refreshAction = refreshAction;
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);

    auto *eventsBox = new QWidget(centreSplit);
    auto *eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    m_eventsTitle = new QLabel(tr("<b>Events</b> — select a participant"), eventsBox);
    m_events = makeTable(eventsBox);
    m_eventsProxy = new QSortFilterProxyModel(this);
    m_eventsProxy->setSortRole(models::RawValueRole);
    m_events->setModel(m_eventsProxy);
    m_eventHelp = new QLabel(models::eventsNotInTimelineNote(), eventsBox);
    m_eventHelp->setWordWrap(true);
    m_eventHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    eventsLayout->addWidget(m_eventsTitle);
    eventsLayout->addWidget(m_events, 1);
    eventsLayout->addWidget(m_eventHelp);
    centreSplit->addWidget(m_table);
    centreSplit->addWidget(eventsBox);
    centreSplit->setStretchFactor(0, 3);
    centreSplit->setStretchFactor(1, 2);
    centreLayout->addWidget(centreSplit, 1);

    m_detail = new DetailPane(this);
    m_detail->addAction(copyAction);

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(navigator);
    main->addWidget(centre);
    main->addWidget(m_detail);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setStretchFactor(2, 2);
    main->setSizes({280, 720, 400});
    setCentralWidget(main);

    // Request log dock.
    auto *dock = new QDockWidget(tr("Request log"), this);
    dock->setObjectName(QStringLiteral("requestLog"));
    m_logView = makeTable(dock);
    m_logView->setSortingEnabled(false);
    dock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {160}, Qt::Vertical);
    viewMenu->addAction(dock->toggleViewAction());

    // Status bar: connection, requests in flight, the last error (no modal storms).
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_inFlightLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
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
    m_table->selectionModel() ? m_table->selectionModel()->clear() : void();
    m_proxy->setSourceModel(nullptr);
    m_eventsProxy->setSourceModel(nullptr);
    m_tree->setModel(nullptr);
    m_logView->setModel(nullptr);
    m_details = nullptr;
    delete std::exchange(m_listModel, nullptr);
    delete std::exchange(m_eventsModel, nullptr);
    delete std::exchange(m_treeModel, nullptr);
    delete std::exchange(m_logModel, nullptr);
    m_detail->setTagsModel(nullptr);
    delete std::exchange(m_tagsModel, nullptr);
    if (m_connection)
        m_connection->deleteLater();
    next->setParent(this);
    m_connection = next;
    m_errorLabel->clear();
    m_detail->clear();
    m_connectionLabel->setText(
        tr("%1 — %2 (%3)").arg(next->description(), next->endpoint().toString(), next->region()));

    connect(next->transport(), &aws::AwsClient::inFlightChanged, this, [this](int n) {
        m_inFlightLabel->setText(n ? tr("%n request(s) in flight", nullptr, n) : QString());
    });
    m_logModel = new models::RequestLogModel(next->log(), this);
    m_logView->setModel(m_logModel);
    connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logView, &QTableView::scrollToBottom);

    m_tagsModel = new models::TagsModel(next->client(), this);
    m_detail->setTagsModel(m_tagsModel);
    m_treeModel = new models::StageTreeModel(next->client(), this);
    m_tree->setModel(m_treeModel);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(m_treeModel, &models::StageTreeModel::errorOccurred, this,
            [this](const QString &message) { showError(tr("Stage tree"), message); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onTreeSelection(current); });

    m_categories->setCurrentRow(-1);
    m_categories->setCurrentRow(Stages);
}

void MainWindow::setSecretStore(aws::SecretStore *store)
{
    m_secrets = store;
    loadStoredKeyChoices();
}

void MainWindow::loadStoredKeyChoices()
{
    QSettings settings;
    const int count = settings.beginReadArray(QStringLiteral("storedKeys"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(QStringLiteral("name")).toString();
        const QString region = settings.value(QStringLiteral("region")).toString();
        const bool known =
            std::any_of(m_choices.begin(), m_choices.end(), [&](const ConnectionChoice &c) {
                return c.kind == ConnectionChoice::Kind::StoredKeys && c.profile == name;
            });
        if (!known && !name.isEmpty()) {
            m_choices.append({ConnectionChoice::Kind::StoredKeys,
                              tr("Saved keys: %1 (%2)").arg(name, region),
                              name,
                              region,
                              {}});
            m_connectionBox->addItem(m_choices.last().label);
        }
    }
    settings.endArray();
}

void MainWindow::askForEndpoint()
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Custom endpoint"),
        tr("Endpoint URL and region, e.g. https://ivsrealtime.eu-west-1.amazonaws.com eu-west-1\n"
           "(uses the credentials of the AWS environment or default profile):"),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    const QStringList parts = text.simplified().split(QLatin1Char(' '));
    const QUrl url(parts.first());
    const QString region = parts.value(1, QStringLiteral("us-east-1"));
    if (const QString bad = aws::ProfileResolver::checkEndpoint(url); !bad.isEmpty()) {
        showError(tr("Custom endpoint"), bad);
        return;
    }
    m_choices.append({ConnectionChoice::Kind::Endpoint,
                      tr("Endpoint: %1 (%2)").arg(url.toString(), region),
                      {},
                      region,
                      url.toString()});
    m_connectionBox->addItem(m_choices.last().label);
    openConnection(int(m_choices.size()) - 1);
}

void MainWindow::askForKeys()
{
    if (!m_secrets) {
        showError(tr("Access keys"), tr("no keychain is available"));
        return;
    }
    AccessKeysDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addStoredKeys(dialog.name(), dialog.accessKeyId(), dialog.secretAccessKey(), dialog.region(),
                  [this](const QString &error) {
                      if (!error.isEmpty())
                          showError(tr("Access keys"), error);
                      else
                          openConnection(int(m_choices.size()) - 1);
                  });
}

void MainWindow::addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                               const QString &region, std::function<void(const QString &)> done)
{
    if (!m_secrets) {
        if (done)
            done(tr("no keychain is available"));
        return;
    }
    QPointer<MainWindow> self(this);
    aws::StoredCredentialsProvider::save(
        m_secrets, name, {keyId, secret, {}, {}}, [self, name, region, done](const QString &error) {
            if (!self)
                return;
            if (error.isEmpty()) {
                QSettings settings;
                QList<std::pair<QString, QString>> entries;
                const int count = settings.beginReadArray(QStringLiteral("storedKeys"));
                for (int i = 0; i < count; ++i) {
                    settings.setArrayIndex(i);
                    entries.append({settings.value(QStringLiteral("name")).toString(),
                                    settings.value(QStringLiteral("region")).toString()});
                }
                settings.endArray();
                entries.removeIf([&](const auto &e) { return e.first == name; });
                entries.append({name, region});
                settings.beginWriteArray(QStringLiteral("storedKeys"), int(entries.size()));
                for (int i = 0; i < entries.size(); ++i) {
                    settings.setArrayIndex(i);
                    settings.setValue(QStringLiteral("name"), entries[i].first);
                    settings.setValue(QStringLiteral("region"), entries[i].second);
                }
                settings.endArray();
                self->loadStoredKeyChoices();
            }
            if (done)
                done(error);
        });
}

void MainWindow::onCategory(int row)
{
    if (!m_connection || row < 0)
        return;
    switch (Category(row)) {
    case Stages:
        showList(models::stagesSpec(), tr("Stages"));
        break;
    case Compositions:
        showList(models::compositionsSpec(), tr("Compositions"));
        break;
    case Encoders:
        showList(models::encoderConfigurationsSpec(), tr("Encoder configurations"));
        break;
    case Storage:
        showList(models::storageConfigurationsSpec(), tr("Storage configurations"));
        break;
    case PublicKeys:
        showList(models::publicKeysSpec(), tr("Public keys"));
        break;
    case Ingest:
        showList(models::ingestConfigurationsSpec(), tr("Ingest configurations"));
        break;
    }
    static const char *const kinds[] = {"stages",  "compositions", "encoders",
                                        "storage", "keys",         "ingest"};
    m_listKind = QLatin1String(kinds[row]);
}

void MainWindow::showList(const models::ListSpec &spec, const QString &title)
{
    m_proxy->setSourceModel(nullptr);
    m_participantFilters->hide(); // shown again by showParticipants()
    m_details = nullptr;          // owned by the list model
    delete std::exchange(m_listModel, nullptr);
    m_listModel = new models::ResourceListModel(m_connection->client(), spec, this);
    connect(m_listModel, &models::ResourceListModel::statusChanged, this,
            &MainWindow::updateTableStatus);
    connect(m_listModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateTableStatus);
    connect(m_listModel, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateTableStatus);
    m_proxy->setSourceModel(m_listModel);
    // Fit the columns to the first page; later pages keep the user's widths.
    connect(m_listModel, &QAbstractItemModel::rowsInserted, m_table,
            [this](const QModelIndex &, int first) {
                if (first == 0)
                    m_table->resizeColumnsToContents();
            });
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->resizeColumnsToContents();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onTableSelection, Qt::UniqueConnection);
    m_tableTitle->setText(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    if (m_listModel->canFetchMore({}))
        m_listModel->fetchMore({});
    updateTableStatus();
}

void MainWindow::showParticipants()
{
    if (!m_connection || m_stageArn.isEmpty() || m_sessionId.isEmpty())
        return;
    models::ParticipantFilters filters;
    filters.userId = m_filterUser->text().trimmed();
    const QString published = m_filterPublished->currentData().toString();
    if (!published.isEmpty())
        filters.published = published == QLatin1String("yes");
    filters.state = m_filterState->currentData().toString();
    filters.recordingState = m_filterRecording->currentData().toString();
    m_listKind = QStringLiteral("participants");
    showList(models::participantsSpec(m_stageArn, m_sessionId, filters),
             tr("Participants of %1").arg(m_sessionId));
    m_participantFilters->show();
    m_details = new models::ParticipantDetails(m_connection->client(), m_listModel, m_stageArn,
                                               m_sessionId, m_listModel);
    connect(m_listModel, &QAbstractItemModel::rowsInserted, this,
            &MainWindow::requestVisibleDetails);
    connect(m_listModel, &models::ResourceListModel::refreshed, this,
            &MainWindow::requestVisibleDetails);
}

void MainWindow::requestVisibleDetails()
{
    if (!m_details || !m_listModel || m_listKind != QLatin1String("participants"))
        return;
    // Only the rows on screen; the proxy may sort them anywhere in the source.
    const int top = m_table->rowAt(0);
    int bottom = m_table->rowAt(m_table->viewport()->height() - 1);
    if (top < 0)
        return;
    if (bottom < 0)
        bottom = m_proxy->rowCount() - 1;
    for (int row = top; row <= bottom; ++row) {
        const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
        m_details->request(source, source);
    }
}

void MainWindow::updateTableStatus()
{
    if (!m_listModel)
        return;
    using Status = models::ResourceListModel::Status;
    QString text;
    switch (m_listModel->status()) {
    case Status::Loading:
        text = tr("loading…");
        break;
    case Status::Refreshing:
        text = tr("%n row(s), refreshing…", nullptr, m_listModel->rowCount());
        break;
    case Status::Error:
        text = QStringLiteral("<span style='color:#c01c28'>%1</span>")
                   .arg(m_listModel->errorText().toHtmlEscaped());
        break;
    case Status::Idle:
        text = tr("%n row(s)", nullptr, m_listModel->rowCount());
        if (m_listModel->hasMorePages())
            text += tr(", more on the server");
        break;
    }
    if (!m_listModel->spec().clientFilterDescription.isEmpty())
        text += QStringLiteral(" — ") + m_listModel->spec().clientFilterDescription;
    m_tableStatus->setText(text);
    m_loadMore->setVisible(m_listModel->hasMorePages() && m_listModel->status() != Status::Error);
}

void MainWindow::onTreeSelection(const QModelIndex &index)
{
    if (!index.isValid() || !m_treeModel)
        return;
    const QJsonObject json = m_treeModel->json(index);
    const QString stageArn = m_treeModel->stageArn(index);
    m_categories->blockSignals(true);
    m_categories->setCurrentRow(-1);
    m_categories->blockSignals(false);
    switch (m_treeModel->nodeType(index)) {
    case models::StageTreeModel::NodeType::Stage:
        m_listKind = QStringLiteral("sessions");
        m_stageArn = stageArn;
        showList(models::stageSessionsSpec(stageArn),
                 tr("Sessions of %1").arg(index.data().toString()));
        fetchDetail(int(ivs::Operation::GetStage), {{QStringLiteral("arn"), stageArn}},
                    QStringLiteral("stage"), tr("Stage %1").arg(index.data().toString()), stageArn);
        break;
    case models::StageTreeModel::NodeType::Session:
        m_listKind = QStringLiteral("participants");
        m_stageArn = stageArn;
        m_sessionId = m_treeModel->sessionId(index);
        showParticipants();
        m_detail->showResource(tr("Session"), json, m_sessionId);
        break;
    case models::StageTreeModel::NodeType::Participant:
        showParticipant(stageArn, m_treeModel->sessionId(index), json);
        break;
    }
}

void MainWindow::onTableSelection()
{
    const QModelIndexList rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty() || !m_listModel)
        return;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    const QJsonObject json = m_listModel->rowJson(source.row());
    const QString key = source.data(models::KeyRole).toString();
    if (m_listKind == QLatin1String("participants")) {
        showParticipant(m_stageArn, m_sessionId, json);
    } else if (m_listKind == QLatin1String("stages")) {
        fetchDetail(int(ivs::Operation::GetStage), {{QStringLiteral("arn"), key}},
                    QStringLiteral("stage"),
                    tr("Stage %1").arg(json.value(QLatin1String("name")).toString()), key);
    } else if (m_listKind == QLatin1String("compositions")) {
        fetchDetail(int(ivs::Operation::GetComposition), {{QStringLiteral("arn"), key}},
                    QStringLiteral("composition"), tr("Composition"), key);
    } else if (m_listKind == QLatin1String("encoders")) {
        fetchDetail(int(ivs::Operation::GetEncoderConfiguration), {{QStringLiteral("arn"), key}},
                    QStringLiteral("encoderConfiguration"), tr("Encoder configuration"), key);
    } else if (m_listKind == QLatin1String("ingest")) {
        fetchDetail(int(ivs::Operation::GetIngestConfiguration), {{QStringLiteral("arn"), key}},
                    QStringLiteral("ingestConfiguration"), tr("Ingest configuration"), key);
    } else if (m_listKind == QLatin1String("keys")) {
        fetchDetail(int(ivs::Operation::GetPublicKey), {{QStringLiteral("arn"), key}},
                    QStringLiteral("publicKey"), tr("Public key"), key);
    } else {
        m_detail->showResource(
            m_tableTitle->text().remove(QRegularExpression(QStringLiteral("<[^>]*>"))), json, key);
    }
}

void MainWindow::fetchDetail(int operation, const QJsonObject &input, const QString &member,
                             const QString &title, const QString &identity)
{
    m_detail->clear(tr("Loading %1…").arg(title.toHtmlEscaped()));
    m_connection->client()->call(
        ivs::Operation(operation), input, m_detail,
        [this, member, title, identity](const ivs::IvsResult &result) {
            if (!result.ok()) {
                m_detail->clear(tr("<span style='color:#c01c28'>%1</span>")
                                    .arg(result.error.toString().toHtmlEscaped()));
                return;
            }
            m_detail->showResource(title, result.output.value(member).toObject(), identity);
            // Resources with an ARN can carry tags.
            if (m_tagsModel)
                m_tagsModel->load(identity.startsWith(QLatin1String("arn:")) ? identity
                                                                             : QString());
        });
}

void MainWindow::showParticipant(const QString &stageArn, const QString &sessionId,
                                 const QJsonObject &row)
{
    const QString participantId = row.value(QLatin1String("participantId")).toString();
    const QString user = row.value(QLatin1String("userId")).toString();
    // Browser, OS, SDK, ISP and protocol come only from GetParticipant.
    fetchDetail(int(ivs::Operation::GetParticipant),
                {{QStringLiteral("stageArn"), stageArn},
                 {QStringLiteral("sessionId"), sessionId},
                 {QStringLiteral("participantId"), participantId}},
                QStringLiteral("participant"),
                user.isEmpty() ? tr("Participant") : tr("Participant %1").arg(user), participantId);
    m_eventsProxy->setSourceModel(nullptr);
    delete std::exchange(m_eventsModel, nullptr);
    m_eventsModel = new models::ResourceListModel(
        m_connection->client(), models::participantEventsSpec(stageArn, sessionId, participantId),
        this);
    m_eventsProxy->setSourceModel(m_eventsModel);
    connect(m_eventsModel, &QAbstractItemModel::rowsInserted, m_events,
            &QTableView::resizeColumnsToContents);
    m_events->sortByColumn(-1, Qt::AscendingOrder);
    m_eventsTitle->setText(tr("<b>Events of %1</b> (%2, session %3)")
                               .arg((user.isEmpty() ? participantId : user).toHtmlEscaped(),
                                    participantId, sessionId));
    m_eventHelp->setText(models::eventsNotInTimelineNote());
    connect(m_events->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onEventSelection, Qt::UniqueConnection);
    // Error events stand out; all are loaded, in time order.
    connect(m_eventsModel, &models::ResourceListModel::statusChanged, this, [this] {
        if (m_eventsModel->canFetchMore({}))
            m_eventsModel->fetchMore({});
        m_events->resizeColumnsToContents();
        for (int r = 0; r < m_eventsModel->rowCount(); ++r) {
            const QString code =
                m_eventsModel->rowJson(r).value(QLatin1String("errorCode")).toString();
            if (!code.isEmpty()) {
                m_eventHelp->setText(tr("<b>%1</b>: %2<br><small>%3</small>")
                                         .arg(code, models::explainEventError(code).toHtmlEscaped(),
                                              models::eventsNotInTimelineNote().toHtmlEscaped()));
            }
        }
    });
    m_eventsModel->fetchMore({});
}

void MainWindow::onEventSelection()
{
    const QModelIndexList rows = m_events->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_eventsModel)
        return;
    const QJsonObject json = m_eventsModel->rowJson(m_eventsProxy->mapToSource(rows.first()).row());
    const QString code = json.value(QLatin1String("errorCode")).toString();
    m_eventHelp->setText(code.isEmpty()
                             ? tr("%1 at %2.")
                                   .arg(json.value(QLatin1String("name")).toString(),
                                        json.value(QLatin1String("eventTime")).toString())
                             : tr("<b>%1</b> (%2): %3")
                                   .arg(code, json.value(QLatin1String("name")).toString(),
                                        models::explainEventError(code).toHtmlEscaped()));
}

void MainWindow::refresh()
{
    if (!m_connection)
        return;
    if (m_treeModel)
        m_treeModel->refresh();
    if (m_listModel && m_listModel->status() != models::ResourceListModel::Status::Loading)
        m_listModel->refresh();
    if (m_eventsModel && m_eventsModel->status() != models::ResourceListModel::Status::Loading)
        m_eventsModel->refresh();
}

void MainWindow::showError(const QString &where, const QString &message)
{
    m_errorLabel->setText(QStringLiteral("%1: %2").arg(where, message));
    m_errorLabel->setToolTip(message);
}

void MainWindow::copySelection()
{
    QString text = m_detail->identity();
    if (m_table->hasFocus() && m_table->selectionModel() &&
        !m_table->selectionModel()->selectedRows().isEmpty())
        text = m_table->selectionModel()->selectedRows().first().data(models::KeyRole).toString();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace gr::ui
