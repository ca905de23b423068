#pragma once
// Stage -> sessions -> participants, each level listed lazily when it is expanded (in the
// manner of Qt Creator's Utils::TreeModel). refresh() re-lists the stages and every level that
// was opened, merging in place by ARN, session id and participant id: no resets.
// With a LiveMonitor, the live stage and its session show "3 pub · 5 sub" and their errors of
// the last five minutes (ErrorCountRole, drawn as a red badge); an ended session shows an error
// count only when it is already known (watched to its end, or told by setKnownSessionErrors),
// never by a request per node. The monitor's listings of the live session's participants are
// merged into its node as they come (no request of the tree's own; its poll goes on as before).
// Live polling goes through the connection's RateBudget (setBudget), per level: the stage list
// is one Background view, each expanded stage or session (setExpanded) a view of its own,
// Visible while the tree is shown (setShown), Background when not, removed when it is collapsed
// or goes; each turn asks for one page of that node's list and merges when the last page is in.

#include "ivs/ivsclient.h"

#include <functional>
#include <memory>
#include <QAbstractItemModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <vector>

namespace gr::models
{

class LiveMonitor;
class RateBudget;

class StageTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class NodeType { Stage, Session, Participant };
    Q_ENUM(NodeType)
    enum Role {
        ErrorCountRole = Qt::UserRole + 60, // int: errors of the last five minutes, when known
        PublishersRole,                     // int, live stage and session only
        SubscribersRole,                    // int, live stage and session only
        PublishingNowRole, // bool, participants: connected and publishing now, as far as the
                           // monitor knows; invalid when it does not know
        ActivityRole,      // int (Activity), participants: what their tree icon shows
    };
    // A participant's presence and publishing as the tree shows it. Connected includes "has
    // published" when the monitor cannot say whether it still does.
    enum class Activity { Disconnected, Connected, Publishing, StoppedPublishing };
    Q_ENUM(Activity)

    explicit StageTreeModel(ivs::IvsClient *client, QObject *parent = nullptr);
    ~StageTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Every level that was opened, listed again at once, every page (the user's F5).
    void refresh();
    // How often the stage list and an expanded node want their children again (ms; defaults
    // 5 s each); the stage list is a Background view, asked the budget's background factor less
    // often. Views already made keep theirs.
    void setIntervals(int stagesMs, int nodeMs);
    // The connection's budget (not owned); polling is off until setPolling(true).
    void setBudget(RateBudget *budget);
    void setPolling(bool on); // Live updates
    void setShown(bool shown);
    // The view expanded or collapsed `index` (stages and sessions).
    void setExpanded(const QModelIndex &index, bool expanded);
    // The budget's view that polls the children of `index` (invalid: the stage list), or 0.
    int viewOf(const QModelIndex &index) const;
    // Requests made in a turn of the budget, and made directly (fetchMore, refresh).
    int polledRequests() const { return m_polled; }
    int directRequests() const { return m_direct; }
    // Counts and badges from `monitor` (the connection's); null: none.
    void setMonitor(LiveMonitor *monitor);
    // An ended session's error count, known from elsewhere (its loaded events).
    void setKnownSessionErrors(const QString &sessionId, int errors);
    bool isLoading() const { return m_pending > 0; }
    QString lastError() const { return m_lastError; }

    NodeType nodeType(const QModelIndex &index) const;
    QJsonObject json(const QModelIndex &index) const;
    // The stage ARN and session id a node belongs to (empty above its level).
    QString stageArn(const QModelIndex &index) const;
    QString sessionId(const QModelIndex &index) const;

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

    // Node ownership: each node owns its children; the invisible root owns the stages.
public:
    struct Node;

private:
    // A lazy page appended (fetchMore); a refresh of every page at once, then of every opened
    // level below; one page of a poll (a budget's turn), merged after its last page.
    enum class Fetch { More, Refresh, Poll };

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node) const;
    // Nodes can go (a refresh) while a page is on its way: replies find them again by key path.
    Node *find(const QStringList &path) const;
    void fetchPage(Node *node, Fetch mode, std::function<void()> done = {});
    void appendPage(Node *target, const QJsonArray &items, const QString &next);
    void mergeChildren(Node *node, const std::vector<QJsonObject> &fresh, bool cascade);
    void updateViews();
    void updateViews(Node *node, bool wanted);
    void releaseViews(Node *node);
    void poll(const QStringList &path, std::function<void()> done);
    void track(int delta);
    void monitorChanged(const QString &stageArn, const QString &sessionId = {});
    // The monitor's listing of a live session's participants, taken for the session's node.
    void takeParticipants(const QString &stageArn, const QString &sessionId,
                          const QList<QJsonObject> &listed, bool everyone);
    Node *stageNode(const QString &stageArn) const;

    ivs::IvsClient *m_client;
    std::unique_ptr<Node> m_root;
    int m_pending = 0;
    QString m_lastError;
    QPointer<LiveMonitor> m_monitor;
    QHash<QString, int> m_knownErrors; // ended sessions
    QPointer<RateBudget> m_budget;
    bool m_polling = false;
    bool m_shown = true;
    int m_stagesMs = 5000;
    int m_nodeMs = 5000;
    int m_polled = 0;
    int m_direct = 0;
};

} // namespace gr::models
