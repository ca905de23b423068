#include "aws/oneshotbody.h"

#include <cstring>

namespace gr::aws
{

OneShotBody::OneShotBody(QByteArray data, QObject *parent)
    : QIODevice(parent), m_data(std::move(data))
{
    open(QIODevice::ReadOnly);
}

qint64 OneShotBody::bytesAvailable() const
{
    return m_data.size() - m_offset + QIODevice::bytesAvailable();
}

qint64 OneShotBody::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, qint64(m_data.size()) - m_offset);
    if (n <= 0)
        return m_offset >= m_data.size() ? -1 : 0;
    std::memcpy(data, m_data.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}

} // namespace gr::aws
