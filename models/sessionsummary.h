// What a session page shows at the top: start, end, duration, peak concurrent participants and
// publishers (with when), joins and leaves, errors grouped by code with counts (each with its
// events), replicas in and out. Computed from the session store in one pass over time order.
#pragma once

#include "sessionstore.h"

#include <QMap>
#include <QVector>

struct SessionSummary {
    qint64 startMs = 0;
    qint64 endMs = 0;      // 0 while live
    qint64 durationMs = 0; // to the end, or to the last event while live
    int participants = 0;  // listed participants
    int users = 0;         // distinct user ids among them
    int peakConnected = 0;
    qint64 peakConnectedAtMs = 0;
    int peakPublishers = 0;
    qint64 peakPublishersAtMs = 0;
    int joins = 0;
    int leaves = 0;
    int replicasIn = 0;  // participants replicated into this session
    int replicasOut = 0; // REPLICATION_STARTED events (participants replicated elsewhere)
    struct ErrorGroup {
        QString code;
        int count = 0;
        QVector<quint32> events; // time order
    };
    QVector<ErrorGroup> errors;         // most frequent first
    QMap<int, int> errorsByParticipant; // participant index -> error events
};

SessionSummary summarizeSession(const SessionStore &store);
