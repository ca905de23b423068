#pragma once
// The IVS Real-Time client: one asynchronous call per operation over the signed pipeline.
// Replies are checked against the model: a member of the wrong type is a decode error that
// names it (never a silent zero), while members the model does not know are ignored so newer
// service versions do not break the console.

#include "aws/awsclient.h"
#include "ivs/operations.h"

#include <functional>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace gr::ivs
{

struct IvsResult {
    QJsonObject output;
    aws::AwsError error;
    bool ok() const { return !error.isError(); }
};

class IvsClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const IvsResult &result)>;

    explicit IvsClient(aws::AwsClient *transport, QObject *parent = nullptr);

    // Calls `done` once, unless `context` is destroyed first. The returned call can cancel.
    aws::AwsCall *call(Operation operation, const QJsonObject &input, QObject *context,
                       Callback done);

    aws::AwsClient *transport() const { return m_transport; }

    // Decodes a finished call's body; public for tests.
    static IvsResult decode(Operation operation, const aws::AwsCall &call);

private:
    aws::AwsClient *m_transport;
};

// Walks every page of one of the 10 List operations, one request at a time.
class Paginator : public QObject
{
    Q_OBJECT
public:
    Paginator(IvsClient *client, Operation operation, QJsonObject input, QObject *parent = nullptr);

    void start();
    void cancel();
    bool isRunning() const { return m_call != nullptr; }

signals:
    void page(const QJsonArray &items, bool last);
    void failed(const gr::aws::AwsError &error);

private:
    void next(const QString &token);

    IvsClient *m_client;
    Operation m_operation;
    QJsonObject m_input;
    QPointer<aws::AwsCall> m_call; // the client owns calls and may go first
};

} // namespace gr::ivs
