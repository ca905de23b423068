#pragma once
// Keeps a shown tool tip true while the rows under it change: when the model changes the item
// under the pointer while its tool tip is up, the tip is shown again with the item's new text
// (or hidden when it has none). A live list's tip otherwise keeps the text it opened with
// ("CONNECTED" over a row that now says DISCONNECTED). A child of the view.

#include <functional>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>

class QAbstractItemModel;
class QAbstractItemView;

namespace gr::ui
{

class LiveToolTip : public QObject
{
    Q_OBJECT
public:
    // The item's tip: its ToolTipRole unless the view's delegate says it otherwise.
    using TextOf = std::function<QString(const QModelIndex &index)>;
    explicit LiveToolTip(QAbstractItemView *view, TextOf textOf = {});

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow(QAbstractItemModel *model);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QAbstractItemView *m_view;
    TextOf m_textOf;
    QPointer<QAbstractItemModel> m_model; // the view's model when the tip was shown
    QPersistentModelIndex m_shown;        // the item whose tip is up
};

} // namespace gr::ui
