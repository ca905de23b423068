#include "sessionloader.h"

#include "ivs/ivsapi.h"
#include "models/budgets.h"

#include <memory>
#include <numeric>
#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

using namespace gr;
using namespace gr::ivs;

namespace
{
constexpr int kPageSize = 100; // the model's maximum for both list operations

bool sameSummary(const ParticipantSummary &a, const ParticipantSummary &b)
{
    return a.state == b.state && a.published == b.published &&
           a.recordingState == b.recordingState && a.replicationState == b.replicationState;
}

bool gone(const ParticipantSummary &summary)
{
    return summary.state.value_or(QString()) == QLatin1String("DISCONNECTED");
}
} // namespace

ListParticipantsRequest participantsPage(const SessionStore &store, const QString &nextToken)
{
    ListParticipantsRequest request;
    request.stageArn = store.stageArn;
    request.sessionId = store.sessionId;
    request.maxResults = kPageSize;
    if (!nextToken.isEmpty())
        request.nextToken = nextToken;
    return request;
}

ListParticipantEventsRequest eventsPage(const SessionStore &store, int participant,
                                        const QString &nextToken)
{
    ListParticipantEventsRequest request;
    request.stageArn = store.stageArn;
    request.sessionId = store.sessionId;
    request.participantId = store.participantId(participant);
    request.maxResults = kPageSize;
    if (!nextToken.isEmpty())
        request.nextToken = nextToken;
    return request;
}

QVector<ListedParticipant> mergeParticipantsPage(SessionStore &store,
                                                 const QList<ParticipantSummary> &page)
{
    QVector<ListedParticipant> merged;
    merged.reserve(page.size());
    for (const ParticipantSummary &summary : page) {
        const int known = store.findParticipant(summary.participantId.value_or(QString()));
        const bool wasListed = known >= 0 && store.participants()[known].listed;
        const ParticipantSummary before =
            wasListed ? store.participants()[known].summary : ParticipantSummary();
        ListedParticipant listed;
        listed.summaryChanged = !wasListed || !sameSummary(before, summary);
        listed.goneBothTimes = wasListed && gone(before) && gone(summary);
        listed.index = store.upsertParticipant(summary);
        merged.append(listed);
    }
    return merged;
}

SessionLoader::SessionLoader(IvsClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_follow.setSingleShot(true);
    connect(&m_follow, &QTimer::timeout, this, &SessionLoader::refresh);
}

SessionLoader::~SessionLoader()
{
    ++m_generation;
    for (aws::AwsCall *call : std::as_const(m_inFlight))
        call->cancel();
}

void SessionLoader::setCache(const SessionCache &cache, const QString &connectionKey)
{
    m_cache = cache;
    m_connectionKey = connectionKey;
}

void SessionLoader::setBudget(models::RateBudget *budget, models::RateBudget::Priority priority)
{
    m_budget = budget;
    m_priority = priority;
    if (m_budget)
        models::budgets::applyRates(m_budget);
}

void SessionLoader::setPriority(models::RateBudget::Priority priority)
{
    m_priority = priority;
    if (m_budget)
        m_budget->setQueuedPriority(this, priority);
}

void SessionLoader::setFollowInterval(int ms)
{
    m_follow.setInterval(qMax(0, ms));
    if (ms <= 0)
        m_follow.stop();
}

void SessionLoader::start(const QString &stageArn, const QString &sessionId)
{
    cancel();
    m_store = SessionStore();
    m_store.stageArn = stageArn;
    m_store.sessionId = sessionId;
    m_listedEvents.clear();
    m_requests = 0;
    m_fromCache = false;
    m_cacheWritten = false;
    m_running = true;
    readCacheThenLoad();
}

void SessionLoader::cancel()
{
    ++m_generation;
    m_queue.clear();
    m_pendingParticipants.clear();
    if (m_budget)
        m_budget->dropQueued(this);
    m_turnsAsked = 0;
    const auto calls = m_inFlight;
    m_inFlight.clear();
    for (aws::AwsCall *call : calls)
        call->cancel();
    m_follow.stop();
    m_running = false;
}

void SessionLoader::readCacheThenLoad()
{
    const QString path = m_cache.isEnabled()
                             ? m_cache.pathFor(m_connectionKey, m_store.stageArn, m_store.sessionId)
                             : QString();
    if (path.isEmpty()) {
        loadFromService();
        return;
    }
    // The file is read on a worker thread; the GUI thread never waits on the disk.
    const int generation = m_generation;
    QPointer<SessionLoader> self(this);
    const SessionCache cache = m_cache;
    QThreadPool::globalInstance()->start([self, cache, path, generation] {
        auto cached = std::make_shared<SessionStore>();
        // A file that cannot be read is loaded again from the service (and rewritten).
        gr::aws::Expected<std::optional<SessionStore>> fromDisk = cache.read(path);
        const bool hit = fromDisk && fromDisk->has_value();
        if (hit)
            *cached = std::move(**fromDisk);
        QMetaObject::invokeMethod(
            qApp,
            [self, cached, hit, generation] {
                if (!self || self->m_generation != generation)
                    return;
                if (!hit || !cached->isFinished() || cached->stageArn != self->m_store.stageArn ||
                    cached->sessionId != self->m_store.sessionId) {
                    self->loadFromService();
                    return;
                }
                self->m_store = std::move(*cached);
                self->m_fromCache = true;
                self->m_cacheWritten = true;
                self->m_listedEvents.fill(0, self->m_store.participants().size());
                emit self->participantsChanged();
                QVector<quint32> all(self->m_store.events().size());
                std::iota(all.begin(), all.end(), 0u);
                emit self->eventsAdded(all);
                const int n = self->m_store.participants().size();
                emit self->progress(n, n);
                self->complete();
            },
            Qt::QueuedConnection);
    });
}

void SessionLoader::loadFromService()
{
    m_participantsDone = 0;
    enqueue({Kind::Session, -1, {}, 0});
    enqueue({Kind::Participants, -1, {}, 0});
    pump();
}

void SessionLoader::refresh()
{
    if (m_store.isFinished() || m_store.stageArn.isEmpty() || !m_queue.empty() ||
        !m_inFlight.isEmpty())
        return;
    m_running = true;
    m_participantsDone = 0;
    enqueue({Kind::Session, -1, {}, 0});
    enqueue({Kind::Participants, -1, {}, 0});
    pump();
}

void SessionLoader::enqueue(Step step, bool front)
{
    if (front)
        m_queue.push_front(std::move(step));
    else
        m_queue.push_back(std::move(step));
}

void SessionLoader::pump()
{
    if (m_budget) {
        // One turn asked per queued step (up to maxInFlight waiting): a turn starts whatever is
        // first in the queue then, so pages found meanwhile go first.
        while (m_turnsAsked < std::min<qsizetype>(qsizetype(m_queue.size()), m_maxInFlight)) {
            ++m_turnsAsked;
            const int generation = m_generation;
            m_budget->enqueue(this, models::budgets::ivsReads(), m_priority, [this, generation] {
                if (generation != m_generation)
                    return;
                --m_turnsAsked;
                startNext();
                pump();
            });
        }
    } else {
        while (m_inFlight.size() < m_maxInFlight && startNext()) {
        }
    }
    if (m_running && m_queue.empty() && m_inFlight.isEmpty() && m_turnsAsked == 0)
        complete();
}

bool SessionLoader::startNext()
{
    if (m_queue.empty())
        return false;
    const Step step = m_queue.front();
    m_queue.pop_front();
    run(step);
    return true;
}

void SessionLoader::run(const Step &step)
{
    IvsApi api(m_client);
    const int generation = m_generation;
    ++m_requests;
    // The reply needs its call's request id: the call is known only once started.
    auto holder = std::make_shared<QPointer<aws::AwsCall>>();
    auto requestIdOf = [holder]() { return *holder ? (*holder)->requestId() : QString(); };
    aws::AwsCall *call = nullptr;
    switch (step.kind) {
    case Kind::Session: {
        GetStageSessionRequest request{m_store.stageArn, m_store.sessionId};
        call = api.getStageSession(
            request, this,
            [this, generation, requestIdOf](const Result<GetStageSessionResponse> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok() && result->stageSession) {
                    const StageSession &s = *result->stageSession;
                    m_store.startMs = s.startTime ? s.startTime->toMSecsSinceEpoch() : 0;
                    m_store.endMs = s.endTime ? s.endTime->toMSecsSinceEpoch() : 0;
                }
                stepDone(QStringLiteral("GetStageSession"), result.error(), requestIdOf());
            });
        break;
    }
    case Kind::Participants: {
        const ListParticipantsRequest request = participantsPage(m_store, step.nextToken);
        call = api.listParticipants(
            request, this,
            [this, generation, requestIdOf](const Result<ListParticipantsResponse> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok()) {
                    QVector<int> changed; // new, or joined, left or published since
                    for (const ListedParticipant &listed :
                         mergeParticipantsPage(m_store, result->participants)) {
                        // Events of a participant that is gone and was gone last time cannot
                        // have changed; everyone else is asked again: a connected participant
                        // can have new events its summary does not show (an error).
                        const bool settled =
                            listed.goneBothTimes && listed.index < m_listedEvents.size();
                        if (!settled && !m_pendingParticipants.contains(listed.index)) {
                            m_pendingParticipants.insert(listed.index);
                            if (listed.summaryChanged)
                                changed.append(listed.index);
                            else
                                enqueue({Kind::Events, listed.index, {}, 0});
                        }
                    }
                    // Who is new or changed first: on a big live session a newcomer's events
                    // (and errors: the Errors column) would otherwise wait for everyone's.
                    for (auto it = changed.crbegin(); it != changed.crend(); ++it)
                        enqueue({Kind::Events, *it, {}, 0}, true);
                    if (result->nextToken && !result->nextToken->isEmpty())
                        enqueue({Kind::Participants, -1, *result->nextToken, 0}, true);
                    emit participantsChanged();
                    emit progress(m_participantsDone,
                                  m_participantsDone + m_pendingParticipants.size());
                }
                stepDone(QStringLiteral("ListParticipants"), result.error(), requestIdOf());
            });
        break;
    }
    case Kind::Events: {
        const ListParticipantEventsRequest request =
            eventsPage(m_store, step.participant, step.nextToken);
        const int participant = step.participant;
        const int seen = step.seen;
        call = api.listParticipantEvents(
            request, this,
            [this, generation, requestIdOf, participant,
             seen](const Result<ListParticipantEventsResponse> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok()) {
                    if (m_listedEvents.size() <= participant)
                        m_listedEvents.resize(participant + 1);
                    // Events of a participant only ever grow at the end: keep the new tail.
                    const QList<Event> &events = result->events;
                    const int skip =
                        qBound(0, m_listedEvents[participant] - seen, int(events.size()));
                    if (skip < events.size()) {
                        const QVector<quint32> added =
                            m_store.addEvents(participant, events.mid(skip));
                        m_listedEvents[participant] += int(added.size());
                        emit eventsAdded(added);
                    }
                    if (result->nextToken && !result->nextToken->isEmpty()) {
                        enqueue({Kind::Events, participant, *result->nextToken,
                                 seen + int(events.size())},
                                true);
                    } else {
                        m_pendingParticipants.remove(participant);
                        ++m_participantsDone;
                        emit progress(m_participantsDone,
                                      m_participantsDone + m_pendingParticipants.size());
                    }
                }
                stepDone(QStringLiteral("ListParticipantEvents"), result.error(), requestIdOf());
            });
        break;
    }
    }
    if (call) {
        *holder = call;
        m_inFlight.insert(call);
        connect(call, &QObject::destroyed, this, [this, call] { m_inFlight.remove(call); });
    }
}

void SessionLoader::stepDone(const QString &operation, const aws::AwsError &error,
                             const QString &requestId)
{
    // The call that just finished is the one whose request id we hold; drop finished calls.
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if ((*it)->isFinished())
            it = m_inFlight.erase(it);
        else
            ++it;
    }
    const QString id = requestId.isEmpty() ? error.requestId : requestId;
    if (!id.isEmpty())
        m_store.requestIds.append(operation + QLatin1Char(' ') + id);
    if (error.isError()) {
        const int generation = m_generation;
        cancel();
        Q_UNUSED(generation);
        emit failed(error);
        return;
    }
    pump();
}

void SessionLoader::complete()
{
    m_running = false;
    emit finished();
    if (m_store.isFinished())
        writeCache();
    else if (m_follow.interval() > 0)
        m_follow.start();
}

void SessionLoader::writeCache()
{
    if (!m_cache.isEnabled() || m_cacheWritten)
        return;
    m_cacheWritten = true;
    const QString path = m_cache.pathFor(m_connectionKey, m_store.stageArn, m_store.sessionId);
    auto copy = std::make_shared<SessionStore>(m_store);
    const SessionCache cache = m_cache;
    QThreadPool::globalInstance()->start([cache, path, copy] {
        if (const gr::aws::Expected<void> written = cache.write(path, *copy); !written)
            qWarning("Session cache: %s", qPrintable(written.message()));
    });
}
