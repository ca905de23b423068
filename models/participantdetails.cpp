#include "models/participantdetails.h"

#include "ivs/ivsclient.h"
#include "models/budgets.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"

namespace gr::models
{

ParticipantDetails::ParticipantDetails(ivs::IvsClient *client, ResourceListModel *model,
                                       QString stageArn, QString sessionId, QObject *parent)
    : QObject(parent), m_client(client), m_model(model), m_stageArn(std::move(stageArn)),
      m_sessionId(std::move(sessionId))
{
}

void ParticipantDetails::request(const QStringList &participantIds)
{
    QStringList wanted;
    for (const QString &key : participantIds) {
        if (!key.isEmpty() && !m_model->hasExtra(kChannel, key) && !m_pending.contains(key)) {
            m_queue.removeOne(key);
            wanted.append(key);
        }
    }
    m_queue = wanted + m_queue; // what is on screen now first
    pump();
}

void ParticipantDetails::setBudget(RateBudget *budget, RateBudget::Priority priority)
{
    m_budget = budget;
    m_priority = priority;
    if (m_budget)
        budgets::applyRates(m_budget);
}

void ParticipantDetails::pump()
{
    if (!m_budget) {
        while (m_inFlight < kMaxInFlight && !m_queue.isEmpty())
            startNext();
        return;
    }
    // A turn takes the first key then: what came on screen meanwhile goes first.
    while (m_inFlight + m_turnsAsked < kMaxInFlight && m_turnsAsked < m_queue.size()) {
        ++m_turnsAsked;
        m_budget->enqueue(this, budgets::ivsReads(), m_priority, [this] {
            --m_turnsAsked;
            startNext();
        });
    }
}

void ParticipantDetails::startNext()
{
    while (!m_queue.isEmpty()) {
        const QString key = m_queue.takeFirst();
        if (m_model->rowOfKey(key) < 0 || m_model->hasExtra(kChannel, key))
            continue; // gone from the list meanwhile, or already known
        m_pending.insert(key);
        ++m_inFlight;
        m_client->call(
            ivs::Operation::GetParticipant,
            {{QStringLiteral("stageArn"), m_stageArn},
             {QStringLiteral("sessionId"), m_sessionId},
             {QStringLiteral("participantId"), key}},
            this, [this, key](const ivs::IvsResult &result) {
                --m_inFlight;
                m_pending.remove(key);
                const QJsonObject p =
                    result.valueOr({}).output.value(QLatin1String("participant")).toObject();
                QJsonObject extra;
                if (result.ok()) {
                    auto join = [&](const char *a, const char *b) {
                        return QStringList{p.value(QLatin1String(a)).toString(),
                                           p.value(QLatin1String(b)).toString()}
                            .join(QLatin1Char(' '))
                            .trimmed();
                    };
                    extra = {{QStringLiteral("browser"), join("browserName", "browserVersion")},
                             {QStringLiteral("os"), join("osName", "osVersion")},
                             {QStringLiteral("sdkVersion"), p.value(QLatin1String("sdkVersion"))},
                             {QStringLiteral("ispName"), p.value(QLatin1String("ispName"))},
                             {QStringLiteral("protocol"), p.value(QLatin1String("protocol"))}};
                }
                // Failures are remembered as empty details: no retry storm.
                m_model->setExtra(kChannel, key, extra);
                pump();
            });
        return;
    }
}

} // namespace gr::models
