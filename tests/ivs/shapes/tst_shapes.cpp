// The typed shapes against the AWS model (every structure, every member, required ones
// required), every operation's input through its struct and back, and the typed API against
// the local service.

#include "ivs/ivsapi.h"
#include "ivs/shapes.h"
#include "localharness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace gr;

class TestShapes : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyStructureAndMemberIsGenerated();
    void inputsRoundTrip_data();
    void inputsRoundTrip();
    void decodeIsStrictAndNamesTheMember();
    void typedApiAgainstLocalService();

private:
    QJsonObject m_model;
};

void TestShapes::initTestCase()
{
    QFile file(QStringLiteral(GR_IVS_MODEL));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_model = QJsonDocument::fromJson(file.readAll()).object();
}

void TestShapes::everyStructureAndMemberIsGenerated()
{
    QHash<QString, const ivs::ShapeMembers *> generated;
    for (const ivs::ShapeMembers &s : ivs::generatedShapes())
        generated.insert(QLatin1String(s.shape), &s);
    const QJsonObject shapes = m_model.value(QLatin1String("shapes")).toObject();
    int structures = 0;
    for (auto it = shapes.begin(); it != shapes.end(); ++it) {
        const QJsonObject shape = it->toObject();
        if (shape.value(QLatin1String("type")) != QLatin1String("structure") ||
            shape.contains(QLatin1String("exception")))
            continue;
        ++structures;
        const ivs::ShapeMembers *g = generated.value(it.key());
        QVERIFY2(g, qPrintable(it.key() + QStringLiteral(" is not generated")));
        QSet<QString> members, required;
        for (const char *m : g->members)
            members.insert(QLatin1String(m));
        for (const char *m : g->required)
            required.insert(QLatin1String(m));
        const QStringList modelMembers = shape.value(QLatin1String("members")).toObject().keys();
        QCOMPARE(members, QSet<QString>(modelMembers.begin(), modelMembers.end()));
        QSet<QString> modelRequired;
        for (const QJsonValue &r : shape.value(QLatin1String("required")).toArray())
            modelRequired.insert(r.toString());
        QCOMPARE(required, modelRequired);
    }
    QCOMPARE(generated.size(), structures);
}

void TestShapes::inputsRoundTrip_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("input");
    QFile file(QStringLiteral(GR_TEST_DATA_DIR "/golden/inputs.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject inputs = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(inputs.size(), ivs::kOperationCount);
    for (auto it = inputs.begin(); it != inputs.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << it->toObject();
}

void TestShapes::inputsRoundTrip()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, input);
    const aws::Expected<QJsonObject> out =
        ivs::reencodeInput(*ivs::operationByName(operation), input);
    QVERIFY2(out, qPrintable(out.message()));
    QCOMPARE(*out, input);
}

void TestShapes::decodeIsStrictAndNamesTheMember()
{
    const auto json = [](const char *text) { return QJsonDocument::fromJson(text).object(); };
    ivs::GetStageResponse response;
    aws::Expected<void> decoded = ivs::decode(json(R"({"stage":{"arn":"a","name":7}})"), &response);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().kind, aws::AwsError::Kind::Decode);
    QCOMPARE(decoded.message(),
             QStringLiteral("GetStageResponse.stage.name: expected a string, got a number"));
    decoded = ivs::decode(json(R"({"stage":{"name":"x"}})"), &response);
    QVERIFY(!decoded);
    QCOMPARE(decoded.message(),
             QStringLiteral("GetStageResponse.stage.arn: required member is missing"));
    ivs::ListParticipantsResponse list;
    decoded = ivs::decode(json(R"({"participants":[{"published":"yes"}]})"), &list);
    QVERIFY(!decoded);
    QCOMPARE(decoded.message(),
             QStringLiteral("ListParticipantsResponse.participants[0].published: expected a "
                            "boolean, got a string"));
    ivs::EncoderConfiguration encoder;
    decoded = ivs::decode(json(R"({"arn":"a","video":{"width":1.5}})"), &encoder);
    QVERIFY(!decoded);
    QVERIFY(decoded.message().contains(QStringLiteral("video.width: expected an integer")));
    // Unknown members are ignored; optional ones stay empty.
    decoded = ivs::decode(json(R"({"stage":{"arn":"a","brandNewField":[1]}})"), &response);
    QVERIFY2(decoded, qPrintable(decoded.message()));
    QCOMPARE(response.stage->arn, QStringLiteral("a"));
    QVERIFY(!response.stage->name.has_value());
}

void TestShapes::typedApiAgainstLocalService()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    ivs::IvsApi api(h.client());
    ivs::CreateStageRequest create;
    create.name = QStringLiteral("typed");
    ivs::ParticipantTokenConfiguration token;
    token.userId = QStringLiteral("host");
    token.capabilities = QStringList{QStringLiteral("PUBLISH")};
    create.participantTokenConfigurations = QList<ivs::ParticipantTokenConfiguration>{token};
    std::optional<ivs::Result<ivs::CreateStageResponse>> created;
    api.createStage(create, nullptr, [&](const auto &r) { created = r; });
    QTRY_VERIFY(created.has_value());
    QVERIFY2(created->ok(), qPrintable(created->error().toString()));
    QCOMPARE((*created)->stage->name, QStringLiteral("typed"));
    QCOMPARE((*created)->participantTokens->size(), 1);
    QCOMPARE((*created)->participantTokens->first().duration, 720);
    QVERIFY((*created)->participantTokens->first().expirationTime->isValid());

    ivs::GetStageRequest get;
    get.arn = (*created)->stage->arn;
    std::optional<ivs::Result<ivs::GetStageResponse>> got;
    api.getStage(get, nullptr, [&](const auto &r) { got = r; });
    QTRY_VERIFY(got.has_value());
    QVERIFY(got->ok());
    QVERIFY((*got)->stage->endpoints->whip->startsWith(QLatin1String("https://")));

    get.arn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/missing00000");
    got.reset();
    api.getStage(get, nullptr, [&](const auto &r) { got = r; });
    QTRY_VERIFY(got.has_value());
    QCOMPARE(got->error().type, QStringLiteral("ResourceNotFoundException"));
}

QTEST_GUILESS_MAIN(TestShapes)
#include "tst_shapes.moc"
