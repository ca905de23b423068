// The client against the AWS model (app/ivs/data/service-2.json, the one copy of it): every
// operation with its HTTP binding and pagination, so drift is caught; and replies decoded as the
// model says: unknown members ignored, wrong types a clear error naming the member.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/ivsclient.h"
#include "ivs/modelvalidator.h"
#include "ivs/operations.h"
#include "stubserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

using namespace gr;

class TestModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void operationsMatchTheModel();
    void paginatedResultKeysMatchTheModel();
    void embeddedModelIsTheTestedModel();
    void repliesAreCheckedAgainstTheModel_data();
    void repliesAreCheckedAgainstTheModel();

private:
    QJsonObject m_model;
};

void TestModel::initTestCase()
{
    QFile file(QStringLiteral(GR_IVS_MODEL));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_model = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!m_model.isEmpty());
}

void TestModel::operationsMatchTheModel()
{
    const QJsonObject operations = m_model.value(QLatin1String("operations")).toObject();
    QCOMPARE(operations.size(), ivs::kOperationCount);
    QSet<QString> seen;
    for (int i = 0; i < ivs::kOperationCount; ++i) {
        const ivs::OperationInfo &info = ivs::operationInfo(ivs::Operation(i));
        const QString name = QLatin1String(info.name);
        QVERIFY2(operations.contains(name), qPrintable(name));
        seen.insert(name);
        const QJsonObject http =
            operations.value(name).toObject().value(QLatin1String("http")).toObject();
        QCOMPARE(QLatin1String(info.method), http.value(QLatin1String("method")).toString());
        QCOMPARE(QLatin1String(info.uri), http.value(QLatin1String("requestUri")).toString());
        QCOMPARE(ivs::operationByName(name), std::optional<ivs::Operation>(ivs::Operation(i)));
        // A create may not be retried blindly; everything else here is safe to repeat.
        if (name.startsWith(QLatin1String("Create")) || name == QLatin1String("ImportPublicKey"))
            QVERIFY2(!info.retrySafe, qPrintable(name));
    }
    QCOMPARE(seen.size(), ivs::kOperationCount);
}

void TestModel::paginatedResultKeysMatchTheModel()
{
    const QJsonObject operations = m_model.value(QLatin1String("operations")).toObject();
    const QJsonObject shapes = m_model.value(QLatin1String("shapes")).toObject();
    int paginated = 0;
    for (int i = 0; i < ivs::kOperationCount; ++i) {
        const ivs::OperationInfo &info = ivs::operationInfo(ivs::Operation(i));
        const QString output = operations.value(QLatin1String(info.name))
                                   .toObject()
                                   .value(QLatin1String("output"))
                                   .toObject()
                                   .value(QLatin1String("shape"))
                                   .toString();
        const QJsonObject members =
            shapes.value(output).toObject().value(QLatin1String("members")).toObject();
        const bool hasToken = members.contains(QLatin1String("nextToken"));
        QCOMPARE(QByteArray(info.resultKey).isEmpty(), !hasToken);
        if (!hasToken)
            continue;
        ++paginated;
        const QString listShape = members.value(QLatin1String(info.resultKey))
                                      .toObject()
                                      .value(QLatin1String("shape"))
                                      .toString();
        QCOMPARE(shapes.value(listShape).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("list"));
    }
    QCOMPARE(paginated, 10);
}

void TestModel::embeddedModelIsTheTestedModel()
{
    const ivs::ModelValidator &embedded = ivs::ModelValidator::embedded();
    const QStringList names = m_model.value(QLatin1String("operations")).toObject().keys();
    QCOMPARE(embedded.operations().size(), names.size());
    for (const QString &name : names)
        QVERIFY(embedded.hasOperation(name));
}

void TestModel::repliesAreCheckedAgainstTheModel_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error"); // empty: decodes
    QTest::newRow("valid")
        << QByteArray(R"({"stages":[{"arn":"arn:aws:ivs:us-east-1:1:stage/a","name":"x"}]})")
        << QString();
    QTest::newRow("unknown members ignored")
        << QByteArray(
               R"({"stages":[{"arn":"arn:aws:ivs:us-east-1:1:stage/a","futureField":{"x":1}}],"newTopLevel":true})")
        << QString();
    QTest::newRow("string where a list belongs")
        << QByteArray(R"({"stages":"none"})") << QStringLiteral("'stages'");
    QTest::newRow("number where a string belongs")
        << QByteArray(R"({"stages":[{"arn":42}]})") << QStringLiteral("stages.1.member.arn");
    QTest::newRow("missing required member")
        << QByteArray(R"({"stages":[{"name":"no arn"}]})") << QStringLiteral("stages.1.member.arn");
    QTest::newRow("not json") << QByteArray("<html>") << QStringLiteral("not JSON");
    QTest::newRow("json but not an object")
        << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
}

void TestModel::repliesAreCheckedAgainstTheModel()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    StubServer server;
    server.script.append({200, {}, body, 0, false});
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(
        {QStringLiteral("AKID"), QStringLiteral("secret"), {}, {}}, QStringLiteral("t"));
    aws::AwsClient transport(&network, server.url(), QStringLiteral("us-east-1"),
                             QStringLiteral("ivs"), &credentials, nullptr);
    ivs::IvsClient client(&transport);
    std::optional<ivs::IvsResult> result;
    client.call(ivs::Operation::ListStages, {}, nullptr,
                [&](const ivs::IvsResult &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    if (error.isEmpty()) {
        QVERIFY2(result->ok(), qPrintable(result->error().toString()));
        QCOMPARE((*result)->output.value(QLatin1String("stages")).toArray().size(), 1);
    } else {
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind, aws::AwsError::Kind::Decode);
        QVERIFY2(result->error().message.contains(error), qPrintable(result->error().message));
        QVERIFY(result->error().message.startsWith(QLatin1String("ListStages")));
    }
}

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
