// Find (Ctrl+K): a user id, participant id, session id or ARN across stages and sessions,
// results as you type. setQuery() is debounced; a new query cancels the old one's requests.
// User ids go through ListParticipants' filterByUserId on each stage's recent sessions;
// participant ids through GetParticipant there; session ids through GetStageSession on each
// stage; a stage ARN through GetStage. Every request goes through the paced client. Stage
// names match from the stages the window already knows (setKnownStages), without a request.
// A probe's "not found" (GetParticipant, GetStageSession) is an expected answer: it is marked
// so in the connection's ExpectedOutcomes, and the request log does not call it a failure.
// Sessions that rotated out of the newest few are searched where the console cached them
// (setSessionCache): user ids (case-insensitive, any part), participant and session ids, read
// once per model on a worker thread and matched in memory, with no request.
#pragma once

#include "sessioncache.h"

#include <functional>
#include <optional>
#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace gr::aws
{
class AwsCall;
}
namespace gr::ivs
{
class IvsClient;
}

class FindModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Stage, Session, Participant };
    struct Result {
        Kind kind = Kind::Stage;
        QString stageArn, stageName, sessionId, participantId, userId;
        QString how; // what matched: "user id", "participant id", "session id", "ARN"
        // A participant's, when the reply said: CONNECTED or DISCONNECTED, and when it joined
        // (epoch ms; a cached one: its session's start).
        QString state;
        qint64 joinedMs = 0;

        // What each kind of result names, by name rather than by position.
        static Result stage(const QString &arn, const QString &name, const QString &how);
        static Result session(const QString &stageArn, const QString &stageName,
                              const QString &sessionId, const QString &how);
        // Its state and join time are set after, when known.
        static Result participant(const QString &stageArn, const QString &stageName,
                                  const QString &sessionId, const QString &participantId,
                                  const QString &userId, const QString &how);
    };
    enum Role {
        KindRole = Qt::UserRole + 200,
        StageArnRole,
        SessionIdRole,
        ParticipantIdRole,
        UserIdRole,
    };

    explicit FindModel(gr::ivs::IvsClient *client, QObject *parent = nullptr);
    ~FindModel() override;

    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    // Sessions looked at per stage (the newest first).
    void setSessionsPerStage(int count) { m_sessionsPerStage = qMax(1, count); }
    // The stages already listed (ARN, name), read at each query: names match as you type.
    using KnownStages = std::function<QList<QPair<QString, QString>>()>;
    void setKnownStages(KnownStages stages) { m_knownStages = std::move(stages); }
    // The session cache of this connection (see SessionLoader::setCache).
    void setSessionCache(const SessionCache &cache, const QString &connectionKey);
    bool searchesSessionCache() const { return m_cache.isEnabled(); }
    int sessionsPerStage() const { return m_sessionsPerStage; }
    void setQuery(const QString &text);
    QString query() const { return m_query; }
    bool isSearching() const { return !m_calls.isEmpty() || m_cacheReading; }
    int requestCount() const { return m_requests; }
    const Result &result(int row) const { return m_results.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void searchingChanged(bool searching);

private:
    void run();
    // `probe`: a "not found" reply is an expected answer (marked so for the request log).
    void call(int operation, const QJsonObject &input,
              std::function<void(const QJsonObject &)> onSuccess, bool probe = false);
    void matchStageNames();
    // Kept in order: stages, sessions, connected participants, then the rest; the newest join
    // first within each. Enter opens the first: a live participant before one long gone.
    void add(const Result &result);
    void searchStages(const QJsonArray &stages);
    void searchSessionCache();
    void matchCached();

    gr::ivs::IvsClient *m_client;
    KnownStages m_knownStages;
    QTimer m_debounce;
    QString m_query;
    int m_generation = 0;
    int m_requests = 0;
    int m_sessionsPerStage = 3;
    QSet<gr::aws::AwsCall *> m_calls;
    QVector<Result> m_results;
    QSet<QString> m_seen; // result keys, so one thing is listed once
    SessionCache m_cache;
    QString m_cacheKey;
    bool m_cacheReading = false;
    std::optional<QVector<SessionCache::Participant>> m_cached; // read once, on first need
};
