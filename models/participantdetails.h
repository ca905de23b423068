#pragma once
// Fills in what ListParticipants lacks (browser, OS, SDK, ISP, protocol) with GetParticipant,
// for the rows a view shows, a few at a time so the Get/List quota is shared with refreshes:
// with the connection's RateBudget (setBudget) each GetParticipant waits for its turn there.
// Keys asked for are never dropped: the newest asked go first, earlier ones follow. The
// answers go into the list's "details" channel (columns with that channel read them), which is
// also the mark of what has been asked: other channels do not hide a row from it.

#include "models/ratebudget.h"

#include <QObject>
#include <QPointer>
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
    // GetParticipant waits for its turn in the budget's IVS reads, at `priority`.
    void setBudget(RateBudget *budget, RateBudget::Priority priority);

    static constexpr int kMaxInFlight = 3;
    static constexpr const char *kChannel = "details";

private:
    void pump();
    void startNext();

    ivs::IvsClient *m_client;
    ResourceListModel *m_model;
    QString m_stageArn, m_sessionId;
    QStringList m_queue;
    QSet<QString> m_pending;
    int m_inFlight = 0;
    QPointer<RateBudget> m_budget;
    RateBudget::Priority m_priority = RateBudget::Priority::Visible;
    int m_turnsAsked = 0;
};

} // namespace gr::models
