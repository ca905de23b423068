#include "models/expectedoutcomes.h"

namespace gr::models
{

ExpectedOutcomes *ExpectedOutcomes::of(QObject *transport)
{
    if (auto *existing = transport->findChild<ExpectedOutcomes *>(
            QStringLiteral("expectedOutcomes"), Qt::FindDirectChildrenOnly))
        return existing;
    auto *made = new ExpectedOutcomes(transport);
    made->setObjectName(QStringLiteral("expectedOutcomes"));
    return made;
}

void ExpectedOutcomes::mark(const QString &requestId, const QString &why)
{
    if (requestId.isEmpty() || m_why.contains(requestId))
        return;
    m_why.insert(requestId, why);
    m_order.push_back(requestId);
    while (int(m_order.size()) > kCapacity) {
        m_why.remove(m_order.front());
        m_order.pop_front();
    }
    emit marked(requestId);
}

} // namespace gr::models
