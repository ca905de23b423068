#pragma once
// Stage -> sessions -> participants, each level listed lazily when it is expanded (in the
// manner of Qt Creator's Utils::TreeModel). refresh() re-lists the stages and every level that
// was opened, merging in place by ARN, session id and participant id: no resets.
// With a LiveMonitor, the live stage and its session show "3 pub · 5 sub" and their errors of
// the last five minutes (ErrorCountRole, drawn as a red badge); an ended session shows an error
// count only when it is already known (watched to its end, or told by setKnownSessionErrors),
// never by a request per node.

#include "ivs/ivsclient.h"

#include <memory>
#include <QAbstractItemModel>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <vector>

namespace gr::models
{

class LiveMonitor;

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
    };

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

    void refresh();
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
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node) const;
    void fetchPage(Node *node, bool refreshing);
    void mergeChildren(Node *node, const std::vector<QJsonObject> &fresh);
    void track(int delta);
    void monitorChanged(const QString &stageArn, const QString &sessionId = {});
    Node *stageNode(const QString &stageArn) const;

    ivs::IvsClient *m_client;
    std::unique_ptr<Node> m_root;
    int m_pending = 0;
    QString m_lastError;
    QPointer<LiveMonitor> m_monitor;
    QHash<QString, int> m_knownErrors; // ended sessions
};

} // namespace gr::models
