#include "findmodel.h"

#include "aws/awsclient.h"
#include "ivs/ivsclient.h"
#include "models/expectedoutcomes.h"

#include <algorithm>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QThreadPool>

using gr::ivs::Operation;

namespace
{
// A participant as ListParticipants or GetParticipant gave it.
FindModel::Result participantFound(const QString &stageArn, const QString &stageName,
                                   const QString &sessionId, const QJsonObject &p,
                                   const QString &how)
{
    FindModel::Result r = FindModel::Result::participant(
        stageArn, stageName, sessionId, p.value(QLatin1String("participantId")).toString(),
        p.value(QLatin1String("userId")).toString(), how);
    r.state = p.value(QLatin1String("state")).toString();
    const QDateTime joined = QDateTime::fromString(
        p.value(QLatin1String("firstJoinTime")).toString(), Qt::ISODateWithMs);
    r.joinedMs = joined.isValid() ? joined.toMSecsSinceEpoch() : 0;
    return r;
}
} // namespace

FindModel::Result FindModel::Result::stage(const QString &arn, const QString &name,
                                           const QString &how)
{
    Result r;
    r.kind = Kind::Stage;
    r.stageArn = arn;
    r.stageName = name;
    r.how = how;
    return r;
}

FindModel::Result FindModel::Result::session(const QString &stageArn, const QString &stageName,
                                             const QString &sessionId, const QString &how)
{
    Result r = stage(stageArn, stageName, how);
    r.kind = Kind::Session;
    r.sessionId = sessionId;
    return r;
}

FindModel::Result FindModel::Result::participant(const QString &stageArn, const QString &stageName,
                                                 const QString &sessionId,
                                                 const QString &participantId,
                                                 const QString &userId, const QString &how)
{
    Result r = session(stageArn, stageName, sessionId, how);
    r.kind = Kind::Participant;
    r.participantId = participantId;
    r.userId = userId;
    return r;
}

FindModel::FindModel(gr::ivs::IvsClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &FindModel::run);
}

FindModel::~FindModel()
{
    ++m_generation;
    for (gr::aws::AwsCall *c : std::as_const(m_calls))
        c->cancel();
}

void FindModel::setQuery(const QString &text)
{
    const QString query = text.trimmed();
    if (query == m_query)
        return;
    m_query = query;
    // Stop what the previous query asked for; its replies are ignored from now on.
    ++m_generation;
    const auto calls = m_calls;
    m_calls.clear();
    for (gr::aws::AwsCall *c : calls)
        c->cancel();
    if (!m_results.isEmpty()) {
        beginRemoveRows({}, 0, int(m_results.size()) - 1);
        m_results.clear();
        endRemoveRows();
    }
    m_seen.clear();
    m_debounce.stop();
    if (m_query.size() >= 2) {
        matchStageNames();
        m_debounce.start();
    }
    emit searchingChanged(m_query.size() >= 2);
}

void FindModel::setSessionCache(const SessionCache &cache, const QString &connectionKey)
{
    m_cache = cache;
    m_cacheKey = connectionKey;
    m_cached.reset();
}

void FindModel::searchSessionCache()
{
    if (!m_cache.isEnabled())
        return;
    if (m_cached) {
        matchCached();
        return;
    }
    if (m_cacheReading)
        return; // matched when the files are read
    m_cacheReading = true;
    // The files are read on a worker thread; the GUI thread never waits on the disk.
    QPointer<FindModel> self(this);
    const SessionCache cache = m_cache;
    const QString key = m_cacheKey;
    QThreadPool::globalInstance()->start([self, cache, key] {
        auto found = std::make_shared<QVector<SessionCache::Participant>>(cache.participants(key));
        QMetaObject::invokeMethod(
            qApp,
            [self, found] {
                if (!self)
                    return;
                self->m_cacheReading = false;
                self->m_cached = std::move(*found);
                if (self->m_query.size() >= 2)
                    self->matchCached();
                if (!self->isSearching())
                    emit self->searchingChanged(false);
            },
            Qt::QueuedConnection);
    });
}

void FindModel::matchCached()
{
    const QString q = m_query;
    QHash<QString, QString> names; // stage ARN -> name, as the window knows them
    if (m_knownStages) {
        for (const auto &[arn, name] : m_knownStages())
            names.insert(arn, name);
    }
    const QString where = tr("in a cached session");
    for (const SessionCache::Participant &p : std::as_const(*m_cached)) {
        // Unnamed: the stage's resource id, the end of its ARN.
        const QString stageName = names.value(p.stageArn).isEmpty()
                                      ? p.stageArn.section(QLatin1Char('/'), -1)
                                      : names.value(p.stageArn);
        if (q == p.sessionId) {
            add(Result::session(p.stageArn, stageName, p.sessionId,
                                tr("session id %1").arg(where)));
        } else if (q == p.participantId ||
                   (!p.userId.isEmpty() && p.userId.contains(q, Qt::CaseInsensitive))) {
            Result r = Result::participant(
                p.stageArn, stageName, p.sessionId, p.participantId, p.userId,
                (q == p.participantId ? tr("participant id %1") : tr("user id %1")).arg(where));
            r.state = QStringLiteral("DISCONNECTED"); // a cached session has ended
            r.joinedMs = p.sessionStartMs;
            add(r);
        }
    }
}

void FindModel::matchStageNames()
{
    if (!m_knownStages)
        return;
    const auto stages = m_knownStages();
    for (const auto &[arn, name] : stages) {
        if (!name.isEmpty() && name.contains(m_query, Qt::CaseInsensitive))
            add(Result::stage(arn, name, tr("stage name")));
    }
}

void FindModel::call(int operation, const QJsonObject &input,
                     std::function<void(const QJsonObject &)> onSuccess, bool probe)
{
    const int generation = m_generation;
    ++m_requests;
    auto holder = std::make_shared<QPointer<gr::aws::AwsCall>>();
    gr::aws::AwsCall *c = m_client->call(
        Operation(operation), input, this,
        [this, generation, holder, onSuccess, probe](const gr::ivs::IvsResult &result) {
            if (*holder)
                m_calls.remove(holder->data());
            if (probe && !result.ok() &&
                result.error().type == QLatin1String("ResourceNotFoundException"))
                gr::models::ExpectedOutcomes::of(m_client->transport())
                    ->mark(result.error().requestId,
                           tr("Find asked whether it is here; it is not"));
            if (generation != m_generation)
                return;
            if (result.ok())
                onSuccess(result->output);
            if (!isSearching())
                emit searchingChanged(false);
        });
    if (c && !c->isFinished()) {
        *holder = c;
        m_calls.insert(c);
    }
}

void FindModel::run()
{
    const QString q = m_query;
    if (q.startsWith(QLatin1String("arn:")) && q.contains(QLatin1String(":stage/"))) {
        call(int(Operation::GetStage), {{QStringLiteral("arn"), q}},
             [this, q](const QJsonObject &o) {
                 const QJsonObject stage = o.value(QLatin1String("stage")).toObject();
                 add(Result::stage(q, stage.value(QLatin1String("name")).toString(), tr("ARN")));
             });
        return;
    }
    searchSessionCache();
    call(
        int(Operation::ListStages), {{QStringLiteral("maxResults"), 100}},
        [this](const QJsonObject &o) { searchStages(o.value(QLatin1String("stages")).toArray()); });
}

void FindModel::searchStages(const QJsonArray &stages)
{
    const QString q = m_query;
    for (const QJsonValue &v : stages) {
        const QString stageArn = v.toObject().value(QLatin1String("arn")).toString();
        const QString stageName = v.toObject().value(QLatin1String("name")).toString();
        if (q.startsWith(QLatin1String("st-"))) {
            call(
                int(Operation::GetStageSession),
                {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("sessionId"), q}},
                [this, stageArn, stageName, q](const QJsonObject &) {
                    add(Result::session(stageArn, stageName, q, tr("session id")));
                },
                true);
            continue;
        }
        call(int(Operation::ListStageSessions),
             {{QStringLiteral("stageArn"), stageArn},
              {QStringLiteral("maxResults"), m_sessionsPerStage}},
             [this, stageArn, stageName, q](const QJsonObject &o) {
                 for (const QJsonValue &s : o.value(QLatin1String("stageSessions")).toArray()) {
                     const QString sessionId =
                         s.toObject().value(QLatin1String("sessionId")).toString();
                     const QJsonObject where{{QStringLiteral("stageArn"), stageArn},
                                             {QStringLiteral("sessionId"), sessionId}};
                     QJsonObject byUser = where;
                     byUser.insert(QStringLiteral("filterByUserId"), q);
                     call(int(Operation::ListParticipants), byUser,
                          [this, stageArn, stageName, sessionId](const QJsonObject &r) {
                              for (const QJsonValue &p :
                                   r.value(QLatin1String("participants")).toArray())
                                  add(participantFound(stageArn, stageName, sessionId, p.toObject(),
                                                       tr("user id")));
                          });
                     QJsonObject byId = where;
                     byId.insert(QStringLiteral("participantId"), q);
                     call(
                         int(Operation::GetParticipant), byId,
                         [this, stageArn, stageName, sessionId](const QJsonObject &r) {
                             add(participantFound(stageArn, stageName, sessionId,
                                                  r.value(QLatin1String("participant")).toObject(),
                                                  tr("participant id")));
                         },
                         true);
                 }
             });
    }
}

void FindModel::add(const Result &result)
{
    const QString key = result.stageArn + QLatin1Char('|') + result.sessionId + QLatin1Char('|') +
                        result.participantId;
    if (m_seen.contains(key))
        return;
    m_seen.insert(key);
    auto rank = [](const Result &r) {
        if (r.kind != Kind::Participant)
            return int(r.kind);
        return r.state == QLatin1String("CONNECTED") ? 2 : 3;
    };
    auto before = [&](const Result &a, const Result &b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a.joinedMs > b.joinedMs;
    };
    // After its equals: results of one kind and time stay in the order they came.
    const int row = int(std::upper_bound(m_results.begin(), m_results.end(), result, before) -
                        m_results.begin());
    beginInsertRows({}, row, row);
    m_results.insert(row, result);
    endInsertRows();
}

int FindModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant FindModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Result &r = m_results[index.row()];
    switch (role) {
    case Qt::ToolTipRole: // the whole line, when the list is narrower than it
    case Qt::DisplayRole:
        switch (r.kind) {
        case Kind::Stage:
            return tr("Stage %1 — %2").arg(r.stageName, r.stageArn);
        case Kind::Session:
            return tr("Session %1 of stage %2").arg(r.sessionId, r.stageName);
        case Kind::Participant: {
            const QString joined =
                r.joinedMs > 0
                    ? QDateTime::fromMSecsSinceEpoch(r.joinedMs).toString(QStringLiteral("HH:mm"))
                    : QString();
            const QString state =
                r.state == QLatin1String("CONNECTED")
                    ? (joined.isEmpty() ? tr("connected") : tr("connected since %1").arg(joined))
                : r.state.isEmpty() ? QString()
                : joined.isEmpty()  ? tr("gone")
                                    : tr("gone, joined %1").arg(joined);
            return tr("%1 (%2)%3 in session %4 of stage %5 — matched by %6")
                .arg(r.userId.isEmpty() ? tr("no user id") : r.userId, r.participantId,
                     state.isEmpty() ? QString() : QStringLiteral(", %1,").arg(state), r.sessionId,
                     r.stageName, r.how);
        }
        }
        break;
    case KindRole:
        return int(r.kind);
    case StageArnRole:
        return r.stageArn;
    case SessionIdRole:
        return r.sessionId;
    case ParticipantIdRole:
        return r.participantId;
    case UserIdRole:
        return r.userId;
    }
    return {};
}
