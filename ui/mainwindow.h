#pragma once
// The console's window: a navigator (resource kinds and the live stage tree), a table for the
// selection, a detail pane with every field, the selected participant's event timeline, and a
// request log. Nothing here waits on the network.

#include "ui/connection.h"

#include <functional>
#include <memory>
#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
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
class ParticipantDetails;
class TagsModel;
struct ListSpec;
} // namespace gr::models

namespace gr::ui
{

class DetailPane;
class OperationDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Creates the connection for a choice, or returns null and sets `error`.
    using ConnectionFactory =
        std::function<Connection *(const ConnectionChoice &choice, QString *error)>;

    explicit MainWindow(QList<ConnectionChoice> choices = {}, ConnectionFactory factory = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    void openConnection(int choiceIndex);
    // Where keys typed into the console are kept (the system keychain in the application).
    void setSecretStore(aws::SecretStore *store);
    // Saves typed keys to the secret store and adds them as a connection choice; the callback
    // gets an error text or an empty string. Only the name and region reach QSettings.
    void addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                       const QString &region, std::function<void(const QString &error)> done = {});
    int choiceCount() const { return int(m_choices.size()); }
    Connection *connection() const { return m_connection; }

    // For tests and habits: what is shown.
    QListWidget *categories() const { return m_categories; }
    QTreeView *stageTree() const { return m_tree; }
    QTableView *table() const { return m_table; }
    QTableView *events() const { return m_events; }
    DetailPane *detail() const { return m_detail; }
    models::ResourceListModel *listModel() const { return m_listModel; }
    models::ResourceListModel *eventsModel() const { return m_eventsModel; }
    models::StageTreeModel *treeModel() const { return m_treeModel; }
    QLabel *eventHelp() const { return m_eventHelp; }

    // Administration, without dialogs (the menus ask and confirm, then call these). `done` gets
    // an error text or an empty string; the open lists refresh on success.
    void createStage(const QString &name, std::function<void(const QString &error)> done = {});
    void deleteStage(const QString &arn, std::function<void(const QString &error)> done = {});
    // Deletes (or, for compositions, stops) the resource with this ARN from the list shown now.
    void removeResource(const QString &listKind, const QString &arn,
                        std::function<void(const QString &error)> done = {});
    void disconnectParticipant(const QString &stageArn, const QString &participantId,
                               const QString &reason,
                               std::function<void(const QString &error)> done = {});
    // Removes the selected row of the list (Delete, or the context menu), after confirming.
    void removeSelected();
    // Copies an ingest configuration's stream key to the clipboard (fetched with
    // GetIngestConfiguration); the key is never shown, logged or kept.
    void copyStreamKey(const QString &ingestArn,
                       std::function<void(const QString &error)> done = {});
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
    void showList(const models::ListSpec &spec, const QString &title);
    void showParticipant(const QString &stageArn, const QString &sessionId, const QJsonObject &row);
    void onCategory(int row);
    void onTreeSelection(const QModelIndex &index);
    void onTableSelection();
    void onEventSelection();
    void updateTableStatus();
    void requestVisibleDetails();
    void showParticipants();
    void showError(const QString &where, const QString &message);
    void copySelection();
    void fetchDetail(int operation, const QJsonObject &input, const QString &member,
                     const QString &title, const QString &identity);

    void askForKeys();
    void askForEndpoint();
    void askToCreateStage();
    QJsonObject operationContext(const QString &operation) const;
    void offerResources(OperationDialog *dialog);
    void showTableMenu(const QPoint &pos);
    QJsonObject selectedRow() const;
    QString removeActionText() const;
    void finishAdmin(const QString &what, const QString &error,
                     const std::function<void(const QString &)> &done);
    void loadStoredKeyChoices();

    QList<ConnectionChoice> m_choices;
    aws::SecretStore *m_secrets = nullptr;
    ConnectionFactory m_factory;
    QPointer<Connection> m_connection;

    QComboBox *m_connectionBox = nullptr;
    QComboBox *m_regionBox = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_liveAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_removeAction = nullptr;
    QListWidget *m_categories = nullptr;
    QTreeView *m_tree = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_tableTitle = nullptr;
    QWidget *m_participantFilters = nullptr;
    QLineEdit *m_filterUser = nullptr;
    QComboBox *m_filterPublished = nullptr;
    QComboBox *m_filterState = nullptr;
    QComboBox *m_filterRecording = nullptr;
    QLabel *m_tableStatus = nullptr;
    QPushButton *m_loadMore = nullptr;
    QTableView *m_events = nullptr;
    QLabel *m_eventsTitle = nullptr;
    QLabel *m_eventHelp = nullptr;
    DetailPane *m_detail = nullptr;
    QTableView *m_logView = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_inFlightLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer *m_liveTimer = nullptr;

    models::StageTreeModel *m_treeModel = nullptr;
    models::ResourceListModel *m_listModel = nullptr;
    models::ResourceListModel *m_eventsModel = nullptr;
    models::RequestLogModel *m_logModel = nullptr;
    models::ParticipantDetails *m_details = nullptr;
    models::TagsModel *m_tagsModel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QSortFilterProxyModel *m_eventsProxy = nullptr;
    QString m_listKind; // "stages", "sessions", "participants", ...
    QString m_stageArn, m_sessionId;
};

} // namespace gr::ui
