#pragma once
// Where keys typed into the console are kept: the system keychain in the application, memory
// in tests. Never QSettings, logs or plain files. Asynchronous, as keychains are.

#include "aws/credentials.h"

#include <functional>
#include <QHash>
#include <QObject>

namespace gr::aws
{

class SecretStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const QString &secret, const QString &error)>;
    using WriteCallback = std::function<void(const QString &error)>;

    explicit SecretStore(QObject *parent = nullptr) : QObject(parent) {}

    virtual void read(const QString &key, ReadCallback callback) = 0;
    virtual void write(const QString &key, const QString &secret, WriteCallback callback) = 0;
    virtual void remove(const QString &key, WriteCallback callback) = 0;
};

class InMemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &key, ReadCallback callback) override;
    void write(const QString &key, const QString &secret, WriteCallback callback) override;
    void remove(const QString &key, WriteCallback callback) override;

private:
    QHash<QString, QString> m_secrets;
};

// QtKeychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store).
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr);
    void read(const QString &key, ReadCallback callback) override;
    void write(const QString &key, const QString &secret, WriteCallback callback) override;
    void remove(const QString &key, WriteCallback callback) override;

private:
    QString m_service;
};

// Keys the user typed into the console, kept in a SecretStore as "<name>/access-key-id" and
// "<name>/secret-access-key".
class StoredCredentialsProvider : public CredentialsProvider
{
    Q_OBJECT
public:
    StoredCredentialsProvider(SecretStore *store, QString name, QObject *parent = nullptr);
    QString description() const override { return tr("saved keys '%1'").arg(m_name); }

    // Saves both parts; the callback gets an error text or an empty string.
    static void save(SecretStore *store, const QString &name, const Credentials &credentials,
                     SecretStore::WriteCallback callback);

protected:
    void refresh() override;

private:
    SecretStore *m_store;
    QString m_name;
};

} // namespace gr::aws
