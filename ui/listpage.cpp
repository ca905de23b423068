#include "ui/listpage.h"

#include "models/budgets.h"
#include "models/clicommand.h"
#include "models/participantdetails.h"
#include "models/ratebudget.h"
#include "models/roles.h"
#include "ui/blankslastproxy.h"
#include "ui/connection.h"
#include "ui/icons.h"
#include "ui/livetooltip.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

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

QTableView *makeTableView(QWidget *parent)
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
    installColumnChooser(view);
    return view;
}

ListPage::ListPage(Connection *connection, const models::ResourceKind &kind, models::Scope scope,
                   QWidget *parent)
    : QWidget(parent), m_connection(connection), m_kind(kind), m_scope(std::move(scope))
{
    setObjectName(QStringLiteral("page-") + kind.id);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(kind.plural.toHtmlEscaped()));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("pageFilter"));
    m_filter->setPlaceholderText(tr("Filter rows (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(280);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("tableStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long status (a filter note, an error) wraps: it never widens the page and squeezes
    // the tree and the detail pane.
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_loadMore = new QPushButton(tr("Load more"), this);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_status, 1);
    titleRow->addWidget(m_loadMore);
    titleRow->addWidget(m_filter);
    m_layout->addLayout(titleRow);

    m_table = makeTableView(this);
    m_proxy = new BlanksLastProxy(this);
    m_proxy->setSortRole(models::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setModel(m_proxy);
    new LiveToolTip(m_table); // a live list's tip follows its row
    m_layout->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateStatus();
    });
    connect(m_loadMore, &QPushButton::clicked, this, [this] {
        if (m_model)
            m_model->fetchMore({});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ListPage::onSelection);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const int row = sourceRow(index);
        if (m_model && row >= 0)
            emit activated(m_model->rowJson(row),
                           m_model->index(row, 0).data(models::KeyRole).toString());
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &ListPage::showMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_fitting)
            m_userSized.insert(column);
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionMoved, this,
            [this] { m_userMoved = true; });
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_proxy)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &ListPage::updateStatus);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ListPage::updateStatus);
        connect(model, &QAbstractItemModel::modelReset, this, &ListPage::updateStatus);
    }

    auto *removeAction = new QAction(tr("Remove selected…"), this);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(removeAction, &QAction::triggered, this, [this] {
        if (!removeText().isEmpty())
            emit actionRequested(QLatin1String(kRemove), selectedRow());
    });
    m_table->addAction(removeAction);
    auto *filterAction = new QAction(tr("Filter"), this);
    filterAction->setShortcut(QKeySequence::Find);
    filterAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(filterAction, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(filterAction);

    // Participant details (browser, OS...) for the rows on screen, asked for once the view
    // has settled (scrolling fires many times a second).
    m_detailsDebounce = new QTimer(this);
    m_detailsDebounce->setSingleShot(true);
    m_detailsDebounce->setInterval(100);
    connect(m_detailsDebounce, &QTimer::timeout, this, &ListPage::requestVisibleDetails);
    if (kind.kind == models::Kind::Participant) {
        auto kick = [this] { m_detailsDebounce->start(); };
        connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, kick);
        connect(m_proxy, &QAbstractItemModel::rowsInserted, this, kick);
        connect(m_proxy, &QAbstractItemModel::layoutChanged, this, kick);
        connect(m_proxy, &QAbstractItemModel::modelReset, this, kick);
    }

    // Live updates: the list is listed again through the connection's rate budget while it is
    // on screen (the page in view goes before the live monitor's background polling).
    m_ageClock = new QTimer(this);
    m_ageClock->setInterval(1000);
    connect(m_ageClock, &QTimer::timeout, this, &ListPage::updateStatus);
    if (m_connection)
        connect(m_connection, &Connection::liveUpdatesChanged, this, &ListPage::updateLiveView);

    setSpec(kind.list(m_scope));
}

ListPage::~ListPage()
{
    if (m_liveView && m_connection)
        m_connection->budget()->removeView(m_liveView);
    m_proxy->setSourceModel(nullptr);
    delete std::exchange(m_details, nullptr);
    if (m_model && !m_ownsModel)
        m_model->disconnect(this); // a kept list lives on with the connection
}

void ListPage::setTitle(const QString &title)
{
    m_title->setText(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
}

void ListPage::setDisplayProxy(QAbstractProxyModel *proxy)
{
    m_displayProxy = proxy;
    proxy->setSourceModel(m_model);
    m_proxy->setSourceModel(proxy);
}

int ListPage::sourceRow(const QModelIndex &viewIndex) const
{
    QModelIndex index = m_proxy->mapToSource(viewIndex);
    if (m_displayProxy)
        index = m_displayProxy->mapToSource(index);
    return index.isValid() ? index.row() : -1;
}

QModelIndex ListPage::viewIndex(int sourceRow) const
{
    QModelIndex index = m_model->index(sourceRow, 0);
    if (m_displayProxy)
        index = m_displayProxy->mapFromSource(index);
    return m_proxy->mapFromSource(index);
}

void ListPage::addBar(QWidget *bar)
{
    m_layout->insertWidget(1, bar);
}

void ListPage::setSpec(const models::ListSpec &spec)
{
    // Lists whose rows the service forgets (compositions) keep their history with the
    // connection, so it survives leaving the page.
    const bool kept = spec.keepVanished && m_connection;
    setModel(kept ? m_connection->keptList(m_kind.id, spec)
                  : new models::ResourceListModel(m_connection ? m_connection->client() : nullptr,
                                                  spec, this),
             !kept);
}

void ListPage::setModel(models::ResourceListModel *model, bool owned)
{
    delete std::exchange(m_details, nullptr); // a child of the model it fills in
    if (m_model) {
        m_model->disconnect(this);
        if (m_ownsModel)
            delete m_model.data();
    }
    m_model = model;
    m_ownsModel = owned;
    if (m_displayProxy) {
        m_displayProxy->setSourceModel(model);
        m_proxy->setSourceModel(m_displayProxy);
    } else {
        m_proxy->setSourceModel(model);
    }
    if (auto done = std::exchange(m_liveDone, nullptr))
        done(); // the old list's refresh is not waited for
    connect(model, &models::ResourceListModel::statusChanged, this,
            [this](models::ResourceListModel::Status status) {
                if (status != models::ResourceListModel::Status::Refreshing)
                    if (auto done = std::exchange(m_liveDone, nullptr))
                        done();
                updateStatus();
            });
    connect(model, &models::ResourceListModel::refreshed, this, &ListPage::updateStatus);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this, model](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    emit rowChanged(model->index(row, 0).data(models::KeyRole).toString(),
                                    model->rowJson(row));
            });
    // Fit the columns to the first page; later rows (a stage created, the next page) only
    // widen a column that is too narrow for them, and never one the user sized. Queued: the
    // proxies between the model and the view (a display proxy set later is connected after
    // this) must have the rows before they are measured or selected.
    connect(
        model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first) {
            // Widths restored from the last run are a floor: today's longer names still widen
            // their column (the walkthrough saw "podcas…" beside a Tags column with room).
            if (first == 0 && !m_keepWidths)
                fitColumns();
            else
                widenColumns();
            if (!m_pendingSelection.isEmpty())
                selectKey(m_pendingSelection);
        },
        Qt::QueuedConnection);
    if (m_kind.kind == models::Kind::Participant && m_connection) {
        auto *details = new models::ParticipantDetails(m_connection->client(), model,
                                                       m_scope.stageArn, m_scope.sessionId, model);
        // For the rows on screen: with the page in view, before background polling.
        details->setBudget(m_connection->budget(), models::RateBudget::Priority::Selected);
        m_details = details;
        connect(model, &models::ResourceListModel::refreshed, m_detailsDebounce,
                qOverload<>(&QTimer::start));
    }
    // Sessions newest first; other lists in the service's order.
    if (m_kind.kind == models::Kind::Session)
        m_table->sortByColumn(1, Qt::DescendingOrder);
    else
        m_table->sortByColumn(-1, Qt::AscendingOrder);
    if (!m_keepWidths)
        fitColumns();
    if (model->rowCount() == 0 && model->canFetchMore({}))
        model->fetchMore({});
    updateStatus();
}

void ListPage::fitColumns()
{
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    m_table->resizeColumnsToContents();
    m_userSized.clear();
}

void ListPage::widenColumns()
{
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    QHeaderView *header = m_table->horizontalHeader();
    const int last = header->count() - 1;
    // A cell wider than this is elided rather than pushing everything else off the page.
    const int widest = std::max(160, m_table->viewport()->width() / 2);
    for (int column = 0; column < last; ++column) {
        if (m_userSized.contains(column) || header->isSectionHidden(column))
            continue;
        const int before = header->sectionSize(column);
        m_table->resizeColumnToContents(column); // the contents' width (sizeHint is protected)
        header->resizeSection(column,
                              std::max(before, std::min(widest, header->sectionSize(column))));
    }
}

void ListPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateLiveView();
}

void ListPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateLiveView();
}

void ListPage::updateLiveView()
{
    const bool wanted = m_connection && m_connection->liveUpdates() && m_model;
    models::RateBudget *budget = m_connection ? m_connection->budget() : nullptr;
    // On screen it goes with the selected stage; in a tab not shown (the events under the
    // participant's charts), in the background, four times less often.
    const auto priority = isVisible() ? models::RateBudget::Priority::Selected
                                      : models::RateBudget::Priority::Background;
    if (wanted && !m_liveView) {
        m_liveView = budget->addView(this, models::budgets::ivsReads(), priority, kLiveIntervalMs,
                                     [this](std::function<void()> done) { liveFetch(done); });
    } else if (wanted) {
        budget->setPriority(m_liveView, priority);
    } else if (m_liveView) {
        budget->removeView(std::exchange(m_liveView, 0));
        if (auto done = std::exchange(m_liveDone, nullptr))
            done();
    }
    if (m_liveView && isVisible())
        m_ageClock->start();
    else
        m_ageClock->stop();
    updateStatus();
}

void ListPage::liveFetch(std::function<void()> done)
{
    using Status = models::ResourceListModel::Status;
    // A page being loaded (the user's Load more) is left to finish: its turn passes.
    if (!m_model || m_model->status() == Status::Loading || m_model->status() == Status::Refreshing)
        return done();
    if (m_refreshesHeld) { // its turn passes; the refresh runs on release
        m_refreshWaiting = true;
        updateStatus();
        return done();
    }
    m_liveDone = std::move(done);
    m_model->refresh();
}

void ListPage::holdRefreshes(bool hold)
{
    m_refreshesHeld = hold;
    if (!hold && std::exchange(m_refreshWaiting, false)) {
        refresh();
        updateStatus();
    }
}

void ListPage::refresh()
{
    if (m_refreshesHeld) {
        m_refreshWaiting = true;
        updateStatus();
        return;
    }
    if (m_model && m_model->status() != models::ResourceListModel::Status::Loading)
        m_model->refresh();
}

void ListPage::selectKey(const QString &key)
{
    const int row = m_model ? m_model->rowOfKey(key) : -1;
    if (row < 0) {
        m_pendingSelection = key;
        return;
    }
    m_pendingSelection.clear();
    const QModelIndex index = viewIndex(row);
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

QJsonObject ListPage::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : sourceRow(rows.first());
    return row >= 0 && m_model ? m_model->rowJson(row) : QJsonObject();
}

QString ListPage::selectedKey() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(models::KeyRole).toString();
}

QString ListPage::removeText() const
{
    return removeText(m_kind, selectedRow());
}

QString ListPage::removeText(const models::ResourceKind &kind, const QJsonObject &row)
{
    if (!kind.canRemove(row))
        return {};
    const QString name = kind.displayName(row);
    return QStringLiteral("%1 %2%3…")
        .arg(kind.removeVerb,
             kind.kind == models::Kind::Participant ? QString() : kind.singular.toLower(),
             name.isEmpty() ? QString() : QLatin1Char(' ') + name)
        .simplified();
}

void ListPage::onSelection()
{
    const QJsonObject row = selectedRow();
    if (!row.isEmpty())
        emit currentChanged(row, selectedKey());
}

void ListPage::updateStatus()
{
    if (!m_model)
        return;
    using Status = models::ResourceListModel::Status;
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    QString rows = shown == total
                       ? tr("%n row(s)", nullptr, total)
                       : tr("%1 of %n row(s) match the filter", nullptr, total).arg(shown);
    QString text;
    switch (m_model->status()) {
    case Status::Loading:
        text = total ? rows + tr(", loading…") : tr("loading…");
        break;
    case Status::Refreshing:
        text = rows + tr(", refreshing…");
        break;
    case Status::Error:
        text = QStringLiteral("<span style='color:#c01c28'>%1</span>")
                   .arg(m_model->errorText().toHtmlEscaped());
        break;
    case Status::Idle:
        text = rows;
        if (m_model->hasMorePages())
            text += tr(", more on the server");
        break;
    }
    // A refresh held back under the pointer passed its turn: the age would say "just now".
    if (m_refreshWaiting && m_model->status() != Status::Error)
        text += QStringLiteral(" · ") + tr("held under the pointer");
    else if (m_liveView && m_model->status() != Status::Error)
        text += QStringLiteral(" · ") + m_connection->budget()->ageText(m_liveView);
    if (!m_model->spec().clientFilterDescription.isEmpty())
        text += QStringLiteral(" — ") + m_model->spec().clientFilterDescription.toHtmlEscaped();
    m_status->setText(text);
    QString tip;
    if (m_model->status() == Status::Error)
        tip = m_model->errorText();
    else if (!m_model->spec().clientFilterDescription.isEmpty())
        tip = tr("The service takes one filter per request: the others are applied here, to the "
                 "rows it returns.");
    m_status->setToolTip(tip);
    m_loadMore->setVisible(m_model->hasMorePages() && m_model->status() != Status::Error);
}

void ListPage::requestVisibleDetails()
{
    auto *details = qobject_cast<models::ParticipantDetails *>(m_details);
    if (!details || !m_model || !isVisible())
        return;
    // The rows on screen, through the proxy (it may sort them anywhere in the source).
    const int top = m_table->rowAt(0);
    int bottom = m_table->rowAt(m_table->viewport()->height() - 1);
    if (top < 0)
        return;
    if (bottom < 0)
        bottom = m_proxy->rowCount() - 1;
    QStringList keys;
    for (int row = top; row <= bottom; ++row)
        keys << m_proxy->index(row, 0).data(models::KeyRole).toString();
    details->request(keys);
}

namespace
{

// A row action's icon, from what its operation does.
QIcon rowActionIcon(const QString &operation)
{
    if (operation.startsWith(QLatin1String("Create")))
        return icon(IconId::New);
    if (operation.startsWith(QLatin1String("Start")))
        return icon(IconId::Live);
    if (operation.startsWith(QLatin1String("Stop")) ||
        operation.startsWith(QLatin1String("Delete")))
        return icon(IconId::Delete);
    if (operation.startsWith(QLatin1String("copy")))
        return icon(IconId::Copy);
    return icon(IconId::Edit);
}

} // namespace

void ListPage::showMenu(const QPoint &pos)
{
    const QJsonObject row = selectedRow();
    QMenu menu;
    if (!row.isEmpty() && !m_kind.keyField.isEmpty()) {
        menu.addAction(
            icon(IconId::Copy),
            tr("Copy %1").arg(m_kind.keyField == QLatin1String("arn") ? tr("ARN") : tr("ID")), this,
            [key = selectedKey()] { QApplication::clipboard()->setText(key); });
    }
    // The row as the AWS CLI would fetch it, for a colleague or a runbook.
    if (!row.isEmpty() && m_kind.get && !m_kind.keyField.isEmpty()) {
        CliContext cli;
        if (m_connection) {
            cli.region = m_connection->region();
            if (!m_connection->endpoint().host().endsWith(QLatin1String(".amazonaws.com")))
                cli.endpointUrl = m_connection->endpoint().toString();
        }
        menu.addAction(
            icon(IconId::Copy), tr("Copy as AWS CLI command"), this,
            [command = awsCliCommand(*m_kind.get, m_kind.inputFor(m_scope, selectedKey()), cli)] {
                QApplication::clipboard()->setText(command);
            });
    }
    menu.addAction(icon(IconId::Refresh), tr("Refresh"), this, &ListPage::refresh);
    auto request = [this, row](const QString &action) {
        return [this, action, row] { emit actionRequested(action, row); };
    };
    if (m_kind.create && m_kind.kind != models::Kind::Composition)
        menu.addAction(icon(IconId::New), tr("New %1…").arg(m_kind.singular.toLower()), this,
                       request(QLatin1String(kCreate)));
    if (m_kind.kind == models::Kind::Composition)
        menu.addAction(icon(IconId::Live), tr("Start composition…"), this,
                       request(QLatin1String(kCreate)));
    if (!row.isEmpty()) {
        if (m_kind.update)
            menu.addAction(icon(IconId::Edit), tr("Edit in the detail pane"), this,
                           request(QLatin1String(kEdit)));
        else if (m_kind.create && m_kind.kind != models::Kind::Composition)
            menu.addAction(icon(IconId::Copy), tr("Duplicate as new…"), this,
                           request(QLatin1String(kDuplicate)));
        for (const models::RowAction &action : m_kind.rowActions) {
            if (!action.offered || action.offered(row))
                menu.addAction(rowActionIcon(action.operation), action.text, this,
                               request(action.operation));
        }
    }
    const QString remove = removeText();
    if (!remove.isEmpty()) {
        menu.addSeparator();
        QAction *action =
            menu.addAction(icon(IconId::Delete), remove, this, request(QLatin1String(kRemove)));
        action->setShortcut(QKeySequence::Delete);
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace gr::ui
