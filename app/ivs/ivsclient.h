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
#include <QSet>

namespace gr::ivs
{

// The reply of one call: the checked output and its request id, or the error (which carries
// its own request id).
using IvsResult = aws::Expected<aws::JsonReply>;

// Ends a listing that would never end on its own: a server that hands back a nextToken it gave
// before, or more pages or rows than a console can sensibly hold. One guard per listing (a
// Paginator, a model's fetchMore chain, a tree level); reset() when it starts from page one.
class PageGuard
{
public:
    struct Limits {
        int maxPages = 2000;        // 200,000 rows at the console's 100 per page
        qsizetype maxRows = 200000; // a ListParticipants of a very large session still fits
    };
    PageGuard() = default;
    explicit PageGuard(Limits limits) : m_limits(limits) {}

    void reset();
    // Counts one page of `rows` rows that came with `nextToken` (empty on the last page).
    // Returns an error saying what happened, in which operation, with the reply's request id,
    // when the listing must stop here: the caller keeps the rows it already shows.
    aws::AwsError admit(Operation operation, qsizetype rows, const QString &nextToken,
                        const QString &requestId);

    int pages() const { return m_pages; }
    qsizetype rows() const { return m_rows; }
    const Limits &limits() const { return m_limits; }
    void setLimits(Limits limits) { m_limits = limits; }

private:
    Limits m_limits;
    int m_pages = 0;
    qsizetype m_rows = 0;
    QSet<QString> m_tokens;
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

    // Decodes a finished call's body; public for tests and fuzzing. Thread-safe.
    static IvsResult decode(Operation operation, const aws::AwsCall &call);
    static IvsResult decode(Operation operation, const aws::AwsError &transportError,
                            int httpStatus, const QString &requestId, const QByteArray &body);

    // Replies at least this large are decoded on a pool thread, so the GUI thread does not parse
    // and check a megabyte of JSON; smaller ones are decoded at once (a thread hop costs more).
    static constexpr qsizetype kDecodeOffThreadBytes = 64 * 1024;
    void setDecodeOffThreadBytes(qsizetype bytes) { m_decodeOffThreadBytes = bytes; }

private:
    aws::AwsClient *m_transport;
    qsizetype m_decodeOffThreadBytes = kDecodeOffThreadBytes;
};

// Walks every page of one of the 10 List operations, one request at a time. A runaway listing
// (repeated token, page or row cap: see PageGuard) emits the page it got, then failed().
class Paginator : public QObject
{
    Q_OBJECT
public:
    Paginator(IvsClient *client, Operation operation, QJsonObject input, QObject *parent = nullptr);

    void start();
    void cancel();
    bool isRunning() const { return m_call != nullptr; }
    PageGuard &guard() { return m_guard; }

signals:
    void page(const QJsonArray &items, bool last);
    void failed(const gr::aws::AwsError &error);

private:
    void next(const QString &token);

    IvsClient *m_client;
    Operation m_operation;
    QJsonObject m_input;
    QPointer<aws::AwsCall> m_call; // the client owns calls and may go first
    PageGuard m_guard;
};

} // namespace gr::ivs
