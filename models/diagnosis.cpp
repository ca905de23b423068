#include "diagnosis.h"

#include "eventerrors.h"

#include <QDateTime>
#include <QObject>
#include <QSet>

namespace diagnosis
{

const char *const kQuotasUrl =
    "https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/service-quotas.html";
const char *const kIngestUrl =
    "https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/rt-stream-ingest.html";

namespace
{

using E = SessionStore;

constexpr qint64 kReconnectWindowMs = 5 * 60 * 1000; // a LEFT then JOINED this close: a drop

QString who(const SessionStore &store, int participant)
{
    if (participant < 0)
        return QObject::tr("someone");
    const QString user = store.userId(participant);
    const QString id = store.participantId(participant);
    return user.isEmpty() ? QObject::tr("participant %1").arg(id)
                          : QObject::tr("%1 (%2)").arg(user, id);
}

QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss.zzz")) +
           QStringLiteral(" UTC");
}

QString seconds(qint64 ms)
{
    return QObject::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 1 : 0);
}

// The latest event of `participant` at or before timeMs whose name is one of `names`.
int latestBefore(const SessionStore &store, int participant, qint64 timeMs,
                 std::initializer_list<quint8> names)
{
    if (participant < 0)
        return -1;
    int found = -1;
    for (quint32 i : store.participants()[participant].events) {
        const SessionEvent &e = store.events()[int(i)];
        if (e.timeMs > timeMs)
            break;
        for (quint8 n : names) {
            if (e.name == n)
                found = int(i);
        }
    }
    return found;
}

// A finding of `rule` about the event at `index`: its participant, its time, the event itself
// as evidence.
Finding findingAt(const SessionStore &store, quint32 index, const QString &rule)
{
    const SessionEvent &e = store.events()[int(index)];
    Finding f;
    f.rule = rule;
    f.participant = int(e.participant);
    f.timeMs = e.timeMs;
    f.evidence = {index};
    return f;
}

// The session as it stands at an event, for rules that need more than the event itself.
struct SessionState {
    QSet<int> publishing;
    QHash<int, quint32> publishStarted;
};

// An error event as every rule reads it: the event, its error code and the session as it stands
// at that moment.
struct ErrorEvent {
    ErrorEvent(const SessionStore &sessionStore, quint32 eventIndex, const SessionState &now)
        : store(sessionStore), index(eventIndex), state(now), event(store.events()[int(index)]),
          code(store.errorCodeText(event))
    {
    }
    // The participant the event is about, in words.
    QString subject() const { return who(store, int(event.participant)); }
    Finding finding(const QString &rule) const { return findingAt(store, index, rule); }

    const SessionStore &store;
    const quint32 index;
    const SessionState &state;
    const SessionEvent &event;
    const QString code;
};

Finding capabilities(const ErrorEvent &in)
{
    const SessionStore &store = in.store;
    const int p = int(in.event.participant);
    const bool publish = in.event.name == E::PublishError;
    Finding f = in.finding(QStringLiteral("capabilities"));
    f.title =
        publish
            ? QObject::tr("%1 could not publish: the token does not allow it").arg(in.subject())
            : QObject::tr("%1 could not subscribe: the token does not allow it").arg(in.subject());
    const int exchanged = latestBefore(store, p, in.event.timeMs, {E::TokenExchanged});
    const QString needed = publish ? QStringLiteral("PUBLISH") : QStringLiteral("SUBSCRIBE");
    if (exchanged >= 0 && store.events()[exchanged].extra >= 0 &&
        store.extras()[store.events()[exchanged].extra].newToken) {
        const auto &token = *store.extras()[store.events()[exchanged].extra].newToken;
        const QStringList caps = token.capabilities.value_or(QList<QString>());
        f.explanation =
            QObject::tr("At %1 the participant exchanged its token for one with capabilities "
                        "[%2]; %3 is not among them, so the service refused at %4.")
                .arg(clock(store.events()[exchanged].timeMs),
                     caps.isEmpty() ? QObject::tr("none") : caps.join(QStringLiteral(", ")), needed,
                     clock(in.event.timeMs));
        f.evidence.prepend(quint32(exchanged));
    } else {
        f.explanation = QObject::tr("The token it joined with does not grant %1, so the service "
                                    "refused at %2. (The service records a token's "
                                    "capabilities only when a token is exchanged.)")
                            .arg(needed, clock(in.event.timeMs));
    }
    f.action = QObject::tr("Create the participant's token with %1 in its capabilities "
                           "(CreateParticipantToken), then have the app exchange the token or "
                           "join again. Check a pasted token with Check token….")
                   .arg(needed);
    return f;
}

Finding quotaExceeded(const ErrorEvent &in)
{
    const QSet<int> &publishing = in.state.publishing;
    Finding f = in.finding(QStringLiteral("publisher-quota"));
    f.reference = QString::fromLatin1(kQuotasUrl);
    f.evidence.clear(); // the publishers first, then the refused event
    for (int p : publishing) {
        if (in.state.publishStarted.contains(p))
            f.evidence.append(in.state.publishStarted.value(p));
    }
    std::sort(f.evidence.begin(), f.evidence.end(), [&](quint32 a, quint32 b) {
        return in.store.events()[int(a)].timeMs < in.store.events()[int(b)].timeMs;
    });
    f.evidence.append(in.index);
    f.title = QObject::tr("%1 could not publish: the stage already had %2 publishers")
                  .arg(in.subject())
                  .arg(publishing.size());
    f.explanation =
        QObject::tr("At %1, %2 participants were publishing. A stage allows %3 publishers at "
                    "a time, and this quota cannot be raised.")
            .arg(clock(in.event.timeMs))
            .arg(publishing.size())
            .arg(kPublishersPerStage);
    f.action = QObject::tr("Have a publisher stop before another starts; give viewers "
                           "subscribe-only tokens; for larger casts, replicate participants "
                           "to another stage or compose the stage to a channel.");
    return f;
}

Finding publisherNotFound(const ErrorEvent &in)
{
    const SessionStore &store = in.store;
    const SessionEvent &e = in.event;
    const int remote = e.remote;
    Finding f = in.finding(QStringLiteral("publisher-not-found"));
    f.title = QObject::tr("%1 tried to watch %2, who was not publishing")
                  .arg(in.subject(),
                       remote >= 0 ? who(store, remote) : QObject::tr("an unknown participant"));
    const int last = latestBefore(
        store, remote, e.timeMs,
        {E::Joined, E::Left, E::PublishStarted, E::PublishStopped, E::PublishError, E::JoinError});
    if (remote < 0 || last < 0) {
        f.explanation =
            QObject::tr("The publisher has no publish event in this session before %1: it had "
                        "not started publishing yet, or it is in another session.")
                .arg(clock(e.timeMs));
        f.evidence = {in.index};
    } else {
        const SessionEvent &r = store.events()[last];
        const qint64 ago = e.timeMs - r.timeMs;
        QString what;
        switch (r.name) {
        case E::Left:
            what = QObject::tr("had left the stage %1 earlier").arg(seconds(ago));
            break;
        case E::PublishStopped:
            what = QObject::tr("had stopped publishing %1 earlier").arg(seconds(ago));
            break;
        case E::PublishError:
            what = QObject::tr("had failed to publish (%1) %2 earlier")
                       .arg(store.errorCodeText(r), seconds(ago));
            break;
        case E::JoinError:
            what = QObject::tr("had failed to join (%1) %2 earlier")
                       .arg(store.errorCodeText(r), seconds(ago));
            break;
        case E::Joined:
            what =
                QObject::tr("had joined %1 earlier but not started publishing").arg(seconds(ago));
            break;
        default:
            what = QObject::tr("was publishing, yet the service could not find the stream");
            break;
        }
        f.explanation = QObject::tr("At %1 the publisher %2 (%3 at %4).")
                            .arg(clock(e.timeMs), what, E::eventNameText(r.name), clock(r.timeMs));
        f.evidence = {quint32(last), in.index};
    }
    f.action = QObject::tr("Subscribe only to participants the SDK reports as publishing, and "
                           "subscribe again when a publisher comes back; a subscriber racing a "
                           "publisher's leave is harmless if it retries.");
    return f;
}

Finding mediaLimit(const ErrorEvent &in)
{
    Finding f = in.finding({});
    f.reference = QString::fromLatin1(kIngestUrl);
    if (in.code == QLatin1String("RESOLUTION_EXCEEDED")) {
        f.rule = QStringLiteral("resolution-limit");
        f.title = QObject::tr("%1's video was larger than a stage accepts").arg(in.subject());
        f.explanation = QObject::tr("At %1 the service refused the published video: a "
                                    "participant may publish at most %2p (the minimum is 160p).")
                            .arg(clock(in.event.timeMs))
                            .arg(kMaxPublishHeight);
        f.action = QObject::tr("Capture or encode at 1280x720 or less; with RTMP or WHIP "
                               "encoders (OBS), set the output resolution to 720p.");
    } else if (in.code == QLatin1String("BITRATE_EXCEEDED")) {
        f.rule = QStringLiteral("bitrate-limit");
        f.title = QObject::tr("%1 published above the bitrate a stage accepts").arg(in.subject());
        f.explanation = QObject::tr("At %1 the service refused the stream: video may be at most "
                                    "%2 Mbps and audio %3 Kbps.")
                            .arg(clock(in.event.timeMs))
                            .arg(kMaxPublishBitrateMbps)
                            .arg(kMaxAudioBitrateKbps);
        f.action = QObject::tr("Lower the encoder's bitrate (for 720p, 2.5 to 4 Mbps is "
                               "typical) and use constant bitrate.");
    } else {
        f.rule = QStringLiteral("media-format");
        f.title = QObject::tr("%1's stream was refused: %2").arg(in.subject(), in.code);
        f.explanation = gr::models::explainEventError(in.code);
        f.action = QObject::tr("Match the Stream Ingest specification: H.264 baseline, no "
                               "B-frames, IDR interval 1 or 2 s, 10 to 60 fps; Opus (WHIP) or "
                               "AAC-LC (RTMP) audio.");
    }
    return f;
}

Finding otherError(const ErrorEvent &in)
{
    const bool join = in.event.name == E::JoinError;
    Finding f = in.finding(join ? QStringLiteral("join-error") : QStringLiteral("error"));
    f.title = QObject::tr("%1: %2 %3").arg(in.subject(), E::eventNameText(in.event.name), in.code);
    f.explanation = gr::models::explainEventError(in.code);
    f.action = join ? QObject::tr("The participant must join again with a valid token once the "
                                  "cause is fixed.")
                    : QObject::tr("See the explanation; the event's time lines it up with what "
                                  "others did on the timeline.");
    return f;
}

// The rules for an error event, first match wins; the last takes any error.
struct ErrorRule {
    bool (*matches)(quint8 event, const QString &code);
    Finding (*explain)(const ErrorEvent &in);
};

bool isMediaLimit(const QString &code)
{
    static const QStringList codes = {
        QStringLiteral("RESOLUTION_EXCEEDED"), QStringLiteral("BITRATE_EXCEEDED"),
        QStringLiteral("INVALID_VIDEO_CODEC"), QStringLiteral("INVALID_AUDIO_CODEC"),
        QStringLiteral("B_FRAME_PRESENT")};
    return codes.contains(code);
}

const ErrorRule kErrorRules[] = {
    {[](quint8, const QString &code) { return code == QLatin1String("INSUFFICIENT_CAPABILITIES"); },
     capabilities},
    {[](quint8 event, const QString &code) {
         return event == E::PublishError && code == QLatin1String("QUOTA_EXCEEDED");
     },
     quotaExceeded},
    {[](quint8, const QString &code) { return code == QLatin1String("PUBLISHER_NOT_FOUND"); },
     publisherNotFound},
    {[](quint8 event, const QString &code) {
         return event == E::PublishError && isMediaLimit(code);
     },
     mediaLimit},
    {[](quint8, const QString &) { return true; }, otherError},
};

} // namespace

QString severityText(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Problem:
        return QObject::tr("Problem");
    case Finding::Severity::Warning:
        return QObject::tr("Warning");
    case Finding::Severity::Note:
        return QObject::tr("Note");
    }
    return {};
}

int publishersAt(const SessionStore &store, qint64 timeMs)
{
    QSet<int> publishing;
    for (quint32 i : store.eventsByTime()) {
        const SessionEvent &e = store.events()[int(i)];
        if (e.timeMs >= timeMs)
            break;
        if (e.name == E::PublishStarted)
            publishing.insert(int(e.participant));
        else if (e.name == E::PublishStopped || e.name == E::Left)
            publishing.remove(int(e.participant));
    }
    return publishing.size();
}

// The same finding again for the same participant (a publisher refused for its bitrate at
// every retry) is one finding that says how often and when, not a list of copies.
static void foldRepeats(QVector<Finding> &findings)
{
    QHash<QString, int> first; // rule, participant, title -> its first finding
    QHash<int, QList<qint64>> again;
    QVector<Finding> kept;
    for (const Finding &f : std::as_const(findings)) {
        const QString key = f.rule + QLatin1Char('\n') + QString::number(f.participant) +
                            QLatin1Char('\n') + f.title;
        const auto it = first.constFind(key);
        if (it == first.constEnd() || f.participant < 0) {
            first.insert(key, int(kept.size()));
            kept.append(f);
            continue;
        }
        Finding &original = kept[*it];
        original.evidence += f.evidence;
        again[*it].append(f.timeMs);
    }
    for (auto it = again.cbegin(); it != again.cend(); ++it) {
        QStringList times;
        for (qint64 ms : it.value())
            times << clock(ms);
        Finding &f = kept[it.key()];
        f.explanation += QObject::tr(" The same again at %1: %n times in all.", nullptr,
                                     int(it.value().size()) + 1)
                             .arg(times.join(QStringLiteral(", ")));
    }
    findings = kept;
}

QVector<Finding> diagnoseSession(const SessionStore &store)
{
    QVector<Finding> out;
    SessionState state;
    QSet<int> &publishing = state.publishing;
    QHash<int, quint32> &publishStarted = state.publishStarted;
    QHash<int, quint32> leftAt; // participant -> its last LEFT event
    const QVector<quint32> order = store.eventsByTime();
    for (quint32 index : order) {
        const SessionEvent &e = store.events()[int(index)];
        const int p = int(e.participant);
        const QString code = store.errorCodeText(e);
        switch (e.name) {
        case E::PublishStarted:
            publishing.insert(p);
            publishStarted.insert(p, index);
            break;
        case E::PublishStopped:
            publishing.remove(p);
            break;
        case E::Joined:
            if (leftAt.contains(p)) {
                const SessionEvent &left = store.events()[int(leftAt.value(p))];
                if (e.timeMs - left.timeMs <= kReconnectWindowMs) {
                    Finding f;
                    f.rule = QStringLiteral("reconnect");
                    f.severity = Finding::Severity::Warning;
                    f.participant = p;
                    f.timeMs = left.timeMs;
                    f.evidence = {leftAt.value(p), index};
                    f.title = QObject::tr("%1 dropped out and came back %2 later")
                                  .arg(who(store, p), seconds(e.timeMs - left.timeMs));
                    f.explanation =
                        QObject::tr("The participant left at %1%2 and joined again with the "
                                    "same token at %3: the pattern of a network interruption "
                                    "the SDK recovered from.")
                            .arg(clock(left.timeMs),
                                 left.errorCode
                                     ? QObject::tr(" (%1)").arg(store.errorCodeText(left))
                                     : QString(),
                                 clock(e.timeMs));
                    f.action = QObject::tr("Check the participant's network (Wi-Fi, mobile "
                                           "handover, VPN, ISP). Others saw its media stop and "
                                           "their subscriptions end in the meantime.");
                    out.append(f);
                }
                leftAt.remove(p);
            }
            break;
        case E::Left:
            publishing.remove(p);
            leftAt.insert(p, index);
            if (e.errorCode) {
                Finding f = findingAt(store, index, QStringLiteral("disconnected"));
                f.title = QObject::tr("%1 was disconnected: %2").arg(who(store, p), code);
                f.explanation = gr::models::explainEventError(code);
                f.action = QObject::tr("Fix the cause, then the participant can join again.");
                out.append(f);
            }
            break;
        case E::PublishError:
        case E::SubscribeError:
        case E::JoinError:
            for (const ErrorRule &rule : kErrorRules) {
                if (rule.matches(e.name, code)) {
                    out.append(rule.explain(ErrorEvent(store, index, state)));
                    break;
                }
            }
            break;
        default:
            break;
        }
    }
    foldRepeats(out);
    Finding note;
    note.rule = QStringLiteral("invisible-joins");
    note.severity = Finding::Severity::Note;
    note.title = QObject::tr("A join that never reached the service leaves no event");
    note.explanation =
        QObject::tr("%1 Someone who says they could not join and is not among these "
                    "participants was never seen by the service: their token's signature did "
                    "not verify, the token had expired or was for another stage, or their "
                    "network blocked the connection.")
            .arg(gr::models::eventsNotInTimelineNote());
    note.action = QObject::tr("Check their token with Check token… (signature, stage, expiry, "
                              "capabilities) and their network (UDP and TURN must get through).");
    out.append(note);
    return out;
}

QVector<Finding> diagnoseParticipant(const SessionStore &store, int participant)
{
    QVector<Finding> out;
    for (const Finding &f : diagnoseSession(store)) {
        if (f.participant == participant)
            out.append(f);
    }
    return out;
}

} // namespace diagnosis
