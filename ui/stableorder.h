#pragma once
// Keeps a sorted view's order still while the user is at it: while the pointer is over the
// view, and for a short grace after a click or a key press in it, the sort/filter proxy stops
// re-sorting (rows that change stay where they are, new rows go to the end); when the pointer
// leaves and the grace is over, the order held back is applied at once. Selection and current
// item travel with their rows (persistent indexes), so nothing moves under the user's hand.

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QSortFilterProxyModel;
class QTimer;

namespace gr::ui
{

class StableOrder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kGraceMs = 1500;

    // Watches `view` (whose model is `proxy` or a model above it); a child of the view.
    StableOrder(QAbstractItemView *view, QSortFilterProxyModel *proxy);

    // True while the order is held back.
    bool holding() const { return m_holding; }
    void setGraceMs(int ms);

signals:
    void holdingChanged(bool holding);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void hold();
    void releaseLater();
    void releaseIfIdle();

    QAbstractItemView *m_view;
    // Kept apart from m_view: events reach the filter while the view is being destroyed, when
    // asking it for its viewport would call into a half-destroyed object.
    QObject *m_viewport;
    QPointer<QSortFilterProxyModel> m_proxy;
    QTimer *m_grace;
    bool m_pointerInside = false;
    bool m_holding = false;
};

} // namespace gr::ui
