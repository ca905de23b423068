#pragma once
// What is live on one connection, stage by stage, for the live wall, the tree's badges and the
// alerts: a list model with one row (a tile) per stage with an active session. Every request
// goes through the connection's RateBudget, one request per turn, in the IVS Get/List budget
// (rate from ivs/quotas): ListStages and ListCompositions (every stage's at once) now and then,
// and per stage its session's connected participants (paged), the session's start once, and the
// events of participants whose state changed (to count errors). The selected stage goes first,
// visible tiles next, the rest in the background; when the monitor goes, nothing is polled.
// Rows change in place (inserts, removes, dataChanged), never a reset. QtCore only.

#include "models/budgets.h"
#include "models/ratebudget.h"

#include <deque>
#include <QAbstractListModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QTimer>
#include <QVector>

#include "ivs/ivsclient.h" // IvsResult is an alias: it cannot be declared ahead

namespace gr::models
{

class AlertEngine;

class LiveMonitor : public QAbstractListModel
{
    Q_OBJECT
public:
    // Raw values; DisplayRole is the stage's name.
    enum Role {
        StageArnRole = Qt::UserRole + 100,
        NameRole,           // QString
        SessionIdRole,      // QString
        SessionStartRole,   // QDateTime (invalid until known)
        PublishersRole,     // int: connected and publishing now (see publishingNow())
        SubscribersRole,    // int: connected and not publishing now
        ErrorsRole,         // int: *_ERROR events and error disconnects in the last five minutes
        RecordingRole,      // QString: FAILED when any participant's recording failed, else
                            // ACTIVE when any records, else empty
        CompositionRole,    // QString: FAILED, ACTIVE, STARTING, STOPPING or empty
        HistoryRole,        // QVariantList of int: publishers at each refresh, oldest first
        AgeMsRole,          // qint64: since the participants were last listed, -1 before
        TroubleRole,        // int: 0 fine; higher is worse (sorting: troubled first)
        ConnectionNameRole, // QString: the connection the monitor watches (setConnectionName)
        CheckingRole,       // bool: events of changed participants still to be read
        PoorQualityRole     // QString: "packet loss 14 % (ines)", the worst publisher's, or empty
    };
    static constexpr int kMaxPublishers = 12;        // per stage (IVS Real-Time service quota)
    static constexpr qint64 kErrorWindowMs = 300000; // "errors in the last five minutes"
    static constexpr int kHistoryLength = 60;
    static constexpr int kFullEvery = 5;
    // More publishers than a stage allows: some have stopped since their events were read, so
    // those not read in this long are read again at once.
    static constexpr qint64 kOverfullRescanMs = 2000;

    // The budget the monitor draws from (not owned).
    LiveMonitor(ivs::IvsClient *client, RateBudget *budget, QObject *parent = nullptr);
    ~LiveMonitor() override;

    static QString budgetName() { return budgets::ivsReads(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Fed what the monitor observes; its alerts name participants by user id, as listed here.
    void setAlertEngine(AlertEngine *engine);
    // The user id of a participant met in the stage's current session (connected or gone), or
    // empty.
    QString userIdOf(const QString &stageArn, const QString &participantId) const;
    void setConnectionName(const QString &name);
    QString connectionName() const { return m_connectionName; }

    // Who looks at what: the selected stage is refreshed first, visible ones next, every other
    // stage in the background (the budget's background factor less often).
    void setSelectedStage(const QString &stageArn);
    // Each viewer (the tree, the wall) says what it shows; a stage visible to any is Visible.
    void setVisibleStages(const QString &viewer, const QSet<QString> &stageArns);
    QString selectedStage() const { return m_selected; }

    // How often each stage wants fresh participants, and how often the stage list and the
    // compositions are listed again (ms).
    void setIntervals(int stageMs, int listMs);
    // The selected stage's connected participants have their events read again this often
    // even without a change (other stages only on a change); 0 turns it off.
    void setSelectedRescanMs(int ms) { m_selectedRescanMs = ms; }
    // Every stage's participants that have published have their events read again this often,
    // to see one stop or start again: the service's `published` says "ever published in this
    // session" and never turns false again. 0 turns it off.
    void setPublisherRescanMs(int ms) { m_publisherRescanMs = ms; }

    int rowOf(const QString &stageArn) const;
    // From the quality watch: the stage's publisher with the worst packet loss when it is at or
    // above kPoorLossPercent (empty id: none).
    void setPoorQuality(const QString &stageArn, const QString &participantId, double lossPercent);
    static constexpr double kPoorLossPercent = 5; // the default packet-loss alert's threshold
    // The stage's connected participants that publish now (sorted): listed as having published,
    // and the last publish event read of them is not PUBLISH_STOPPED.
    QStringList publishingParticipants(const QString &stageArn) const;
    enum class Publishing { Unknown, No, Yes };
    // Whether a connected participant of the stage's live session publishes now, as far as
    // the monitor knows (Unknown: not a connected participant of the watched session).
    Publishing publishingNow(const QString &stageArn, const QString &sessionId,
                             const QString &participantId) const;
    QModelIndex indexOf(const QString &stageArn) const { return index(rowOf(stageArn)); }
    // Since the stage's participants were listed (ms), -1 when never or not live.
    qint64 ageMs(const QString &stageArn) const;
    // "updated 3 s ago"
    QString ageText(const QString &stageArn) const;
    // The oldest tile's age, and the newest of all (ms); -1 while some tile was never listed.
    qint64 oldestAgeMs() const;

    // Errors in the last five minutes of a session that has ended while it was watched, or -1.
    int endedSessionErrors(const QString &sessionId) const
    {
        return m_endedErrors.value(sessionId, -1);
    }

    // Requests the monitor started, by operation name (benchmarks, tests).
    const QHash<QString, int> &requestCounts() const { return m_requestCounts; }
    int requestsStarted() const;
    // How many times the stage list was read to its end.
    int stageListings() const { return m_stageListings; }
    // The last failed listing's error (raw text and request id), until a listing succeeds.
    QString lastError() const { return m_lastError; }

signals:
    // A live session ended (the stage no longer lists it); its error count as last known.
    void sessionEnded(const QString &stageArn, const QString &sessionId, int errors);
    void errorOccurred(const QString &message);
    // A listing of the live session's participants read to its end (every page): the connected
    // ones, or everyone when `everyone` (every few listings). Others showing the session's
    // participants take it instead of waiting for a listing of their own.
    void participantsListed(const QString &stageArn, const QString &sessionId,
                            const QList<QJsonObject> &participants, bool everyone);

private:
    struct Participant {
        QString userId;
        bool published = false; // as listed: ever published in this session
        // From its events, when read: the newest PUBLISH_STARTED or PUBLISH_STOPPED (epoch ms).
        qint64 publishEventMs = -1;
        bool publishStopped = false;
        bool publishingNow() const { return published && !publishStopped; }
        QString recordingState;
        int eventsSeen = 0;     // events already read (the list only grows)
        qint64 lastScanMs = -1; // when its events were last read (monotonic)
    };
    struct Stage {
        QString arn, name, sessionId;
        QDateTime sessionStart;
        bool needStart = true;
        QHash<QString, Participant> participants; // connected ones
        int publishers = 0, subscribers = 0;
        std::deque<qint64> errorTimes; // epoch ms of errors seen, newest last
        QString recording, composition;
        QVector<int> history;
        QString poorParticipant; // from setPoorQuality
        double poorLossPercent = 0;
        qint64 listedMs = -1; // monotonic time of the last finished listing
        int viewId = 0;       // the participants' listing
        int sideViewId = 0;   // the session's start and events to read, while there are any
        // A listing of participants in pages: connected ones, and every kFullEvery-th listing
        // (the first included) everyone, to find those who joined and left in between.
        QString listToken;
        bool listing = false;
        bool fullListing = false;
        int listings = 0;
        QSet<QString> seen;              // every participant id met in this session
        QHash<QString, QString> userIds; // participant id -> user id, of those met this session
        QHash<QString, QJsonObject> buffer;
        // Participants whose events are to be read, and the read in progress.
        QStringList scanQueue;
        QString scanToken;
        int scanIndex = 0;
        QHash<QString, int> departed; // left since the last read (events already seen)
    };

    struct Listing { // a list read page by page, one page a turn
        QString token;
        std::vector<QJsonObject> rows;
    };
    void listAll(ivs::Operation operation, Listing *listing, std::function<void()> done,
                 std::function<void(std::vector<QJsonObject>)> complete);
    void send(ivs::Operation operation, const QJsonObject &input,
              std::function<void(const ivs::IvsResult &)> done);
    void stageCall(const QString &arn, ivs::Operation operation, QJsonObject input,
                   std::function<void()> done,
                   std::function<void(Stage &, const ivs::IvsResult &)> reply);
    void listStages(std::function<void()> done);
    void listCompositions(std::function<void()> done);
    void pollStage(const QString &arn, std::function<void()> done);
    void sideWork(const QString &arn, std::function<void()> done);
    void ensureSideView(Stage &stage);
    void applyStages(const std::vector<QJsonObject> &stages);
    void applyParticipants(Stage &stage);
    void applyEvents(Stage &stage, const QString &participantId, const QJsonArray &events,
                     int firstIndex);
    void addStage(const QJsonObject &summary);
    void removeStage(int row);
    void changed(const QString &arn);
    int errorsNow(const Stage &stage) const;
    // Publishers and subscribers from what is known of each connected participant; true when
    // the counts changed.
    bool recount(Stage &stage);
    int trouble(const Stage &stage) const;
    int priorityFor(const QString &arn) const;
    void applyPriorities();
    void count(const QString &operation) { ++m_requestCounts[operation]; }
    qint64 now() const { return m_clock.elapsed(); }

    ivs::IvsClient *m_client;
    QPointer<RateBudget> m_budget; // the connection's; may go first when both are its children
    AlertEngine *m_alerts = nullptr;
    QString m_connectionName;
    std::vector<Stage> m_stages; // rows, in the order they were first seen
    QString m_selected;
    QHash<QString, QSet<QString>> m_visible; // by viewer
    int m_stageMs = 3000, m_listMs = 10000;
    int m_selectedRescanMs = 30000;
    int m_publisherRescanMs = 120000;
    int m_stagesView = 0, m_compositionsView = 0;
    Listing m_stagesListing, m_compositionsListing;
    QHash<QString, QString> m_compositionStates; // composition ARN -> state, for alerts
    QHash<QString, int> m_endedErrors;
    QHash<QString, int> m_requestCounts;
    int m_stageListings = 0;
    QString m_lastError;
    QElapsedTimer m_clock;
};

} // namespace gr::models
