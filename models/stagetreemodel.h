#pragma once
// Stage -> sessions -> participants, each level listed lazily when it is expanded (in the
// manner of Qt Creator's Utils::TreeModel). refresh() re-lists the stages and every level that
// was opened, merging in place by ARN, session id and participant id: no resets.

#include "ivs/ivsclient.h"

#include <memory>
#include <QAbstractItemModel>
#include <QJsonObject>
#include <vector>

namespace gr::models
{

class StageTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class NodeType { Stage, Session, Participant };
    Q_ENUM(NodeType)

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

    ivs::IvsClient *m_client;
    std::unique_ptr<Node> m_root;
    int m_pending = 0;
    QString m_lastError;
};

} // namespace gr::models
