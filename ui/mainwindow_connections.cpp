// MainWindow's connection choices: profiles and the local service come from main(); typed
// access keys (kept in the keychain, named in QSettings) and custom endpoints are added here.
#include "ui/mainwindow.h"

#include "aws/credentials.h"
#include "aws/profiles.h"
#include "aws/secretstore.h"
#include "ui/accesskeysdialog.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>

namespace gr::ui
{

void MainWindow::setSecretStore(aws::SecretStore *store)
{
    m_secrets = store;
    loadStoredKeyChoices();
}

void MainWindow::loadStoredKeyChoices()
{
    QSettings settings;
    const int count = settings.beginReadArray(QStringLiteral("storedKeys"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(QStringLiteral("name")).toString();
        const QString region = settings.value(QStringLiteral("region")).toString();
        const bool known =
            std::any_of(m_choices.begin(), m_choices.end(), [&](const ConnectionChoice &c) {
                return c.kind == ConnectionChoice::Kind::StoredKeys && c.profile == name;
            });
        if (!known && !name.isEmpty()) {
            m_choices.append({ConnectionChoice::Kind::StoredKeys,
                              tr("Saved keys: %1 (%2)").arg(name, region),
                              name,
                              region,
                              {}});
            m_connectionBox->addItem(m_choices.last().label);
        }
    }
    settings.endArray();
}

void MainWindow::askForEndpoint()
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Custom endpoint"),
        tr("Endpoint URL and region, e.g. https://ivsrealtime.eu-west-1.amazonaws.com eu-west-1\n"
           "(uses the credentials of the AWS environment or default profile):"),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    const QStringList parts = text.simplified().split(QLatin1Char(' '));
    const QUrl url(parts.first());
    const QString region = parts.value(1, QStringLiteral("us-east-1"));
    if (const QString bad = aws::ProfileResolver::checkEndpoint(url); !bad.isEmpty()) {
        showError(tr("Custom endpoint"), bad);
        return;
    }
    m_choices.append({ConnectionChoice::Kind::Endpoint,
                      tr("Endpoint: %1 (%2)").arg(url.toString(), region),
                      {},
                      region,
                      url.toString()});
    m_connectionBox->addItem(m_choices.last().label);
    openConnection(int(m_choices.size()) - 1);
}

void MainWindow::askForKeys()
{
    if (!m_secrets) {
        showError(tr("Access keys"), tr("no keychain is available"));
        return;
    }
    AccessKeysDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addStoredKeys(dialog.name(), dialog.accessKeyId(), dialog.secretAccessKey(), dialog.region(),
                  [this](const QString &error) {
                      if (!error.isEmpty())
                          showError(tr("Access keys"), error);
                      else
                          openConnection(int(m_choices.size()) - 1);
                  });
}

void MainWindow::addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                               const QString &region, Done done)
{
    if (!m_secrets) {
        if (done)
            done(tr("no keychain is available"));
        return;
    }
    QPointer<MainWindow> self(this);
    aws::StoredCredentialsProvider::save(
        m_secrets, name, {keyId, secret, {}, {}}, [self, name, region, done](const QString &error) {
            if (!self)
                return;
            if (error.isEmpty()) {
                QSettings settings;
                QList<std::pair<QString, QString>> entries;
                const int count = settings.beginReadArray(QStringLiteral("storedKeys"));
                for (int i = 0; i < count; ++i) {
                    settings.setArrayIndex(i);
                    entries.append({settings.value(QStringLiteral("name")).toString(),
                                    settings.value(QStringLiteral("region")).toString()});
                }
                settings.endArray();
                entries.removeIf([&](const auto &e) { return e.first == name; });
                entries.append({name, region});
                settings.beginWriteArray(QStringLiteral("storedKeys"), int(entries.size()));
                for (int i = 0; i < entries.size(); ++i) {
                    settings.setArrayIndex(i);
                    settings.setValue(QStringLiteral("name"), entries[i].first);
                    settings.setValue(QStringLiteral("region"), entries[i].second);
                }
                settings.endArray();
                self->loadStoredKeyChoices();
            }
            if (done)
                done(error);
        });
}

} // namespace gr::ui
