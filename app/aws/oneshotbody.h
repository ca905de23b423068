#pragma once
// A request body that can be read once and never rewound. QNetworkAccessManager silently
// re-sends a request whose connection closed before the answer; with a body it cannot rewind it
// reports ContentReSendError instead, which is what a create that may have reached the service
// needs: it must never be sent twice behind the user's back.

#include <QIODevice>

namespace gr::aws
{

class OneShotBody : public QIODevice
{
    Q_OBJECT
public:
    OneShotBody(QByteArray data, QObject *parent);

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_offset = 0;
};

} // namespace gr::aws
