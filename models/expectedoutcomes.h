#pragma once
// Calls whose failure is an expected answer, not a failure: Find asks GetParticipant whether a
// participant id is in each recent session (and GetStageSession for a session id on each
// stage), and "not found" is the usual reply. The caller marks such a reply's request id here;
// the request log shows it as expected (grey, the raw outcome in its tool tip) and leaves it
// out of "Only writes and failures". One per transport (a child of it), bounded.

#include <deque>
#include <QHash>
#include <QObject>
#include <QString>

namespace gr::models
{

class ExpectedOutcomes : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCapacity = 2000; // as many as the request log keeps

    // The registry of `transport` (the connection's aws::AwsClient), made on first use.
    static ExpectedOutcomes *of(QObject *transport);

    // The reply with this request id was expected; `why` in plain words ("Find: not in this
    // session"). An empty request id is ignored (nothing to tell it by).
    void mark(const QString &requestId, const QString &why);
    // Why it was expected, or empty when it was not.
    QString why(const QString &requestId) const { return m_why.value(requestId); }

signals:
    void marked(const QString &requestId);

private:
    using QObject::QObject;
    QHash<QString, QString> m_why;
    std::deque<QString> m_order; // oldest first, for the bound
};

} // namespace gr::models
