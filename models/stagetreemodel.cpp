#include "models/stagetreemodel.h"

#include "models/budgets.h"
#include "models/keyedmerge.h"

#include "models/format.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"
#include "models/roles.h"

#include <algorithm>

#include <QBrush>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QPointer>
#include <QScopeGuard>

namespace gr::models
{

struct StageTreeModel::Node {
    NodeType type = NodeType::Stage; // of the children of the root: stages
    QJsonObject json;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    bool listed = false; // first page of children requested and received
    QString nextToken;   // more children to page in
    bool fetching = false;
    // A listing again of every page (refresh or poll): the pages read so far, and the next.
    std::vector<QJsonObject> refreshBuffer;
    QString refreshToken;
    ivs::PageGuard pageGuard;    // ends a listing of this level that would never end
    ivs::PageGuard refreshGuard; // the same, for the listings again
    bool expanded = false;       // in the view (the root: always)
    // Participants: whether they publish now as last told to views (monitorChanged reports
    // only the participants whose answer changed).
    int shownPublishing = -1;
    int viewId = 0; // the budget's view polling the children

    QString key() const
    {
        switch (type) {
        case NodeType::Stage:
            return json.value(QLatin1String("arn")).toString();
        case NodeType::Session:
            return json.value(QLatin1String("sessionId")).toString();
        case NodeType::Participant:
            return json.value(QLatin1String("participantId")).toString();
        }
        return {};
    }
    bool isRoot() const { return parent == nullptr; }
    bool canHaveChildren() const { return isRoot() || type != NodeType::Participant; }
    NodeType childType() const
    {
        return isRoot()                  ? NodeType::Stage
               : type == NodeType::Stage ? NodeType::Session
                                         : NodeType::Participant;
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return -1;
    }
};

StageTreeModel::StageTreeModel(ivs::IvsClient *client, QObject *parent)
    : QAbstractItemModel(parent), m_client(client), m_root(std::make_unique<Node>())
{
}

StageTreeModel::~StageTreeModel() = default;

StageTreeModel::Node *StageTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex StageTreeModel::indexOf(Node *node) const
{
    return node->isRoot() ? QModelIndex() : createIndex(node->row(), 0, node);
}

QModelIndex StageTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex StageTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeOf(child);
    return indexOf(node->parent);
}

int StageTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int StageTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

bool StageTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->canHaveChildren())
        return false;
    return !node->listed || !node->children.empty() || !node->nextToken.isEmpty();
}

StageTreeModel::NodeType StageTreeModel::nodeType(const QModelIndex &index) const
{
    return nodeOf(index)->type;
}

QJsonObject StageTreeModel::json(const QModelIndex &index) const
{
    return index.isValid() ? nodeOf(index)->json : QJsonObject();
}

QString StageTreeModel::stageArn(const QModelIndex &index) const
{
    for (const Node *n = index.isValid() ? nodeOf(index) : nullptr; n && !n->isRoot();
         n = n->parent) {
        if (n->type == NodeType::Stage)
            return n->key();
    }
    return {};
}

QString StageTreeModel::sessionId(const QModelIndex &index) const
{
    for (const Node *n = index.isValid() ? nodeOf(index) : nullptr; n && !n->isRoot();
         n = n->parent) {
        if (n->type == NodeType::Session)
            return n->key();
    }
    return {};
}

QVariant StageTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const QJsonObject &j = node->json;
    if (role == KeyRole)
        return node->key();
    if (role == JsonRole)
        return j;
    if (role == NodeTypeRole)
        return int(node->type);
    QString state;
    QString detail;
    QString label;
    // The monitor's tile of this node's stage, when the node is the live stage or session.
    QModelIndex tile;
    if (m_monitor && node->type != NodeType::Participant) {
        const QModelIndex t = m_monitor->indexOf(stageArn(index));
        if (t.isValid() && (node->type == NodeType::Stage ||
                            t.data(LiveMonitor::SessionIdRole).toString() == node->key()))
            tile = t;
    }
    if (role == ErrorCountRole) {
        if (tile.isValid() && tile.data(LiveMonitor::AgeMsRole).toLongLong() >= 0)
            return tile.data(LiveMonitor::ErrorsRole);
        if (node->type == NodeType::Session && m_knownErrors.contains(node->key()))
            return m_knownErrors.value(node->key());
        return {};
    }
    if (role == PublishersRole || role == SubscribersRole) {
        if (!tile.isValid() || tile.data(LiveMonitor::AgeMsRole).toLongLong() < 0)
            return {};
        return tile.data(role == PublishersRole ? LiveMonitor::PublishersRole
                                                : LiveMonitor::SubscribersRole);
    }
    switch (node->type) {
    case NodeType::Stage:
        label = j.value(QLatin1String("name")).toString();
        if (label.isEmpty())
            label = node->key().section(QLatin1Char('/'), -1);
        // The monitor lists the stages more often than the tree's Background view: once it
        // has, live is whether it has a tile for the stage (the wall and the tree agree).
        state = (m_monitor && m_monitor->stageListings() > 0
                     ? m_monitor->indexOf(node->key()).isValid()
                     : j.contains(QLatin1String("activeSessionId")))
                    ? QStringLiteral("ACTIVE")
                    : QString();
        detail = state.isEmpty() ? tr("idle") : tr("live");
        break;
    case NodeType::Session:
        label = node->key();
        state = j.contains(QLatin1String("endTime")) ? QStringLiteral("STOPPED")
                                                     : QStringLiteral("ACTIVE");
        // Compact, so that the status column fits beside the names: today's sessions by
        // their time, older ones by date and minute; the full time is in the tool tip.
        detail = [&] {
            const QDateTime start =
                QDateTime::fromString(j.value(QLatin1String("startTime")).toString(),
                                      Qt::ISODateWithMs)
                    .toLocalTime();
            if (!start.isValid())
                return displayText(j.value(QLatin1String("startTime")), Format::Time);
            const QString when = start.date() == QDate::currentDate()
                                     ? start.toString(QStringLiteral("HH:mm:ss"))
                                     : start.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            if (state == QLatin1String("ACTIVE"))
                return tr("since %1").arg(when);
            // An ended session says when it ended too: the time alone on the day it started.
            const QDateTime end =
                QDateTime::fromString(j.value(QLatin1String("endTime")).toString(),
                                      Qt::ISODateWithMs)
                    .toLocalTime();
            if (!end.isValid())
                return tr("from %1").arg(when);
            return tr("%1 – %2").arg(when, end.toString(end.date() == start.date()
                                                            ? QStringLiteral("HH:mm:ss")
                                                            : QStringLiteral("yyyy-MM-dd HH:mm")));
        }();
        break;
    case NodeType::Participant:
        label = j.value(QLatin1String("userId")).toString();
        label = label.isEmpty() ? node->key() : QStringLiteral("%1 (%2)").arg(label, node->key());
        state = j.value(QLatin1String("state")).toString();
        detail = state.toLower();
        if (state == QLatin1String("CONNECTED")) {
            // `published` says "ever published in this session"; the monitor knows more.
            const LiveMonitor::Publishing now =
                m_monitor ? m_monitor->publishingNow(stageArn(index), sessionId(index), node->key())
                          : LiveMonitor::Publishing::Unknown;
            const bool ever = j.value(QLatin1String("published")).toBool();
            if (role == PublishingNowRole)
                return now == LiveMonitor::Publishing::Unknown
                           ? QVariant()
                           : QVariant(now == LiveMonitor::Publishing::Yes);
            if (role == ActivityRole)
                return int(now == LiveMonitor::Publishing::Yes ? Activity::Publishing
                           : ever && now == LiveMonitor::Publishing::No
                               ? Activity::StoppedPublishing
                               : Activity::Connected);
            if (now == LiveMonitor::Publishing::Yes)
                detail += tr(", publishing");
            else if (ever)
                detail += now == LiveMonitor::Publishing::No ? tr(", stopped publishing")
                                                             : tr(", has published");
        } else if (role == PublishingNowRole) {
            return false;
        } else if (role == ActivityRole) {
            return int(Activity::Disconnected);
        }
        break;
    }
    QString counts;
    if (tile.isValid() && tile.data(LiveMonitor::AgeMsRole).toLongLong() >= 0)
        counts = tr("%1 pub · %2 sub")
                     .arg(tile.data(LiveMonitor::PublishersRole).toInt())
                     .arg(tile.data(LiveMonitor::SubscribersRole).toInt());
    if (!counts.isEmpty())
        detail += QStringLiteral(" · ") + counts;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? label : detail;
    case RawValueRole:
        return index.column() == 0 ? label : detail;
    case StateRole:
        return state;
    case Qt::ForegroundRole: {
        if (index.column() != 1)
            return {};
        const QColor c = stateColor(state);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant();
    }
    case Qt::ToolTipRole: {
        QString tip = node->key();
        if (node->type == NodeType::Session)
            tip += QLatin1Char('\n') +
                   tr("Started %1")
                       .arg(displayText(j.value(QLatin1String("startTime")), Format::Time));
        const QVariant errors = data(index, ErrorCountRole);
        if (!counts.isEmpty())
            tip += QLatin1Char('\n') + tr("%1 publishing, %2 subscribing (%3)")
                                           .arg(tile.data(LiveMonitor::PublishersRole).toInt())
                                           .arg(tile.data(LiveMonitor::SubscribersRole).toInt())
                                           .arg(m_monitor->ageText(stageArn(index)));
        if (errors.isValid())
            // The badge's count, said as such: an alert's count (all since its first) differs.
            tip += QLatin1Char('\n') +
                   (tile.isValid() ? tr("Errors in the last five minutes: %1 (the badge; the "
                                        "Alerts dock counts all since the first)")
                                         .arg(errors.toInt())
                                   : tr("Errors in its last five minutes: %1 (the badge; the "
                                        "Alerts dock counts all since the first)")
                                         .arg(errors.toInt()));
        // The age of its children's listing, polled while it is expanded.
        if (node->viewId && m_budget)
            tip += QLatin1Char('\n') +
                   (node->type == NodeType::Stage ? tr("Sessions %1") : tr("Participants %1"))
                       .arg(m_budget->ageText(node->viewId));
        return tip;
    }
    default:
        return {};
    }
}

QVariant StageTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == 0 && m_root->viewId && m_budget)
        return tr("Stages %1").arg(m_budget->ageText(m_root->viewId));
    if (role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Stage / session / participant") : tr("Status");
}

bool StageTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return node->canHaveChildren() && !node->fetching &&
           (!node->listed || !node->nextToken.isEmpty());
}

void StageTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    ++m_direct;
    fetchPage(nodeOf(parent), Fetch::More);
}

void StageTreeModel::track(int delta)
{
    const bool was = m_pending > 0;
    m_pending += delta;
    if (was != (m_pending > 0))
        emit loadingChanged(m_pending > 0);
}

StageTreeModel::Node *StageTreeModel::find(const QStringList &path) const
{
    Node *target = m_root.get();
    for (const QString &key : path) {
        auto it = std::find_if(target->children.begin(), target->children.end(),
                               [&](const auto &c) { return c->key() == key; });
        if (it == target->children.end())
            return nullptr;
        target = it->get();
    }
    return target;
}

void StageTreeModel::fetchPage(Node *node, Fetch mode, std::function<void()> done)
{
    QJsonObject input{{QStringLiteral("maxResults"), 100}};
    ivs::Operation op = ivs::Operation::ListStages;
    if (!node->isRoot() && node->type == NodeType::Stage) {
        op = ivs::Operation::ListStageSessions;
        input.insert(QStringLiteral("stageArn"), node->key());
    } else if (!node->isRoot() && node->type == NodeType::Session) {
        op = ivs::Operation::ListParticipants;
        input.insert(QStringLiteral("stageArn"), node->parent->key());
        input.insert(QStringLiteral("sessionId"), node->key());
    }
    const bool again = mode != Fetch::More;
    const QString &token = again ? node->refreshToken : node->nextToken;
    if (!token.isEmpty()) {
        input.insert(QStringLiteral("nextToken"), token);
    } else if (again) {
        node->refreshGuard.reset();
        node->refreshBuffer.clear();
    } else {
        node->pageGuard.reset();
    }
    node->fetching = true;
    track(+1);
    QStringList path;
    for (const Node *n = node; !n->isRoot(); n = n->parent)
        path.prepend(n->key());
    m_client->call(op, input, this, [this, path, op, mode, done](const ivs::IvsResult &result) {
        // Whatever happens below, the budget's turn is over.
        const auto finished = qScopeGuard([done] {
            if (done)
                done();
        });
        track(-1);
        Node *target = find(path);
        if (!target)
            return; // the node went away meanwhile
        target->fetching = false;
        if (!result.ok()) {
            target->refreshBuffer.clear();
            target->refreshToken.clear();
            m_lastError = result.error().toString();
            emit errorOccurred(m_lastError);
            return;
        }
        const QJsonArray items =
            result->output.value(QLatin1String(ivs::operationInfo(op).resultKey)).toArray();
        QString next = result->output.value(QLatin1String("nextToken")).toString();
        ivs::PageGuard &guard = mode == Fetch::More ? target->pageGuard : target->refreshGuard;
        const aws::AwsError stop = guard.admit(op, items.size(), next, result->requestId);
        if (stop.isError()) {
            // The rows shown stay (a listing again is not merged); no further
            // page is asked for.
            m_lastError = stop.toString();
            emit errorOccurred(m_lastError);
            if (mode != Fetch::More) {
                target->refreshBuffer.clear();
                target->refreshToken.clear();
                return;
            }
            next.clear();
        }
        if (mode != Fetch::More) {
            for (const QJsonValue &v : items)
                target->refreshBuffer.push_back(v.toObject());
            target->refreshToken = next;
            if (!next.isEmpty()) {
                // A refresh reads on; a poll asks for the next page in its next
                // turn.
                if (mode == Fetch::Refresh)
                    fetchPage(target, mode);
                return;
            }
            target->nextToken.clear(); // every page is in
            mergeChildren(target, std::exchange(target->refreshBuffer, {}), mode == Fetch::Refresh);
            return;
        }
        appendPage(target, items, next);
    });
}

void StageTreeModel::appendPage(Node *target, const QJsonArray &items, const QString &next)
{
    std::vector<QJsonObject> page;
    QSet<QString> present;
    for (const auto &c : target->children)
        present.insert(c->key());
    for (const QJsonValue &v : items) {
        Node probe;
        probe.type = target->childType();
        probe.json = v.toObject();
        if (!present.contains(probe.key()))
            page.push_back(v.toObject());
    }
    target->listed = true;
    target->nextToken = next;
    if (!page.empty()) {
        const int first = int(target->children.size());
        beginInsertRows(indexOf(target), first, first + int(page.size()) - 1);
        for (QJsonObject &j : page) {
            auto child = std::make_unique<Node>();
            child->type = target->childType();
            child->json = std::move(j);
            child->parent = target;
            target->children.push_back(std::move(child));
        }
        endInsertRows();
    } else if (target != m_root.get()) {
        // No children after all: let views drop the expander.
        const QModelIndex idx = indexOf(target);
        emit dataChanged(idx, idx.siblingAtColumn(1));
    }
}

void StageTreeModel::mergeChildren(Node *node, const std::vector<QJsonObject> &fresh, bool cascade)
{
    const QModelIndex parentIndex = indexOf(node);
    const NodeType type = node->childType();
    MergeTarget target;
    target.rowCount = int(node->children.size());
    target.keyAt = [node](int row) { return node->children[size_t(row)]->key(); };
    for (const QJsonObject &j : fresh) {
        Node probe;
        probe.type = type;
        probe.json = j;
        target.freshKeys.push_back(probe.key());
    }
    target.remove = [&](int first, int last) {
        beginRemoveRows(parentIndex, first, last);
        for (int row = first; row <= last; ++row)
            releaseViews(node->children[size_t(row)].get());
        node->children.erase(node->children.begin() + first, node->children.begin() + last + 1);
        endRemoveRows();
    };
    target.update = [&](int row, int i) {
        Node *child = node->children[size_t(row)].get();
        if (child->json == fresh[size_t(i)])
            return false;
        child->json = fresh[size_t(i)];
        return true;
    };
    target.changed = [&](int first, int last) {
        emit dataChanged(index(first, 0, parentIndex), index(last, 1, parentIndex));
    };
    target.insert = [&](int at, const std::vector<int> &items) {
        beginInsertRows(parentIndex, at, at + int(items.size()) - 1);
        std::vector<std::unique_ptr<Node>> added;
        for (int i : items) {
            auto child = std::make_unique<Node>();
            child->type = type;
            child->json = fresh[size_t(i)];
            child->parent = node;
            added.push_back(std::move(child));
        }
        node->children.insert(node->children.begin() + at, std::make_move_iterator(added.begin()),
                              std::make_move_iterator(added.end()));
        endInsertRows();
    };
    keyedMerge(target);
    node->listed = true;
    if (!cascade)
        return; // polled: each expanded level is a view of its own
    // Levels the user opened are kept current too.
    for (const auto &child : node->children) {
        if (child->listed && !child->fetching) {
            child->refreshToken.clear(); // a refresh lists from the first page
            fetchPage(child.get(), Fetch::Refresh);
        }
    }
}

void StageTreeModel::setMonitor(LiveMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (!monitor)
        return;
    auto rows = [this](int first, int last) {
        for (int row = first; row <= last; ++row)
            monitorChanged(m_monitor->index(row).data(LiveMonitor::StageArnRole).toString());
    };
    connect(monitor, &QAbstractItemModel::dataChanged, this,
            [rows](const QModelIndex &from, const QModelIndex &to) { rows(from.row(), to.row()); });
    connect(monitor, &QAbstractItemModel::rowsInserted, this,
            [rows](const QModelIndex &, int first, int last) { rows(first, last); });
    connect(monitor, &LiveMonitor::participantsListed, this, &StageTreeModel::takeParticipants);
    connect(monitor, &LiveMonitor::sessionEnded, this,
            [this](const QString &stageArn, const QString &sessionId, int errors) {
                m_knownErrors.insert(sessionId, errors);
                monitorChanged(stageArn, sessionId);
            });
}

// The monitor lists the live session's participants more often than the tree's own view of
// the session polls (the session page's table showed a joiner up to one tree poll earlier): its
// listing updates the rows it names and adds those the tree has not met, in place. Rows it does
// not name stay as they are (a listing of the connected ones says nothing of those who left),
// and a node partly paged in, or with a listing of its own under way, waits for that listing.
void StageTreeModel::takeParticipants(const QString &stageArn, const QString &sessionId,
                                      const QList<QJsonObject> &listed, bool everyone)
{
    Q_UNUSED(everyone) // who left is left to the node's own listing either way
    Node *stage = stageNode(stageArn);
    if (!stage || sessionId.isEmpty())
        return;
    Node *session = nullptr;
    for (const auto &child : stage->children) {
        if (child->key() == sessionId)
            session = child.get();
    }
    if (!session || !session->listed || session->fetching || !session->nextToken.isEmpty() ||
        !session->refreshToken.isEmpty())
        return;
    QHash<QString, QJsonObject> byId;
    for (const QJsonObject &j : listed)
        byId.insert(j.value(QLatin1String("participantId")).toString(), j);
    std::vector<QJsonObject> fresh;
    fresh.reserve(session->children.size() + size_t(listed.size()));
    for (const auto &child : session->children) {
        const auto it = byId.find(child->key());
        if (it == byId.end()) {
            fresh.push_back(child->json);
        } else {
            fresh.push_back(*it);
            byId.erase(it);
        }
    }
    // Newcomers after the rows shown, in the order they joined.
    std::vector<QJsonObject> joined(byId.begin(), byId.end());
    std::sort(joined.begin(), joined.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString ta = a.value(QLatin1String("firstJoinTime")).toString();
        const QString tb = b.value(QLatin1String("firstJoinTime")).toString();
        return ta != tb ? ta < tb
                        : a.value(QLatin1String("participantId")).toString() <
                              b.value(QLatin1String("participantId")).toString();
    });
    fresh.insert(fresh.end(), joined.begin(), joined.end());
    mergeChildren(session, fresh, false);
}

void StageTreeModel::setKnownSessionErrors(const QString &sessionId, int errors)
{
    m_knownErrors.insert(sessionId, errors);
    for (const auto &stage : m_root->children) {
        for (const auto &session : stage->children) {
            if (session->key() == sessionId)
                monitorChanged(stage->key(), sessionId);
        }
    }
}

StageTreeModel::Node *StageTreeModel::stageNode(const QString &stageArn) const
{
    for (const auto &stage : m_root->children) {
        if (stage->key() == stageArn)
            return stage.get();
    }
    return nullptr;
}

// The stage's node and its live (or just ended) session's node show new figures.
void StageTreeModel::monitorChanged(const QString &stageArn, const QString &sessionId)
{
    Node *stage = stageNode(stageArn);
    if (!stage)
        return;
    const QModelIndex stageIndex = indexOf(stage);
    emit dataChanged(stageIndex, stageIndex.siblingAtColumn(1));
    const QString live =
        m_monitor ? m_monitor->indexOf(stageArn).data(LiveMonitor::SessionIdRole).toString()
                  : QString();
    for (const auto &session : stage->children) {
        if (session->key() == live || session->key() == sessionId) {
            const QModelIndex i = indexOf(session.get());
            emit dataChanged(i, i.siblingAtColumn(1));
            // Its participants: who publishes now is the monitor's to say. Only those whose
            // answer changed are reported, in runs (not every row of the session each time).
            int runStart = -1;
            const int n = int(session->children.size());
            for (int row = 0; row <= n; ++row) {
                bool differs = false;
                if (row < n) {
                    Node *p = session->children[size_t(row)].get();
                    const int now =
                        int(m_monitor ? m_monitor->publishingNow(stageArn, session->key(), p->key())
                                      : LiveMonitor::Publishing::Unknown);
                    differs = now != std::exchange(p->shownPublishing, now);
                }
                if (differs && runStart < 0) {
                    runStart = row;
                } else if (!differs && runStart >= 0) {
                    emit dataChanged(index(runStart, 0, i), index(row - 1, 1, i));
                    runStart = -1;
                }
            }
        }
    }
}

void StageTreeModel::refresh()
{
    if (m_root->fetching)
        return;
    m_root->refreshToken.clear();
    ++m_direct;
    fetchPage(m_root.get(), Fetch::Refresh);
}

void StageTreeModel::setBudget(RateBudget *budget)
{
    if (m_budget == budget)
        return;
    m_polling = m_polling && budget;
    releaseViews(m_root.get());
    m_budget = budget;
    updateViews();
}

void StageTreeModel::setIntervals(int stagesMs, int nodeMs)
{
    m_stagesMs = stagesMs;
    m_nodeMs = nodeMs;
}

void StageTreeModel::setPolling(bool on)
{
    m_polling = on;
    updateViews();
}

void StageTreeModel::setShown(bool shown)
{
    m_shown = shown;
    updateViews();
}

void StageTreeModel::setExpanded(const QModelIndex &index, bool expanded)
{
    Node *node = nodeOf(index);
    if (node->isRoot() || !node->canHaveChildren() || node->expanded == expanded)
        return;
    node->expanded = expanded;
    updateViews();
}

int StageTreeModel::viewOf(const QModelIndex &index) const
{
    return nodeOf(index)->viewId;
}

void StageTreeModel::updateViews()
{
    updateViews(m_root.get(), m_budget && m_polling);
}

// A node is polled while it and every node above it are expanded (the root always is).
void StageTreeModel::updateViews(Node *node, bool wanted)
{
    if (!node->canHaveChildren())
        return;
    wanted = wanted && (node->isRoot() || node->expanded);
    if (!wanted) {
        releaseViews(node);
        return;
    }
    const auto priority = node->isRoot() || !m_shown ? RateBudget::Priority::Background
                                                     : RateBudget::Priority::Visible;
    if (!node->viewId) {
        QStringList path;
        for (const Node *n = node; !n->isRoot(); n = n->parent)
            path.prepend(n->key());
        node->viewId = m_budget->addView(
            this, budgets::ivsReads(), priority, node->isRoot() ? m_stagesMs : m_nodeMs,
            [this, path](std::function<void()> done) { poll(path, std::move(done)); });
    } else {
        m_budget->setPriority(node->viewId, priority);
    }
    for (const auto &child : node->children)
        updateViews(child.get(), true);
}

void StageTreeModel::releaseViews(Node *node)
{
    if (node->viewId && m_budget)
        m_budget->removeView(node->viewId);
    node->viewId = 0;
    for (const auto &child : node->children)
        releaseViews(child.get());
}

// A turn of the node's view: the next page of its listing again. A page already on its way
// (the user's fetchMore or F5) lets the turn pass.
void StageTreeModel::poll(const QStringList &path, std::function<void()> done)
{
    Node *node = find(path);
    if (!node || node->fetching)
        return done();
    ++m_polled;
    fetchPage(node, node->listed ? Fetch::Poll : Fetch::More, std::move(done));
}

} // namespace gr::models
