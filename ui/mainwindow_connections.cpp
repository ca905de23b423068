// MainWindow's connection choices: profiles and the local service come from main(); typed
// access keys (kept in the keychain, named in QSettings) and custom endpoints are added here.
#include "ui/mainwindow.h"

#include "aws/credentials.h"
#include "aws/profiles.h"
#include "aws/secretstore.h"
#include "models/stagetreemodel.h"
#include "ui/accesskeysdialog.h"
#include "ui/connectdialog.h"
#include "ui/connectionidentity.h"
#include "ui/detailpane.h"
#include "ui/welcomepage.h"

#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStackedWidget>
#include <QTreeView>

namespace gr::ui
{

QString MainWindow::connectionName() const
{
    return m_choiceIndex >= 0 && m_choiceIndex < m_choices.size() ? m_choices[m_choiceIndex].label
                                                                  : QString();
}

void MainWindow::updateIdentity()
{
    const QString name = connectionName();
    if (name.isEmpty()) {
        setWindowTitle(tr("Greenroom"));
        return;
    }
    const ConnectionIdentity identity = ConnectionIdentityStore().identity(name);
    setWindowTitle(identity.windowTitle(tr("Greenroom")));
    m_badge->setIdentity(identity);
    m_badge->setToolTip(
        identity.production
            ? tr("%1: a production connection; removals ask for the name").arg(identity.label)
            : identity.label);
}

void MainWindow::editConnectionIdentity()
{
    const QString name = connectionName();
    if (name.isEmpty()) {
        showError(tr("Connection settings"), tr("no connection is open"));
        return;
    }
    ConnectionIdentityStore store;
    ConnectionIdentityDialog dialog(store.identity(name), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ConnectionIdentity identity = dialog.identity();
    identity.connectionName = name;
    store.save(identity);
    updateIdentity();
}

void MainWindow::showWelcome(const QString &problem)
{
    if (!m_detail->confirmLeave())
        return;
    auto *welcome = new WelcomePage(m_pages);
    welcome->setObjectName(QStringLiteral("welcomePage"));
    welcome->setConfigurationProblem(problem);
    // The first live stage in the tree, for "watch" and "read events".
    auto liveStage = [this]() -> QModelIndex {
        for (int row = 0; m_treeModel && row < m_treeModel->rowCount(); ++row) {
            const QModelIndex index = m_treeModel->index(row, 0);
            if (m_treeModel->json(index).contains(QLatin1String("activeSessionId")))
                return index;
        }
        return {};
    };
    connect(welcome, &WelcomePage::stagesRequested, this,
            [this] { showKind(models::Kind::Stage); });
    connect(welcome, &WelcomePage::liveRequested, this, [this, liveStage] {
        m_liveAction->setChecked(true);
        const QModelIndex stage = liveStage();
        if (!stage.isValid()) {
            showKind(models::Kind::Stage);
            return;
        }
        m_tree->expand(stage);
        m_tree->setCurrentIndex(stage); // shows its sessions
        m_tree->setFocus(Qt::OtherFocusReason);
        refresh();
    });
    connect(welcome, &WelcomePage::eventsRequested, this, [this, liveStage] {
        const QModelIndex stage = liveStage();
        if (!stage.isValid()) {
            showKind(models::Kind::Stage);
            return;
        }
        const QJsonObject json = m_treeModel->json(stage);
        showSession(json.value(QLatin1String("arn")).toString(),
                    json.value(QLatin1String("activeSessionId")).toString());
    });
    connect(welcome, &WelcomePage::createStageRequested, this,
            [this] { openOperation(QStringLiteral("CreateStage")); });
    connect(welcome, &WelcomePage::connectRequested, this, &MainWindow::askToConnect);
    setPage(welcome);
    m_detail->clear();
    const QSignalBlocker blocker(m_categories);
    m_categories->setCurrentRow(-1);
}

void MainWindow::askToConnect()
{
    const aws::ProfileResolver resolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
    ConnectDialog dialog(resolver, this);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedProfile().isEmpty())
        return;
    openProfile(dialog.selectedProfile());
}

void MainWindow::openProfile(const QString &profile)
{
    for (int i = 0; i < m_choices.size(); ++i) {
        if (m_choices[i].kind == ConnectionChoice::Kind::Profile &&
            m_choices[i].profile == profile) {
            openConnection(i);
            return;
        }
    }
    m_choices.append(
        {ConnectionChoice::Kind::Profile, tr("AWS profile: %1").arg(profile), profile, {}, {}});
    m_connectionBox->addItem(m_choices.last().label);
    openConnection(int(m_choices.size()) - 1);
}

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
                  [this](const aws::Expected<void> &result) {
                      if (!result)
                          showError(tr("Access keys"), result.error());
                      else
                          openConnection(int(m_choices.size()) - 1);
                  });
}

void MainWindow::addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                               const QString &region, Done done)
{
    if (!m_secrets) {
        if (done)
            done(aws::failure(aws::AwsError::Kind::Configuration, tr("no keychain is available")));
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
                done(error.isEmpty() ? aws::Expected<void>()
                                     : aws::failure(aws::AwsError::Kind::Configuration, error));
        });
}

} // namespace gr::ui
