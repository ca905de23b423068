#pragma once
// Credentials and the providers that produce them. Providers never block: they call back when
// credentials are ready, refreshing them first when they are about to expire.

#include "aws/expected.h"

#include <functional>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

namespace gr::aws
{

struct Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QDateTime expiration; // invalid: does not expire

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    // True when they expire within `marginSecs` of `now` (the SDKs refresh 5 minutes early).
    bool expiresWithin(qint64 marginSecs, const QDateTime &now) const
    {
        return expiration.isValid() && now.secsTo(expiration) <= marginSecs;
    }
};

class CredentialsProvider : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Credentials &credentials, const QString &error)>;

    explicit CredentialsProvider(QObject *parent = nullptr) : QObject(parent) {}

    // Calls `callback` (in this thread, possibly synchronously) with valid credentials or an
    // error. Concurrent callers share one refresh. `context` cancels the callback if destroyed.
    void get(QObject *context, Callback callback);
    // Forgets cached credentials, e.g. after the service rejected them as expired.
    void invalidate() { m_cached = {}; }
    // Where the credentials come from, for the user ("environment", "profile dev", ...).
    virtual QString description() const = 0;

    static constexpr qint64 kRefreshMarginSecs = 5 * 60;

protected:
    // Start fetching; call finishRefresh() exactly once, now or later.
    virtual void refresh() = 0;
    void finishRefresh(const Credentials &credentials, const QString &error);

private:
    struct Waiter {
        QPointer<QObject> context;
        Callback callback;
    };
    Credentials m_cached;
    QList<Waiter> m_waiters;
    bool m_refreshing = false;
};

// Fixed keys: environment, credentials file, keys typed into the console.
class StaticCredentialsProvider : public CredentialsProvider
{
    Q_OBJECT
public:
    StaticCredentialsProvider(Credentials credentials, QString description,
                              QObject *parent = nullptr);
    QString description() const override { return m_description; }

protected:
    void refresh() override;

private:
    Credentials m_credentials;
    QString m_description;
};

// credential_process: runs the command, reads JSON "Version": 1 from its stdout.
class ProcessCredentialsProvider : public CredentialsProvider
{
    Q_OBJECT
public:
    ProcessCredentialsProvider(QString command, QString description, QObject *parent = nullptr);
    QString description() const override { return m_description; }

    // Parses the process output; public for tests.
    static Expected<Credentials> parseOutput(const QByteArray &json);

protected:
    void refresh() override;

private:
    QString m_command;
    QString m_description;
};

} // namespace gr::aws
