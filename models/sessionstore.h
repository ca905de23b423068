// Every participant and event of one stage session in a compact store: strings interned once,
// events as 24-byte records (time as ms, names and codes as small ints, participants as
// indexes), so a 100,000-event session fits in a few megabytes and can be cached on disk.
#pragma once

#include "aws/expected.h"
#include "ivs/shapes.h"

#include <optional>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

class QDataStream;

// Strings kept once; an index stands for each.
class StringPool
{
public:
    quint32 intern(const QString &text);
    const QString &at(quint32 index) const { return m_strings.at(int(index)); }
    int size() const { return m_strings.size(); }
    qint64 memoryBytes() const;
    const QStringList &strings() const { return m_strings; }

private:
    QStringList m_strings;
    QHash<QString, quint32> m_index;
};

struct SessionEvent {
    qint64 timeMs = 0;       // eventTime, ms since the epoch (UTC)
    quint32 participant = 0; // index into SessionStore::participants()
    qint32 remote = -1;      // index of remoteParticipantId's participant, or -1
    quint8 name = 0;         // SessionStore::EventName
    quint8 replica = 0;      // 1 when the event says replica
    quint16 errorCode = 0;   // index into the code pool; 0 means none
    qint32 extra = -1;       // index into extras() (token exchange, replication), or -1
};
static_assert(sizeof(SessionEvent) == 24, "SessionEvent must stay compact");

struct SessionEventExtra {
    QString destinationStageArn;
    QString destinationSessionId;
    std::optional<gr::ivs::ExchangedParticipantToken> previousToken;
    std::optional<gr::ivs::ExchangedParticipantToken> newToken;
    QString otherName; // an event name this build does not know
};

struct SessionParticipant {
    quint32 id = 0;                      // pool index of participantId
    quint32 userId = 0;                  // pool index of userId ("" when none)
    bool listed = false;                 // false: only seen as a remote participant in an event
    gr::ivs::ParticipantSummary summary; // as ListParticipants returned it
    QVector<quint32> events;             // indexes into SessionStore::events(), time order
};

class SessionStore
{
public:
    // The event names of the model, in this order; unknown names map to Other.
    enum EventName : quint8 {
        Joined,
        Left,
        PublishStarted,
        PublishStopped,
        SubscribeStarted,
        SubscribeStopped,
        PublishError,
        SubscribeError,
        JoinError,
        ReplicationStarted,
        ReplicationStopped,
        TokenExchanged,
        Other
    };
    static QString eventNameText(quint8 name);
    static EventName eventNameFromText(const QString &text);

    SessionStore();

    QString stageArn;
    QString sessionId;
    qint64 startMs = 0; // session start; 0 when unknown
    qint64 endMs = 0;   // session end; 0 while the session is live (or unknown)
    bool isFinished() const { return endMs > 0; }

    // Adds or updates a participant from ListParticipants; returns its index.
    int upsertParticipant(const gr::ivs::ParticipantSummary &summary);
    // The index of a participant id, adding an unlisted one if it is new.
    int participantIndex(const QString &participantId);
    int findParticipant(const QString &participantId) const;

    // Appends a participant's events (from ListParticipantEvents, in order); returns the
    // indexes of the new events.
    QVector<quint32> addEvents(int participant, const QList<gr::ivs::Event> &events);

    const QVector<SessionParticipant> &participants() const { return m_participants; }
    const QVector<SessionEvent> &events() const { return m_events; }
    const QVector<SessionEventExtra> &extras() const { return m_extras; }
    const QString &text(quint32 poolIndex) const { return m_pool.at(poolIndex); }
    QString participantId(int participant) const;
    QString userId(int participant) const;
    QString errorCodeText(const SessionEvent &event) const;
    // The event as the model shapes it (for export and the detail pane).
    gr::ivs::Event toEvent(const SessionEvent &event) const;

    // Events of the whole session in time order (indexes into events()).
    QVector<quint32> eventsByTime() const;
    qint64 firstEventMs() const;
    qint64 lastEventMs() const;

    // Bytes the store holds for its events: records, per-participant indexes and the share of
    // interned strings and extras. memoryBytes() / events().size() is the per-event figure.
    qint64 memoryBytes() const;

    // Request ids of the calls that filled the store ("Operation requestId" per line).
    QStringList requestIds;

    void save(QDataStream &out) const;
    // Replaces the store's contents with what save() wrote; a Decode error saying what does not
    // read (the store is then empty).
    gr::aws::Expected<void> load(QDataStream &in);

private:
    StringPool m_pool;
    StringPool m_codes; // error codes; index 0 is "no code"
    QVector<SessionParticipant> m_participants;
    QHash<quint32, int> m_byId; // pool index of participantId -> participant index
    QVector<SessionEvent> m_events;
    QVector<SessionEventExtra> m_extras;
};
