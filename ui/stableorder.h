#pragma once
// Keeps a sorted view's order still while the user is at it: while the pointer is over the
// view, and for a short grace after a click or a key press in it, the sort/filter proxy stops
// re-sorting (rows that change stay where they are, new rows go to the end); when the pointer
// leaves and the grace is over, the order held back is applied at once. Without a proxy it only
// says when to hold (holding(), holdingChanged): a model that sorts itself does the rest. With an
// approach zone (setApproach: the live wall's page and a margin around it) the order is held as
// soon as the pointer comes that near (or the area is shown where the pointer rests), before it
// reaches a row, and for kApproachHoldMs after it goes away again. Selection and current item
// travel with their rows (persistent indexes), so nothing moves under the user's hand.

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QPoint;
class QWidget;
class QSortFilterProxyModel;
class QTimer;

namespace gr::ui
{

class StableOrder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kGraceMs = 1500;
    static constexpr int kApproachHoldMs = 300;

    // Watches `view` (whose model is `proxy` or a model above it); a child of the view. A null
    // `proxy`: the owner applies the hold itself, on holdingChanged.
    StableOrder(QAbstractItemView *view, QSortFilterProxyModel *proxy);
    explicit StableOrder(QAbstractItemView *view) : StableOrder(view, nullptr) {}

    // True while the order is held back.
    bool holding() const { return m_holding; }
    void setGraceMs(int ms);
    // Holds while the pointer is over `area` or within `marginPx` of it (mouse moves seen by an
    // application-wide filter); null: only the view itself.
    void setApproach(QWidget *area, int marginPx);
    bool pointerNear() const { return m_near; }

signals:
    void holdingChanged(bool holding);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void hold();
    void releaseLater();
    void releaseIfIdle();
    void pointerMovedTo(const QPoint &global);

    QAbstractItemView *m_view;
    // Kept apart from m_view: events reach the filter while the view is being destroyed, when
    // asking it for its viewport would call into a half-destroyed object.
    QObject *m_viewport;
    QPointer<QSortFilterProxyModel> m_proxy;
    QTimer *m_grace;
    QTimer *m_approachHold;
    QPointer<QWidget> m_area;
    int m_margin = 0;
    bool m_near = false;
    bool m_pointerInside = false;
    bool m_holding = false;
};

} // namespace gr::ui
