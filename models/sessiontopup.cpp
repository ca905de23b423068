#include "sessiontopup.h"

#include "ivs/ivsapi.h"
#include "sessionloader.h"

#include <memory>

using namespace gr;
using namespace gr::ivs;

SessionTopUp::SessionTopUp(IvsClient *client, SessionStore store, QObject *parent)
    : QObject(parent), m_client(client), m_store(std::move(store))
{
}

SessionTopUp::~SessionTopUp()
{
    cancel();
}

void SessionTopUp::start()
{
    m_queue.push_back({});
    next();
}

void SessionTopUp::cancel()
{
    ++m_generation;
    m_queue.clear();
    if (m_call)
        m_call->cancel();
}

void SessionTopUp::done(const QString &operation, const aws::AwsError &error,
                        const QString &requestId)
{
    if (!requestId.isEmpty())
        m_store.requestIds.append(operation + QLatin1Char(' ') + requestId);
    if (error.isError()) {
        m_queue.clear();
        emit failed(error);
        return;
    }
    next();
}

void SessionTopUp::next()
{
    if (m_queue.empty()) {
        emit finished();
        return;
    }
    const Step step = m_queue.front();
    m_queue.pop_front();
    IvsApi api(m_client);
    const int generation = m_generation;
    ++m_requests;
    auto holder = std::make_shared<QPointer<aws::AwsCall>>();
    auto requestIdOf = [holder] { return *holder ? (*holder)->requestId() : QString(); };
    if (step.participant < 0) {
        const ListParticipantsRequest request = participantsPage(m_store, step.nextToken);
        m_call = api.listParticipants(
            request, this,
            [this, generation, requestIdOf](const Result<ListParticipantsResponse> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok()) {
                    // Only the new and the changed: the page's own loader, which follows the
                    // session, finds a new event that changes nothing in a summary.
                    for (const ListedParticipant &listed :
                         mergeParticipantsPage(m_store, result->participants)) {
                        if (listed.summaryChanged)
                            m_queue.push_back({listed.index, {}, 0});
                    }
                    if (result->nextToken && !result->nextToken->isEmpty())
                        m_queue.push_front({-1, *result->nextToken, 0});
                }
                done(QStringLiteral("ListParticipants"), result.error(), requestIdOf());
            });
    } else {
        const ListParticipantEventsRequest request =
            eventsPage(m_store, step.participant, step.nextToken);
        m_call = api.listParticipantEvents(
            request, this,
            [this, generation, requestIdOf,
             step](const Result<ListParticipantEventsResponse> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok()) {
                    // A participant's events only grow at the end: keep what is beyond those
                    // already held.
                    const int held = int(m_store.participants()[step.participant].events.size());
                    const QList<Event> &events = result->events;
                    const int skip = qBound(0, held - step.seen, int(events.size()));
                    if (skip < events.size())
                        m_store.addEvents(step.participant, events.mid(skip));
                    if (result->nextToken && !result->nextToken->isEmpty())
                        m_queue.push_front(
                            {step.participant, *result->nextToken, step.seen + int(events.size())});
                }
                done(QStringLiteral("ListParticipantEvents"), result.error(), requestIdOf());
            });
    }
    if (m_call && !m_call->isFinished())
        *holder = m_call;
}
