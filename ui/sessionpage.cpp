#include "ui/sessionpage.h"

#include "models/listspecs.h"
#include "models/resourcelistmodel.h"
#include "models/sessionerrors.h"
#include "ui/listpage.h"
#include "ui/participantfilterbar.h"
#include "ui/participantpage.h"
#include "ui/sessionanalysis.h"
#include "ui/stableorder.h"

#include <memory>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gr::ui
{

SessionPage::SessionPage(Connection *connection, models::Scope scope, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_scope(std::move(scope))
{
    setObjectName(QStringLiteral("page-session"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->setDocumentMode(true);
    auto *split = new QSplitter(Qt::Vertical, m_tabs);
    split->setObjectName(QStringLiteral("sessionSplit"));
    m_participants =
        new ListPage(connection, models::resourceKind(models::Kind::Participant), m_scope, split);
    m_participants->setTitle(tr("Participants of %1").arg(m_scope.sessionId));
    m_filters = new ParticipantFilterBar(m_participants);
    m_participants->addBar(m_filters);
    connect(m_filters, &ParticipantFilterBar::changed, this, [this] {
        m_participants->setSpec(
            models::participantsSpec(m_scope.stageArn, m_scope.sessionId, m_filters->filters()));
        m_participants->model()->setChannel(QLatin1String(models::SessionErrors::kChannel),
                                            m_errors);
    });
    m_eventsHolder = new QWidget(split);
    auto *eventsLayout = new QVBoxLayout(m_eventsHolder);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    auto *hint = new QLabel(tr("<b>Events</b> — select a participant"), m_eventsHolder);
    hint->setObjectName(QStringLiteral("eventsHint"));
    eventsLayout->addWidget(hint);
    split->addWidget(m_participants);
    split->addWidget(m_eventsHolder);
    // The participants are what a user scans: they get the height (a dozen rows and more at
    // the default window size, in rows as dense as their text allows), the events of the one
    // picked the rest; a taller window grows the list.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({360, 120}); // in proportion: the events get room before they arrive
    QHeaderView *rows = m_participants->table()->verticalHeader();
    rows->setMinimumSectionSize(0);
    rows->setDefaultSectionSize(m_participants->table()->fontMetrics().height() + 4);
    m_tabs->addTab(split, tr("&Participants"));
    layout->addWidget(m_tabs);
    addAnalysis();

    connect(m_participants, &ListPage::currentChanged, this,
            [this](const QJsonObject &row, const QString &key) { showParticipant(key, row); });
    sortErrorsMostFirst();
    // A live session's rows change as people come and go: not under the user's pointer. The
    // held proxy keeps a sorted order; rows listed or gone would still move the rest (the
    // service's order, a state filter), so the list's refreshes wait too.
    auto *order = new StableOrder(m_participants->table(), m_participants->proxy());
    connect(order, &StableOrder::holdingChanged, m_participants, &ListPage::holdRefreshes);
}

void SessionPage::sortErrorsMostFirst()
{
    // The Errors column asks "who has the most?": its first click sorts descending. The
    // indicator's column is read at the press, before the header flips it on the release.
    QHeaderView *header = m_participants->table()->horizontalHeader();
    auto before = std::make_shared<int>(-1);
    connect(header, &QHeaderView::sectionPressed, this,
            [header, before](int) { *before = header->sortIndicatorSection(); });
    connect(header, &QHeaderView::sectionClicked, this, [this, header, before](int section) {
        const bool errors =
            m_participants->proxy()->headerData(section, Qt::Horizontal).toString() ==
            QObject::tr("Errors");
        if (errors && *before != section && header->sortIndicatorOrder() == Qt::AscendingOrder)
            m_participants->table()->sortByColumn(section, Qt::DescendingOrder);
    });
}

QString SessionPage::userOf(const QString &participantId) const
{
    const models::ResourceListModel *model = m_participants->model();
    const int row = model ? model->rowOfKey(participantId) : -1;
    return row < 0 ? QString() : model->rowJson(row).value(QLatin1String("userId")).toString();
}

void SessionPage::showParticipant(const QString &participantId, const QJsonObject &row)
{
    if (m_participant && m_participant->scope().participantId == participantId)
        return;
    if (m_participants->selectedKey() != participantId)
        m_participants->selectKey(participantId);
    delete std::exchange(m_participant, nullptr);
    qDeleteAll(m_eventsHolder->findChildren<QLabel *>(QStringLiteral("eventsHint"),
                                                      Qt::FindDirectChildrenOnly));
    models::Scope scope = m_scope;
    scope.participantId = participantId;
    const QString user = row.value(QLatin1String("userId")).toString(userOf(participantId));
    const QString title = ParticipantPage::eventsTitle(user, participantId);
    m_participant = new ParticipantPage(
        m_connection, scope, title, [this](const QString &id) { return userOf(id); },
        m_eventsHolder);
    if (user.isEmpty())
        m_participant->nameWhenListed(m_participants->proxy());
    m_eventsHolder->layout()->addWidget(m_participant);
    connect(m_participant, &ParticipantPage::participantRequested, this,
            [this](const QString &id) { showParticipant(id); });
    // An event picked in the Events list is the one selected on the timeline too.
    connect(m_participant->events(), &ListPage::currentChanged, this,
            [this, participantId](const QJsonObject &event) {
                const QDateTime time = QDateTime::fromString(
                    event.value(QLatin1String("eventTime")).toString(), Qt::ISODateWithMs);
                if (m_analysis && time.isValid())
                    m_analysis->selectEvent(participantId, time.toMSecsSinceEpoch());
            });
    addReplicas(participantId, row);
    showFindings();
    emit participantShown(row, participantId);
}

void SessionPage::refresh()
{
    m_participants->refresh();
    if (m_participant)
        m_participant->refresh();
}

} // namespace gr::ui
