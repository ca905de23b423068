#pragma once
// How a live stage looks on the wall: StageTileDelegate paints a LiveMonitor row as a tile
// (connection colour and label, name, session age, publishers n/12, subscribers, errors in the
// last five minutes, recording and composition state, a sparkline of publishers, data age);
// its main problem in words ("2 errors in 5 min: PUBLISHER_NOT_FOUND", "recording FAILED",
// "12/12 publishers"), so the colour never carries the meaning alone; red is kept for the
// troubled (a failure, a full stage, a storm of errors), amber for a few errors.
// The wall keeps a shown tile's tool tip true (LiveToolTip). ErrorBadgeDelegate draws the stage
// tree's red error badge.

#include <functional>
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

    static QSize tileSize() { return {280, 170}; }
    // Errors in five minutes from which a stage is troubled (red), not only erring (amber).
    static constexpr int kTroubledErrors = 5;
    enum class Severity { Fine, Erring, Troubled };
    static Severity severity(const QModelIndex &index);
    // The tile's main problem in words (empty when there is none); `codes` are the error
    // codes seen on the stage in the last five minutes, most frequent first.
    static QString mainProblem(const QModelIndex &index, const QStringList &codes);

    // Colour and label of each connection on the wall, by name.
    void setIdentity(const ConnectionIdentity &identity);
    // Where the error codes of a stage's last five minutes come from (the alerts).
    using CodesOf = std::function<QStringList(const QString &connection, const QString &stageArn)>;
    void setCodes(CodesOf codes) { m_codes = std::move(codes); }
    QStringList codesOf(const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // "45 s", "12 min", "1 h 05 min"
    static QString durationText(qint64 ms);
    // One line per figure, for the tile's tool tip and accessibility.
    static QString describe(const QModelIndex &index, const QStringList &codes = {});

    // The tile's tool tip: describe() with its error codes.
    QString toolTipOf(const QModelIndex &index) const { return describe(index, codesOf(index)); }

private:
    QHash<QString, ConnectionIdentity> m_identities;
    CodesOf m_codes;
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
