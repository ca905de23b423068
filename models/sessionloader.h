// Loads every event of a stage session: GetStageSession, ListParticipants (paged), then
// ListParticipantEvents per participant (paged), through the IVS client. Work is a queue of
// single requests: with the connection's RateBudget (setBudget) each one waits for its turn
// there as one-shot work at the page's priority (so the page in view goes before background
// polling and nothing is throttled); without one (a user's export), up to maxInFlight at a
// time straight through the client's pacer.
// A finished session is cached on disk (a second visit costs no request); a live one can be
// followed: refresh() asks again for what can still change and appends only new events.
#pragma once

#include "sessioncache.h"
#include "sessionstore.h"

#include "aws/awserror.h"

#include "models/ratebudget.h"

#include <deque>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace gr::aws
{
class AwsCall;
}
namespace gr::ivs
{
class IvsClient;
struct ListParticipantsRequest;
struct ListParticipantEventsRequest;
struct ParticipantSummary;
} // namespace gr::ivs

// The next page of a session's participants, and of one participant's events (index in the
// store): the one way the loader and SessionTopUp ask.
gr::ivs::ListParticipantsRequest participantsPage(const SessionStore &store,
                                                  const QString &nextToken);
gr::ivs::ListParticipantEventsRequest eventsPage(const SessionStore &store, int participant,
                                                 const QString &nextToken);

// A participant of a listed page once merged into the store, compared with what the store held:
// the loader and SessionTopUp merge a page one way and differ only in which of these facts make
// them ask for the participant's events again (each says why where it decides).
struct ListedParticipant {
    int index = -1;              // in the store
    bool summaryChanged = false; // new, or its state, published, recording or replication differ
    bool goneBothTimes = false;  // DISCONNECTED when listed before and now: its events are final
};
QVector<ListedParticipant> mergeParticipantsPage(SessionStore &store,
                                                 const QList<gr::ivs::ParticipantSummary> &page);

class SessionLoader : public QObject
{
    Q_OBJECT
public:
    explicit SessionLoader(gr::ivs::IvsClient *client, QObject *parent = nullptr);
    ~SessionLoader() override;

    // Finished sessions are read from and written to this cache, under this connection's key.
    void setCache(const SessionCache &cache, const QString &connectionKey);
    void setMaxInFlight(int count) { m_maxInFlight = qMax(1, count); }
    // Requests wait for their turn in `budget` (the IVS Get/List one), at `priority`.
    void setBudget(gr::models::RateBudget *budget, gr::models::RateBudget::Priority priority =
                                                       gr::models::RateBudget::Priority::Selected);
    void setPriority(gr::models::RateBudget::Priority priority);
    // Polls a live session every `ms` (0: never) once loaded; stops when it has ended.
    void setFollowInterval(int ms);

    void start(const QString &stageArn, const QString &sessionId);
    void cancel();
    void refresh();

    const SessionStore &store() const { return m_store; }
    bool isRunning() const { return m_running; }
    bool isFromCache() const { return m_fromCache; }
    int requestCount() const { return m_requests; }
    int pendingSteps() const { return int(m_queue.size()); }
    // Starts one queued request if there is one; what a rate-budget scheduler would call.
    bool startNext();

signals:
    void progress(int participantsDone, int participantsKnown);
    void participantsChanged(); // participants added or their summaries updated
    void eventsAdded(const QVector<quint32> &events);
    void finished();
    void failed(const gr::aws::AwsError &error);

private:
    enum class Kind { Session, Participants, Events };
    struct Step {
        Kind kind;
        int participant = -1;
        QString nextToken;
        int seen = 0; // events of this participant already listed before this page
    };
    void enqueue(Step step, bool front = false);
    void pump();
    void run(const Step &step);
    void stepDone(const QString &operation, const gr::aws::AwsError &error,
                  const QString &requestId);
    void complete();
    void readCacheThenLoad();
    void loadFromService();
    void writeCache();

    gr::ivs::IvsClient *m_client;
    SessionStore m_store;
    SessionCache m_cache;
    QString m_connectionKey;
    int m_maxInFlight = 8;
    QPointer<gr::models::RateBudget> m_budget;
    gr::models::RateBudget::Priority m_priority = gr::models::RateBudget::Priority::Selected;
    int m_turnsAsked = 0; // one-shots waiting in the budget
    std::deque<Step> m_queue;
    QSet<gr::aws::AwsCall *> m_inFlight;
    QVector<int> m_listedEvents;     // per participant: events received from the service
    QSet<int> m_pendingParticipants; // participants whose events are still being listed
    int m_generation = 0;            // replies of an older start() or cancel() are ignored
    int m_requests = 0;
    int m_participantsDone = 0;
    bool m_running = false;
    bool m_fromCache = false;
    bool m_cacheWritten = false;
    QTimer m_follow;
};
