#pragma once
// The console's shell: the navigator (resource kinds and the live stage tree), a stack of
// pages (a kind's list, a stage's sessions, a session's participants and events), the detail
// pane, the request log, the connection and the menus. The pages own their views; what a
// resource kind means comes from models/resourcekinds.h. Nothing here waits on the network.
//
// mainwindow.cpp builds the shell and navigates; mainwindow_admin.cpp carries out writes
// (forms, confirmations, the calls); mainwindow_connections.cpp manages connection choices.

#include "aws/expected.h"
#include "models/resourcekinds.h"
#include "ui/connection.h"
#include "ui/icons.h"
#include "ui/navigationhistory.h"

#include <functional>
#include <memory>
#include <QHash>
#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class QListWidget;
class QMenu;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeView;
class QAction;
class FindDialog;
class TokenCheckDialog;
class QToolBar;

namespace gr::aws
{
class SecretStore;
}

namespace gr::models
{
class ResourceListModel;
class StageTreeModel;
class RequestLogModel;
class RequestLogFilter;
} // namespace gr::models

namespace gr::ui
{

class ConnectionBadge;
class AlertsDock;
class DetailPane;
class ListPage;
class LiveWall;
class OperationDialog;
class SessionPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Creates the connection for a choice (never null), or says why it cannot.
    using ConnectionFactory =
        std::function<aws::Expected<Connection *>(const ConnectionChoice &choice)>;
    // How an action ended: success, or the AwsError (plain message, type, status, request id).
    using Done = std::function<void(const aws::Expected<void> &result)>;

    explicit MainWindow(QList<ConnectionChoice> choices = {}, ConnectionFactory factory = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    void openConnection(int choiceIndex);
    // First run (no AWS configuration): the welcome page, with why AWS was not used when
    // `problem` says so. Its links navigate this window.
    void showWelcome(const QString &problem = {});
    // Help → Keyboard shortcuts: every menu action that has one, by menu.
    void showShortcuts();
    // File → Connect…: the AWS profiles found (ConnectDialog); opens the one chosen.
    void askToConnect();
    // Opens the AWS profile `profile` (as a connection choice, added when new).
    void openProfile(const QString &profile);
    // File → Connection settings…: the current connection's colour, label, production flag.
    void editConnectionIdentity();
    // The name the current connection's identity is kept under (its choice's label).
    QString connectionName() const;
    // Where keys typed into the console are kept (the system keychain in the application).
    void setSecretStore(aws::SecretStore *store);
    // Saves typed keys to the secret store and adds them as a connection choice; the callback
    // gets an error text or an empty string. Only the name and region reach QSettings.
    void addStoredKeys(const QString &name, const QString &keyId, const QString &secret,
                       const QString &region, Done done = {});
    int choiceCount() const { return int(m_choices.size()); }
    // How File → Reset local service… drops the embedded service's state and starts it again
    // (an error saying why, when it could not); without it the action is hidden.
    void setLocalServiceReset(std::function<aws::Expected<void>()> reset);
    // Asks, then resets the local service and reopens the local connection if it is open.
    void resetLocalService();
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
    // The page in view belongs to this stage (its sessions, one of them, a participant).
    bool showsStage(const QString &stageArn) const;
    // On the session page in view: the participant's Charts tab (once its page is shown).
    void showChartsOf(const QString &participantId);
    QTableView *table() const;
    models::ResourceListModel *listModel() const;
    QTableView *events() const;
    models::ResourceListModel *eventsModel() const;
    QLabel *eventHelp() const;
    models::StageTreeModel *treeModel() const { return m_treeModel; }
    QToolBar *mainToolBar() const { return m_toolbar; }
    ConnectionBadge *connectionBadge() const { return m_badge; }
    QSplitter *mainSplitter() const { return m_mainSplit; }
    QSplitter *navigatorSplitter() const { return m_navSplit; }
    // The stage tree's width on a first run: a participant's name and id beside a live
    // session's status ("since 12:35:20 · 2 pub · 5 sub") and its error badge.
    int defaultTreeWidth() const;
    // The toolbar's and menus' actions, by name: "new", "edit", "delete", "refresh", "live",
    // "find" (the Find dialog), "filter" (the page's filter box), "preferences", "connect",
    // "connectionSettings".
    QAction *action(const QString &name) const { return m_actions.value(name); }

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
    // The same for a row of `kind` wherever it is shown (the tree's menu); a refusal is shown
    // on `page` when there is one, and in the status bar.
    void removeRow(const models::ResourceKind &kind, const models::Scope &scope,
                   const QJsonObject &row, ListPage *page = nullptr);
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

    // Tools (mainwindow_tools.cpp). Find (Ctrl+K) and Check a token are modeless; they are
    // returned for tests. The signing key of the local service is offered to the token check.
    FindDialog *openFind();
    TokenCheckDialog *openTokenCheck();
    // Writes the incident bundle of a session into `directory` (which must not exist or be
    // empty): the events are loaded (or read from the cache) and the files written off the
    // GUI thread, with a progress dialog and Cancel. `done` gets an error text or "".
    void exportSession(const QString &stageArn, const QString &sessionId, const QString &directory,
                       Done done = {});

    // Back and Forward (Alt+Left, Alt+Right; mainwindow_navigation.cpp).
    void goBack();
    void goForward();
    const NavigationHistory &history() const { return m_history; }

    // The live wall (mainwindow_livewall.cpp; View → Live wall, Ctrl+Shift+W): this connection's
    // live stages and those of the connections added to it; null without a connection.
    LiveWall *showLiveWall();
    LiveWall *liveWall() const;
    // Opens a stage of the connection of that name (switching to it first when it is another).
    void openStageOf(const QString &connectionName, const QString &stageArn);
    // Makes the connection of that name the window's (true when it is, or already was).
    bool switchConnection(const QString &connectionName);

public slots:
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void buildToolBar();
    QAction *makeAction(const QString &name, IconId iconId, const QString &text,
                        const QKeySequence &shortcut, const QString &help);
    // Ctrl+1/2/3 and F6: focus to the navigator, the page, the detail pane.
    void buildFocusKeys();
    void focusArea(int area);
    void updateIdentity();
    // The window as it was left (mainwindow_state.cpp): page, selection, tree, splitters,
    // columns per table, filters. Saved on close and as pages go; restored on first connect.
    void saveWindowState();
    void savePageState(QWidget *page) const;
    void restorePageState(ListPage *page);
    bool restoreLastPage();
    void restoreExpanded(const QModelIndex &parent, int first, int last);
    QStringList expandedKeys(const QModelIndex &parent = {}) const;
    bool setPage(QWidget *page);
    void connectListPage(ListPage *page);
    void showStageNames(ListPage *page);
    QString stageName(const QString &stageArn) const;
    void onTreeSelection(const QModelIndex &index);
    void onRowAction(ListPage *page, const QString &action, const QJsonObject &row);
    void showError(const QString &where, const QString &message);
    // The error's message in plain words; its type, status and request id in the tool tip.
    void showError(const QString &where, const aws::AwsError &error);
    // The ordinary question before a delete or stop (non-production connections).
    bool confirmRemoval(const QString &verb, const QString &arn, const models::ResourceKind &kind);
    void copySelection();
    // After a write: every view that shows the resource is fetched again.
    void afterWrite(const QString &kindId, const QString &key);

    void askForKeys();
    void askForEndpoint();
    QJsonObject operationContext(const QString &operation) const;
    void offerResources(OperationDialog *dialog);
    void finishAdmin(const QString &what, const aws::Expected<void> &result, const Done &done,
                     const QString &kindId = {}, const QString &key = {});
    void loadStoredKeyChoices();
    void askExportSession();
    void connectSessionTools(SessionPage *page);
    // mainwindow_navigation.cpp: the history's actions, places and the tree's context menu.
    void buildNavigation();
    void visited(const Place &place);
    // The session page in view reports its tab to the current history entry.
    void trackSessionTab();
    bool goTo(const Place &place);
    // The stage tree selects and reveals the node of the page shown, however it was reached
    // (mainwindow_navigation.cpp); levels not yet listed are listed, then selected.
    void followInTree(const Place &place);
    void revealTreeTarget();
    void updateHistoryActions();
    void showTreeMenu(const QPoint &position);
    // The tree's counts and badges and the alerts of every live stage, from the connection's
    // live monitor (mainwindow_livewall.cpp).
    void wireLiveMonitor(Connection *connection);

    QList<ConnectionChoice> m_choices;
    aws::SecretStore *m_secrets = nullptr;
    ConnectionFactory m_factory;
    QPointer<Connection> m_connection;
    int m_choiceIndex = -1;
    bool m_restored = false; // the last page was restored (or there was none)
    QStringList m_pendingExpanded;
    QHash<QString, QAction *> m_actions;
    QToolBar *m_toolbar = nullptr;
    ConnectionBadge *m_badge = nullptr;
    QSplitter *m_mainSplit = nullptr;
    QSplitter *m_navSplit = nullptr;

    QComboBox *m_connectionBox = nullptr;
    QComboBox *m_regionBox = nullptr;
    QAction *m_regionAction = nullptr; // the region chooser's place in the tool bar
    QMenu *m_viewMenu = nullptr;
    QAction *m_resetLocalAction = nullptr;
    std::function<aws::Expected<void>()> m_resetLocal;
    QAction *m_liveAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QListWidget *m_categories = nullptr;
    QTreeView *m_tree = nullptr;
    QStackedWidget *m_pages = nullptr;
    DetailPane *m_detail = nullptr;
    QTableView *m_logView = nullptr;
    QCheckBox *m_logWritesOnly = nullptr;
    AlertsDock *m_alertsDock = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_inFlightLabel = nullptr;
    QLabel *m_errorLabel = nullptr;

    NavigationHistory m_history;
    bool m_travelling = false;        // navigating by Back/Forward: not a new place
    Place m_treeTarget;               // the page's node the tree is to select
    bool m_treeTargetPending = false; // a level of it is still being listed
    bool m_followingTree = false;     // the tree's current moves with the page: not a navigation
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;

    models::StageTreeModel *m_treeModel = nullptr;
    models::RequestLogModel *m_logModel = nullptr;
    models::RequestLogFilter *m_logFilter = nullptr; // owned by m_logModel
};

} // namespace gr::ui
