#include "aws/requestlog.h"

#include <algorithm>

namespace gr::aws
{

QString logSafeMessage(const QString &message)
{
    QString safe = message;
    for (const char *cut : {"The Canonical String", "The String-to-Sign", "x-amz-security-token"}) {
        const qsizetype at = safe.indexOf(QLatin1String(cut), 0, Qt::CaseInsensitive);
        if (at >= 0)
            safe = safe.left(at).trimmed() + QStringLiteral(" …");
    }
    return safe.size() > 300 ? safe.left(299) + QChar(0x2026) : safe;
}

void RequestLog::append(RequestLogEntry entry)
{
    const int dropped = std::max(0, int(m_entries.size()) - m_capacity + 1);
    if (dropped > 0) {
        emit aboutToDropOldest(dropped);
        m_entries.erase(m_entries.begin(), m_entries.begin() + dropped);
        emit droppedOldest(dropped);
    }
    emit aboutToAppend();
    m_entries.push_back(std::move(entry));
    emit appended();
}

} // namespace gr::aws
