// Findings about a session in plain words: what went wrong, the events that show it, and
// what to do. Rules read only the session store (events as the service recorded them), so
// they run the same on a live session, a cached one and an exported one.
#pragma once

#include "sessionstore.h"

#include <QString>
#include <QVector>

struct Finding {
    enum class Severity { Problem, Warning, Note };
    Severity severity = Severity::Problem;
    QString rule;              // stable identifier, e.g. "publish-capabilities"
    int participant = -1;      // index into the store's participants; -1: the whole session
    qint64 timeMs = 0;         // when it happened (0: not tied to a moment)
    QString title;             // one line: who, what
    QString explanation;       // why, with the evidence in words
    QString action;            // what to do
    QString reference;         // where the limit or rule is documented (a URL), if any
    QVector<quint32> evidence; // event indexes in the store, time order
};

namespace diagnosis
{

// Every finding of the session, in time order; session-wide notes last.
QVector<Finding> diagnoseSession(const SessionStore &store);
// The findings about one participant: those whose subject it is. Their evidence may be other
// participants' events (a subscriber's error next to its publisher's leave); a finding about
// someone else that only cites this participant's events (the publishers counted in another's
// QUOTA_EXCEEDED, the publisher a subscriber failed to find) is not about it.
QVector<Finding> diagnoseParticipant(const SessionStore &store, int participant);

// The number of participants publishing just before timeMs (PUBLISH_STARTED without a later
// PUBLISH_STOPPED, LEFT or PUBLISH_ERROR ending it).
int publishersAt(const SessionStore &store, qint64 timeMs);

// Documented limits (IVS Real-Time user guide: Service Quotas and Stream Ingest).
constexpr int kPublishersPerStage = 12;
constexpr int kMaxPublishHeight = 720;         // 720p
constexpr double kMaxPublishBitrateMbps = 8.5; // video
constexpr int kMaxAudioBitrateKbps = 160;
extern const char *const kQuotasUrl;
extern const char *const kIngestUrl;

QString severityText(Finding::Severity severity);

} // namespace diagnosis
