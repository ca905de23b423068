#include "sessionsummary.h"

#include <algorithm>
#include <QHash>
#include <QSet>

SessionSummary summarizeSession(const SessionStore &store)
{
    using E = SessionStore;
    SessionSummary s;
    s.startMs = store.startMs ? store.startMs : store.firstEventMs();
    s.endMs = store.endMs;
    s.durationMs = std::max<qint64>(0, (s.endMs ? s.endMs : store.lastEventMs()) - s.startMs);
    QSet<quint32> users;
    for (const SessionParticipant &p : store.participants()) {
        if (!p.listed)
            continue;
        ++s.participants;
        if (p.userId)
            users.insert(p.userId);
        if (p.summary.replicationType.value_or(QString()) == QLatin1String("REPLICA"))
            ++s.replicasIn;
    }
    s.users = users.size();
    QSet<int> connected, publishing;
    QHash<QString, int> groupOf;
    for (quint32 index : store.eventsByTime()) {
        const SessionEvent &e = store.events()[int(index)];
        const int p = int(e.participant);
        switch (e.name) {
        case E::Joined:
            ++s.joins;
            connected.insert(p);
            break;
        case E::Left:
            ++s.leaves;
            connected.remove(p);
            publishing.remove(p);
            break;
        case E::PublishStarted:
            publishing.insert(p);
            break;
        case E::PublishStopped:
            publishing.remove(p);
            break;
        case E::ReplicationStarted:
            ++s.replicasOut;
            break;
        default:
            break;
        }
        if (connected.size() > s.peakConnected) {
            s.peakConnected = connected.size();
            s.peakConnectedAtMs = e.timeMs;
        }
        if (publishing.size() > s.peakPublishers) {
            s.peakPublishers = publishing.size();
            s.peakPublishersAtMs = e.timeMs;
        }
        if (e.errorCode) {
            const QString code = store.errorCodeText(e);
            auto it = groupOf.find(code);
            if (it == groupOf.end()) {
                it = groupOf.insert(code, int(s.errors.size()));
                s.errors.append({code, 0, {}});
            }
            SessionSummary::ErrorGroup &g = s.errors[it.value()];
            ++g.count;
            g.events.append(index);
            ++s.errorsByParticipant[p];
        }
    }
    std::stable_sort(s.errors.begin(), s.errors.end(),
                     [](const auto &a, const auto &b) { return a.count > b.count; });
    return s;
}
