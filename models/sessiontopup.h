// Brings a loaded live session up to date for an export, asking only for what can be newer:
// the participants listed once (paged), then the events only of those who are new or whose
// summary changed (state, publishing, recording) since the store was loaded, keeping only the
// events beyond those already held. A participant whose summary did not change may still have
// a new event that changes nothing in it (an error while connected): the page's own loader,
// which follows the session, finds those; the bundle says when it was made.
#pragma once

#include "sessionstore.h"

#include "aws/awserror.h"

#include <deque>
#include <QObject>
#include <QPointer>

namespace gr::aws
{
class AwsCall;
}
namespace gr::ivs
{
class IvsClient;
}

class SessionTopUp : public QObject
{
    Q_OBJECT
public:
    SessionTopUp(gr::ivs::IvsClient *client, SessionStore store, QObject *parent = nullptr);
    ~SessionTopUp() override;

    void start();
    void cancel();
    const SessionStore &store() const { return m_store; }
    int requestCount() const { return m_requests; }

signals:
    void finished();
    void failed(const gr::aws::AwsError &error);

private:
    struct Step {
        int participant = -1; // -1: list the participants
        QString nextToken;
        int seen = 0; // events of this participant on the pages before
    };
    void next();
    void done(const QString &operation, const gr::aws::AwsError &error, const QString &requestId);

    gr::ivs::IvsClient *m_client;
    SessionStore m_store;
    std::deque<Step> m_queue;
    QPointer<gr::aws::AwsCall> m_call;
    int m_generation = 0;
    int m_requests = 0;
};
