#include "ui/alertsdock.h"

#include "ui/connectionidentity.h"
#include "ui/stableorder.h"

#include <algorithm>
#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSet>
#include <QStandardItemModel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QSystemTrayIcon>
#include <QTreeView>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{
constexpr int kToolTipLines = 15;

QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

// The title once: most texts already contain it ("PUBLISH_ERROR: X on participant ...").
QString alertText(const models::Alert &alert)
{
    return alert.title.isEmpty() || alert.text.contains(alert.title)
               ? alert.text
               : alert.title + QStringLiteral(": ") + alert.text;
}

// Raw values (SortRole) compared as the view's sort did: numbers as numbers, text ignoring case.
bool rawLess(const QVariant &left, const QVariant &right)
{
    if (left.userType() == QMetaType::QString && right.userType() == QMetaType::QString)
        return QString::compare(left.toString(), right.toString(), Qt::CaseInsensitive) < 0;
    return QVariant::compare(left, right) == QPartialOrdering::Less;
}

// A cell that sorts by its raw value: QStandardItemModel::sort and the dock's own sorted
// insertion compare the same way.
class AlertItem : public QStandardItem
{
public:
    AlertItem() { setEditable(false); }
    bool operator<(const QStandardItem &other) const override
    {
        return rawLess(data(AlertsDock::SortRole), other.data(AlertsDock::SortRole));
    }
};

// The participant column: a cell too narrow for "user (id…)" shortens the id before the user id
// (a default elision cuts the end, where the user's name would go first).
class ParticipantDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QWidget *widget = option->widget;
        const QStyle *style = widget ? widget->style() : QApplication::style();
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        option->text = AlertsDock::participantShown(option->text, option->fontMetrics,
                                                    option->rect.width() - 2 * margin);
    }
};

QList<QStandardItem *> newRow()
{
    QList<QStandardItem *> row;
    for (int c = 0; c < AlertsDock::ColumnCount; ++c)
        row << new AlertItem;
    return row;
}

// A child's subject: its participant and error code (a child's text names one code, so a
// participant with two codes has two children), or the alert itself when it names no
// participant (stage-wide).
QString subjectOf(const QString &connection, int index, const models::Alert &alert)
{
    return alert.participantId.isEmpty() ? QStringLiteral("#%1|%2").arg(connection).arg(index)
                                         : alert.participantId + QLatin1Char('|') + alert.errorCode;
}
} // namespace

// A dock destroyed while shown is hidden by ~QWidget, after this class is gone: its header
// resizes and its viewport sees the pointer leave, and connections to this (the lambdas read
// members) would run on a half-destroyed object (UBSan: "not an object of type AlertsDock").
AlertsDock::~AlertsDock()
{
    m_view->viewport()->removeEventFilter(this);
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
}

AlertsDock::AlertsDock(QWidget *parent)
    : QDockWidget(tr("Alerts"), parent), m_model(new QStandardItemModel(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("alertsDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    m_model->setHorizontalHeaderLabels(
        {tr("Time"), tr("Rule"), tr("Participant"), tr("Alert"), tr("Count"), tr("Connection")});
    m_model->setSortRole(SortRole);
    m_view = new QTreeView(body);
    m_view->setObjectName(QStringLiteral("alertsList"));
    m_view->setAccessibleName(tr("Alerts fired, newest first"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Time, Qt::DescendingOrder);
    m_view->header()->setSortIndicatorShown(true);
    m_view->header()->setStretchLastSection(false);
    // A group row spans the columns with one line (time, rule, stage and session, count), so the
    // columns are the children's: Time and Count fit their contents, the participant starts at
    // a width for a usual "user (id…)" (longer ones elided, whole in the tool tip; the user may
    // widen it), and the alert's own text stretches over the rest. The rule is said by the
    // group: its column stays hidden (its cells still sort).
    QHeaderView *header = m_view->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(Count, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ConnectionColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(Text, QHeaderView::Stretch);
    // The header's padding on both sides comes on top of the text.
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) +
                        fontMetrics().averageCharWidth();
    // A child's time sits two indentations in (the root's branch, then its own level).
    header->resizeSection(Time, 2 * m_view->indentation() +
                                    fontMetrics().horizontalAdvance(QStringLiteral("88:88:88")) +
                                    padding);
    m_whereWidth = fontMetrics().horizontalAdvance(tr("alice-morgan (pBq3…)")) + padding;
    m_view->setItemDelegateForColumn(Where, new ParticipantDelegate(m_view));
    m_view->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (!m_fitting && section == Where)
            m_userSized = true; // the user's widths stand from now on
    });
    fitColumns();
    m_view->setColumnHidden(Rule, true);
    m_view->setColumnHidden(ConnectionColumn, true);
    // Every group row spans the columns (the view keeps the span with the row as it moves).
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                if (under.isValid())
                    return;
                for (int r = first; r <= last; ++r)
                    m_view->setFirstColumnSpanned(r, QModelIndex(), true);
            });
    m_stable = new StableOrder(m_view);
    connect(m_stable, &StableOrder::holdingChanged, this, [this](bool holding) {
        if (!holding)
            sortIfNeeded(nullptr);
    });
    layout->addWidget(m_view);
    auto *bar = new QHBoxLayout;
    m_note = new QLabel(body);
    m_note->setObjectName(QStringLiteral("alertsNote"));
    m_note->setWordWrap(true);
    bar->addWidget(m_note, 1);
    m_rules = new QPushButton(tr("Rules…"), body);
    m_rules->setObjectName(QStringLiteral("alertRulesButton"));
    m_rules->setToolTip(tr("Choose what raises an alert, with its thresholds and stages"));
    connect(m_rules, &QPushButton::clicked, this, &AlertsDock::rulesRequested);
    bar->addWidget(m_rules);
    layout->addLayout(bar);
    setWidget(body);

    // Offscreen and on desktops without a tray there is no notification area: say so.
    const QString how = tr("Double-click an alert to open where it happened; alerts of one rule "
                           "in one stage session are folded into one row (expand it).");
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->show();
        m_note->setText(how);
    } else {
        m_note->setText(how + tr(" No desktop notifications: this desktop has no system tray."));
    }
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(Time);
        const QString metric = first.data(MetricRole).toString();
        // The row's time is its newest event's: the jump selects that event, not just its owner.
        const qint64 eventMs =
            metric.isEmpty() && !first.data(ParticipantIdRole).toString().isEmpty()
                ? first.data(SortRole).toLongLong()
                : 0;
        emit jumpRequested(first.data(StageArnRole).toString(),
                           first.data(SessionIdRole).toString(),
                           first.data(ParticipantIdRole).toString(),
                           first.data(ConnectionRole).toString(), metric, eventMs);
    });
}

QString AlertsDock::participantShown(const QString &text, const QFontMetrics &metrics, int width)
{
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    const qsizetype open = text.lastIndexOf(QStringLiteral(" ("));
    if (open > 0 && text.endsWith(QLatin1Char(')'))) {
        const QString user = text.left(open);
        QString id = text.mid(open + 2, text.size() - open - 3);
        if (id.endsWith(QChar(0x2026)))
            id.chop(1);
        for (qsizetype keep = id.size() - 1; keep >= 1; --keep) {
            const QString shorter = QStringLiteral("%1 (%2…)").arg(user, id.left(keep));
            if (metrics.horizontalAdvance(shorter) <= width)
                return shorter;
        }
        return metrics.elidedText(user, Qt::ElideRight, width);
    }
    return metrics.elidedText(text, Qt::ElideRight, width);
}

void AlertsDock::fitColumns()
{
    if (m_userSized)
        return;
    // A narrow dock gives the participant a share of the width, never all of it.
    const int width = m_view->viewport()->width();
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    m_view->header()->resizeSection(Where, std::min(m_whereWidth, width / 4));
}

bool AlertsDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QDockWidget::eventFilter(watched, event);
}

int AlertsDock::heightForRows(int rows) const
{
    // A tree row is its text and the style's padding; the list sits under the title bar, above
    // the note and the Rules button.
    const int rowHeight =
        m_view->model()->rowCount() > 0 ? m_view->sizeHintForRow(0) : fontMetrics().height() + 6;
    const int list =
        m_view->header()->sizeHint().height() + rows * rowHeight + 2 * m_view->frameWidth();
    const int title = style()->pixelMetric(QStyle::PM_TitleBarHeight, nullptr, this) +
                      2 * style()->pixelMetric(QStyle::PM_DockWidgetTitleMargin, nullptr, this);
    const QLayout *layout = widget()->layout();
    const QMargins margins = layout->contentsMargins();
    const int bar = std::max(m_note->sizeHint().height(), m_rules->sizeHint().height());
    return title + margins.top() + margins.bottom() + list + layout->spacing() + bar;
}

QAbstractItemModel *AlertsDock::alerts() const
{
    return m_model;
}

void AlertsDock::setEngine(models::AlertEngine *engine, const QString &connectionName)
{
    if (m_hasPrimary) {
        // The window's previous connection goes, unless the wall still shows it.
        const QString previous = m_sources.front().name;
        if (m_sources.front().engine)
            disconnect(m_sources.front().engine, nullptr, this, nullptr);
        m_sources.erase(m_sources.begin());
        m_hasPrimary = false;
        const bool kept = std::any_of(m_sources.begin(), m_sources.end(),
                                      [&](const Source &s) { return s.name == previous; });
        if (!kept)
            removeRows(previous);
    }
    // The window's own supersedes a wall-added engine of the same name.
    removeConnection(connectionName);
    if (engine) {
        m_sources.insert(m_sources.begin(), Source{connectionName, engine});
        m_hasPrimary = true;
        listEngine(m_sources.front());
    }
    updateConnectionColumn();
}

void AlertsDock::addEngine(models::AlertEngine *engine, const QString &connectionName)
{
    if (!engine || (m_hasPrimary && m_sources.front().name == connectionName))
        return; // the window's own: listed already
    removeConnection(connectionName);
    m_sources.push_back(Source{connectionName, engine});
    listEngine(m_sources.back());
    updateConnectionColumn();
}

void AlertsDock::listEngine(const Source &source)
{
    models::AlertEngine *engine = source.engine;
    const QString name = source.name;
    for (int i = 0; i < engine->alerts().size(); ++i)
        showAlert(name, i, false);
    connect(engine, &models::AlertEngine::alertRaised, this,
            [this, name](int index) { showAlert(name, index, true); });
    connect(engine, &models::AlertEngine::alertFolded, this,
            [this, name](int index) { showAlert(name, index, false); });
    // An engine that goes (a wall closed) leaves its rows: they still say what happened.
}

void AlertsDock::removeConnection(const QString &connectionName)
{
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        if (it->name == connectionName && !(m_hasPrimary && it == m_sources.begin())) {
            if (it->engine)
                disconnect(it->engine, nullptr, this, nullptr);
            it = m_sources.erase(it);
        } else {
            ++it;
        }
    }
    if (!(m_hasPrimary && m_sources.front().name == connectionName))
        removeRows(connectionName);
    updateConnectionColumn();
}

void AlertsDock::removeRows(const QString &connectionName)
{
    const QStringList keys = m_groups.keys();
    for (const QString &key : keys) {
        QList<Member> &members = m_groups[key];
        const auto gone = std::remove_if(members.begin(), members.end(), [&](const Member &m) {
            return m.connection == connectionName;
        });
        if (gone == members.end())
            continue;
        members.erase(gone, members.end());
        refreshGroup(key);
    }
}

void AlertsDock::showAlert(const QString &connection, int index, bool notify)
{
    const auto source = std::find_if(m_sources.begin(), m_sources.end(),
                                     [&](const Source &s) { return s.name == connection; });
    if (source == m_sources.end() || !source->engine)
        return;
    models::AlertEngine *engine = source->engine;
    const models::Alert &alert = engine->alerts().at(index);
    // Grouped per stage session and by the rule as it read when the alert fired: an edited or
    // reordered rule list neither renames old alerts nor splits one rule's alerts in two, and a
    // stage's next session starts a group of its own.
    const QString key = connection + QLatin1Char('|') + alert.stageArn + QLatin1Char('|') +
                        alert.sessionId + QLatin1Char('|') + alert.rule;
    QList<Member> &members = m_groups[key];
    auto member = std::find_if(members.begin(), members.end(), [&](const Member &m) {
        return m.connection == connection && m.index == index;
    });
    if (member == members.end()) {
        members.append(Member{connection, index, {}, {}, {}});
        member = members.end() - 1;
    }
    member->alert = alert;
    member->ruleText = alert.rule;
    member->stageLabel = engine->stageLabel(alert.stageArn);
    refreshGroup(key);
    if (notify && m_tray)
        m_tray->showMessage(alert.title, alertText(alert));
}

AlertsDock::RowFacts AlertsDock::factsOf(const QList<Member> &members)
{
    // The newest alert speaks for the row; counts and participants are summed.
    RowFacts facts{&*std::max_element(members.begin(), members.end(),
                                      [](const Member &a, const Member &b) {
                                          return a.alert.lastMs < b.alert.lastMs;
                                      }),
                   0,
                   {},
                   0};
    facts.firstMs = facts.newest->alert.firstMs;
    for (const Member &m : members) {
        facts.count += m.alert.count;
        facts.firstMs = std::min(facts.firstMs, m.alert.firstMs);
        if (!m.alert.participantId.isEmpty())
            facts.participants.insert(m.alert.participantId);
    }
    return facts;
}

QString AlertsDock::stageAndSession(const Member &member)
{
    // One rule's rows of two sessions must not read as duplicates.
    QString text = member.stageLabel;
    if (!member.alert.sessionId.isEmpty())
        text += QStringLiteral(" · ") + models::AlertEngine::sessionLabel(member.alert.sessionId);
    return text;
}

void AlertsDock::fillGroup(const QList<QStandardItem *> &row, const QList<Member> &members) const
{
    const RowFacts facts = factsOf(members);
    const Member &newest = *facts.newest;
    const models::Alert &a = newest.alert;
    Cells cells;
    cells.rule = newest.ruleText;
    cells.where = stageAndSession(newest);
    if (facts.participants.size() == 1)
        cells.where += QStringLiteral(" / ") +
                       models::AlertEngine::participantLabel(a.userId, a.participantId);
    else if (facts.participants.size() > 1)
        cells.where += tr(" / %1 participants").arg(facts.participants.size());
    // The newest alert's text only: how many there were is the Count column's (occurrences)
    // and the Where column's (participants, one child row each).
    cells.text = alertText(a);
    // A group says since when it counts: the stage tree's error badge counts the last five
    // minutes only, and the two must not seem to disagree.
    if (facts.count > 1)
        cells.count = tr("×%1 since %2")
                          .arg(facts.count)
                          .arg(QDateTime::fromMSecsSinceEpoch(facts.firstMs)
                                   .toString(QStringLiteral("HH:mm")));
    // "12:32:27  a participant error event — podcast-studio · session st-8Hj2… — ×42 since
    // 12:30": the children under it need no rule or stage, and name their participants.
    QStringList parts{newest.ruleText, newest.stageLabel};
    if (!a.sessionId.isEmpty())
        parts.last() += tr(" · session %1").arg(models::AlertEngine::sessionLabel(a.sessionId));
    if (!cells.count.isEmpty())
        parts << cells.count;
    // Two connections watching one stage session (the wall's and the window's) have a group
    // each: the line says whose, or the two read the same (the Connection column is under it).
    if (m_namesConnections)
        parts << connectionText(newest.connection);
    cells.line = clock(a.lastMs) + QStringLiteral("  ") + parts.join(QStringLiteral(" — "));
    cells.tipCount =
        (facts.count == 1 ? tr("1 alert since %1") : tr("%1 alerts since %2").arg(facts.count))
            .arg(clock(facts.firstMs)) +
        tr(" (the stage tree's error badge counts the last five minutes only)");
    fillCells(row, members, facts, cells);
}

void AlertsDock::fillChild(const QList<QStandardItem *> &row, const QList<Member> &members) const
{
    // A child is read under its group: the rule and the stage are said there once, so the
    // child's cells are its participant and what happened to it (the whole text in the tip).
    const RowFacts facts = factsOf(members);
    const models::Alert &a = facts.newest->alert;
    Cells cells;
    if (facts.participants.size() == 1)
        cells.where = models::AlertEngine::participantLabel(a.userId, a.participantId);
    else
        cells.where = stageAndSession(*facts.newest); // a stage-wide alert
    cells.text = !a.participantId.isEmpty() && !a.title.isEmpty() ? a.title : alertText(a);
    if (facts.count > 1)
        cells.count = QStringLiteral("×%1").arg(facts.count);
    cells.line = clock(a.lastMs);
    fillCells(row, members, facts, cells);
}

void AlertsDock::fillCells(const QList<QStandardItem *> &row, const QList<Member> &members,
                           const RowFacts &facts, const Cells &cells) const
{
    const Member &newest = *facts.newest;
    const models::Alert &a = newest.alert;
    auto set = [&](int column, const QString &text, const QVariant &raw) {
        QStandardItem *item = row.at(column);
        if (item->text() != text)
            item->setText(text);
        if (item->data(SortRole) != raw)
            item->setData(raw, SortRole);
    };
    set(Rule, cells.rule, cells.rule);
    set(Where, cells.where, cells.where);
    set(Text, cells.text, cells.text);
    set(Count, cells.count, facts.count);
    set(Time, cells.line, a.lastMs);
    const QString connection = connectionText(newest.connection);
    set(ConnectionColumn, connection, connection);

    // The tip says in full what the narrow cells cut short: rule, stage, session, participant.
    QStringList lines{tr("Rule: %1").arg(newest.ruleText)};
    lines << (a.sessionId.isEmpty()
                  ? tr("Stage %1").arg(newest.stageLabel)
                  : tr("Stage %1, session %2").arg(newest.stageLabel, a.sessionId));
    if (facts.participants.size() == 1)
        lines << tr("Participant %1")
                     .arg(a.userId.isEmpty()
                              ? a.participantId
                              : QStringLiteral("%1 (%2)").arg(a.userId, a.participantId));
    if (!cells.tipCount.isEmpty())
        lines << cells.tipCount;
    lines << QString();
    QList<Member> byTime = members;
    std::sort(byTime.begin(), byTime.end(),
              [](const Member &x, const Member &y) { return x.alert.lastMs > y.alert.lastMs; });
    for (int i = 0; i < byTime.size() && i < kToolTipLines; ++i) {
        const models::Alert &m = byTime.at(i).alert;
        lines << clock(m.lastMs) + QStringLiteral("  ") + alertText(m) +
                     (m.count > 1 ? QStringLiteral(" ×%1").arg(m.count) : QString());
    }
    if (byTime.size() > kToolTipLines)
        lines << tr("… and %1 more (expand the row)").arg(byTime.size() - kToolTipLines);
    const QString tip = lines.join(QLatin1Char('\n'));
    QStandardItem *first = row.at(Time);
    for (QStandardItem *item : row) {
        if (item->toolTip() != tip)
            item->setToolTip(tip);
    }
    first->setData(a.stageArn, StageArnRole);
    first->setData(a.sessionId, SessionIdRole);
    first->setData(a.participantId, ParticipantIdRole);
    first->setData(newest.connection, ConnectionRole);
    first->setData(a.metric, MetricRole);
    first->setData(int(members.size()), MembersRole);
}

QList<QStandardItem *> AlertsDock::childRow(const QString &key, const QString &subject,
                                            const QList<Member> &members) const
{
    const QList<QStandardItem *> row = newRow();
    fillChild(row, members);
    row.first()->setData(key, GroupKeyRole);
    row.first()->setData(subject, SubjectRole);
    return row;
}

int AlertsDock::placeFor(const QStandardItem *parent, const QList<QStandardItem *> &row) const
{
    const int column = m_view->header()->sortIndicatorSection();
    if (m_stable->holding() || column < 0 || column >= ColumnCount)
        return parent->rowCount();
    const bool descending = m_view->header()->sortIndicatorOrder() == Qt::DescendingOrder;
    const QStandardItem *cell = row.at(column);
    // After its equals, as a stable sort would leave it.
    for (int r = 0; r < parent->rowCount(); ++r) {
        const QStandardItem *there = parent->child(r, column);
        if (descending ? *there < *cell : *cell < *there)
            return r;
    }
    return parent->rowCount();
}

bool AlertsDock::inOrder(const QStandardItem *parent) const
{
    const int column = m_view->header()->sortIndicatorSection();
    if (column < 0 || column >= ColumnCount)
        return true;
    const bool descending = m_view->header()->sortIndicatorOrder() == Qt::DescendingOrder;
    for (int r = 1; r < parent->rowCount(); ++r) {
        const QStandardItem *before = parent->child(r - 1, column);
        const QStandardItem *after = parent->child(r, column);
        if (descending ? *before < *after : *after < *before)
            return false;
    }
    return true;
}

void AlertsDock::sortIfNeeded(const QStandardItem *changedGroup)
{
    if (m_stable->holding())
        return;
    bool sorted = inOrder(m_model->invisibleRootItem());
    if (changedGroup) {
        sorted = sorted && inOrder(changedGroup);
    } else {
        for (int r = 0; sorted && r < m_model->rowCount(); ++r)
            sorted = inOrder(m_model->item(r));
    }
    // One layout change, groups and children at once (QStandardItemModel sorts stably).
    if (!sorted)
        m_model->sort(m_view->header()->sortIndicatorSection(),
                      m_view->header()->sortIndicatorOrder());
}

void AlertsDock::refreshGroup(const QString &key)
{
    const QList<Member> members = m_groups.value(key);
    QStandardItem *group = m_groupRow.value(key);
    if (members.isEmpty()) {
        m_groups.remove(key);
        if (group) {
            m_model->removeRow(group->row());
            m_groupRow.remove(key);
        }
        return;
    }
    // One child row per participant and error code (its alerts summed); an alert with no
    // participant (stage-wide) is a child of its own. One child too: the group's line names no
    // alert text, its child does.
    QStringList subjects;
    QHash<QString, QList<Member>> bySubject;
    for (const Member &m : members) {
        const QString subject = subjectOf(m.connection, m.index, m.alert);
        if (!bySubject.contains(subject))
            subjects << subject;
        bySubject[subject].append(m);
    }
    if (!group) {
        // Filled, children and all, before the model has it: no view sees it half made.
        const QList<QStandardItem *> row = newRow();
        fillGroup(row, members);
        row.first()->setData(key, GroupKeyRole);
        for (const QString &subject : subjects)
            row.first()->appendRow(childRow(key, subject, bySubject.value(subject)));
        m_model->insertRow(placeFor(m_model->invisibleRootItem(), row), row);
        m_groupRow.insert(key, row.first());
        sortIfNeeded(row.first());
        return;
    }
    QList<QStandardItem *> row;
    for (int c = 0; c < ColumnCount; ++c)
        row << m_model->item(group->row(), c);
    fillGroup(row, members);
    QHash<QString, int> childAt;
    for (int r = group->rowCount() - 1; r >= 0; --r) {
        const QString subject = group->child(r)->data(SubjectRole).toString();
        if (!bySubject.contains(subject))
            group->removeRow(r);
    }
    for (int r = 0; r < group->rowCount(); ++r)
        childAt.insert(group->child(r)->data(SubjectRole).toString(), r);
    for (const QString &subject : subjects) {
        if (!childAt.contains(subject)) {
            const QList<QStandardItem *> child = childRow(key, subject, bySubject.value(subject));
            const int place = placeFor(group, child);
            group->insertRow(place, child);
            // Rows below the new one moved down.
            for (auto it = childAt.begin(); it != childAt.end(); ++it)
                if (it.value() >= place)
                    ++it.value();
            childAt.insert(subject, place);
            continue;
        }
        const int r = childAt.value(subject);
        QList<QStandardItem *> cells;
        for (int c = 0; c < ColumnCount; ++c)
            cells << group->child(r, c);
        fillChild(cells, bySubject.value(subject));
    }
    sortIfNeeded(group);
}

QString AlertsDock::connectionText(const QString &connection)
{
    const QString label = ConnectionIdentityStore().identity(connection).label;
    return label.isEmpty() ? connection : label;
}

void AlertsDock::updateConnectionColumn()
{
    QSet<QString> names;
    for (const Source &s : m_sources)
        names.insert(s.name);
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it) {
        for (const Member &m : it.value())
            names.insert(m.connection);
    }
    m_view->setColumnHidden(ConnectionColumn, names.size() <= 1);
    if (m_namesConnections == (names.size() > 1))
        return;
    m_namesConnections = names.size() > 1;
    const QStringList keys = m_groups.keys();
    for (const QString &key : keys)
        refreshGroup(key);
}

} // namespace gr::ui
