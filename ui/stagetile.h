#pragma once
// How a live stage looks on the wall: StageTileDelegate paints a LiveMonitor row as a tile
// (connection colour and label, name, session age, publishers n/12, subscribers, errors in the
// last five minutes, recording and composition state, a sparkline of publishers, data age);
// a troubled stage is framed in red. ErrorBadgeDelegate draws the stage tree's red error badge.

#include <QHash>
#include <QStyledItemDelegate>

#include "ui/connectionidentity.h"

namespace gr::ui
{

class StageTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit StageTileDelegate(QObject *parent = nullptr);

    static QSize tileSize() { return {280, 158}; }
    // Colour and label of each connection on the wall, by name.
    void setIdentity(const ConnectionIdentity &identity);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // "45 s", "12 min", "1 h 05 min"
    static QString durationText(qint64 ms);
    // One line per figure, for the tile's tool tip and accessibility.
    static QString describe(const QModelIndex &index);

private:
    QHash<QString, ConnectionIdentity> m_identities;
};

// The tree's status column, with a red pill holding the error count when there are errors.
class ErrorBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `role` holds the count (an int; none or 0: no badge).
    ErrorBadgeDelegate(int role, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Paints a pill with `text` at the right of `rect`; returns the pill's rectangle.
    static QRect paintBadge(QPainter *painter, const QRect &rect, const QString &text,
                            const QColor &colour, const QFont &font);

private:
    int m_role;
};

} // namespace gr::ui
