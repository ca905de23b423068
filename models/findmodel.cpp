#include "findmodel.h"

#include "aws/awsclient.h"
#include "ivs/ivsclient.h"
#include "models/expectedoutcomes.h"

#include <QJsonArray>

using gr::ivs::Operation;

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

void FindModel::matchStageNames()
{
    if (!m_knownStages)
        return;
    const auto stages = m_knownStages();
    for (const auto &[arn, name] : stages) {
        if (!name.isEmpty() && name.contains(m_query, Qt::CaseInsensitive))
            add({Kind::Stage, arn, name, {}, {}, {}, tr("stage name")});
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
            if (m_calls.isEmpty())
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
                 add({Kind::Stage,
                      q,
                      stage.value(QLatin1String("name")).toString(),
                      {},
                      {},
                      {},
                      tr("ARN")});
             });
        return;
    }
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
                    add({Kind::Session, stageArn, stageName, q, {}, {}, tr("session id")});
                },
                true);
            continue;
        }
        call(
            int(Operation::ListStageSessions),
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
                                  r.value(QLatin1String("participants")).toArray()) {
                                 const QJsonObject po = p.toObject();
                                 add({Kind::Participant, stageArn, stageName, sessionId,
                                      po.value(QLatin1String("participantId")).toString(),
                                      po.value(QLatin1String("userId")).toString(), tr("user id")});
                             }
                         });
                    QJsonObject byId = where;
                    byId.insert(QStringLiteral("participantId"), q);
                    call(
                        int(Operation::GetParticipant), byId,
                        [this, stageArn, stageName, sessionId](const QJsonObject &r) {
                            const QJsonObject po = r.value(QLatin1String("participant")).toObject();
                            add({Kind::Participant, stageArn, stageName, sessionId,
                                 po.value(QLatin1String("participantId")).toString(),
                                 po.value(QLatin1String("userId")).toString(),
                                 tr("participant id")});
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
    const int row = int(m_results.size());
    beginInsertRows({}, row, row);
    m_results.append(result);
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
    case Qt::DisplayRole:
        switch (r.kind) {
        case Kind::Stage:
            return tr("Stage %1 — %2").arg(r.stageName, r.stageArn);
        case Kind::Session:
            return tr("Session %1 of stage %2").arg(r.sessionId, r.stageName);
        case Kind::Participant:
            return tr("%1 (%2) in session %3 of stage %4 — matched by %5")
                .arg(r.userId.isEmpty() ? tr("no user id") : r.userId, r.participantId, r.sessionId,
                     r.stageName, r.how);
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
