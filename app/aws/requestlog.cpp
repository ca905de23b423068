#include "aws/requestlog.h"

#include <algorithm>

namespace gr::aws
{

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
