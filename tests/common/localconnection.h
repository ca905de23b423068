#pragma once
// For UI tests: a connection choice and factory that point the console at an in-process local
// service with its default keys.

#include "aws/credentials.h"
#include "local/localservice.h"
#include "ui/mainwindow.h"

inline gr::aws::Credentials localServiceKeys()
{
    return {QLatin1String(gr::local::LocalService::kDefaultAccessKeyId),
            QLatin1String(gr::local::LocalService::kDefaultSecretAccessKey),
            {},
            {}};
}

inline gr::ui::ConnectionChoice localChoice(const QString &label = QStringLiteral("Local service"))
{
    return {gr::ui::ConnectionChoice::Kind::Local, label, {}, {}, {}};
}

inline gr::ui::MainWindow::ConnectionFactory localConnectionFactory(const QUrl &url)
{
    return
        [url](const gr::ui::ConnectionChoice &choice) -> gr::aws::Expected<gr::ui::Connection *> {
            return new gr::ui::Connection(
                url, QStringLiteral("us-east-1"),
                new gr::aws::StaticCredentialsProvider(localServiceKeys(), QStringLiteral("local")),
                choice.label);
        };
}

// The console on a local service, shown (at `size`, when given) and connected: the first step
// of most UI tests.
class LocalConsole : public gr::ui::MainWindow
{
public:
    explicit LocalConsole(const QUrl &url, QSize size = {})
        : gr::ui::MainWindow({localChoice()}, localConnectionFactory(url))
    {
        if (size.isValid())
            resize(size);
        show();
        openConnection(0);
    }
};
