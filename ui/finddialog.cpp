#include "finddialog.h"

#include "models/findmodel.h"

#include <algorithm>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace
{
// Rows as wide as the list and no wider: a long ARN is elided in its middle (both its service
// and its id stay readable) instead of widening the rows past the dialog; its tool tip holds
// the whole line.
class ElidingDelegate : public QStyledItemDelegate
{
public:
    explicit ElidingDelegate(QListView *list) : QStyledItemDelegate(list), m_list(list) {}
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize hint = QStyledItemDelegate::sizeHint(option, index);
        hint.setWidth(std::min(hint.width(), m_list->viewport()->width()));
        return hint;
    }

private:
    QListView *m_list;
};

constexpr QSize kPreferredSize(720, 360);
constexpr int kEdgeMargin = 8; // between the dialog and its window's (or screen's) edge
} // namespace

FindDialog::FindDialog(gr::ivs::IvsClient *client, QWidget *parent)
    : QDialog(parent), m_model(new FindModel(client, this))
{
    setWindowTitle(tr("Find"));
    setObjectName(QStringLiteral("findDialog"));
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("query"));
    m_query->setPlaceholderText(
        tr("Stage name, user id, participant id, session id (st-…) or stage ARN"));
    m_query->setClearButtonEnabled(true);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("results"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setResizeMode(QListView::Adjust); // rows follow the list's width
    m_list->setItemDelegate(new ElidingDelegate(m_list));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true); // no text widens the dialog past its window
    // Where a user id is looked for, said before the user wonders why an old one is missing.
    m_scope = new QLabel(this);
    m_scope->setObjectName(QStringLiteral("scope"));
    m_scope->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_scope);
    setMinimumSize(280, 180);
    resize(kPreferredSize);
    // Typing goes to the query whichever child had the focus last (Ctrl+K, then type).
    setFocusProxy(m_query);

    connect(m_query, &QLineEdit::textChanged, m_model, &FindModel::setQuery);
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        if (m_model->rowCount() > 0)
            choose(current.isValid() ? current.row() : 0);
    });
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex &index) { choose(index.row()); });
    auto status = [this] {
        const int n = m_model->rowCount();
        if (m_model->query().size() < 2)
            m_status->setText(tr("Type at least two characters."));
        else if (m_model->isSearching())
            m_status->setText(tr("Searching… %n found so far", nullptr, n));
        else
            m_status->setText(n ? tr("%n found. Enter opens the first, or pick one.", nullptr, n)
                                : tr("Nothing found."));
        showScope();
    };
    connect(m_model, &FindModel::searchingChanged, this, status);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, status);
    status();
}

void FindDialog::showScope()
{
    m_scope->setText(
        m_model->searchesSessionCache()
            ? tr("User and participant ids are looked for in the newest %n session(s) of each "
                 "stage and in every ended session opened before on this computer (cached).",
                 nullptr, m_model->sessionsPerStage())
            : tr("User and participant ids are looked for in the newest %n session(s) of each "
                 "stage only.",
                 nullptr, m_model->sessionsPerStage()));
}

QRect FindDialog::placement(const QRect &bounds, const QRect &over)
{
    const QRect inside = bounds.adjusted(kEdgeMargin, kEdgeMargin, -kEdgeMargin, -kEdgeMargin);
    QRect placed(QPoint(), kPreferredSize.boundedTo(inside.size()));
    placed.moveCenter(over.center());
    // Pushed back inside: the right and bottom edges first, then the left and top win.
    placed.moveRight(std::min(placed.right(), inside.right()));
    placed.moveBottom(std::min(placed.bottom(), inside.bottom()));
    placed.moveLeft(std::max(placed.left(), inside.left()));
    placed.moveTop(std::max(placed.top(), inside.top()));
    return placed;
}

void FindDialog::placeInsideWindow()
{
    // Inside the window that opened it (and always inside the screen), centred over it.
    QRect bounds = screen() ? screen()->availableGeometry() : QRect();
    QRect over = bounds;
    if (QWidget *owner = parentWidget() ? parentWidget()->window() : nullptr) {
        over = owner->geometry();
        bounds = bounds.isValid() ? bounds.intersected(over) : over;
    }
    if (!bounds.isValid())
        return;
    const QRect placed = placement(bounds, over);
    // Its frame (title bar, borders) counts too: the client area is placed inside it.
    const QMargins frame(geometry().left() - frameGeometry().left(),
                         geometry().top() - frameGeometry().top(),
                         frameGeometry().right() - geometry().right(),
                         frameGeometry().bottom() - geometry().bottom());
    setGeometry(placed.marginsRemoved(frame));
}

void FindDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    placeInsideWindow();
    showScope();
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void FindDialog::choose(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const FindModel::Result &r = m_model->result(row);
    emit chosen(int(r.kind), r.stageArn, r.sessionId, r.participantId);
    accept();
}
