// The pipeline over TLS as real users meet it, against a throwaway CA made in the test: trust
// from a CA bundle (AWS_CA_BUNDLE, a profile's ca_bundle) or the system store; expired, wrong
// host and unknown issuer said in plain words with the certificate's subject and issuer; never
// a fallback to plain HTTP; HTTPS_PROXY / NO_PROXY honoured through a local CONNECT proxy.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/profiles.h"
#include "aws/proxyfactory.h"
#include "stubserver.h"
#include "testca.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyQuery>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace gr::aws;

namespace
{
// A CONNECT-only HTTP proxy: records each tunnel's target and pipes bytes both ways.
class ConnectProxy : public QObject
{
public:
    ConnectProxy()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                connect(client, &QTcpSocket::readyRead, this, [this, client] { onRead(client); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QStringList targets;

private:
    void onRead(QTcpSocket *client)
    {
        if (QTcpSocket *upstream = m_tunnels.value(client)) {
            upstream->write(client->readAll());
            return;
        }
        m_heads[client] += client->readAll();
        const QByteArray head = m_heads[client];
        if (!head.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> line = head.left(head.indexOf('\r')).split(' ');
        if (line.value(0) != "CONNECT") {
            client->write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        const QByteArray target = line.value(1);
        targets << QString::fromLatin1(target);
        auto *upstream = new QTcpSocket(client);
        m_tunnels.insert(client, upstream);
        connect(upstream, &QTcpSocket::connected, client,
                [client] { client->write("HTTP/1.1 200 Connection established\r\n\r\n"); });
        connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        const qsizetype colon = target.lastIndexOf(':');
        upstream->connectToHost(QString::fromLatin1(target.left(colon)),
                                quint16(target.mid(colon + 1).toUInt()));
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_heads;
    QHash<QTcpSocket *, QTcpSocket *> m_tunnels;
};

AwsRequest listStages()
{
    AwsRequest r;
    r.operation = QStringLiteral("ListStages");
    r.path = "/ListStages";
    r.body = "{}";
    return r;
}
} // namespace

class TestTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void trustsWhatTheBundleTrusts();
    void unknownIssuerNamesSubjectAndIssuer();
    void expiredCertificateSaysSo();
    void wrongHostSaysWhichHostTheCertificateIsFor();
    void neverFallsBackToPlainHttp();
    void unreadableBundleIsAClearError();
    void bundleComesFromEnvironmentThenProfile();
    void httpsProxyIsUsedForTheTunnel();
    void noProxyBypassesTheProxy();
    void noProxyRules_data();
    void noProxyRules();
    void badProxyUrlNamesTheVariable();

private:
    AwsCall *run(const QUrl &endpoint);
    QString writeBundle(const QByteArray &pem);
    // m_client for `endpoint`, trusting the test CA through a bundle file.
    void trustTestCa(const QUrl &endpoint);

    TestCa m_ca;
    QTemporaryDir m_dir;
    QNetworkAccessManager *m_network = nullptr;
    StaticCredentialsProvider *m_credentials = nullptr;
    AwsClient *m_client = nullptr;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!m_ca.certificate().isNull());
}

void TestTls::init()
{
    m_network = new QNetworkAccessManager(this);
    m_credentials = new StaticCredentialsProvider(
        {QStringLiteral("AKIDTLS"), QStringLiteral("tls-secret"), {}, {}}, QStringLiteral("test"),
        this);
}

void TestTls::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_credentials;
    delete m_network;
}

QString TestTls::writeBundle(const QByteArray &pem)
{
    const QString path = m_dir.filePath(QStringLiteral("bundle.pem"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(pem);
    return path;
}

void TestTls::trustTestCa(const QUrl &endpoint)
{
    delete m_client;
    m_client = new AwsClient(m_network, endpoint, QStringLiteral("us-west-2"),
                             QStringLiteral("ivs"), m_credentials, nullptr);
    const Expected<void> trusted =
        m_client->setCaBundle(writeBundle(m_ca.pem()), QStringLiteral("AWS_CA_BUNDLE"));
    QVERIFY2(trusted, qPrintable(trusted.message()));
}

AwsCall *TestTls::run(const QUrl &endpoint)
{
    if (!m_client) {
        m_client = new AwsClient(m_network, endpoint, QStringLiteral("us-west-2"),
                                 QStringLiteral("ivs"), m_credentials, nullptr);
        m_client->setRetryPolicy({3, 5, 5, 10});
    }
    AwsCall *call = m_client->send(listStages());
    QSignalSpy spy(call, &AwsCall::finished);
    if (!call->isFinished())
        spy.wait(15000);
    return call;
}

void TestTls::trustsWhatTheBundleTrusts()
{
    StubServer server(m_ca.issue(QStringLiteral("localhost"), {QStringLiteral("localhost")})
                          .serverConfiguration());
    trustTestCa(server.url());
    AwsCall *call = run(server.url());
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.first().target, QByteArray("/ListStages"));
}

void TestTls::unknownIssuerNamesSubjectAndIssuer()
{
    // The system store does not know a CA made a moment ago.
    StubServer server(m_ca.issue(QStringLiteral("localhost"), {QStringLiteral("localhost")})
                          .serverConfiguration());
    AwsCall *call = run(server.url());
    const QString text = call->error().message;
    QCOMPARE(call->error().kind, AwsError::Kind::Network);
    QVERIFY2(text.contains(QLatin1String("is issued by CN=Greenroom Test CA, O=Greenroom tests, "
                                         "which is not trusted by the system's certificate store")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("subject CN=localhost")), qPrintable(text));
    QCOMPARE(call->attempts(), 1); // a certificate is not retried
    QCOMPARE(server.requests.size(), 0);
}

void TestTls::expiredCertificateSaysSo()
{
    StubServer server(
        m_ca.issue(QStringLiteral("localhost"), {QStringLiteral("localhost")}, -3 * 86400, -86400)
            .serverConfiguration());
    trustTestCa(server.url());
    AwsCall *call = run(server.url());
    const QString text = call->error().message;
    QVERIFY2(text.contains(QLatin1String("the certificate of localhost expired on")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("issuer CN=Greenroom Test CA")), qPrintable(text));
    QCOMPARE(server.requests.size(), 0);
}

void TestTls::wrongHostSaysWhichHostTheCertificateIsFor()
{
    StubServer server(m_ca.issue(QStringLiteral("other.example"), {QStringLiteral("other.example")})
                          .serverConfiguration());
    trustTestCa(server.url());
    AwsCall *call = run(server.url());
    const QString text = call->error().message;
    QVERIFY2(
        text.contains(QLatin1String("the certificate is for other.example, not for localhost")),
        qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("subject CN=other.example")), qPrintable(text));
    QCOMPARE(server.requests.size(), 0);
}

void TestTls::neverFallsBackToPlainHttp()
{
    // An https endpoint whose server only speaks plain HTTP, answering the TLS hello with a 400
    // as web servers do: the call fails, and nothing is sent in the clear.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&plain, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = plain.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
            received += socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    AwsCall *call = run(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(plain.serverPort())));
    QCOMPARE(call->error().kind, AwsError::Kind::Network);
    QVERIFY2(call->error().message.contains(QLatin1String("no secure connection to 127.0.0.1")),
             qPrintable(call->error().message));
    QVERIFY(!received.isEmpty());
    QVERIFY(!received.contains("ListStages")); // only a TLS hello went out
    QVERIFY(!received.contains("AKIDTLS"));
}

void TestTls::unreadableBundleIsAClearError()
{
    AwsClient client(m_network, QUrl(QStringLiteral("https://localhost")),
                     QStringLiteral("us-west-2"), QStringLiteral("ivs"), m_credentials, nullptr);
    const Expected<void> missing =
        client.setCaBundle(QStringLiteral("/nonexistent/ca.pem"), QStringLiteral("AWS_CA_BUNDLE"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, AwsError::Kind::Configuration);
    QVERIFY2(missing.message().contains(
                 QLatin1String("/nonexistent/ca.pem (AWS_CA_BUNDLE) cannot be read")),
             qPrintable(missing.message()));
    const Expected<void> empty =
        client.setCaBundle(writeBundle("not a certificate\n"), QStringLiteral("x"));
    QVERIFY(!empty);
    QVERIFY2(empty.message().contains(QLatin1String("holds no PEM certificate")),
             qPrintable(empty.message()));
}

void TestTls::bundleComesFromEnvironmentThenProfile()
{
    QTemporaryDir home;
    QDir(home.path()).mkpath(QStringLiteral(".aws"));
    QFile config(home.filePath(QStringLiteral(".aws/config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile dev]\nregion = eu-west-1\nca_bundle = /etc/dev-ca.pem\n");
    config.close();
    QProcessEnvironment env;
    QObject owner;
    ResolvedConnection resolved =
        ProfileResolver(env, home.path()).resolve({QStringLiteral("dev"), {}, {}}, nullptr, &owner);
    QCOMPARE(resolved.caBundle, QStringLiteral("/etc/dev-ca.pem"));
    QVERIFY(resolved.caBundleOrigin.contains(QLatin1String("ca_bundle of profile 'dev'")));
    env.insert(QStringLiteral("AWS_CA_BUNDLE"), QStringLiteral("/etc/env-ca.pem"));
    resolved =
        ProfileResolver(env, home.path()).resolve({QStringLiteral("dev"), {}, {}}, nullptr, &owner);
    QCOMPARE(resolved.caBundle, QStringLiteral("/etc/env-ca.pem"));
    QCOMPARE(resolved.caBundleOrigin, QStringLiteral("AWS_CA_BUNDLE"));
}

void TestTls::httpsProxyIsUsedForTheTunnel()
{
    for (const QString &variable : {QStringLiteral("HTTPS_PROXY"), QStringLiteral("https_proxy")}) {
        ConnectProxy proxy;
        StubServer server(m_ca.issue(QStringLiteral("localhost"), {QStringLiteral("localhost")})
                              .serverConfiguration());
        trustTestCa(server.url());
        QString error;
        QProcessEnvironment env;
        env.insert(variable, QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        const Expected<void> proxied = m_client->useProxiesFrom(env);
        QVERIFY2(proxied, qPrintable(proxied.message()));
        AwsCall *call = run(server.url());
        QVERIFY2(call->ok(), qPrintable(variable + QLatin1Char(' ') + call->error().toString()));
        QCOMPARE(proxy.targets, QStringList{QStringLiteral("localhost:%1").arg(server.port())});
        m_network->clearConnectionCache();
    }
}

void TestTls::noProxyBypassesTheProxy()
{
    ConnectProxy proxy;
    StubServer server(m_ca.issue(QStringLiteral("localhost"), {QStringLiteral("localhost")})
                          .serverConfiguration());
    trustTestCa(server.url());
    QString error;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HTTPS_PROXY"),
               QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("example.com,localhost"));
    QVERIFY(m_client->useProxiesFrom(env));
    AwsCall *call = run(server.url());
    QVERIFY2(call->ok(), qPrintable(call->error().toString()));
    QVERIFY(proxy.targets.isEmpty());
}

void TestTls::noProxyRules_data()
{
    QTest::addColumn<QString>("noProxy");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("bypassed");
    QTest::newRow("none") << QString() << "ivsrealtime.us-east-1.amazonaws.com" << 443 << false;
    QTest::newRow("star") << "*"
                          << "a.b" << 443 << true;
    QTest::newRow("suffix") << "amazonaws.com"
                            << "ivsrealtime.us-east-1.amazonaws.com" << 443 << true;
    QTest::newRow("dot suffix") << ".amazonaws.com"
                                << "ivsrealtime.amazonaws.com" << 443 << true;
    QTest::newRow("not a suffix") << "zonaws.com"
                                  << "ivsrealtime.amazonaws.com" << 443 << false;
    QTest::newRow("port matches") << "internal:8443"
                                  << "internal" << 8443 << true;
    QTest::newRow("port differs") << "internal:8443"
                                  << "internal" << 443 << false;
    QTest::newRow("address") << "127.0.0.1"
                             << "127.0.0.1" << 443 << true;
    QTest::newRow("cidr") << "10.0.0.0/8"
                          << "10.1.2.3" << 443 << true;
    QTest::newRow("case and spaces") << " Example.COM , x"
                                     << "api.example.com" << 443 << true;
}

void TestTls::noProxyRules()
{
    QFETCH(QString, noProxy);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, bypassed);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("proxy.corp:3128"));
    env.insert(QStringLiteral("NO_PROXY"), noProxy);
    EnvironmentProxyFactory factory(env);
    QVERIFY(factory.error().isEmpty());
    const QUrl proxy = factory.proxyFor(QStringLiteral("https"), host, port);
    QCOMPARE(proxy.isEmpty(), bypassed);
    if (!bypassed)
        QCOMPARE(proxy, QUrl(QStringLiteral("http://proxy.corp:3128")));
    // Plain http has its own variable, unset here.
    QVERIFY(factory.proxyFor(QStringLiteral("http"), host, port).isEmpty());
}

void TestTls::badProxyUrlNamesTheVariable()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("https_proxy"), QStringLiteral("socks5://proxy:1080"));
    EnvironmentProxyFactory factory(env);
    QVERIFY2(factory.error().contains(QLatin1String("https_proxy is not a proxy URL")),
             qPrintable(factory.error()));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
