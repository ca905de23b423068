// Finished sessions' events on disk, so a second visit costs no request. One file per
// connection, stage and session under a directory bounded in bytes (oldest files go first).
// Reads and writes block: call them from a worker thread, never the GUI thread.
#pragma once

#include "aws/expected.h"
#include "sessionstore.h"

#include <optional>
#include <QString>
#include <QVector>

class SessionCache
{
public:
    SessionCache() = default;
    explicit SessionCache(QString directory, qint64 maxBytes = 64LL * 1024 * 1024);

    bool isEnabled() const { return !m_directory.isEmpty(); }
    QString directory() const { return m_directory; }
    qint64 maxBytes() const { return m_maxBytes; }

    // The file for a session; the names are hashed so no ARN or account id is a file name.
    QString pathFor(const QString &connectionKey, const QString &stageArn,
                    const QString &sessionId) const;

    // The cached session; nullopt when there is no file; an error (File, Decode) saying why
    // when there is one that cannot be read.
    gr::aws::Expected<std::optional<SessionStore>> read(const QString &path) const;
    // Writes atomically (a partial file never replaces a good one), then trims the directory.
    gr::aws::Expected<void> write(const QString &path, const SessionStore &store) const;
    // Deletes the least recently written files until the directory fits maxBytes.
    void trim() const;

    // Who was in the sessions cached for one connection: each listed participant of each file
    // that reads (a file that does not is skipped: it is loaded again on its next visit).
    // Reads every file of the connection: a worker thread's job.
    struct Participant {
        QString stageArn, sessionId, participantId, userId;
        qint64 sessionStartMs = 0;
    };
    QVector<Participant> participants(const QString &connectionKey) const;

private:
    QString m_directory;
    qint64 m_maxBytes = 0;
};
