#pragma once
// Proxies as the AWS CLI finds them: HTTPS_PROXY for https, HTTP_PROXY for http (upper or lower
// case), bypassed for hosts in NO_PROXY ("*", a host, ".domain" or "domain" matching its
// subdomains, an IP address, each optionally with ":port"). An https request goes through the
// proxy as a CONNECT tunnel: the proxy sees the host name, never the request.

#include <QNetworkProxyFactory>
#include <QProcessEnvironment>

namespace gr::aws
{

class EnvironmentProxyFactory : public QNetworkProxyFactory
{
public:
    explicit EnvironmentProxyFactory(const QProcessEnvironment &env);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

    // The proxy URL for a scheme ("https" or "http"); empty when none or bypassed for `host`.
    QUrl proxyFor(const QString &scheme, const QString &host, int port) const;
    // A configuration the user must fix (an unparsable proxy URL), naming the variable.
    QString error() const { return m_error; }

private:
    bool bypassed(const QString &host, int port) const;

    QUrl m_https;
    QUrl m_http;
    QStringList m_noProxy;
    QString m_error;
};

} // namespace gr::aws
