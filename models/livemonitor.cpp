#include "models/livemonitor.h"

#include "ivs/ivsclient.h"
#include "models/alertrules.h"
#include "models/ratebudget.h"

#include <cmath>
#include <QJsonArray>

namespace gr::models
{

namespace
{
const QString kArn = QStringLiteral("arn");
const QString kNextToken = QStringLiteral("nextToken");
const QString kMaxResults = QStringLiteral("maxResults");

qint64 epochMs(const QJsonValue &isoTime)
{
    const QDateTime t = QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}
} // namespace

LiveMonitor::LiveMonitor(ivs::IvsClient *client, RateBudget *budget, QObject *parent)
    : QAbstractListModel(parent), m_client(client), m_budget(budget)
{
    m_clock.start();
    budgets::applyRates(m_budget);
    m_stagesView = m_budget->addView(this, budgetName(), RateBudget::Priority::Visible, m_listMs,
                                     [this](std::function<void()> done) { listStages(done); });
    m_compositionsView =
        m_budget->addView(this, budgetName(), RateBudget::Priority::Visible, m_listMs,
                          [this](std::function<void()> done) { listCompositions(done); });
}

LiveMonitor::~LiveMonitor()
{
    // Nothing is polled for a monitor that is gone (the budget also forgets views whose owner
    // is destroyed; removing them here keeps that true while this object is half destroyed).
    if (m_budget) {
        m_budget->removeView(m_stagesView);
        m_budget->removeView(m_compositionsView);
        for (const Stage &s : m_stages) {
            m_budget->removeView(s.viewId);
            m_budget->removeView(s.sideViewId);
        }
    }
}

int LiveMonitor::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stages.size());
}

QHash<int, QByteArray> LiveMonitor::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{StageArnRole, "stageArn"},
                  {NameRole, "name"},
                  {SessionIdRole, "sessionId"},
                  {SessionStartRole, "sessionStart"},
                  {PublishersRole, "publishers"},
                  {SubscribersRole, "subscribers"},
                  {ErrorsRole, "errors"},
                  {RecordingRole, "recording"},
                  {CompositionRole, "composition"},
                  {HistoryRole, "history"},
                  {AgeMsRole, "ageMs"},
                  {TroubleRole, "trouble"},
                  {ConnectionNameRole, "connectionName"},
                  {CheckingRole, "checking"},
                  {PoorQualityRole, "poorQuality"}});
    return names;
}

QVariant LiveMonitor::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Stage &s = m_stages[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return s.name.isEmpty() ? s.arn.section(QLatin1Char('/'), -1) : s.name;
    case Qt::ToolTipRole:
    case StageArnRole:
        return s.arn;
    case SessionIdRole:
        return s.sessionId;
    case SessionStartRole:
        return s.sessionStart;
    case PublishersRole:
        return s.publishers;
    case SubscribersRole:
        return s.subscribers;
    case ErrorsRole:
        return errorsNow(s);
    case RecordingRole:
        return s.recording;
    case CompositionRole:
        return s.composition;
    case HistoryRole: {
        QVariantList values;
        values.reserve(s.history.size());
        for (int v : s.history)
            values << v;
        return values;
    }
    case AgeMsRole:
        return s.listedMs < 0 ? qint64(-1) : now() - s.listedMs;
    case TroubleRole:
        return trouble(s);
    case ConnectionNameRole:
        return m_connectionName;
    case CheckingRole:
        return !s.scanQueue.isEmpty();
    case PoorQualityRole: {
        if (s.poorParticipant.isEmpty())
            return QString();
        const QString user = s.participants.value(s.poorParticipant).userId;
        return tr("packet loss %1 % (%2)")
            .arg(s.poorLossPercent, 0, 'f', 0)
            .arg(user.isEmpty() ? s.poorParticipant : user);
    }
    default:
        return {};
    }
}

void LiveMonitor::setConnectionName(const QString &name)
{
    m_connectionName = name;
    if (!m_stages.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {ConnectionNameRole});
}

void LiveMonitor::setIntervals(int stageMs, int listMs)
{
    m_stageMs = stageMs;
    m_listMs = listMs;
    if (!m_budget)
        return;
    // The budget takes an interval when a view is added: add the lists again.
    m_budget->removeView(m_stagesView);
    m_budget->removeView(m_compositionsView);
    m_stagesView = m_budget->addView(this, budgetName(), RateBudget::Priority::Visible, m_listMs,
                                     [this](std::function<void()> done) { listStages(done); });
    m_compositionsView =
        m_budget->addView(this, budgetName(), RateBudget::Priority::Visible, m_listMs,
                          [this](std::function<void()> done) { listCompositions(done); });
}

int LiveMonitor::priorityFor(const QString &arn) const
{
    if (arn == m_selected)
        return int(RateBudget::Priority::Selected);
    for (const QSet<QString> &shown : m_visible) {
        if (shown.contains(arn))
            return int(RateBudget::Priority::Visible);
    }
    return int(RateBudget::Priority::Background);
}

void LiveMonitor::applyPriorities()
{
    if (!m_budget)
        return;
    for (const Stage &s : m_stages) {
        const auto priority = RateBudget::Priority(priorityFor(s.arn));
        m_budget->setPriority(s.viewId, priority);
        if (s.sideViewId)
            m_budget->setPriority(s.sideViewId, priority);
    }
}

void LiveMonitor::setSelectedStage(const QString &stageArn)
{
    m_selected = stageArn;
    applyPriorities();
}

void LiveMonitor::setVisibleStages(const QString &viewer, const QSet<QString> &stageArns)
{
    if (stageArns.isEmpty())
        m_visible.remove(viewer);
    else
        m_visible.insert(viewer, stageArns);
    applyPriorities();
}

void LiveMonitor::setPoorQuality(const QString &stageArn, const QString &participantId,
                                 double lossPercent)
{
    const int row = rowOf(stageArn);
    if (row < 0)
        return;
    Stage &stage = m_stages[size_t(row)];
    const bool poor = !participantId.isEmpty() && lossPercent >= kPoorLossPercent;
    const QString id = poor ? participantId : QString();
    const double loss = poor ? std::round(lossPercent) : 0;
    if (stage.poorParticipant == id && stage.poorLossPercent == loss)
        return;
    stage.poorParticipant = id;
    stage.poorLossPercent = loss;
    changed(stageArn);
}

QStringList LiveMonitor::publishingParticipants(const QString &stageArn) const
{
    QStringList ids;
    const int row = rowOf(stageArn);
    if (row < 0)
        return ids;
    const Stage &stage = m_stages[size_t(row)];
    for (auto it = stage.participants.cbegin(); it != stage.participants.cend(); ++it) {
        if (it->publishingNow())
            ids.append(it.key());
    }
    ids.sort();
    return ids;
}

LiveMonitor::Publishing LiveMonitor::publishingNow(const QString &stageArn,
                                                   const QString &sessionId,
                                                   const QString &participantId) const
{
    const int row = rowOf(stageArn);
    if (row < 0 || m_stages[size_t(row)].sessionId != sessionId)
        return Publishing::Unknown;
    const auto p = m_stages[size_t(row)].participants.constFind(participantId);
    if (p == m_stages[size_t(row)].participants.constEnd())
        return Publishing::Unknown;
    return p->publishingNow() ? Publishing::Yes : Publishing::No;
}

int LiveMonitor::rowOf(const QString &stageArn) const
{
    for (size_t i = 0; i < m_stages.size(); ++i) {
        if (m_stages[i].arn == stageArn)
            return int(i);
    }
    return -1;
}

qint64 LiveMonitor::ageMs(const QString &stageArn) const
{
    const int row = rowOf(stageArn);
    if (row < 0 || m_stages[size_t(row)].listedMs < 0)
        return -1;
    return now() - m_stages[size_t(row)].listedMs;
}

QString LiveMonitor::ageText(const QString &stageArn) const
{
    const qint64 age = ageMs(stageArn);
    if (age < 0)
        return tr("waiting for its turn");
    return age < 1000 ? tr("updated just now") : tr("updated %1 s ago").arg(age / 1000);
}

qint64 LiveMonitor::oldestAgeMs() const
{
    qint64 oldest = 0;
    for (const Stage &s : m_stages) {
        if (s.listedMs < 0)
            return -1;
        oldest = std::max(oldest, now() - s.listedMs);
    }
    return oldest;
}

int LiveMonitor::requestsStarted() const
{
    int n = 0;
    for (int c : m_requestCounts)
        n += c;
    return n;
}

int LiveMonitor::errorsNow(const Stage &stage) const
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - kErrorWindowMs;
    return int(std::count_if(stage.errorTimes.begin(), stage.errorTimes.end(),
                             [since](qint64 t) { return t >= since; }));
}

int LiveMonitor::trouble(const Stage &stage) const
{
    // Failures first, then a full stage, then errors; more errors rank higher.
    int rank = 0;
    if (stage.recording == QLatin1String("FAILED"))
        rank += 4000;
    if (stage.composition == QLatin1String("FAILED"))
        rank += 4000;
    if (stage.publishers >= kMaxPublishers)
        rank += 2000;
    rank += std::min(errorsNow(stage), 999);
    if (!stage.poorParticipant.isEmpty())
        rank += 500; // a degraded publisher: below failures and a full stage, above few errors
    return rank;
}

void LiveMonitor::changed(const QString &arn)
{
    const int row = rowOf(arn);
    if (row >= 0)
        emit dataChanged(index(row), index(row));
}

// ---- sending ---------------------------------------------------------------------------------

// The budget spaces its starts evenly (models/ratebudget), so a request goes out when granted.
void LiveMonitor::send(ivs::Operation operation, const QJsonObject &input,
                       std::function<void(const ivs::IvsResult &)> done)
{
    count(QLatin1String(ivs::operationInfo(operation).name));
    m_client->call(operation, input, this, std::move(done));
}

// A request about one stage's session: `reply` runs only if the stage still shows that session
// when the answer comes (rows may have moved or gone meanwhile); a failure is reported after.
void LiveMonitor::stageCall(const QString &arn, ivs::Operation operation, QJsonObject input,
                            std::function<void()> done,
                            std::function<void(Stage &, const ivs::IvsResult &)> reply)
{
    const QString sessionId = m_stages[size_t(rowOf(arn))].sessionId;
    input.insert(QStringLiteral("stageArn"), arn);
    input.insert(QStringLiteral("sessionId"), sessionId);
    send(operation, input,
         [this, arn, sessionId, done = std::move(done),
          reply = std::move(reply)](const ivs::IvsResult &result) {
             done();
             const int at = rowOf(arn);
             if (at < 0 || m_stages[size_t(at)].sessionId != sessionId)
                 return;
             reply(m_stages[size_t(at)], result);
             if (!result.ok()) {
                 m_lastError = result.error().toString();
                 emit errorOccurred(m_lastError);
             }
         });
}

// ---- the stage list ------------------------------------------------------------------------

void LiveMonitor::listAll(ivs::Operation operation, Listing *listing, std::function<void()> done,
                          std::function<void(std::vector<QJsonObject>)> complete)
{
    QJsonObject input{{kMaxResults, 100}};
    if (!listing->token.isEmpty())
        input.insert(kNextToken, listing->token);
    send(operation, input,
         [this, operation, listing, done, complete](const ivs::IvsResult &result) {
             done();
             if (!result.ok()) {
                 listing->token.clear();
                 listing->rows.clear();
                 m_lastError = result.error().toString();
                 emit errorOccurred(m_lastError);
                 return;
             }
             m_lastError.clear(); // listing again: what failed before is past
             const QJsonArray items =
                 result->output.value(QLatin1String(ivs::operationInfo(operation).resultKey))
                     .toArray();
             for (const QJsonValue &v : items)
                 listing->rows.push_back(v.toObject());
             listing->token = result->output.value(kNextToken).toString();
             if (listing->token.isEmpty()) // else the next page on the next turn
                 complete(std::exchange(listing->rows, {}));
         });
}

void LiveMonitor::listStages(std::function<void()> done)
{
    listAll(ivs::Operation::ListStages, &m_stagesListing, std::move(done),
            [this](std::vector<QJsonObject> stages) {
                ++m_stageListings;
                applyStages(stages);
            });
}

void LiveMonitor::setAlertEngine(AlertEngine *engine)
{
    m_alerts = engine;
    if (engine)
        engine->setParticipantNames([monitor = QPointer<LiveMonitor>(this)](
                                        const QString &stageArn, const QString &participantId) {
            return monitor ? monitor->userIdOf(stageArn, participantId) : QString();
        });
}

QString LiveMonitor::userIdOf(const QString &stageArn, const QString &participantId) const
{
    const int row = rowOf(stageArn);
    return row < 0 ? QString() : m_stages[size_t(row)].userIds.value(participantId);
}

void LiveMonitor::addStage(const QJsonObject &summary)
{
    if (!m_budget)
        return;
    Stage stage;
    stage.arn = summary.value(kArn).toString();
    stage.name = summary.value(QLatin1String("name")).toString();
    stage.sessionId = summary.value(QLatin1String("activeSessionId")).toString();
    const QString arn = stage.arn;
    stage.viewId = m_budget->addView(
        this, budgetName(), RateBudget::Priority(priorityFor(arn)), m_stageMs,
        [this, arn](std::function<void()> done) { pollStage(arn, std::move(done)); });
    const int row = int(m_stages.size());
    beginInsertRows({}, row, row);
    m_stages.push_back(std::move(stage));
    endInsertRows();
    ensureSideView(m_stages.back());
}

void LiveMonitor::removeStage(int row)
{
    Stage &s = m_stages[size_t(row)];
    if (m_budget) {
        m_budget->removeView(s.viewId);
        m_budget->removeView(s.sideViewId);
    }
    m_endedErrors.insert(s.sessionId, errorsNow(s));
    const QString arn = s.arn, sessionId = s.sessionId;
    const int errors = errorsNow(s);
    beginRemoveRows({}, row, row);
    m_stages.erase(m_stages.begin() + row);
    endRemoveRows();
    emit sessionEnded(arn, sessionId, errors);
}

void LiveMonitor::applyStages(const std::vector<QJsonObject> &stages)
{
    QHash<QString, QJsonObject> live;
    for (const QJsonObject &s : stages) {
        if (!s.value(QLatin1String("activeSessionId")).toString().isEmpty())
            live.insert(s.value(kArn).toString(), s);
    }
    // Ended sessions (or deleted stages) go; a stage whose session was replaced starts over.
    for (int row = int(m_stages.size()) - 1; row >= 0; --row) {
        const Stage &s = m_stages[size_t(row)];
        const auto it = live.constFind(s.arn);
        if (it == live.constEnd() ||
            it->value(QLatin1String("activeSessionId")).toString() != s.sessionId)
            removeStage(row);
    }
    for (const QJsonObject &s : stages) {
        const QString arn = s.value(kArn).toString();
        if (!live.contains(arn))
            continue;
        const int row = rowOf(arn);
        if (row < 0) {
            addStage(s);
        } else if (const QString name = s.value(QLatin1String("name")).toString();
                   name != m_stages[size_t(row)].name) {
            m_stages[size_t(row)].name = name;
            changed(arn);
        }
    }
}

// ---- compositions: one listing for every stage -----------------------------------------------

void LiveMonitor::listCompositions(std::function<void()> done)
{
    listAll(ivs::Operation::ListCompositions, &m_compositionsListing, std::move(done),
            [this](std::vector<QJsonObject> all) {
                // Per stage: the worst state of its compositions still running or failed.
                auto weight = [](const QString &state) {
                    static const QStringList order{
                        QStringLiteral("STOPPING"), QStringLiteral("STARTING"),
                        QStringLiteral("ACTIVE"), QStringLiteral("FAILED")};
                    return int(order.indexOf(state));
                };
                QHash<QString, QString> perStage;
                const qint64 ms = QDateTime::currentMSecsSinceEpoch();
                for (const QJsonObject &c : all) {
                    const QString arn = c.value(kArn).toString();
                    const QString stageArn = c.value(QLatin1String("stageArn")).toString();
                    const QString state = c.value(QLatin1String("state")).toString();
                    if (weight(state) > weight(perStage.value(stageArn)))
                        perStage.insert(stageArn, state);
                    QHash<QString, QString> destinations;
                    QString signature = state;
                    for (const QJsonValue &d : c.value(QLatin1String("destinations")).toArray()) {
                        const QJsonObject o = d.toObject();
                        destinations.insert(o.value(QLatin1String("id")).toString(),
                                            o.value(QLatin1String("state")).toString());
                        signature += QLatin1Char('|') + o.value(QLatin1String("state")).toString();
                    }
                    // The engine hears of a composition when something about it changed.
                    if (m_alerts && m_compositionStates.value(arn) != signature)
                        m_alerts->observeComposition(arn, stageArn, state, destinations, ms);
                    m_compositionStates.insert(arn, signature);
                }
                for (Stage &s : m_stages) {
                    const QString state = perStage.value(s.arn);
                    if (state != s.composition) {
                        s.composition = state;
                        changed(s.arn);
                    }
                }
            });
}

// ---- one stage: its session's start, its participants, the events of those that changed ----

void LiveMonitor::sideWork(const QString &arn, std::function<void()> done)
{
    const int row = rowOf(arn);
    if (row < 0)
        return done();
    Stage &s = m_stages[size_t(row)];
    // Once nothing is left to do, the side view goes (it comes back with the next change).
    auto settle = [this](Stage &stage) {
        if (!stage.needStart && stage.scanQueue.isEmpty() && stage.sideViewId) {
            if (m_budget)
                m_budget->removeView(stage.sideViewId);
            stage.sideViewId = 0;
            changed(stage.arn);
        }
    };

    if (s.needStart) {
        stageCall(arn, ivs::Operation::GetStageSession, {}, std::move(done),
                  [this, settle](Stage &stage, const ivs::IvsResult &result) {
                      if (!result.ok())
                          return;
                      stage.needStart = false;
                      stage.sessionStart =
                          QDateTime::fromString(result->output.value(QLatin1String("stageSession"))
                                                    .toObject()
                                                    .value(QLatin1String("startTime"))
                                                    .toString(),
                                                Qt::ISODateWithMs);
                      changed(stage.arn);
                      settle(stage);
                  });
        return;
    }

    if (!s.scanQueue.isEmpty()) {
        const QString participantId = s.scanQueue.first();
        QJsonObject input{{QStringLiteral("participantId"), participantId}, {kMaxResults, 100}};
        if (!s.scanToken.isEmpty())
            input.insert(kNextToken, s.scanToken);
        else
            s.scanIndex = 0;
        stageCall(arn, ivs::Operation::ListParticipantEvents, input, std::move(done),
                  [this, settle, participantId](Stage &stage, const ivs::IvsResult &result) {
                      if (!result.ok()) {
                          stage.scanToken.clear();
                          stage.scanQueue.removeAll(participantId);
                          return settle(stage);
                      }
                      const QJsonArray events =
                          result->output.value(QLatin1String("events")).toArray();
                      applyEvents(stage, participantId, events, stage.scanIndex);
                      stage.scanIndex += int(events.size());
                      stage.scanToken = result->output.value(kNextToken).toString();
                      if (stage.scanToken.isEmpty()) {
                          stage.scanQueue.removeAll(participantId);
                          stage.departed.remove(participantId);
                          auto p = stage.participants.find(participantId);
                          if (p != stage.participants.end()) {
                              p->eventsSeen = std::max(p->eventsSeen, stage.scanIndex);
                              p->lastScanMs = now();
                          }
                      }
                      settle(stage);
                  });
        return;
    }
    done();
    settle(s);
}

void LiveMonitor::ensureSideView(Stage &stage)
{
    if (stage.sideViewId || !m_budget || (!stage.needStart && stage.scanQueue.isEmpty()))
        return;
    const QString arn = stage.arn;
    stage.sideViewId = m_budget->addView(
        this, budgetName(), RateBudget::Priority(priorityFor(arn)), std::max(100, m_stageMs / 3),
        [this, arn](std::function<void()> done) { sideWork(arn, std::move(done)); });
}

void LiveMonitor::pollStage(const QString &arn, std::function<void()> done)
{
    const int row = rowOf(arn);
    if (row < 0)
        return done();
    Stage &s = m_stages[size_t(row)];
    QJsonObject input{{kMaxResults, 100}};
    if (!s.listToken.isEmpty()) {
        input.insert(kNextToken, s.listToken);
    } else {
        s.buffer.clear();
        s.fullListing = s.listings % kFullEvery == 0;
    }
    if (!s.fullListing)
        input.insert(QStringLiteral("filterByState"), QStringLiteral("CONNECTED"));
    s.listing = true;
    stageCall(arn, ivs::Operation::ListParticipants, input, std::move(done),
              [this](Stage &stage, const ivs::IvsResult &result) {
                  if (!result.ok()) {
                      stage.listing = false;
                      stage.listToken.clear();
                      return;
                  }
                  for (const QJsonValue &v :
                       result->output.value(QLatin1String("participants")).toArray()) {
                      const QJsonObject p = v.toObject();
                      stage.buffer.insert(p.value(QLatin1String("participantId")).toString(), p);
                  }
                  stage.listToken = result->output.value(kNextToken).toString();
                  if (!stage.listToken.isEmpty())
                      return; // the next page on the stage's next turn
                  stage.listing = false;
                  applyParticipants(stage);
              });
}

void LiveMonitor::applyParticipants(Stage &stage)
{
    const qint64 t = now();
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    const QHash<QString, QJsonObject> listed = std::exchange(stage.buffer, {});
    auto queue = [&stage](const QString &id) {
        if (!stage.scanQueue.contains(id))
            stage.scanQueue << id;
    };
    // A full listing also names those who came and went since the last one: their events
    // are read (on the first listing, only for those who joined within the error window).
    const bool first = stage.listings++ == 0;
    QHash<QString, QJsonObject> fresh;
    for (auto it = listed.constBegin(); it != listed.constEnd(); ++it) {
        if (it->value(QLatin1String("state")).toString() == QLatin1String("CONNECTED")) {
            fresh.insert(it.key(), it.value());
        } else if (!stage.seen.contains(it.key()) && !stage.participants.contains(it.key()) &&
                   (!first ||
                    epochMs(it->value(QLatin1String("firstJoinTime"))) >= ms - kErrorWindowMs)) {
            stage.departed.insert(it.key(), 0);
            queue(it.key());
        }
        stage.seen.insert(it.key());
        const QString user = it->value(QLatin1String("userId")).toString();
        if (!user.isEmpty())
            stage.userIds.insert(it.key(), user);
    }
    // Those who left: their events say whether it was an error.
    for (auto it = stage.participants.begin(); it != stage.participants.end();) {
        if (fresh.contains(it.key())) {
            ++it;
            continue;
        }
        stage.departed.insert(it.key(), it->eventsSeen);
        queue(it.key());
        it = stage.participants.erase(it);
    }
    bool anyFailed = false, anyActive = false;
    const bool selected = stage.arn == m_selected;
    for (auto it = fresh.constBegin(); it != fresh.constEnd(); ++it) {
        const QJsonObject &j = it.value();
        const bool published = j.value(QLatin1String("published")).toBool();
        const QString recording = j.value(QLatin1String("recordingState")).toString();
        anyFailed = anyFailed || recording == QLatin1String("FAILED");
        anyActive = anyActive || recording == QLatin1String("ACTIVE");
        auto known = stage.participants.find(it.key());
        if (known == stage.participants.end()) {
            Participant p;
            p.userId = j.value(QLatin1String("userId")).toString();
            p.published = published;
            p.recordingState = recording;
            stage.participants.insert(it.key(), p);
            queue(it.key());
            if (m_alerts && !recording.isEmpty())
                m_alerts->observeRecording(stage.arn, stage.sessionId, it.key(), recording, ms);
            continue;
        }
        if (known->published != published)
            queue(it.key()); // publishing started: was there an error?
        if (known->recordingState != recording && m_alerts)
            m_alerts->observeRecording(stage.arn, stage.sessionId, it.key(), recording, ms);
        known->published = published;
        known->recordingState = recording;
        // The selected stage: errors that change nothing in the summary show up too.
        if (selected && m_selectedRescanMs > 0 && known->lastScanMs >= 0 &&
            t - known->lastScanMs >= m_selectedRescanMs)
            queue(it.key());
        // One that has published, on every stage: publishing still, or again? Only its events
        // say.
        else if (known->published && m_publisherRescanMs > 0 && known->lastScanMs >= 0 &&
                 t - known->lastScanMs >= m_publisherRescanMs)
            queue(it.key());
    }
    recount(stage);
    if (stage.publishers > kMaxPublishers) {
        for (auto it = stage.participants.cbegin(); it != stage.participants.cend(); ++it) {
            if (it->publishingNow() && it->lastScanMs >= 0 &&
                t - it->lastScanMs >= kOverfullRescanMs)
                queue(it.key());
        }
    }
    const int publishers = stage.publishers;
    stage.recording = anyFailed   ? QStringLiteral("FAILED")
                      : anyActive ? QStringLiteral("ACTIVE")
                                  : QString();
    stage.history.push_back(publishers);
    if (stage.history.size() > kHistoryLength)
        stage.history.remove(0, stage.history.size() - kHistoryLength);
    const qint64 since = ms - kErrorWindowMs;
    while (!stage.errorTimes.empty() && stage.errorTimes.front() < since)
        stage.errorTimes.pop_front();
    stage.listedMs = t;
    ensureSideView(stage);
    if (m_alerts)
        m_alerts->observePublishers(stage.arn, publishers, ms);
    // Copies: a receiver may make the monitor change its stages.
    const QString arn = stage.arn, sessionId = stage.sessionId;
    const bool everyone = stage.fullListing;
    changed(arn);
    emit participantsListed(arn, sessionId, listed.values(), everyone);
}

void LiveMonitor::applyEvents(Stage &stage, const QString &participantId, const QJsonArray &events,
                              int firstIndex)
{
    const auto known = stage.participants.constFind(participantId);
    const int seen = known != stage.participants.constEnd() ? known->eventsSeen
                                                            : stage.departed.value(participantId);
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - kErrorWindowMs;
    bool counted = false;
    QString previous;
    const auto connected = stage.participants.find(participantId);
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject e = events[i].toObject();
        const QString name = e.value(QLatin1String("name")).toString();
        const QString code = e.value(QLatin1String("errorCode")).toString();
        const bool already = firstIndex + i < seen;
        const qint64 ms = epochMs(e.value(QLatin1String("eventTime")));
        const QString before = std::exchange(previous, name);
        // Publishing now: the newest publish event says (the newest by time, whatever the
        // order of the pages).
        const bool started = name == QLatin1String("PUBLISH_STARTED");
        if (connected != stage.participants.end() &&
            (started || name == QLatin1String("PUBLISH_STOPPED")) &&
            ms >= connected->publishEventMs) {
            connected->publishEventMs = ms;
            connected->publishStopped = !started;
        }
        if (already || ms < since)
            continue; // read before, or older than anything the wall or an alert is about
        // A *_ERROR event, or a disconnect with an error code that no error event announced.
        const bool error = name.endsWith(QLatin1String("_ERROR")) ||
                           (name == QLatin1String("LEFT") && !code.isEmpty() &&
                            !before.endsWith(QLatin1String("_ERROR")));
        if (error) {
            auto at = std::upper_bound(stage.errorTimes.begin(), stage.errorTimes.end(), ms);
            stage.errorTimes.insert(at, ms);
            counted = true;
        }
        if (m_alerts)
            m_alerts->observeEvent(stage.arn, stage.sessionId, participantId, name, code, ms);
    }
    if (recount(stage) || counted)
        changed(stage.arn);
}

bool LiveMonitor::recount(Stage &stage)
{
    int publishers = 0;
    for (const Participant &p : std::as_const(stage.participants))
        publishers += p.publishingNow() ? 1 : 0;
    const int subscribers = int(stage.participants.size()) - publishers;
    if (publishers == stage.publishers && subscribers == stage.subscribers)
        return false;
    stage.publishers = publishers;
    stage.subscribers = subscribers;
    return true;
}

} // namespace gr::models
