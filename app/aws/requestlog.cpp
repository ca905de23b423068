#include "aws/requestlog.h"

namespace gr::aws {

void RequestLog::append(RequestLogEntry entry)
{
    int dropped = 0;
    while (int(m_entries.size()) >= m_capacity) {
        m_entries.pop_front();
        ++dropped;
    }
    m_entries.push_back(std::move(entry));
    emit entryAdded(dropped);
}

} // namespace gr::aws
