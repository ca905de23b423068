#pragma once
// What the console sent and what came back, for the request log dock. By construction it holds
// no headers and no bodies, so no secret key, session token, participant token or stream key
// can reach it.

#include <deque>
#include <QDateTime>
#include <QObject>
#include <QString>

namespace gr::aws
{

struct RequestLogEntry {
    QDateTime started;
    QString operation;
    QString method;
    QString endpoint; // scheme://host[:port]
    int httpStatus = 0;
    qint64 latencyMs = 0;
    int attempts = 0;
    QString requestId;
    QString outcome; // "OK", an error type, "timeout", "cancelled", ...
    // What the service said with a failure, shortened and with no signing material in it (see
    // logSafeMessage): for the log's tool tip.
    QString message;
};

// An error message fit for the request log: SignatureDoesNotMatch answers quote the canonical
// request and string to sign, which may hold a session token; those parts are cut, the rest
// kept to 300 characters.
QString logSafeMessage(const QString &message);

class RequestLog : public QObject
{
    Q_OBJECT
public:
    explicit RequestLog(QObject *parent = nullptr, int capacity = kDefaultCapacity)
        : QObject(parent), m_capacity(capacity)
    {
    }

    static constexpr int kDefaultCapacity = 2000;
    int capacity() const { return m_capacity; }

    void append(RequestLogEntry entry);
    const std::deque<RequestLogEntry> &entries() const { return m_entries; }

signals:
    // Around each change, so that item models can announce it before it happens.
    void aboutToDropOldest(int count);
    void droppedOldest(int count);
    void aboutToAppend();
    void appended();

private:
    std::deque<RequestLogEntry> m_entries;
    int m_capacity;
};

} // namespace gr::aws
