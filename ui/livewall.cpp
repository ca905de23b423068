#include "ui/livewall.h"

#include "models/alertrules.h"
#include "models/livemonitor.h"
#include "ui/connection.h"
#include "ui/elidedlabel.h"
#include "ui/livetooltip.h"
#include "ui/stableorder.h"
#include "ui/stagetile.h"

#include <algorithm>
#include <memory>
#include <QConcatenateTablesProxyModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace gr::ui
{

using models::LiveMonitor;

namespace
{
const QString kViewer = QStringLiteral("wall");
const QString kSettingsKey = QStringLiteral("liveWall/connections");
// Around the wall's page, where a pointer on its way to a tile already holds the order.
constexpr int kApproachMarginPx = 48;

// Troubled stages first (most troubled first), then by connection and name.
class TroubleFirst : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const int a = left.data(LiveMonitor::TroubleRole).toInt();
        const int b = right.data(LiveMonitor::TroubleRole).toInt();
        if (a != b)
            return a > b;
        const QString ca = left.data(LiveMonitor::ConnectionNameRole).toString();
        const QString cb = right.data(LiveMonitor::ConnectionNameRole).toString();
        if (ca != cb)
            return ca.localeAwareCompare(cb) < 0;
        return left.data(LiveMonitor::NameRole)
                   .toString()
                   .localeAwareCompare(right.data(LiveMonitor::NameRole).toString()) < 0;
    }
};
} // namespace

LiveWall::LiveWall(QWidget *parent)
    : QWidget(parent), m_concat(new QConcatenateTablesProxyModel(this)),
      m_sorted(new TroubleFirst(this)), m_delegate(new StageTileDelegate(this))
{
    setObjectName(QStringLiteral("liveWall"));
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Live wall</b>"), this);
    bar->addWidget(title);
    // A long status (a connection that cannot be added or list its stages) stays one line,
    // elided, the whole of it in the tool tip: it never widens the page nor pushes the tiles.
    m_status = new ElidedLabel(this);
    m_status->setObjectName(QStringLiteral("liveWallStatus"));
    bar->addWidget(m_status, 1);
    m_addButton = new QToolButton(this);
    m_addButton->setObjectName(QStringLiteral("liveWallConnections"));
    m_addButton->setText(tr("Connections"));
    m_addButton->setToolTip(tr("Show the live stages of other connections beside this one"));
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    m_addMenu = new QMenu(m_addButton);
    m_addButton->setMenu(m_addMenu);
    bar->addWidget(m_addButton);
    layout->addLayout(bar);

    m_sorted->setSourceModel(m_concat);
    m_sorted->setDynamicSortFilter(true);
    m_sorted->sort(0);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("liveWallTiles"));
    m_view->setAccessibleName(tr("Live stages, troubled first"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    // Columns from the width (fitColumns): the grid is the tiles' size, their gap drawn inside.
    m_view->setSpacing(0);
    m_view->installEventFilter(this);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setItemDelegate(m_delegate);
    // A tile's tip follows its figures while it is shown.
    new LiveToolTip(m_view,
                    [this](const QModelIndex &index) { return m_delegate->toolTipOf(index); });
    m_delegate->setCodes([this](const QString &connection, const QString &stageArn) {
        return m_codes.value(connection + QLatin1Char('|') + stageArn);
    });
    m_view->setModel(m_sorted);
    m_view->setMouseTracking(true);
    // Tiles do not reorder under the pointer: the new order waits until it leaves the wall.
    m_stable = new StableOrder(m_view, m_sorted);
    // ...nor just before it gets there: the order is held as soon as the pointer is on the
    // wall's page or a tile's margin from it.
    m_stable->setApproach(this, kApproachMarginPx);
    layout->addWidget(m_view, 1);

    // Click or Enter: open the stage (one of the two when a platform activates on click too).
    struct LastOpened {
        QPersistentModelIndex index;
        QElapsedTimer when;
    };
    auto last = std::make_shared<LastOpened>();
    auto open = [this, last](const QModelIndex &index) {
        if (last->index == index && last->when.isValid() && last->when.elapsed() < 400)
            return;
        last->index = index;
        last->when.start();
        emit stageActivated(index.data(LiveMonitor::ConnectionNameRole).toString(),
                            index.data(LiveMonitor::StageArnRole).toString());
    };
    connect(m_view, &QListView::clicked, this, open);
    connect(m_view, &QListView::activated, this, open);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const auto it =
                    m_sources.find(current.data(LiveMonitor::ConnectionNameRole).toString());
                if (it != m_sources.end() && it->second.monitor)
                    it->second.monitor->setSelectedStage(
                        current.data(LiveMonitor::StageArnRole).toString());
            });
    for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(m_sorted)}) {
        connect(m, &QAbstractItemModel::rowsInserted, this, &LiveWall::updateStatus);
        connect(m, &QAbstractItemModel::rowsRemoved, this, &LiveWall::updateStatus);
        connect(m, &QAbstractItemModel::layoutChanged, this, &LiveWall::updatePriorities);
        connect(m, &QAbstractItemModel::dataChanged, this, &LiveWall::updateStatus);
    }
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &LiveWall::updatePriorities);
    // Ages move on every second; what is on screen is re-read with them.
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        updateCodes();
        m_view->viewport()->update();
        updatePriorities();
        updateStatus();
    });
    m_added = rememberedNames();
    updateStatus();
    rebuildAddMenu();
}

LiveWall::~LiveWall()
{
    // The sources go first so that no proxy hears of a model being destroyed.
    for (auto &[name, source] : m_sources) {
        if (source.monitor) {
            disconnect(source.monitor, &QObject::destroyed, this, nullptr);
            source.monitor->setVisibleStages(kViewer, {});
            m_concat->removeSourceModel(source.monitor);
        }
    }
    for (auto &[name, source] : m_sources)
        delete source.owned;
}

QAbstractItemModel *LiveWall::tiles() const
{
    return m_sorted;
}

QStringList LiveWall::rememberedNames()
{
    return QSettings().value(kSettingsKey).toStringList();
}

void LiveWall::remember() const
{
    QSettings().setValue(kSettingsKey, m_added);
}

QStringList LiveWall::connectionNames() const
{
    QStringList names;
    if (!m_primary.isEmpty() && m_sources.count(m_primary))
        names << m_primary;
    for (const auto &[name, source] : m_sources) {
        if (name != m_primary)
            names << name;
    }
    return names;
}

void LiveWall::setChoices(const QStringList &names, ConnectionMaker maker)
{
    m_choices = names;
    m_maker = std::move(maker);
    // Connections remembered from the last run come back (those still offered).
    for (const QString &name : std::as_const(m_added)) {
        if (name != m_primary && !m_sources.count(name) && m_choices.contains(name))
            (void)addConnection(name); // one that cannot be made now says why (m_failed)
    }
    rebuildAddMenu();
    updateStatus();
}

void LiveWall::attach(const QString &name, LiveMonitor *monitor, models::AlertEngine *alerts)
{
    monitor->setConnectionName(name);
    m_delegate->setIdentity(ConnectionIdentityStore().identity(name));
    m_concat->addSourceModel(monitor);
    // A monitor that goes with its connection leaves the wall first.
    connect(monitor, &QObject::destroyed, this, [this, name] {
        auto it = m_sources.find(name);
        if (it != m_sources.end())
            m_sources.erase(it);
        updateStatus();
        rebuildAddMenu();
    });
    m_sources[name].monitor = monitor;
    m_sources[name].alerts = alerts;
    // A connection that cannot list its stages (no credentials, access denied) says so here,
    // or it would simply show no tile.
    connect(monitor, &LiveMonitor::errorOccurred, this, &LiveWall::updateStatus);
    updateCodes();
    updatePriorities();
    updateStatus();
}

void LiveWall::detach(const QString &name)
{
    auto it = m_sources.find(name);
    if (it == m_sources.end())
        return;
    if (it->second.monitor) {
        disconnect(it->second.monitor, &QObject::destroyed, this, nullptr);
        it->second.monitor->setVisibleStages(kViewer, {});
        m_concat->removeSourceModel(it->second.monitor);
    }
    Connection *owned = it->second.owned;
    m_sources.erase(it);
    delete owned; // its monitor and budget with it: nothing polled for it any more
    updateStatus();
}

void LiveWall::setPrimary(const QString &name, LiveMonitor *monitor, models::AlertEngine *alerts)
{
    const QString previous = m_primary;
    if (!previous.isEmpty() && m_sources.count(previous) && !m_sources[previous].owned)
        detach(previous);
    m_primary = name;
    m_failed.erase(name);
    if (m_sources.count(name))
        detach(name); // the wall's own connection to the same place
    if (monitor)
        attach(name, monitor, alerts);
    // The previous window connection stays on the wall when the user had added it.
    if (!previous.isEmpty() && previous != name && m_added.contains(previous))
        (void)addConnection(previous); // one that cannot be made now is simply not shown
    rebuildAddMenu();
}

aws::Expected<void> LiveWall::addConnection(const QString &name)
{
    if (name == m_primary || m_sources.count(name)) {
        if (!m_added.contains(name)) {
            m_added << name;
            remember();
        }
        return {};
    }
    if (!m_maker)
        return aws::failure(aws::AwsError::Kind::Invalid, tr("No connection called %1").arg(name));
    const aws::Expected<Connection *> made = m_maker(name);
    if (!made) {
        m_failed[name] = made.error().kind == aws::AwsError::Kind::Credentials
                             ? tr("%1: no credentials found — add a profile or keys").arg(name)
                             : tr("could not add %1: %2").arg(name, made.message());
        updateStatus();
        return made.error();
    }
    m_failed.erase(name);
    Connection *connection = *made;
    connection->setParent(this);
    LiveMonitor *monitor = connection->liveMonitor();
    // Its alerts name stages as its tiles do.
    connection->alerts()->setStageNames([monitor =
                                             QPointer<LiveMonitor>(monitor)](const QString &arn) {
        return monitor ? monitor->indexOf(arn).data(LiveMonitor::NameRole).toString() : QString();
    });
    attach(name, monitor, connection->alerts());
    m_sources[name].owned = connection;
    emit connectionAdded(name, connection);
    // The wall is remembered as a whole: opened from another connection later, it shows this
    // window's connection too.
    for (const QString &shown : {m_primary, name}) {
        if (!shown.isEmpty() && !m_added.contains(shown))
            m_added << shown;
    }
    remember();
    rebuildAddMenu();
    return {};
}

void LiveWall::removeConnection(const QString &name)
{
    m_failed.erase(name);
    m_added.removeAll(name);
    remember();
    if (name != m_primary)
        detach(name);
    rebuildAddMenu();
}

void LiveWall::rebuildAddMenu()
{
    m_addMenu->clear();
    for (const QString &name : std::as_const(m_choices)) {
        QAction *action = m_addMenu->addAction(name);
        action->setCheckable(true);
        const bool shown = m_sources.count(name) > 0;
        action->setChecked(shown);
        if (name == m_primary) {
            action->setEnabled(false);
            action->setText(tr("%1 (this window's)").arg(name));
            continue;
        }
        // Queued: the menu is rebuilt (its actions deleted) once the change is made.
        connect(
            action, &QAction::toggled, this,
            [this, name](bool on) {
                if (!on)
                    return removeConnection(name);
                (void)addConnection(name); // a failure stays in the status line
            },
            Qt::QueuedConnection);
    }
    m_addButton->setText(m_sources.size() > 1 ? tr("Connections (%1)").arg(m_sources.size())
                                              : tr("Connections"));
}

void LiveWall::updatePriorities()
{
    std::map<QString, QSet<QString>> shown;
    if (isVisible()) {
        const QRect area = m_view->viewport()->rect();
        for (int row = 0; row < m_sorted->rowCount(); ++row) {
            const QModelIndex index = m_sorted->index(row, 0);
            if (m_view->visualRect(index).intersects(area))
                shown[index.data(LiveMonitor::ConnectionNameRole).toString()].insert(
                    index.data(LiveMonitor::StageArnRole).toString());
        }
    }
    for (auto &[name, source] : m_sources) {
        if (source.monitor)
            source.monitor->setVisibleStages(kViewer, shown[name]);
    }
}

void LiveWall::updateCodes()
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - 5 * 60 * 1000;
    QHash<QString, QHash<QString, int>> counts;
    for (const auto &[name, source] : m_sources) {
        if (!source.alerts)
            continue;
        for (const models::Alert &alert : source.alerts->alerts()) {
            if (alert.errorCode.isEmpty() || alert.lastMs < since)
                continue;
            // The tile counts its live session's errors: an earlier session's codes would
            // read as more codes than errors.
            const QString live = source.monitor ? source.monitor->indexOf(alert.stageArn)
                                                      .data(models::LiveMonitor::SessionIdRole)
                                                      .toString()
                                                : QString();
            if (!live.isEmpty() && !alert.sessionId.isEmpty() && alert.sessionId != live)
                continue;
            counts[name + QLatin1Char('|') + alert.stageArn][alert.errorCode] += alert.count;
        }
    }
    m_codes.clear();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        QStringList codes = it.value().keys();
        const QHash<QString, int> &n = it.value();
        std::sort(codes.begin(), codes.end(), [&n](const QString &a, const QString &b) {
            return n.value(a) != n.value(b) ? n.value(a) > n.value(b) : a < b;
        });
        m_codes.insert(it.key(), codes);
    }
}

void LiveWall::updateStatus()
{
    const int tiles = m_sorted->rowCount();
    int troubled = 0, erring = 0;
    qint64 oldest = 0;
    for (int row = 0; row < tiles; ++row) {
        const QModelIndex index = m_sorted->index(row, 0);
        const auto level = StageTileDelegate::severity(index);
        troubled += level == StageTileDelegate::Severity::Troubled ? 1 : 0;
        erring += level == StageTileDelegate::Severity::Erring ? 1 : 0;
        oldest = std::max(oldest, index.data(LiveMonitor::AgeMsRole).toLongLong());
    }
    const int connections = int(m_sources.size());
    // Connections whose monitor's last listing failed: named, the service's text in the tip.
    // Connections not heard from yet (credentials still being looked for, as the AWS CLI does,
    // can take a while) are said too, so an added connection never just shows nothing.
    QStringList failing, details, waiting;
    for (const auto &[name, source] : m_sources) {
        if (source.monitor && !source.monitor->lastError().isEmpty()) {
            failing << name;
            details << name + QStringLiteral(": ") + source.monitor->lastError();
        } else if (source.monitor && source.monitor->stageListings() == 0) {
            waiting << name;
        }
    }
    QString problems = failing.isEmpty() ? QString()
                                         : tr(" · could not list the stages of %1 (hover for why)")
                                               .arg(failing.join(QStringLiteral(", ")));
    if (!waiting.isEmpty())
        problems += tr(" · waiting for %1").arg(waiting.join(QStringLiteral(", ")));
    for (const auto &[name, why] : m_failed)
        problems += QStringLiteral(" · ") + why;
    m_status->setDetails(details.join(QLatin1Char('\n')));
    // Problems first: on one elided line they are what must be read.
    const auto withProblems = [&problems](const QString &text) {
        return problems.isEmpty() ? text : problems.mid(3) + QStringLiteral(" · ") + text;
    };
    if (!tiles) {
        m_status->setFullText(
            withProblems(connections ? tr("No live stage: a stage is live while someone is on it.")
                                     : tr("Not connected.")));
        return;
    }
    QString text = (tiles == 1 ? tr("1 live stage") : tr("%1 live stages").arg(tiles));
    if (connections > 1)
        text += tr(" on %1 connections").arg(connections);
    if (troubled)
        text += tr(" · %1 troubled").arg(troubled);
    if (erring)
        text += erring == 1 ? tr(" · 1 with errors") : tr(" · %1 with errors").arg(erring);
    text += tr(" · oldest updated %1 s ago").arg(oldest / 1000);
    m_status->setFullText(withProblems(text));
}

int LiveWall::tileRoom(const QListView *view)
{
    // QListView's own room for a wrapping flow: the frame's inside less a vertical scroll bar,
    // shown or not (so the bar coming or going as tiles do never changes the columns), and
    // one pixel, as a row ending on the last pixel wraps.
    return view->width() - 2 * view->frameWidth() -
           view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr,
                                      view->verticalScrollBar()) -
           1;
}

std::pair<int, int> LiveWall::columnsFor(int available)
{
    const int columns = std::max(1, available / StageTileDelegate::kMinTileWidth);
    const int width = std::clamp(available / columns, int(StageTileDelegate::kMinTileWidth),
                                 int(StageTileDelegate::kDefaultTileWidth));
    return {columns, width};
}

void LiveWall::fitColumns()
{
    const int width = columnsFor(tileRoom(m_view)).second;
    const QSize grid(width, StageTileDelegate::kTileHeight);
    if (m_view->gridSize() == grid)
        return;
    m_delegate->setTileWidth(width);
    m_view->setGridSize(grid); // lays the tiles out again
}

bool LiveWall::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void LiveWall::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitColumns();
    m_tick->start();
    QTimer::singleShot(0, this, &LiveWall::updatePriorities);
}

void LiveWall::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_tick->stop();
    for (auto &[name, source] : m_sources) {
        if (source.monitor)
            source.monitor->setVisibleStages(kViewer, {});
    }
}

} // namespace gr::ui
