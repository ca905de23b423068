#include "ui/participantpage.h"

#include "models/eventerrors.h"
#include "models/roles.h"
#include "ui/listpage.h"
#include "ui/metricchart.h"
#include "ui/participantmetrics.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

// Shows "alice (pid)" for a remote participant id, as the session's list names it.
class RemoteNameProxy : public QIdentityProxyModel
{
public:
    RemoteNameProxy(int column, std::function<QString(const QString &)> userOf, QObject *parent)
        : QIdentityProxyModel(parent), m_column(column), m_userOf(std::move(userOf))
    {
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        QVariant value = QIdentityProxyModel::data(index, role);
        if (index.column() != m_column || !m_userOf ||
            (role != Qt::DisplayRole && role != Qt::ToolTipRole))
            return value;
        const QString id = value.toString();
        const QString user = id.isEmpty() ? QString() : m_userOf(id);
        if (user.isEmpty())
            return value;
        return role == Qt::ToolTipRole
                   ? tr("%1 (%2): Enter or double-click opens this participant").arg(user, id)
                   : QStringLiteral("%1 (%2)").arg(user, id);
    }

private:
    int m_column;
    std::function<QString(const QString &)> m_userOf;
};

} // namespace

ParticipantPage::ParticipantPage(Connection *connection, models::Scope scope, const QString &title,
                                 std::function<QString(const QString &)> userOf, QWidget *parent)
    : QWidget(parent), m_scope(std::move(scope)), m_userOf(std::move(userOf))
{
    setObjectName(QStringLiteral("page-participant"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("participantTabs"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);

    auto *eventsTab = new QWidget(m_tabs);
    eventsTab->setObjectName(QStringLiteral("eventsTab"));
    auto *eventsLayout = new QVBoxLayout(eventsTab);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    m_events =
        new ListPage(connection, models::resourceKind(models::Kind::Event), m_scope, eventsTab);
    m_events->setTitle(title);
    eventsLayout->addWidget(m_events, 1);
    m_help = new QLabel(eventsTab);
    m_help->setObjectName(QStringLiteral("eventHelp"));
    m_help->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_help->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the page
    m_help->installEventFilter(this);
    eventsLayout->addWidget(m_help);
    showNote();
    m_tabs->addTab(eventsTab, tr("&Events"));

    // Each chart keeps a readable height; when they do not all fit, the tab scrolls rather
    // than squeezing them into slivers.
    auto *charts = new QScrollArea(m_tabs);
    charts->setObjectName(QStringLiteral("chartsTab"));
    charts->setWidgetResizable(true);
    charts->setFrameShape(QFrame::NoFrame);
    charts->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_metrics = new ParticipantMetrics(connection, m_scope, m_events, charts);
    m_metrics->setUserOf(m_userOf); // its empty charts name the user
    m_metrics->installEventFilter(this);
    charts->setWidget(m_metrics);
    m_charts = charts;
    m_tabs->addTab(m_charts, tr("C&harts"));
    m_tabs->setTabToolTip(1, tr("CloudWatch quality metrics over the participant's time on the "
                                "stage; its events marked (a click selects the event)"));

    // Long findings scroll within their tab.
    auto *diagnosis = new QScrollArea(m_tabs);
    diagnosis->setObjectName(QStringLiteral("diagnosisTab"));
    diagnosis->setWidgetResizable(true);
    diagnosis->setFrameShape(QFrame::NoFrame);
    m_findings = new QLabel(diagnosis);
    m_findings->setObjectName(QStringLiteral("participantFindings"));
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);
    m_findings->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_findings->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_findings->setOpenExternalLinks(true);
    m_findings->setMargin(6);
    // Wrapped to the tab's width (a rich-text label would ask for its longest paragraph's);
    // long findings scroll down, never sideways. The vertical bar stays, so the width the text
    // is wrapped to is the width it is shown in (QScrollArea wraps first, then adds the bar).
    m_findings->setMinimumWidth(1);
    diagnosis->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    diagnosis->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    diagnosis->setWidget(m_findings);
    m_diagnosis = diagnosis;
    m_tabs->addTab(m_diagnosis, tr("&Diagnosis"));
    setFindings({}, -1);

    restoreTab();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_switching || index < 0)
            return;
        QSettings().setValue(QLatin1String(kTabSetting), m_tabs->widget(index)->objectName());
    });

    // The remote participant column names users; the sort/filter proxy reads through it.
    const models::ListSpec &spec = m_events->model()->spec();
    int remoteColumn = -1;
    for (int c = 0; c < spec.columns.size(); ++c) {
        if (spec.columns[c].field == QLatin1String("remoteParticipantId"))
            remoteColumn = c;
    }
    m_events->setDisplayProxy(new RemoteNameProxy(remoteColumn, m_userOf, this));

    connect(m_events->model(), &models::ResourceListModel::statusChanged, this,
            &ParticipantPage::onStatus);
    connect(m_events, &ListPage::currentChanged, this,
            [this](const QJsonObject &event) { onCurrent(event); });
    connect(m_events, &ListPage::activated, this, [this](const QJsonObject &event) {
        const QString remote = event.value(QLatin1String("remoteParticipantId")).toString();
        if (!remote.isEmpty())
            emit participantRequested(remote);
    });
}

QString ParticipantPage::eventsTitle(const QString &user, const QString &participantId)
{
    // Before the user id is known the id would be named twice ("Events of X (X)"). The session
    // is named by the participants' title above: here it squeezed the row count.
    return user.isEmpty() ? tr("Events of participant %1").arg(participantId)
                          : tr("Events of %1 (%2)").arg(user, participantId);
}

void ParticipantPage::nameWhenListed(const QAbstractItemModel *names)
{
    // The list's signals only ask for a look a moment later: when the session page goes, its
    // list signals while being deleted, and `userOf` reads a page that is no longer one. The
    // connections and the posted look go with this page.
    auto later = [this] {
        QMetaObject::invokeMethod(this, &ParticipantPage::nameIfListed, Qt::QueuedConnection);
    };
    m_naming << connect(names, &QAbstractItemModel::rowsInserted, this, later)
             << connect(names, &QAbstractItemModel::modelReset, this, later)
             << connect(names, &QAbstractItemModel::layoutChanged, this, later)
             << connect(names, &QAbstractItemModel::dataChanged, this, later);
}

void ParticipantPage::nameIfListed()
{
    if (m_naming.isEmpty())
        return; // named already
    const QString user = m_userOf ? m_userOf(m_scope.participantId) : QString();
    if (user.isEmpty())
        return;
    m_events->setTitle(eventsTitle(user, m_scope.participantId));
    for (const QMetaObject::Connection &c : std::as_const(m_naming))
        disconnect(c);
    m_naming.clear();
}

QTableView *ParticipantPage::table() const
{
    return m_events->table();
}

models::ResourceListModel *ParticipantPage::model() const
{
    return m_events->model();
}

void ParticipantPage::refresh()
{
    m_events->refresh();
}

void ParticipantPage::onStatus()
{
    // Every event, in time order: keep paging until the last.
    models::ResourceListModel *model = m_events->model();
    if (model->canFetchMore({}))
        model->fetchMore({});
    if (!m_events->keepsColumnWidths())
        m_events->table()->resizeColumnsToContents();
    fitReadColumns();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString code = model->rowJson(r).value(QLatin1String("errorCode")).toString();
        if (!code.isEmpty())
            setHelp(tr("<b>%1</b>: %2<br><small>%3</small>")
                        .arg(code, models::explainEventError(code).toHtmlEscaped(),
                             models::eventsNotInTimelineNote().toHtmlEscaped()));
    }
}

void ParticipantPage::fitReadColumns()
{
    // The time and the event's name are what a user reads first: never cut, even under
    // column widths kept from before.
    const models::ListSpec &spec = m_events->model()->spec();
    QTableView *table = m_events->table();
    const QAbstractItemView *view = table; // QTableView hides sizeHintForColumn
    for (int c = 0; c < spec.columns.size(); ++c) {
        if (spec.columns[c].format != models::Format::Time &&
            spec.columns[c].field != QLatin1String("name"))
            continue;
        const int needed =
            qMax(view->sizeHintForColumn(c), table->horizontalHeader()->sectionSizeHint(c));
        if (table->horizontalHeader()->sectionSize(c) < needed)
            table->horizontalHeader()->resizeSection(c, needed);
    }
}

void ParticipantPage::showNote()
{
    m_noteShown = true;
    m_help->setWordWrap(false);
    m_help->setTextFormat(Qt::PlainText);
    m_help->setToolTip(models::eventsNotInTimelineNote());
    refitNote();
}

void ParticipantPage::refitNote()
{
    if (m_noteShown)
        m_help->setText(m_help->fontMetrics().elidedText(
            models::eventsNotInTimelineNote(), Qt::ElideRight, m_help->contentsRect().width()));
}

void ParticipantPage::setHelp(const QString &text)
{
    m_noteShown = false;
    m_help->setWordWrap(true);
    m_help->setTextFormat(Qt::AutoText);
    m_help->setToolTip({});
    m_help->setText(text);
}

bool ParticipantPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_help && event->type() == QEvent::Resize)
        refitNote();
    // Charts come as their series do: each new one gets the minimum height on its way in.
    if (watched == m_metrics && event->type() == QEvent::LayoutRequest) {
        for (MetricChart *chart : m_metrics->findChildren<MetricChart *>()) {
            if (chart->minimumHeight() < kChartMinHeight)
                chart->setMinimumHeight(kChartMinHeight);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ParticipantPage::restoreTab()
{
    QString wanted = QSettings().value(QLatin1String(kTabSetting)).toString();
    if (wanted == QLatin1String("participantMetrics"))
        wanted = QStringLiteral("chartsTab"); // the Charts tab's name before it scrolled
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (!wanted.isEmpty() && m_tabs->widget(i)->objectName() == wanted) {
            const QScopedValueRollback<bool> internal(m_switching, true);
            m_tabs->setCurrentIndex(i);
        }
    }
}

void ParticipantPage::onCurrent(const QJsonObject &event)
{
    const QString code = event.value(QLatin1String("errorCode")).toString();
    const QString name = event.value(QLatin1String("name")).toString();
    if (code.isEmpty()) {
        setHelp(tr("%1 at %2.")
                    .arg(name, models::displayText(event.value(QLatin1String("eventTime")),
                                                   models::Format::Time)));
        return;
    }
    setHelp(
        tr("<b>%1</b> (%2): %3").arg(code, name, models::explainEventError(code).toHtmlEscaped()));
}

} // namespace gr::ui
