// Finished sessions' events on disk, so a second visit costs no request. One file per
// connection, stage and session under a directory bounded in bytes (oldest files go first).
// Reads and writes block: call them from a worker thread, never the GUI thread.
#pragma once

#include <QString>

class SessionStore;

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

    // False when there is no file (error empty) or it cannot be read (error says why).
    bool read(const QString &path, SessionStore *store, QString *error) const;
    // Writes atomically (a partial file never replaces a good one), then trims the directory.
    bool write(const QString &path, const SessionStore &store, QString *error) const;
    // Deletes the least recently written files until the directory fits maxBytes.
    void trim() const;

private:
    QString m_directory;
    qint64 m_maxBytes = 0;
};
