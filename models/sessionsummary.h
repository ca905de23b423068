// The figures of one session for its Summary tab: when it ran, the peak of participants and
// publishers (with when), joins and leaves, errors grouped by code, recording states and the
// replicas that came in or went out. Read from the session store alone, so it is the same on a
// live, cached or exported session.
#pragma once

#include "sessionstore.h"

#include <QMap>
#include <QString>
#include <QVector>

struct SessionSummary {
    qint64 startMs = 0;    // the session's start, or its first event
    qint64 endMs = 0;      // the session's end; 0 while live
    qint64 durationMs = 0; // to the end, or to the last event while live
    int participants = 0;  // listed participants
    int peakParticipants = 0;
    qint64 peakParticipantsAtMs = 0;
    int peakPublishers = 0;
    qint64 peakPublishersAtMs = 0;
    int joins = 0;
    int leaves = 0;
    struct ErrorGroup {
        QString code;
        int count = 0;
        QVector<int> participants; // participant indexes, in order of their first such error
        quint32 firstEvent = 0;    // the first event with this code
    };
    QVector<ErrorGroup> errors;         // the most frequent code first
    QMap<QString, int> recordingStates; // recordingState -> participants
    QVector<int> replicasIn;            // participants replicated into this session
    QVector<int> replicasOut;           // participants replicated from here elsewhere
};

SessionSummary summarizeSession(const SessionStore &store);
