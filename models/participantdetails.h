#pragma once
// Fills in what ListParticipants lacks (browser, OS, SDK, ISP, protocol) with GetParticipant,
// for the rows a view shows, a few at a time so the Get/List quota is shared with refreshes.
// Keys asked for are never dropped: the newest asked go first, earlier ones follow. The
// answers go into the list's "details" channel (columns with that channel read them), which is
// also the mark of what has been asked: other channels do not hide a row from it.

#include <QObject>
#include <QSet>

namespace gr::ivs
{
class IvsClient;
}

namespace gr::models
{

class ResourceListModel;

class ParticipantDetails : public QObject
{
    Q_OBJECT
public:
    ParticipantDetails(ivs::IvsClient *client, ResourceListModel *model, QString stageArn,
                       QString sessionId, QObject *parent = nullptr);

    // Asks for the details of these participants (those not known or on their way), ahead of
    // the ones asked for before.
    void request(const QStringList &participantIds);

    static constexpr int kMaxInFlight = 3;
    static constexpr const char *kChannel = "details";

private:
    void pump();

    ivs::IvsClient *m_client;
    ResourceListModel *m_model;
    QString m_stageArn, m_sessionId;
    QStringList m_queue;
    QSet<QString> m_pending;
    int m_inFlight = 0;
};

} // namespace gr::models
