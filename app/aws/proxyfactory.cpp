#include "aws/proxyfactory.h"

#include "aws/expected.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkProxy>

namespace gr::aws
{

namespace
{
// The upper-case name first, as botocore (through urllib) reads them; the lower-case one when
// only it is set.
struct Variable {
    QString name;
    QString value; // empty when neither is set
};

Variable variable(const QProcessEnvironment &env, const QString &upper)
{
    for (const QString &n : {upper, upper.toLower()}) {
        const QString value = env.value(n).trimmed();
        if (!value.isEmpty())
            return {n, value};
    }
    return {upper, {}};
}

// An empty URL when the variable is not set; an error naming it when it is no proxy URL.
Expected<QUrl> parseProxy(const Variable &variable)
{
    const QString &value = variable.value;
    if (value.isEmpty())
        return QUrl();
    // "proxy:3128" means http://proxy:3128, as for curl and urllib.
    QUrl url = QUrl::fromUserInput(
        value.contains(QLatin1String("://")) ? value : QStringLiteral("http://") + value);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        return failure(AwsError::Kind::Configuration,
                       QCoreApplication::translate("Proxy", "%1 is not a proxy URL: %2")
                           .arg(variable.name, value));
    }
    return url;
}
} // namespace

EnvironmentProxyFactory::EnvironmentProxyFactory(const QProcessEnvironment &env)
{
    // Each variable is read; when both are wrong, HTTP_PROXY's error is the one kept.
    const Expected<QUrl> https = parseProxy(variable(env, QStringLiteral("HTTPS_PROXY")));
    const Expected<QUrl> http = parseProxy(variable(env, QStringLiteral("HTTP_PROXY")));
    m_https = https.valueOr(QUrl());
    m_http = http.valueOr(QUrl());
    m_error = !http ? http.message() : https.message();
    const QString noProxy = variable(env, QStringLiteral("NO_PROXY")).value;
    for (const QString &entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts))
        m_noProxy << entry.trimmed().toLower();
}

bool EnvironmentProxyFactory::bypassed(const QString &host, int port) const
{
    const QString h = host.toLower();
    for (QString entry : m_noProxy) {
        if (entry == QLatin1String("*"))
            return true;
        // An optional port: "host:8443" bypasses that port only. IPv6 literals keep their colons.
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && !entry.contains(QLatin1Char(']')) && entry.count(QLatin1Char(':')) == 1) {
            if (entry.mid(colon + 1).toInt() != port)
                continue;
            entry.truncate(colon);
        }
        entry.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        if (h == entry || h.endsWith(QLatin1Char('.') + entry))
            return true;
        // Addresses compare as addresses (127.0.0.1 and ::ffff:127.0.0.1 alike), and a CIDR
        // range ("10.0.0.0/8") covers its addresses.
        const QHostAddress address(h);
        if (!address.isNull()) {
            if (entry.contains(QLatin1Char('/'))) {
                if (address.isInSubnet(QHostAddress::parseSubnet(entry)))
                    return true;
            } else if (address.isEqual(QHostAddress(entry))) {
                return true;
            }
        }
    }
    return false;
}

QUrl EnvironmentProxyFactory::proxyFor(const QString &scheme, const QString &host, int port) const
{
    const QUrl &proxy = scheme == QLatin1String("https") ? m_https : m_http;
    if (proxy.isEmpty() || bypassed(host, port))
        return {};
    return proxy;
}

QList<QNetworkProxy> EnvironmentProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const QUrl url = query.url();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QUrl proxy = proxyFor(url.scheme(), url.host(), port);
    if (proxy.isEmpty())
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    // An http proxy URL for https traffic is a CONNECT tunnel (HttpProxy); for http traffic
    // Qt's HttpProxy forwards the request, as urllib does.
    QNetworkProxy result(QNetworkProxy::HttpProxy, proxy.host(), quint16(proxy.port(8080)),
                         proxy.userName(), proxy.password());
    return {result};
}

} // namespace gr::aws
