#include "aws/secretstore.h"

#include <qt6keychain/keychain.h>
#include <QTimer>

namespace gr::aws
{

// In-memory answers are delivered from the event loop, like a keychain's.
void InMemorySecretStore::read(const QString &key, ReadCallback callback)
{
    const bool found = m_secrets.contains(key);
    const QString secret = m_secrets.value(key);
    QTimer::singleShot(0, this, [=] {
        callback(secret, found ? QString() : tr("no secret named '%1'").arg(key));
    });
}

void InMemorySecretStore::write(const QString &key, const QString &secret, WriteCallback callback)
{
    m_secrets.insert(key, secret);
    QTimer::singleShot(0, this, [callback] { callback({}); });
}

void InMemorySecretStore::remove(const QString &key, WriteCallback callback)
{
    m_secrets.remove(key);
    QTimer::singleShot(0, this, [callback] { callback({}); });
}

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent), m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString &key, ReadCallback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        callback(job->error() ? QString() : job->textData(),
                 job->error() ? tr("system keychain: %1").arg(job->errorString()) : QString());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, WriteCallback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        callback(job->error() ? tr("system keychain: %1").arg(job->errorString()) : QString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, WriteCallback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        callback(job->error() ? tr("system keychain: %1").arg(job->errorString()) : QString());
    });
    job->start();
}

StoredCredentialsProvider::StoredCredentialsProvider(SecretStore *store, QString name,
                                                     QObject *parent)
    : CredentialsProvider(parent), m_store(store), m_name(std::move(name))
{
}

void StoredCredentialsProvider::save(SecretStore *store, const QString &name,
                                     const Credentials &credentials,
                                     SecretStore::WriteCallback callback)
{
    store->write(name + QStringLiteral("/access-key-id"), credentials.accessKeyId,
                 [=](const QString &error) {
                     if (!error.isEmpty()) {
                         callback(error);
                         return;
                     }
                     store->write(name + QStringLiteral("/secret-access-key"),
                                  credentials.secretAccessKey, callback);
                 });
}

void StoredCredentialsProvider::refresh()
{
    m_store->read(m_name + QStringLiteral("/access-key-id"),
                  [this](const QString &id, const QString &error) {
                      if (!error.isEmpty()) {
                          finishRefresh({}, error);
                          return;
                      }
                      m_store->read(m_name + QStringLiteral("/secret-access-key"),
                                    [this, id](const QString &secret, const QString &e) {
                                        finishRefresh({id, secret, {}, {}}, e);
                                    });
                  });
}

} // namespace gr::aws
