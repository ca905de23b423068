#include "models/sessionerrors.h"

#include "models/sessionstore.h"

namespace gr::models
{

namespace
{
bool isErrorEvent(const SessionStore &store, const SessionEvent &event)
{
    switch (event.name) {
    case SessionStore::PublishError:
    case SessionStore::SubscribeError:
    case SessionStore::JoinError:
        return true;
    case SessionStore::Other:
        // A *_ERROR name this build does not know yet is still an error.
        return event.extra >= 0 &&
               store.extras()[event.extra].otherName.endsWith(QLatin1String("_ERROR"));
    default:
        return false;
    }
}

QString indexKey(const QString &stageArn, const QString &sessionId)
{
    return stageArn + QLatin1Char('\n') + sessionId;
}
} // namespace

SessionErrors SessionErrors::count(const SessionStore &store)
{
    SessionErrors out;
    const QVector<SessionParticipant> &participants = store.participants();
    for (int p = 0; p < participants.size(); ++p) {
        if (!participants[p].listed)
            continue; // only seen as someone's remote participant: not a row of the table
        Participant &tally = out.byParticipant[store.participantId(p)];
        for (quint32 e : participants[p].events) {
            const SessionEvent &event = store.events()[int(e)];
            if (!isErrorEvent(store, event))
                continue;
            const QString code = store.errorCodeText(event);
            ++tally.count;
            ++tally.codes[code.isEmpty() ? QObject::tr("%1 (no code)")
                                               .arg(event.name == SessionStore::Other
                                                        ? store.extras()[event.extra].otherName
                                                        : SessionStore::eventNameText(event.name))
                                         : code];
        }
        out.total += tally.count;
    }
    return out;
}

QString SessionErrors::codesText(const Participant &participant)
{
    if (participant.count == 0)
        return QObject::tr("No error event in this session");
    QStringList parts;
    for (auto it = participant.codes.cbegin(); it != participant.codes.cend(); ++it)
        parts << QStringLiteral("%1 ×%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

QHash<QString, QJsonObject> SessionErrors::channel() const
{
    QHash<QString, QJsonObject> out;
    out.reserve(byParticipant.size());
    for (auto it = byParticipant.cbegin(); it != byParticipant.cend(); ++it)
        out.insert(it.key(), {{QStringLiteral("count"), it->count},
                              {QStringLiteral("codes"), codesText(*it)}});
    return out;
}

SessionErrorIndex::SessionErrorIndex(QObject *client) : QObject(client)
{
    setObjectName(QStringLiteral("sessionErrorIndex"));
}

SessionErrorIndex *SessionErrorIndex::of(QObject *client)
{
    if (!client)
        return nullptr;
    auto *index = client->findChild<SessionErrorIndex *>(QStringLiteral("sessionErrorIndex"),
                                                         Qt::FindDirectChildrenOnly);
    return index ? index : new SessionErrorIndex(client);
}

int SessionErrorIndex::errorCount(const QString &stageArn, const QString &sessionId) const
{
    return m_counts.value(indexKey(stageArn, sessionId), -1);
}

void SessionErrorIndex::set(const QString &stageArn, const QString &sessionId, int errors)
{
    const QString key = indexKey(stageArn, sessionId);
    const auto it = m_counts.constFind(key);
    if (it != m_counts.constEnd() && *it == errors)
        return;
    m_counts.insert(key, errors);
    emit changed(stageArn, sessionId, errors);
}

} // namespace gr::models
