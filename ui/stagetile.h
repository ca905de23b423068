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
#include <QRectF>
#include <QStyledItemDelegate>
#include <QVector>

#include "ui/connectionidentity.h"

namespace gr::ui
{

class StageTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit StageTileDelegate(QObject *parent = nullptr);

    // The wall sets the tiles' width from its own (LiveWall: columns from the available
    // width), between these two; the height is fixed.
    static constexpr int kMinTileWidth = 240;
    static constexpr int kDefaultTileWidth = 280;
    static constexpr int kTileHeight = 170;
    static QSize tileSize() { return {kDefaultTileWidth, kTileHeight}; }
    void setTileWidth(int width) { m_tileWidth = width; }
    int tileWidth() const { return m_tileWidth; }

    // Where each part of a tile is drawn in `rect`, and what it says: text never overlaps
    // text or the errors badge, whatever the width (texts elided, the badge shortened).
    struct Layout {
        QRectF tile, inner;
        QRectF name, label, age, errors, publishers, publishersLabel, subscribers, problem,
            recording, composition, spark, updated;
        QString nameText, labelText, ageText, errorsText, publishersText, publishersLabelText,
            subscribersText, problemText, recordingHead, recordingState, compositionHead,
            compositionState, updatedText;
        bool badge = false; // `errors` is the red or amber pill (else plain text)
        // The texts' rectangles by what they show, for tests: {"name", rect}, ...
        QVector<std::pair<QString, QRectF>> texts() const;
    };
    Layout layoutOf(const QRect &rect, const QModelIndex &index, const QFont &font) const;
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
    int m_tileWidth = kDefaultTileWidth;
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
