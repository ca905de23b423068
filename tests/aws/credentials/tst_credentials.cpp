// Credentials, profiles, regions and endpoints resolved as the AWS CLI does, from every source,
// and clear errors for malformed files.

#include "aws/assumerole.h"
#include "aws/credentials.h"
#include "aws/inifile.h"
#include "aws/profiles.h"
#include "aws/secretstore.h"
#include "aws/sigv4.h"
#include "stubserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gr::aws;

class TestCredentials : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void iniParsesProfilesAndNestedKeys();
    void iniErrorsNameFileAndLine_data();
    void iniErrorsNameFileAndLine();
    void environmentKeys();
    void environmentPartialKeysIsAnError();
    void explicitProfileBeatsEnvironmentKeys();
    void awsProfileVariable();
    void credentialsFileThenConfigFile();
    void partialProfileKeysIsAnError();
    void missingProfileIsAnError();
    void regionPrecedence();
    void endpointPrecedence();
    void remotePlainHttpRefused();
    void malformedConfigFileReported();
    void noCredentialsAnywhere();
    void credentialProcess();
    void credentialProcessRefreshesBeforeExpiration();
    void credentialProcessErrors_data();
    void credentialProcessErrors();
    void assumeRoleCallsStsWithSourceCredentials();
    void assumeRoleErrorIsReported();
    void sourceProfileLoopIsAnError();
    void typedKeysLiveInTheSecretStore();
    void fileLocationsFromEnvironment();

private:
    void write(const QString &name, const QByteArray &content);
    ProfileResolver resolver() const { return ProfileResolver(m_env, m_dir->path()); }
    // Runs the provider's get() to completion.
    static std::pair<Credentials, QString> fetch(CredentialsProvider *provider);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    QNetworkAccessManager m_network;
};

void TestCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QDir(m_dir->path()).mkpath(QStringLiteral(".aws"));
    m_env = QProcessEnvironment(); // nothing from the machine running the test
}

void TestCredentials::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir->filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

std::pair<Credentials, QString> TestCredentials::fetch(CredentialsProvider *provider)
{
    std::optional<std::pair<Credentials, QString>> result;
    QObject context;
    provider->get(&context, [&](const Credentials &c, const QString &e) { result.emplace(c, e); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return {{}, QStringLiteral("timed out")};
    return *result;
}

void TestCredentials::iniParsesProfilesAndNestedKeys()
{
    const Expected<IniFile> parsed =
        IniFile::parse("# comment\n[default]\nregion = eu-west-1\n; other\n"
                       "[profile dev]\r\nregion=us-west-2\ns3 =\n  max_concurrent = 10\n"
                       "output = json\n",
                       QStringLiteral("config"));
    QVERIFY2(parsed, qPrintable(parsed.message()));
    const IniFile &ini = *parsed;
    QCOMPARE(ini.sections.value(QStringLiteral("default")).values.value(QStringLiteral("region")),
             QStringLiteral("eu-west-1"));
    const IniSection dev = ini.sections.value(QStringLiteral("profile dev"));
    QCOMPARE(dev.values.value(QStringLiteral("region")), QStringLiteral("us-west-2"));
    QCOMPARE(dev.nested.value(QStringLiteral("s3")).value(QStringLiteral("max_concurrent")),
             QStringLiteral("10"));
    QCOMPARE(dev.values.value(QStringLiteral("output")), QStringLiteral("json"));
}

void TestCredentials::iniErrorsNameFileAndLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("key before section")
        << QByteArray("\nregion = x\n") << "cfg:2: 'region' appears before any [section]";
    QTest::newRow("unclosed header") << QByteArray("[default]\n[profile x\n")
                                     << "cfg:2: section header is missing its closing ']'";
    QTest::newRow("garbage") << QByteArray("[default]\nregion = a\nthis is not ini\n")
                             << "cfg:3: expected '[section]' or 'key = value'";
    QTest::newRow("empty section") << QByteArray("[ ]\n") << "cfg:1: empty section name";
}

void TestCredentials::iniErrorsNameFileAndLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const Expected<IniFile> parsed = IniFile::parse(content, QStringLiteral("cfg"));
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind, AwsError::Kind::Configuration);
    QVERIFY2(parsed.message().startsWith(expected), qPrintable(parsed.message()));
}

void TestCredentials::environmentKeys()
{
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret-env"));
    m_env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("token-env"));
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-central-1"));
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    QVERIFY(c.credentials);
    QCOMPARE(c.region, QStringLiteral("eu-central-1"));
    QCOMPARE(c.endpoint, QUrl(QStringLiteral("https://ivsrealtime.eu-central-1.amazonaws.com")));
    const auto [creds, error] = fetch(c.credentials);
    QVERIFY(error.isEmpty());
    QCOMPARE(creds.accessKeyId, QStringLiteral("AKIAENV"));
    QCOMPARE(creds.secretAccessKey, QStringLiteral("secret-env"));
    QCOMPARE(creds.sessionToken, QStringLiteral("token-env"));
}

void TestCredentials::environmentPartialKeysIsAnError()
{
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY(c.error.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY")));
}

void TestCredentials::explicitProfileBeatsEnvironmentKeys()
{
    write(QStringLiteral(".aws/credentials"),
          "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = secret-dev\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret-env"));
    QObject owner;
    const ResolvedConnection c = resolver().resolve(
        {QStringLiteral("dev"), QStringLiteral("us-west-2"), {}}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    QCOMPARE(fetch(c.credentials).first.accessKeyId, QStringLiteral("AKIADEV"));
    QCOMPARE(c.credentials->description(), QStringLiteral("profile dev"));
}

void TestCredentials::awsProfileVariable()
{
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = s\n"
          "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = s\n");
    write(QStringLiteral(".aws/config"), "[profile ops]\nregion = ap-south-1\n");
    m_env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("ops"));
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    QCOMPARE(c.profile, QStringLiteral("ops"));
    QCOMPARE(c.region, QStringLiteral("ap-south-1"));
    QCOMPARE(fetch(c.credentials).first.accessKeyId, QStringLiteral("AKIAOPS"));
}

void TestCredentials::credentialsFileThenConfigFile()
{
    // Keys may live in the config file too; the credentials file wins when both have them.
    write(QStringLiteral(".aws/config"),
          "[default]\nregion = us-east-1\naws_access_key_id = AKIACFG\naws_secret_access_key = c\n"
          "[profile cfgonly]\nregion = us-east-1\naws_access_key_id = AKIAONLY\n"
          "aws_secret_access_key = o\naws_session_token = tok\n");
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIACRED\naws_secret_access_key = k\n");
    QObject owner;
    ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    QCOMPARE(fetch(c.credentials).first.accessKeyId, QStringLiteral("AKIACRED"));
    c = resolver().resolve({QStringLiteral("cfgonly"), {}, {}}, &m_network, &owner);
    const Credentials creds = fetch(c.credentials).first;
    QCOMPARE(creds.accessKeyId, QStringLiteral("AKIAONLY"));
    QCOMPARE(creds.sessionToken, QStringLiteral("tok"));
    QCOMPARE(resolver().profileNames().value(),
             (QStringList{QStringLiteral("cfgonly"), QStringLiteral("default")}));
}

void TestCredentials::partialProfileKeysIsAnError()
{
    write(QStringLiteral(".aws/credentials"), "[default]\naws_access_key_id = AKIA\n");
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(c.error.contains(QStringLiteral("aws_secret_access_key")), qPrintable(c.error));
}

void TestCredentials::missingProfileIsAnError()
{
    QObject owner;
    const ResolvedConnection c = resolver().resolve(
        {QStringLiteral("nope"), QStringLiteral("us-east-1"), {}}, &m_network, &owner);
    QVERIFY2(c.error.contains(QStringLiteral("'nope'")), qPrintable(c.error));
}

void TestCredentials::regionPrecedence()
{
    write(QStringLiteral(".aws/config"), "[default]\nregion = from-profile\n");
    QObject owner;
    QCOMPARE(resolver().resolve({}, &m_network, &owner).region, QStringLiteral("from-profile"));
    m_env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("from-default-region"));
    QCOMPARE(resolver().resolve({}, &m_network, &owner).region,
             QStringLiteral("from-default-region"));
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("from-region"));
    QCOMPARE(resolver().resolve({}, &m_network, &owner).region, QStringLiteral("from-region"));
    QCOMPARE(resolver().resolve({{}, QStringLiteral("from-cli"), {}}, &m_network, &owner).region,
             QStringLiteral("from-cli"));
}

void TestCredentials::endpointPrecedence()
{
    write(QStringLiteral(".aws/config"),
          "[default]\nregion = us-east-1\nendpoint_url = https://profile.example\n"
          "[profile svc]\nregion = us-east-1\nservices = mine\nendpoint_url = https://ignored\n"
          "[services mine]\nivs_realtime =\n  endpoint_url = https://services.example\n");
    QObject owner;
    auto endpoint = [&](const ConnectionOptions &o) {
        return resolver().resolve(o, &m_network, &owner).endpoint.toString();
    };
    QCOMPARE(endpoint({}), QStringLiteral("https://profile.example"));
    QCOMPARE(endpoint({QStringLiteral("svc"), {}, {}}), QStringLiteral("https://services.example"));
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("https://global.example"));
    QCOMPARE(endpoint({}), QStringLiteral("https://global.example"));
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_IVS_REALTIME"),
                 QStringLiteral("http://127.0.0.1:4566"));
    QCOMPARE(endpoint({}), QStringLiteral("http://127.0.0.1:4566"));
    QCOMPARE(endpoint({{}, {}, QStringLiteral("http://localhost:9")}),
             QStringLiteral("http://localhost:9"));
}

void TestCredentials::remotePlainHttpRefused()
{
    QObject owner;
    const ResolvedConnection c = resolver().resolve(
        {{}, QStringLiteral("us-east-1"), QStringLiteral("http://ivs.example.com")}, &m_network,
        &owner);
    QVERIFY2(c.error.contains(QStringLiteral("plain http")), qPrintable(c.error));
    QVERIFY(ProfileResolver::checkEndpoint(QUrl(QStringLiteral("ftp://x")))
                .contains(QStringLiteral("https://")));
}

void TestCredentials::malformedConfigFileReported()
{
    write(QStringLiteral(".aws/config"), "[default]\nregion = us-east-1\n[profile broken\n");
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(
        c.error.contains(m_dir->filePath(QStringLiteral(".aws/config")) + QStringLiteral(":3:")),
        qPrintable(c.error));
    const Expected<QStringList> names = resolver().profileNames();
    QVERIFY(!names);
    QVERIFY(!names.message().isEmpty());
}

void TestCredentials::noCredentialsAnywhere()
{
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY(!c.credentials);
    // No region either: the console offers the local service instead of failing silently.
    // Both are said, not just the first found missing.
    QVERIFY2(c.error.startsWith(QStringLiteral("no region and no credentials: ")),
             qPrintable(c.error));
}

void TestCredentials::credentialProcess()
{
    write(QStringLiteral("creds.sh"),
          "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", "
          "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", "
          "\"Expiration\": \"2999-01-01T00:00:00Z\"}'\n");
    QFile::setPermissions(m_dir->filePath(QStringLiteral("creds.sh")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    write(QStringLiteral(".aws/config"), "[default]\nregion = us-east-1\ncredential_process = \"" +
                                             m_dir->filePath(QStringLiteral("creds.sh")).toUtf8() +
                                             "\" --profile p\n");
    QObject owner;
    const ResolvedConnection c = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    const auto [creds, error] = fetch(c.credentials);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(creds.accessKeyId, QStringLiteral("AKIAPROC"));
    QCOMPARE(creds.sessionToken, QStringLiteral("t"));
    QCOMPARE(creds.expiration, QDateTime(QDate(2999, 1, 1), QTime(0, 0), Qt::UTC));
}

void TestCredentials::credentialProcessRefreshesBeforeExpiration()
{
    // Each run appends to a counter file and gives credentials expiring in 2 minutes, which is
    // inside the 5-minute refresh margin: every get() must run the process again.
    const QString counter = m_dir->filePath(QStringLiteral("runs"));
    const QString expiry = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODate);
    write(QStringLiteral("creds.sh"),
          "#!/bin/sh\necho run >> '" + counter.toUtf8() +
              "'\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"s\", "
              "\"Expiration\": \"" +
              expiry.toUtf8() + "\"}'\n");
    QFile::setPermissions(m_dir->filePath(QStringLiteral("creds.sh")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    ProcessCredentialsProvider provider(m_dir->filePath(QStringLiteral("creds.sh")),
                                        QStringLiteral("test"));
    QVERIFY(fetch(&provider).second.isEmpty());
    QVERIFY(fetch(&provider).second.isEmpty());
    QFile runs(counter);
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(runs.readAll().count("run"), 2);
}

void TestCredentials::credentialProcessErrors_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exit code") << QByteArray("echo 'token expired, run aws sso login' >&2; exit 3")
                               << "exited with code 3: token expired, run aws sso login";
    QTest::newRow("not json") << QByteArray("echo hello") << "output is not JSON";
    QTest::newRow("wrong version") << QByteArray("echo '{\"Version\": 2}'") << "\"Version\": 1";
    QTest::newRow("no secret") << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'")
                               << "lacks \"SecretAccessKey\"";
    QTest::newRow("expired") << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", "
                                           "\"SecretAccessKey\": \"s\", \"Expiration\": "
                                           "\"2001-01-01T00:00:00Z\"}'")
                             << "expired at 2001-01-01T00:00:00Z";
    QTest::newRow("token a number")
        << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": "
                      "\"s\", \"SessionToken\": 7}'")
        << "\"SessionToken\" that is not a string";
    QTest::newRow("expiration a number")
        << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": "
                      "\"s\", \"Expiration\": 1700000000}'")
        << "\"Expiration\" that is not an ISO 8601 time";
}

void TestCredentials::credentialProcessErrors()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, expected);
    write(QStringLiteral("creds.sh"), "#!/bin/sh\n" + script + "\n");
    QFile::setPermissions(m_dir->filePath(QStringLiteral("creds.sh")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    ProcessCredentialsProvider provider(m_dir->filePath(QStringLiteral("creds.sh")),
                                        QStringLiteral("profile p"));
    const auto [creds, error] = fetch(&provider);
    QVERIFY(!creds.isValid());
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(error.startsWith(QStringLiteral("profile p")));

    ProcessCredentialsProvider missing(QStringLiteral("/nonexistent/helper"), QStringLiteral("x"));
    QVERIFY(fetch(&missing).second.contains(QStringLiteral("could not start")));
}

void TestCredentials::assumeRoleCallsStsWithSourceCredentials()
{
    StubServer sts;
    sts.script.append({200,
                       {},
                       R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult><Credentials>
    <AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
    <SessionToken>role-token</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration>
  </Credentials></AssumeRoleResult></AssumeRoleResponse>)",
                       0,
                       false});
    write(QStringLiteral(".aws/credentials"),
          "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
    write(QStringLiteral(".aws/config"),
          "[profile admin]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
          "source_profile = base\nexternal_id = ext-42\nrole_session_name = me\n"
          "duration_seconds = 1800\n");
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), sts.url().toString());
    QObject owner;
    const ResolvedConnection c =
        resolver().resolve({QStringLiteral("admin"), {}, {}}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    const auto [creds, error] = fetch(c.credentials);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(creds.accessKeyId, QStringLiteral("ASIAROLE"));
    QCOMPARE(creds.sessionToken, QStringLiteral("role-token"));

    QCOMPARE(sts.requests.size(), 1);
    const StubRequest &request = sts.requests.first();
    QCOMPARE(request.body,
             QByteArray("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%"
                        "3A123456789012%3Arole%2FAdmin"
                        "&RoleSessionName=me&ExternalId=ext-42&DurationSeconds=1800"));
    const QByteArray authorization = request.headers.value("authorization");
    QVERIFY2(authorization.contains("Credential=AKIABASE/") &&
                 authorization.contains("/eu-west-1/sts/aws4_request"),
             authorization.constData());
    // A second get() uses the cached role credentials.
    QVERIFY(fetch(c.credentials).second.isEmpty());
    QCOMPARE(sts.requests.size(), 1);
}

void TestCredentials::assumeRoleErrorIsReported()
{
    StubServer sts;
    sts.script.append({403,
                       {},
                       "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                       "<Message>not authorized to perform sts:AssumeRole</Message></Error>"
                       "</ErrorResponse>",
                       0,
                       false});
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s"));
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), sts.url().toString());
    write(QStringLiteral(".aws/config"),
          "[profile r]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/R\n"
          "credential_source = Environment\n");
    QObject owner;
    const ResolvedConnection c =
        resolver().resolve({QStringLiteral("r"), {}, {}}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    const QString error = fetch(c.credentials).second;
    QVERIFY2(error.contains(QStringLiteral("AccessDenied: not authorized")), qPrintable(error));
    const Expected<Credentials> parsed = AssumeRoleCredentialsProvider::parseResponse("<oops");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind, AwsError::Kind::Decode);
    QVERIFY(!parsed.message().isEmpty());
}

void TestCredentials::sourceProfileLoopIsAnError()
{
    write(QStringLiteral(".aws/config"),
          "[profile a]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
          "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n");
    QObject owner;
    const ResolvedConnection c =
        resolver().resolve({QStringLiteral("a"), {}, {}}, &m_network, &owner);
    QVERIFY2(c.error.contains(QStringLiteral("loop")), qPrintable(c.error));
}

void TestCredentials::typedKeysLiveInTheSecretStore()
{
    InMemorySecretStore store;
    std::optional<QString> saved;
    StoredCredentialsProvider::save(
        &store, QStringLiteral("ops"),
        {QStringLiteral("AKIATYPED"), QStringLiteral("typed-secret"), {}, {}},
        [&](const QString &e) { saved = e; });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(saved->isEmpty());
    StoredCredentialsProvider provider(&store, QStringLiteral("ops"));
    const auto [creds, error] = fetch(&provider);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(creds.accessKeyId, QStringLiteral("AKIATYPED"));
    QCOMPARE(creds.secretAccessKey, QStringLiteral("typed-secret"));

    StoredCredentialsProvider missing(&store, QStringLiteral("nobody"));
    QVERIFY(fetch(&missing).second.contains(QStringLiteral("nobody/access-key-id")));
}

void TestCredentials::fileLocationsFromEnvironment()
{
    // ~/.aws holds other keys; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point elsewhere.
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIAHOME\naws_secret_access_key = h\n");
    write(QStringLiteral("other-config"), "[profile moved]\nregion = sa-east-1\n");
    write(QStringLiteral("other-credentials"),
          "[moved]\naws_access_key_id = AKIAMOVED\naws_secret_access_key = m\n");
    m_env.insert(QStringLiteral("AWS_CONFIG_FILE"),
                 m_dir->filePath(QStringLiteral("other-config")));
    m_env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                 m_dir->filePath(QStringLiteral("other-credentials")));
    QObject owner;
    const ResolvedConnection c =
        resolver().resolve({QStringLiteral("moved"), {}, {}}, &m_network, &owner);
    QVERIFY2(c.ok(), qPrintable(c.error));
    QCOMPARE(c.region, QStringLiteral("sa-east-1"));
    QCOMPARE(fetch(c.credentials).first.accessKeyId, QStringLiteral("AKIAMOVED"));
    QCOMPARE(resolver().profileNames().value(), QStringList{QStringLiteral("moved")});
    // A malformed file at the moved location is named in the error.
    write(QStringLiteral("other-credentials"), "[moved\n");
    const ResolvedConnection bad = resolver().resolve({}, &m_network, &owner);
    QVERIFY2(bad.error.startsWith(m_dir->filePath(QStringLiteral("other-credentials")) +
                                  QStringLiteral(":1:")),
             qPrintable(bad.error));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
