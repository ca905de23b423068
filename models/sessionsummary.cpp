#include "sessionsummary.h"

#include <algorithm>
#include <QHash>

SessionSummary summarizeSession(const SessionStore &store)
{
    SessionSummary s;
    s.startMs = store.startMs ? store.startMs : store.firstEventMs();
    s.endMs = store.endMs;
    const qint64 until = s.endMs ? s.endMs : store.lastEventMs();
    s.durationMs = s.startMs && until > s.startMs ? until - s.startMs : 0;

    // One pass over the session in time order: who is present and who publishes.
    QVector<bool> present(store.participants().size(), false);
    QVector<bool> publishing(store.participants().size(), false);
    int presentCount = 0;
    int publishingCount = 0;
    QHash<QString, int> groupOf;
    auto setPublishing = [&](int p, bool on) {
        if (publishing[p] != on) {
            publishing[p] = on;
            publishingCount += on ? 1 : -1;
        }
    };
    for (quint32 index : store.eventsByTime()) {
        const SessionEvent &e = store.events()[int(index)];
        const int p = int(e.participant);
        switch (e.name) {
        case SessionStore::Joined:
            ++s.joins;
            if (!present[p]) {
                present[p] = true;
                ++presentCount;
            }
            break;
        case SessionStore::Left:
            ++s.leaves;
            if (present[p]) {
                present[p] = false;
                --presentCount;
            }
            setPublishing(p, false);
            break;
        case SessionStore::PublishStarted:
            setPublishing(p, true);
            break;
        case SessionStore::PublishStopped:
        case SessionStore::PublishError:
            setPublishing(p, false);
            break;
        default:
            break;
        }
        if (presentCount > s.peakParticipants) {
            s.peakParticipants = presentCount;
            s.peakParticipantsAtMs = e.timeMs;
        }
        if (publishingCount > s.peakPublishers) {
            s.peakPublishers = publishingCount;
            s.peakPublishersAtMs = e.timeMs;
        }
        const QString code = store.errorCodeText(e);
        if (code.isEmpty())
            continue;
        auto it = groupOf.find(code);
        if (it == groupOf.end()) {
            it = groupOf.insert(code, int(s.errors.size()));
            s.errors.append({code, 0, {}, index});
        }
        SessionSummary::ErrorGroup &group = s.errors[*it];
        ++group.count;
        if (!group.participants.contains(p))
            group.participants.append(p);
    }
    std::stable_sort(s.errors.begin(), s.errors.end(),
                     [](const auto &a, const auto &b) { return a.count > b.count; });

    for (int p = 0; p < store.participants().size(); ++p) {
        const SessionParticipant &participant = store.participants()[p];
        if (!participant.listed)
            continue;
        ++s.participants;
        const gr::ivs::ParticipantSummary &summary = participant.summary;
        if (summary.recordingState)
            ++s.recordingStates[*summary.recordingState];
        const QString replication = summary.replicationType.value_or(QString());
        if (replication == QLatin1String("REPLICA"))
            s.replicasIn.append(p);
        else if (replication == QLatin1String("SOURCE"))
            s.replicasOut.append(p);
    }
    return s;
}
