#include "ui/sessionanalysis.h"

#include "ivs/ivsclient.h"
#include "models/diagnosismodel.h"
#include "models/eventerrors.h"
#include "models/sessionloader.h"
#include "models/sessionsummary.h"
#include "ui/connection.h"
#include "ui/elidedlabel.h"
#include "ui/sessiontimeline.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

QString when(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(
                    QStringLiteral("yyyy-MM-dd HH:mm:ss"))
              : QObject::tr("—");
}

QString duration(qint64 ms)
{
    const qint64 s = ms / 1000;
    return s >= 3600 ? QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
           : s >= 60 ? QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                     : QObject::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString participantLink(const SessionStore &store, int p, qint64 timeMs = 0)
{
    const QString id = store.participantId(p);
    const QString user = store.userId(p);
    return QStringLiteral("<a href=\"participant:%1#%2\">%3</a>")
        .arg(id.toHtmlEscaped(), QString::number(timeMs),
             (user.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(user, id)).toHtmlEscaped());
}

} // namespace

SessionCache SessionAnalysis::sessionCache()
{
    return SessionCache(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                        QStringLiteral("/sessions"));
}

QString SessionAnalysis::cacheKey(const Connection *connection)
{
    return QStringLiteral("%1|%2|%3")
        .arg(connection->endpoint().toString(), connection->region(), connection->description());
}

SessionAnalysis::SessionAnalysis(Connection *connection, models::Scope scope, QTabWidget *tabs)
    : QObject(tabs), m_connection(connection), m_scope(std::move(scope))
{
    m_loader = new SessionLoader(connection->client(), this);
    m_loader->setCache(sessionCache(), cacheKey(connection));
    m_loader->setFollowInterval(5000);
    m_loader->setMaxInFlight(kLoaderInFlight);
    m_loader->setBudget(connection->budget()); // the page in view: before background polling

    tabs->addTab(buildTimelineTab(), tr("&Timeline"));
    m_summary = new QTextBrowser(tabs);
    m_summary->setObjectName(QStringLiteral("sessionSummary"));
    m_summary->setOpenLinks(false);
    tabs->addTab(m_summary, tr("&Summary"));
    tabs->addTab(buildProblemsTab(), tr("P&roblems"));
    connect(m_summary, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("participant"))
            emit participantRequested(url.path(), url.fragment().toLongLong());
    });

    connect(m_loader, &SessionLoader::progress, this, &SessionAnalysis::onProgress);
    connect(m_loader, &SessionLoader::participantsChanged, this, &SessionAnalysis::onEvents);
    connect(m_loader, &SessionLoader::eventsAdded, this, &SessionAnalysis::onEvents);
    connect(m_loader, &SessionLoader::finished, this, &SessionAnalysis::onFinished);
    connect(m_loader, &SessionLoader::failed, this, [this](const aws::AwsError &error) {
        m_progress->hide();
        m_cancel->hide();
        m_status->setFullText(tr("Could not load the session's events: %1").arg(error.message));
        m_status->setDetails(error.message);
    });
    m_timeline->setStore(&m_loader->store());
    start(false);
    listCompositions();
}

SessionAnalysis::~SessionAnalysis()
{
    m_loader->cancel();
    if (m_timeline)
        m_timeline->setStore(nullptr);
}

QWidget *SessionAnalysis::buildTimelineTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_status = new ElidedLabel(page);
    m_status->setObjectName(QStringLiteral("sessionLoadStatus"));
    // One line whatever its text: never wider than the row (a wider page squeezed the
    // navigator and scrolled sideways), never a second line that pushes the lanes down; what
    // does not fit is elided, whole in the tip.
    m_progress = new QProgressBar(page);
    m_progress->setMaximumWidth(220);
    m_cancel = new QPushButton(tr("Cancel"), page);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_loader->cancel();
        m_progress->hide();
        m_cancel->hide();
        m_status->setFullText(tr("Loading cancelled: the timeline shows what had arrived."));
    });
    m_loadAll = new QPushButton(tr("Load all events"), page);
    m_loadAll->setObjectName(QStringLiteral("loadAllEvents"));
    m_loadAll->hide();
    connect(m_loadAll, &QPushButton::clicked, this, &SessionAnalysis::reload);
    auto *fit = new QPushButton(tr("Fit"), page);
    fit->setToolTip(tr("Show the whole session, and follow it while it is live (F)"));
    auto *reloadButton = new QPushButton(tr("Reload"), page);
    connect(reloadButton, &QPushButton::clicked, this, &SessionAnalysis::reload);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addWidget(m_loadAll);
    bar->addWidget(fit);
    bar->addWidget(reloadButton);
    layout->addLayout(bar);
    m_timeline = new SessionTimeline(page);
    m_timeline->setObjectName(QStringLiteral("sessionTimeline"));
    connect(fit, &QPushButton::clicked, m_timeline, &SessionTimeline::fit);
    connect(m_timeline, &SessionTimeline::eventSelected, this, [this](int event, int participant) {
        const SessionStore &store = m_loader->store();
        if (participant >= 0 && participant < store.participants().size())
            emit participantRequested(store.participantId(participant),
                                      event >= 0 ? store.events()[event].timeMs : 0);
    });
    layout->addWidget(m_timeline, 1);
    m_selectionInfo = new QLabel(page);
    m_selectionInfo->setObjectName(QStringLiteral("timelineSelection"));
    m_selectionInfo->setWordWrap(true);
    m_selectionInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for the event and its explanation, so a pick does not move the lanes.
    m_selectionInfo->setMinimumHeight(2 * m_selectionInfo->fontMetrics().lineSpacing() + 4);
    m_selectionInfo->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_selectionInfo);
    connect(m_timeline, &SessionTimeline::selectionChanged, this, &SessionAnalysis::showSelection);
    connect(m_timeline, &SessionTimeline::followingChanged, this,
            &SessionAnalysis::showLoadedStatus);
    showSelection(-1);
    return page;
}

QWidget *SessionAnalysis::buildProblemsTab()
{
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("problemsSplit"));
    m_problems = new DiagnosisModel(this);
    m_problemsView = new QTableView(split);
    m_problemsView->setObjectName(QStringLiteral("problems"));
    m_problemsView->setModel(m_problems);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_problemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->horizontalHeader()->setStretchLastSection(true);
    m_problemsView->setToolTip(tr("Double-click or Enter opens the participant and its event"));
    m_problemDetail = new QTextBrowser(split);
    m_problemDetail->setObjectName(QStringLiteral("problemDetail"));
    m_problemDetail->setOpenExternalLinks(true);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    connect(m_problemsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showProblem(current.row()); });
    connect(m_problemsView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const Finding &f = m_problems->finding(index.row());
        if (f.participant >= 0)
            emit participantRequested(m_loader->store().participantId(f.participant), f.timeMs);
        if (!f.evidence.isEmpty())
            m_timeline->selectEvent(int(f.evidence.first()));
    });
    return split;
}

void SessionAnalysis::showSelection(int event)
{
    const SessionStore &store = m_loader->store();
    if (event < 0 || event >= store.events().size()) {
        m_selectionInfo->setText(
            tr("Click an event to select it here and on the Participants tab; hover to read "
               "one."));
        m_selectionInfo->setToolTip({});
        return;
    }
    const QString described = m_timeline->painter().describe(event);
    const QString code = store.errorCodeText(store.events()[event]);
    QString html = QStringLiteral("<b>%1</b> %2").arg(tr("Selected:"), described.toHtmlEscaped());
    if (!code.isEmpty())
        html += QStringLiteral("<br>") + models::explainEventError(code).toHtmlEscaped();
    m_selectionInfo->setText(html);
    m_selectionInfo->setToolTip(described);
}

bool SessionAnalysis::selectEvent(const QString &participantId, qint64 timeMs)
{
    const SessionStore &store = m_loader->store();
    const int p = store.findParticipant(participantId);
    if (p < 0 || !m_timeline)
        return false;
    // Events of one participant at the same millisecond: the one selected already stays.
    if (const int selected = m_timeline->selectedEvent();
        selected >= 0 && selected < store.events().size() &&
        int(store.events()[selected].participant) == p && store.events()[selected].timeMs == timeMs)
        return true;
    for (quint32 e : store.participants()[p].events) {
        if (store.events()[int(e)].timeMs == timeMs) {
            if (m_timeline->selectedEvent() != int(e))
                m_timeline->selectEvent(int(e));
            return true;
        }
    }
    return false;
}

void SessionAnalysis::reload()
{
    start(true);
}

void SessionAnalysis::onProgress(int done, int known)
{
    if (!m_wholeSessionAsked && known > kAutoLoadParticipants) {
        // A large session: its participants are listed; their events wait for the user.
        m_loader->cancel();
        m_progress->hide();
        m_cancel->hide();
        m_loadAll->show();
        m_timeline->storeChanged();
        m_status->setFullText(tr("%1 participants: their events need %1+ requests (≈ %2 s).")
                                  .arg(known)
                                  .arg((known + 4) / 5));
        m_status->setDetails(tr("Each participant's events cost at least one request of the "
                                "5 requests/s Get/List quota this connection shares with its "
                                "other views; Load all events spends them."));
        return;
    }
    m_progress->setRange(0, qMax(1, known));
    m_progress->setValue(done);
    m_status->setFullText(tr("Loading events: %1 of %2 participants").arg(done).arg(known));
}

void SessionAnalysis::start(bool askedByUser)
{
    m_wholeSessionAsked = askedByUser;
    m_status->setDetails({});
    m_loadAll->hide();
    m_loaded = false;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_status->setFullText(tr("Loading the session's events…"));
    m_loader->start(m_scope.stageArn, m_scope.sessionId);
    m_timeline->setStore(&m_loader->store());
}

void SessionAnalysis::onEvents()
{
    m_timeline->storeChanged();
    if (m_loaded) { // a live session followed: everything grows in place
        showLoadedStatus();
        m_problems->update(m_loader->store());
        updateSummary();
        emit updated();
    }
}

void SessionAnalysis::onFinished()
{
    m_loaded = true;
    m_progress->hide();
    m_cancel->hide();
    const SessionStore &store = m_loader->store();
    showLoadedStatus();
    m_timeline->storeChanged();
    m_problems->update(store);
    m_problemsView->resizeColumnsToContents();
    if (m_problems->rowCount() > 0 && !m_problemsView->currentIndex().isValid())
        m_problemsView->selectRow(0);
    updateSummary();
    emit updated();
}

void SessionAnalysis::showLoadedStatus()
{
    if (!m_loaded || !m_timeline)
        return;
    const SessionStore &store = m_loader->store();
    // A click, zoom or pan stops the view following a live session: say so, and how to resume.
    // A session that ends while followed says so (following stops: nothing more will come).
    m_sawLive = m_sawLive || !store.isFinished();
    const QString live = store.isFinished()
                             ? (m_sawLive ? tr(", the session ended at %1: no longer followed")
                                                .arg(QDateTime::fromMSecsSinceEpoch(store.endMs)
                                                         .toString(QStringLiteral("HH:mm:ss")))
                                          : QString())
                         : m_timeline->isFollowing() ? tr(", live: followed every 5 s")
                                                     : tr(", live: paused (F follows)");
    m_status->setDetails(
        store.isFinished() || m_timeline->isFollowing()
            ? QString()
            : tr("A click, zoom or pan keeps the view where it is while the session grows. Press "
                 "F or Fit to show the whole session and follow its live edge again."));
    // Counted in words that fit one line (no "(s)": there is no English translation file).
    const qsizetype events = store.events().size(), people = store.participants().size();
    m_status->setFullText(
        (events == 1 ? tr("1 event") : tr("%1 events").arg(events)) +
        (people == 1 ? tr(" of 1 participant") : tr(" of %1 participants").arg(people)) +
        (m_loader->isFromCache() ? tr(", from the cache (no request)") : live));
}

void SessionAnalysis::updateSummary()
{
    const SessionStore &store = m_loader->store();
    const SessionSummary s = summarizeSession(store);
    QString html;
    auto row = [&html](const QString &name, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name, value);
    };
    html += QStringLiteral("<h3>%1</h3><table cellspacing=4>")
                .arg(tr("Session %1").arg(m_scope.sessionId.toHtmlEscaped()));
    row(tr("Start"), when(s.startMs));
    row(tr("End"), s.endMs ? when(s.endMs) : tr("still live"));
    row(tr("Duration"), duration(s.durationMs) + (s.endMs ? QString() : tr(" so far")));
    row(tr("Participants"), QString::number(s.participants));
    row(tr("Peak concurrent participants"),
        tr("%1 at %2").arg(s.peakParticipants).arg(when(s.peakParticipantsAtMs)));
    row(tr("Peak publishers"),
        tr("%1 at %2").arg(s.peakPublishers).arg(when(s.peakPublishersAtMs)));
    row(tr("Joins / leaves"), tr("%1 / %2").arg(s.joins).arg(s.leaves));
    QStringList recording;
    for (auto it = s.recordingStates.cbegin(); it != s.recordingStates.cend(); ++it)
        recording << tr("%1: %2").arg(it.key()).arg(it.value());
    row(tr("Recording"),
        recording.isEmpty() ? tr("not recorded") : recording.join(QLatin1String(", ")));
    auto links = [&store](const QVector<int> &participants) {
        QStringList out;
        for (int p : participants)
            out << participantLink(store, p);
        return out.isEmpty() ? tr("none") : out.join(QLatin1String(", "));
    };
    row(tr("Replicas in"), links(s.replicasIn));
    row(tr("Replicated out"), links(s.replicasOut));
    html += QStringLiteral("</table><h4>%1</h4>").arg(tr("Errors"));
    if (s.errors.isEmpty())
        html += tr("<p>No error in this session.</p>");
    else {
        html += QStringLiteral("<table cellspacing=4>");
        for (const SessionSummary::ErrorGroup &group : s.errors) {
            QStringList who;
            for (int p : group.participants)
                who << participantLink(store, p);
            html += QStringLiteral("<tr><td><b>%1</b></td><td>×%2</td><td>%3</td></tr>")
                        .arg(group.code.toHtmlEscaped())
                        .arg(group.count)
                        .arg(who.join(QLatin1String(", ")));
        }
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Compositions during the session"));
    html += m_compositionsHtml.isEmpty() ? tr("<p>Asking the service…</p>") : m_compositionsHtml;
    const int scroll = m_summary->verticalScrollBar() ? m_summary->verticalScrollBar()->value() : 0;
    m_summary->setHtml(html);
    m_summary->verticalScrollBar()->setValue(scroll);
}

void SessionAnalysis::listCompositions()
{
    // One page of the stage's compositions; those that ran while the session did are listed.
    m_connection->client()->call(
        ivs::Operation::ListCompositions,
        {{QStringLiteral("filterByStageArn"), m_scope.stageArn},
         {QStringLiteral("maxResults"), 100}},
        this, [this](const ivs::IvsResult &result) {
            if (!result.ok()) {
                m_compositionsHtml = tr("<p>Could not list the compositions: %1</p>")
                                         .arg(result.error().message.toHtmlEscaped());
            } else {
                const SessionStore &store = m_loader->store();
                const qint64 from = store.startMs ? store.startMs : store.firstEventMs();
                const qint64 to = store.endMs ? store.endMs : QDateTime::currentMSecsSinceEpoch();
                QStringList rows;
                for (const QJsonValue &v :
                     result->output.value(QLatin1String("compositions")).toArray()) {
                    const QJsonObject c = v.toObject();
                    const qint64 start =
                        QDateTime::fromString(c.value(QLatin1String("startTime")).toString(),
                                              Qt::ISODateWithMs)
                            .toMSecsSinceEpoch();
                    const QString endText = c.value(QLatin1String("endTime")).toString();
                    const qint64 end =
                        endText.isEmpty()
                            ? QDateTime::currentMSecsSinceEpoch()
                            : QDateTime::fromString(endText, Qt::ISODateWithMs).toMSecsSinceEpoch();
                    if (from && (end < from || start > to))
                        continue;
                    rows << QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 → %4</td></tr>")
                                .arg(c.value(QLatin1String("arn")).toString().toHtmlEscaped(),
                                     c.value(QLatin1String("state")).toString().toHtmlEscaped(),
                                     when(start), endText.isEmpty() ? tr("running") : when(end));
                }
                m_compositionsHtml = rows.isEmpty()
                                         ? tr("<p>None.</p>")
                                         : QStringLiteral("<table cellspacing=4>%1</table>")
                                               .arg(rows.join(QString()));
            }
            if (m_loaded)
                updateSummary();
        });
}

void SessionAnalysis::showProblem(int row)
{
    if (row < 0 || row >= m_problems->rowCount()) {
        m_problemDetail->clear();
        return;
    }
    const Finding &f = m_problems->finding(row);
    const SessionStore &store = m_loader->store();
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><p><b>%3</b> %4</p>")
                       .arg(f.title.toHtmlEscaped(), f.explanation.toHtmlEscaped(),
                            tr("What to do:"), f.action.toHtmlEscaped());
    if (!f.reference.isEmpty())
        html += QStringLiteral("<p><a href=\"%1\">%1</a></p>").arg(f.reference.toHtmlEscaped());
    if (!f.evidence.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Evidence"));
        for (quint32 e : f.evidence) {
            const SessionEvent &event = store.events()[int(e)];
            const QString code = store.errorCodeText(event);
            html += QStringLiteral("<li>%1 — %2 %3 %4</li>")
                        .arg(when(event.timeMs),
                             (store.userId(int(event.participant)).isEmpty()
                                  ? store.participantId(int(event.participant))
                                  : store.userId(int(event.participant)))
                                 .toHtmlEscaped(),
                             SessionStore::eventNameText(event.name), code.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    m_problemDetail->setHtml(html);
}

QString SessionAnalysis::participantFindingsHtml(const QString &participantId, int *count) const
{
    *count = m_loaded ? 0 : -1;
    if (!m_loaded)
        return {};
    const SessionStore &store = m_loader->store();
    const int p = store.findParticipant(participantId);
    if (p < 0)
        return {};
    QString html;
    for (const Finding &f : diagnosis::diagnoseParticipant(store, p)) {
        ++*count;
        html +=
            QStringLiteral("<p><b>%1</b> %2<br>%3<br><i>%4</i> %5</p>")
                .arg(diagnosis::severityText(f.severity).toHtmlEscaped(), f.title.toHtmlEscaped(),
                     f.explanation.toHtmlEscaped(), tr("What to do:"), f.action.toHtmlEscaped());
    }
    return html;
}

} // namespace gr::ui
