#pragma once
// The console's shell: the navigator (resource kinds and the live stage tree), a stack of
// pages (a kind's list, a stage's sessions, a session's participants and events), the detail
// pane, the request log, the connection and the menus. The pages own their views; what a
// resource kind means comes from models/resourcekinds.h. Nothing here waits on the network.
//
// mainwindow.cpp builds the shell and navigates; mainwindow_admin.cpp carries out writes
// (forms, confirmations, the calls); mainwindow_connections.cpp manages connection choices.

#include "models/resourcekinds.h"
#include "ui/connection.h"

#include <functional>
#include <memory>
#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeView;
class QAction;

namespace gr::aws
{
class SecretStore;
}

namespace gr::models
{
class ResourceListModel;
class StageTreeModel;
class RequestLogModel;
} // namespace gr::models

namespace gr::ui
{

class AlertsDock;
class DetailPane;
class ListPage;
class OperationDialog;
class SessionPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Creates the connection for a choice, or returns null and sets `error`.
    using ConnectionFactory =
        std::function<Connection *(const ConnectionChoice &choice, QString *error)>;
    using Done = std::function<void(const QString &error)>;

    explicit MainWindow(QList<ConnectionChoice> choices = {}, ConnectionFactory factory = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    void openConnection(int choiceIndex);
    // Where keys typed into the console are kept (the system keychain in the application).
    void setSecretStore(aws::SecretStore *store);
    // Saves typed keys to the secret store and adds them as a connection choice; the callback
    // gets an error text or an empty string. Only the name and region reach QSettings.
    void addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                       const QString &region, Done done = {});
    int choiceCount() const { return int(m_choices.size()); }
    Connection *connection() const { return m_connection; }

    // Navigation. Each asks the detail pane first when it holds unapplied edits.
    bool showKind(models::Kind kind);
    bool showStage(const QString &stageArn, const QString &title = {});
    bool showSession(const QString &stageArn, const QString &sessionId,
                     const QString &participantId = {});

    // What is shown, for tests and habits.
    QListWidget *categories() const { return m_categories; }
    QTreeView *stageTree() const { return m_tree; }
    DetailPane *detail() const { return m_detail; }
    QWidget *currentPage() const;
    ListPage *listPage() const;       // the page's main list (kinds, sessions, participants)
    SessionPage *sessionPage() const; // when a session is shown
    QTableView *table() const;
    models::ResourceListModel *listModel() const;
    QTableView *events() const;
    models::ResourceListModel *eventsModel() const;
    QLabel *eventHelp() const;
    models::StageTreeModel *treeModel() const { return m_treeModel; }

    // Administration, without dialogs (the menus ask and confirm, then call these). `done` gets
    // an error text or an empty string; everything that shows the resource is fetched again.
    void createStage(const QString &name, Done done = {});
    void deleteStage(const QString &arn, Done done = {});
    // Deletes (or, for compositions, stops) the resource of this kind id ("stages"...).
    void removeResource(const QString &kindId, const QString &arn, Done done = {});
    void disconnectParticipant(const QString &stageArn, const QString &participantId,
                               const QString &reason, Done done = {});
    // Removes the selected row of the page's list (Delete, or the context menu), confirmed.
    void removeSelected();
    // Copies an ingest configuration's stream key to the clipboard (fetched with
    // GetIngestConfiguration); the key is never shown, logged or kept.
    void copyStreamKey(const QString &ingestArn, Done done = {});
    // Opens the form of a write operation ("CreateEncoderConfiguration", "StartComposition"...),
    // filled in from what is selected; null when there is no connection. Participant tokens
    // have their own dialog (shown once), which this opens instead, returning null.
    // `extra` members are filled in over what the selection gives.
    OperationDialog *openOperation(const QString &operation, const QJsonObject &extra = {});
    // The operations of the Administer menu, in its order.
    static QStringList administeredOperations();

public slots:
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    bool setPage(QWidget *page);
    void connectListPage(ListPage *page);
    void onTreeSelection(const QModelIndex &index);
    void onRowAction(ListPage *page, const QString &action, const QJsonObject &row);
    void showError(const QString &where, const QString &message);
    void copySelection();
    // After a write: every view that shows the resource is fetched again.
    void afterWrite(const QString &kindId, const QString &key);

    void askForKeys();
    void askForEndpoint();
    QJsonObject operationContext(const QString &operation) const;
    void offerResources(OperationDialog *dialog);
    void finishAdmin(const QString &what, const QString &error, const Done &done,
                     const QString &kindId = {}, const QString &key = {});
    void loadStoredKeyChoices();

    QList<ConnectionChoice> m_choices;
    aws::SecretStore *m_secrets = nullptr;
    ConnectionFactory m_factory;
    QPointer<Connection> m_connection;

    QComboBox *m_connectionBox = nullptr;
    QComboBox *m_regionBox = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_liveAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QListWidget *m_categories = nullptr;
    QTreeView *m_tree = nullptr;
    QStackedWidget *m_pages = nullptr;
    DetailPane *m_detail = nullptr;
    QTableView *m_logView = nullptr;
    AlertsDock *m_alertsDock = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_inFlightLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer *m_liveTimer = nullptr;

    models::StageTreeModel *m_treeModel = nullptr;
    models::RequestLogModel *m_logModel = nullptr;
};

} // namespace gr::ui
