#pragma once
// A page that lists one kind of resource (in the manner of qBittorrent's TransferListWidget):
// it owns its table, sort/filter proxy, filter box, Load more, status line and the context menu
// built from the kind's operations. What the user asks of a row goes out as actionRequested();
// the window carries it out (forms, confirmations, calls).

#include "models/resourcekinds.h"

#include <functional>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QAbstractProxyModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QVBoxLayout;

namespace gr::ui
{

class Connection;

class ListPage : public QWidget
{
    Q_OBJECT
public:
    // Actions a row's context menu (or key) can ask for, besides the kind's RowActions.
    static constexpr const char *kRemove = "remove";
    static constexpr const char *kCreate = "create";
    static constexpr const char *kEdit = "edit";
    static constexpr const char *kDuplicate = "duplicate";
    // Live updates list the page again this often (within the rate budget).
    static constexpr int kLiveIntervalMs = 5000;

    ListPage(Connection *connection, const models::ResourceKind &kind, models::Scope scope,
             QWidget *parent = nullptr);
    ~ListPage() override;

    const models::ResourceKind &kind() const { return m_kind; }
    const models::Scope &scope() const { return m_scope; }
    models::ResourceListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterBox() const { return m_filter; }
    QLabel *statusLabel() const { return m_status; }

    void setTitle(const QString &title);
    // The user's column widths were restored: the columns are no longer fitted to the rows.
    void setKeepColumnWidths(bool keep) { m_keepWidths = keep; }
    bool keepsColumnWidths() const { return m_keepWidths; }
    // The user sized, moved or hid columns here (or earlier, restored): worth keeping. Widths
    // the page fitted itself are not kept, so the next visit fits the rows it then has.
    bool columnsArrangedByUser() const
    {
        return m_keepWidths || m_userMoved || !m_userSized.isEmpty();
    }
    // A proxy that changes how cells read (it must keep rows as they are, as an identity proxy
    // does) between the model and the sort/filter proxy.
    void setDisplayProxy(QAbstractProxyModel *proxy);
    // A bar of the page's own (participant filters) under the title.
    void addBar(QWidget *bar);
    // Lists another variant of the same kind (e.g. other server-side filters): a new list.
    void setSpec(const models::ListSpec &spec);
    void refresh();
    // While held (the user's pointer on the rows), refreshes wait: a merge would insert or
    // remove rows under the user's hand, which no held sort order prevents. Released, a refresh
    // that waited runs at once.
    void holdRefreshes(bool hold);
    // Selects the row with this key once it is listed (now or when it arrives).
    void selectKey(const QString &key);

    QJsonObject selectedRow() const;
    QString selectedKey() const;
    // "Delete stage show-1…", "Disconnect alice…"; empty when the selection cannot be removed.
    QString removeText() const;
    static QString removeText(const models::ResourceKind &kind, const QJsonObject &row);

    // The budget view that keeps the list fresh while Live updates are on (0: none): Selected
    // while the page is on screen, Background while hidden (a tab not shown); its age is the
    // status line's "updated N s ago".
    int liveView() const { return m_liveView; }

signals:
    void currentChanged(const QJsonObject &row, const QString &key);
    // Double-click or Enter: open what the row holds (a stage's sessions...).
    void activated(const QJsonObject &row, const QString &key);
    // A refresh changed a row of the list shown now (whichever model the filters chose).
    void rowChanged(const QString &key, const QJsonObject &row);
    void actionRequested(const QString &action, const QJsonObject &row);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateLiveView();
    void liveFetch(std::function<void()> done);
    void setModel(models::ResourceListModel *model, bool owned);
    int sourceRow(const QModelIndex &viewIndex) const;
    QModelIndex viewIndex(int sourceRow) const;
    void updateStatus();
    void fitColumns();
    void widenColumns();
    void showMenu(const QPoint &pos);
    void onSelection();
    void requestVisibleDetails();

    Connection *m_connection;
    const models::ResourceKind &m_kind;
    models::Scope m_scope;
    QPointer<models::ResourceListModel> m_model;
    bool m_ownsModel = true;
    QVBoxLayout *m_layout;
    QLabel *m_title;
    QLabel *m_status;
    QLineEdit *m_filter;
    QPushButton *m_loadMore;
    QTableView *m_table;
    QSortFilterProxyModel *m_proxy;
    QPointer<QAbstractProxyModel> m_displayProxy;
    QObject *m_details = nullptr; // ParticipantDetails, for participant lists
    QTimer *m_detailsDebounce;
    int m_liveView = 0;
    std::function<void()> m_liveDone; // the budget's turn, ended when the refresh ends
    bool m_refreshesHeld = false;
    bool m_refreshWaiting = false; // asked for while held
    QTimer *m_ageClock;            // repaints the age the budget gives, once a second
    QString m_pendingSelection;
    bool m_keepWidths = false;
    bool m_fitting = false; // our own resize, not the user's
    QSet<int> m_userSized;  // columns the user resized (or hid): left alone
    bool m_userMoved = false;
};

} // namespace gr::ui
