#include "sessionstore.h"

#include <algorithm>
#include <numeric>
#include <QDataStream>
#include <QJsonDocument>
#include <QJsonObject>

using namespace gr::ivs;

namespace
{
const char *const kEventNames[] = {"JOINED",
                                   "LEFT",
                                   "PUBLISH_STARTED",
                                   "PUBLISH_STOPPED",
                                   "SUBSCRIBE_STARTED",
                                   "SUBSCRIBE_STOPPED",
                                   "PUBLISH_ERROR",
                                   "SUBSCRIBE_ERROR",
                                   "JOIN_ERROR",
                                   "REPLICATION_STARTED",
                                   "REPLICATION_STOPPED",
                                   "TOKEN_EXCHANGED"};
constexpr quint32 kStoreFormat = 1;

qint64 stringBytes(const QString &s)
{
    // QString data: header plus UTF-16 payload, shared once per pool entry.
    return 24 + 2 * qint64(s.capacity() + 1);
}
} // namespace

quint32 StringPool::intern(const QString &text)
{
    const auto it = m_index.constFind(text);
    if (it != m_index.constEnd())
        return it.value();
    const quint32 index = quint32(m_strings.size());
    m_strings.append(text);
    m_index.insert(text, index);
    return index;
}

qint64 StringPool::memoryBytes() const
{
    qint64 bytes = qint64(m_strings.capacity()) * qint64(sizeof(QString));
    for (const QString &s : m_strings)
        bytes += stringBytes(s);
    // The hash holds a second QString handle (shared payload) and the index per entry.
    bytes += qint64(m_index.capacity()) * qint64(sizeof(QString) + sizeof(quint32) + 8);
    return bytes;
}

QString SessionStore::eventNameText(quint8 name)
{
    return name < Other ? QString::fromLatin1(kEventNames[name]) : QStringLiteral("OTHER");
}

SessionStore::EventName SessionStore::eventNameFromText(const QString &text)
{
    for (quint8 i = 0; i < Other; ++i) {
        if (text == QLatin1String(kEventNames[i]))
            return EventName(i);
    }
    return Other;
}

SessionStore::SessionStore()
{
    m_pool.intern(QString());  // index 0: the empty string
    m_codes.intern(QString()); // code 0: none
}

int SessionStore::findParticipant(const QString &participantId) const
{
    // A linear look-up (rare: find and tests) that never grows the pool.
    const auto it =
        std::find_if(m_participants.cbegin(), m_participants.cend(),
                     [&](const SessionParticipant &p) { return m_pool.at(p.id) == participantId; });
    return it == m_participants.cend() ? -1 : int(it - m_participants.cbegin());
}

int SessionStore::participantIndex(const QString &participantId)
{
    const quint32 id = m_pool.intern(participantId);
    const auto it = m_byId.constFind(id);
    if (it != m_byId.constEnd())
        return it.value();
    SessionParticipant p;
    p.id = id;
    p.summary.participantId = participantId;
    m_participants.append(p);
    const int index = m_participants.size() - 1;
    m_byId.insert(id, index);
    return index;
}

int SessionStore::upsertParticipant(const ParticipantSummary &summary)
{
    const int index = participantIndex(summary.participantId.value_or(QString()));
    SessionParticipant &p = m_participants[index];
    p.listed = true;
    p.summary = summary;
    p.userId = m_pool.intern(summary.userId.value_or(QString()));
    return index;
}

QVector<quint32> SessionStore::addEvents(int participant, const QList<Event> &events)
{
    QVector<quint32> added;
    added.reserve(events.size());
    for (const Event &e : events) {
        SessionEvent record;
        record.timeMs = e.eventTime ? e.eventTime->toMSecsSinceEpoch() : 0;
        record.participant = quint32(participant);
        if (e.remoteParticipantId && !e.remoteParticipantId->isEmpty())
            record.remote = participantIndex(*e.remoteParticipantId);
        record.name = eventNameFromText(e.name.value_or(QString()));
        record.replica = e.replica.value_or(false) ? 1 : 0;
        if (e.errorCode && !e.errorCode->isEmpty()) {
            record.errorCode = quint16(m_codes.intern(*e.errorCode));
        }
        if (e.destinationStageArn || e.destinationSessionId || e.previousToken || e.newToken ||
            record.name == Other) {
            SessionEventExtra extra;
            extra.destinationStageArn = e.destinationStageArn.value_or(QString());
            extra.destinationSessionId = e.destinationSessionId.value_or(QString());
            extra.previousToken = e.previousToken;
            extra.newToken = e.newToken;
            if (record.name == Other)
                extra.otherName = e.name.value_or(QString());
            m_extras.append(extra);
            record.extra = qint32(m_extras.size() - 1);
        }
        const quint32 index = quint32(m_events.size());
        m_events.append(record);
        added.append(index);
        // Keep the participant's list in time order (service order breaks ties).
        QVector<quint32> &own = m_participants[participant].events;
        auto at = std::upper_bound(own.begin(), own.end(), record.timeMs,
                                   [this](qint64 t, quint32 i) { return t < m_events[i].timeMs; });
        own.insert(at, index);
    }
    return added;
}

QString SessionStore::participantId(int participant) const
{
    return m_pool.at(m_participants.at(participant).id);
}

QString SessionStore::userId(int participant) const
{
    return m_pool.at(m_participants.at(participant).userId);
}

QString SessionStore::errorCodeText(const SessionEvent &event) const
{
    return event.errorCode ? m_codes.at(event.errorCode) : QString();
}

Event SessionStore::toEvent(const SessionEvent &record) const
{
    Event e;
    e.name = record.name == Other && record.extra >= 0 ? m_extras[record.extra].otherName
                                                       : eventNameText(record.name);
    e.participantId = participantId(int(record.participant));
    e.eventTime = QDateTime::fromMSecsSinceEpoch(record.timeMs, Qt::UTC);
    if (record.remote >= 0)
        e.remoteParticipantId = participantId(record.remote);
    if (record.errorCode)
        e.errorCode = errorCodeText(record);
    e.replica = record.replica != 0;
    if (record.extra >= 0) {
        const SessionEventExtra &x = m_extras[record.extra];
        if (!x.destinationStageArn.isEmpty())
            e.destinationStageArn = x.destinationStageArn;
        if (!x.destinationSessionId.isEmpty())
            e.destinationSessionId = x.destinationSessionId;
        e.previousToken = x.previousToken;
        e.newToken = x.newToken;
    }
    return e;
}

QVector<quint32> SessionStore::eventsByTime() const
{
    QVector<quint32> order(m_events.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [this](quint32 a, quint32 b) {
        return m_events[a].timeMs < m_events[b].timeMs;
    });
    return order;
}

qint64 SessionStore::firstEventMs() const
{
    qint64 first = 0;
    for (const SessionEvent &e : m_events)
        first = first == 0 ? e.timeMs : std::min(first, e.timeMs);
    return first;
}

qint64 SessionStore::lastEventMs() const
{
    qint64 last = 0;
    for (const SessionEvent &e : m_events)
        last = std::max(last, e.timeMs);
    return last;
}

qint64 SessionStore::memoryBytes() const
{
    qint64 bytes = qint64(m_events.capacity()) * qint64(sizeof(SessionEvent));
    for (const SessionParticipant &p : m_participants)
        bytes += qint64(p.events.capacity()) * qint64(sizeof(quint32));
    bytes += qint64(m_extras.capacity()) * qint64(sizeof(SessionEventExtra));
    bytes += m_pool.memoryBytes() + m_codes.memoryBytes();
    return bytes;
}

namespace
{
QByteArray jsonBytes(const QJsonValue &v)
{
    return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}
} // namespace

void SessionStore::save(QDataStream &out) const
{
    out << kStoreFormat << stageArn << sessionId << startMs << endMs << requestIds;
    out << qint32(m_participants.size());
    for (const SessionParticipant &p : m_participants)
        out << p.listed << jsonBytes(encode(p.summary));
    // Events go back through the model's shape, one participant at a time, so load() rebuilds
    // the pools exactly as the loader would.
    for (int i = 0; i < m_participants.size(); ++i) {
        const auto &own = m_participants[i].events;
        out << qint32(own.size());
        for (quint32 index : own)
            out << jsonBytes(encode(toEvent(m_events[index])));
    }
}

gr::aws::Expected<void> SessionStore::load(QDataStream &in)
{
    quint32 format = 0;
    in >> format;
    if (format != kStoreFormat)
        return gr::aws::failure(gr::aws::AwsError::Kind::Decode,
                                QStringLiteral("the cached session has format %1, not %2")
                                    .arg(format)
                                    .arg(kStoreFormat));
    *this = SessionStore();
    in >> stageArn >> sessionId >> startMs >> endMs >> requestIds;
    qint32 count = 0;
    in >> count;
    QVector<int> indexes;
    for (qint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        bool listed = false;
        QByteArray json;
        in >> listed >> json;
        ParticipantSummary summary;
        if (const auto decoded = decode(QJsonDocument::fromJson(json).object(), &summary);
            !decoded) {
            *this = SessionStore();
            return gr::aws::failure(
                gr::aws::AwsError::Kind::Decode,
                QStringLiteral("a cached participant does not decode: %1").arg(decoded.message()));
        }
        indexes.append(listed ? upsertParticipant(summary)
                              : participantIndex(summary.participantId.value_or(QString())));
    }
    for (qint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        qint32 n = 0;
        in >> n;
        QList<Event> events;
        for (qint32 k = 0; k < n && in.status() == QDataStream::Ok; ++k) {
            QByteArray json;
            in >> json;
            Event e;
            if (const auto decoded = decode(QJsonDocument::fromJson(json).object(), &e); !decoded) {
                *this = SessionStore();
                return gr::aws::failure(
                    gr::aws::AwsError::Kind::Decode,
                    QStringLiteral("a cached event does not decode: %1").arg(decoded.message()));
            }
            events.append(e);
        }
        addEvents(indexes[i], events);
    }
    if (in.status() != QDataStream::Ok) {
        *this = SessionStore();
        return gr::aws::failure(gr::aws::AwsError::Kind::Decode,
                                QStringLiteral("the cached session is truncated"));
    }
    return {};
}
