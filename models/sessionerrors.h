#pragma once
// The errors of a loaded session: per participant (its *_ERROR events and their codes) for the
// participants table's Errors column, and the session's total for badges elsewhere (the stage
// tree's session nodes) through the connection's SessionErrorIndex. Counted from the session
// store alone: no request per row.

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>

class SessionStore;

namespace gr::models
{

struct SessionErrors {
    struct Participant {
        int count = 0;
        QMap<QString, int> codes; // error code (or the event name when it has none) -> events
    };
    int total = 0;
    QHash<QString, Participant> byParticipant; // every listed participant, with or without

    static SessionErrors count(const SessionStore &store);
    // "PUBLISHER_NOT_FOUND ×2, INSUFFICIENT_CAPABILITIES ×1"; a plain sentence when none.
    static QString codesText(const Participant &participant);
    // The participants list's "errors" channel: {"count": n, "codes": text} per participant id.
    QHash<QString, QJsonObject> channel() const;
    static constexpr const char *kChannel = "errors";
};

// Error totals of the sessions a connection has loaded, for whoever shows a session without
// loading it. One per IVS client (the connection's), found or made by of(client).
class SessionErrorIndex : public QObject
{
    Q_OBJECT
public:
    static SessionErrorIndex *of(QObject *client);

    // The session's *_ERROR events; -1 when no page has loaded it in this run.
    int errorCount(const QString &stageArn, const QString &sessionId) const;
    void set(const QString &stageArn, const QString &sessionId, int errors);

signals:
    void changed(const QString &stageArn, const QString &sessionId, int errors);

private:
    explicit SessionErrorIndex(QObject *client);
    QHash<QString, int> m_counts; // stageArn + '\n' + sessionId -> errors
};

} // namespace gr::models
