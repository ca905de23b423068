#pragma once
// A participant's replication, in its page: for a replica, where it comes from and *Go to
// source*; for a participant replicated elsewhere, its replicas (ListParticipantReplicas),
// a double-click going to the replica. Asks the service only for participants whose summary
// says they are a replication source: other participants cost no request.

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace gr::models
{
class ResourceListModel;
}

namespace gr::ui
{

class Connection;

class ReplicasPanel : public QWidget
{
    Q_OBJECT
public:
    // `row` is the participant as ListParticipants returned it.
    ReplicasPanel(Connection *connection, const QString &stageArn, const QJsonObject &row,
                  QWidget *parent = nullptr);

    QLabel *label() const { return m_label; }
    QPushButton *goToSource() const { return m_goToSource; }
    QTableView *replicas() const { return m_table; }
    models::ResourceListModel *model() const { return m_model; }

signals:
    void sessionRequested(const QString &stageArn, const QString &sessionId,
                          const QString &participantId);

private:
    QLabel *m_label;
    QPushButton *m_goToSource = nullptr;
    QTableView *m_table = nullptr;
    models::ResourceListModel *m_model = nullptr;
};

} // namespace gr::ui
