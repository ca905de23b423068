#pragma once
// The live wall: every live stage of the window's connection, and of the other connections the
// user adds (profiles, regions), as tiles side by side, troubled stages first. Each connection's
// LiveMonitor is polled through that connection's rate budget: tiles on screen are Visible, the
// current tile Selected, the rest Background; a hidden wall makes nothing Visible. Click or
// Enter on a tile asks the window to open that stage (switching connection when it is
// another's). The added connections are remembered by name in QSettings (no secrets).

#include "aws/expected.h"

#include <functional>
#include <map>
#include <QHash>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QConcatenateTablesProxyModel;
class QLabel;
class QListView;
class QMenu;
class QSortFilterProxyModel;
class QTimer;
class QToolButton;

namespace gr::models
{
class AlertEngine;
class LiveMonitor;
} // namespace gr::models

namespace gr::ui
{

class ElidedLabel;

class Connection;
class StableOrder;
class StageTileDelegate;

class LiveWall : public QWidget
{
    Q_OBJECT
public:
    // Makes the connection of a choice by its name (never null), or says why it cannot.
    using ConnectionMaker = std::function<aws::Expected<Connection *>(const QString &name)>;

    explicit LiveWall(QWidget *parent = nullptr);
    ~LiveWall() override;

    // The names of the connections that can be added, and how to make them.
    void setChoices(const QStringList &names, ConnectionMaker maker);
    // The window's own connection and its monitor (null: none). A connection the wall had added
    // itself under the same name is dropped (one monitor per place).
    // Its alerts (optional) give the tiles their error codes.
    void setPrimary(const QString &name, models::LiveMonitor *monitor,
                    models::AlertEngine *alerts = nullptr);
    // Adds another connection by name (remembered); an error saying why when it cannot be made.
    aws::Expected<void> addConnection(const QString &name);
    void removeConnection(const QString &name);
    // The names shown, the window's first.
    QStringList connectionNames() const;
    // The names remembered in QSettings (liveWall/connections).
    static QStringList rememberedNames();

    QListView *view() const { return m_view; }
    StableOrder *stableOrder() const { return m_stable; }
    QAbstractItemModel *tiles() const; // sorted, troubled first
    ElidedLabel *status() const { return m_status; }

    // How many columns of tiles `available` pixels take, and the tiles' width: as many
    // columns as fit at StageTileDelegate::kMinTileWidth, the tiles then as wide as they share
    // (at most kDefaultTileWidth). A tile of the default width needs no more than it.
    static std::pair<int, int> columnsFor(int available);
    // The width `view` lays its tiles out in.
    static int tileRoom(const QListView *view);

signals:
    void stageActivated(const QString &connectionName, const QString &stageArn);
    // The wall made a connection of its own (its alerts are worth showing too).
    void connectionAdded(const QString &name, Connection *connection);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void attach(const QString &name, models::LiveMonitor *monitor, models::AlertEngine *alerts);
    // The error codes of each stage's last five minutes, from the sources' alerts.
    void updateCodes();
    void detach(const QString &name);
    void remember() const;
    void updatePriorities();
    void updateStatus();
    void rebuildAddMenu();
    void fitColumns();

    struct Source {
        QPointer<models::LiveMonitor> monitor;
        QPointer<models::AlertEngine> alerts;
        QPointer<Connection> owned; // made by the wall (not the window's)
    };
    std::map<QString, Source> m_sources;
    // Connections the wall could not make (no credentials, bad configuration): what the user
    // reads in the status line until one is made or removed, not a message the next tick
    // overwrites.
    std::map<QString, QString> m_failed;
    QString m_primary;
    QStringList m_added; // in the order the user added them
    QStringList m_choices;
    ConnectionMaker m_maker;

    QConcatenateTablesProxyModel *m_concat;
    QSortFilterProxyModel *m_sorted;
    StageTileDelegate *m_delegate;
    QListView *m_view;
    StableOrder *m_stable;
    ElidedLabel *m_status;
    QToolButton *m_addButton;
    QMenu *m_addMenu;
    QHash<QString, QStringList> m_codes; // connection|stage ARN → codes, most frequent first
    QTimer *m_tick;
};

} // namespace gr::ui
