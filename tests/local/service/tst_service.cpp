// The local service's behaviour beyond single operations: signature checks, quotas, injected
// faults, the state file, and stage life through the data plane.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "ivs/operations.h"
#include "ivs/quotas.h"
#include "local/localservice.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gr;

class TestService : public QObject
{
    Q_OBJECT
private slots:
    void expiredSignatureIsRejected();
    void quotasThrottle();
    void faultsAreInjected();
    void faultsSpecErrors();
    void faultRulesCombineAndAreReported();
    void nullMembersAreAbsent();
    void apiAnswersDuringJoinMany();
    void stateSurvivesRestart();
    void corruptStateIsReportedAndKept();
    void dataPlaneRejectsUnknownParticipants();
    void getAndListAgreeOnPublished();

private:
    struct Harness {
        std::unique_ptr<local::LocalService> service;
        std::unique_ptr<aws::StaticCredentialsProvider> credentials;
        std::unique_ptr<aws::AwsClient> client;
    };
    Harness start(local::LocalServiceOptions options, QString *error = nullptr);
    aws::AwsCall *call(aws::AwsClient *client, const QString &operation, const QJsonObject &input);
    // A data-plane call, signed like the API.
    QJsonObject plane(aws::AwsClient *client, const QByteArray &action, const QJsonObject &body,
                      int *status, const QByteArray &method = "POST");

    QNetworkAccessManager m_network;
};

TestService::Harness TestService::start(local::LocalServiceOptions options, QString *error)
{
    Harness h;
    h.service = std::make_unique<local::LocalService>(options);
    if (const auto started = h.service->start(); !started) {
        if (error)
            *error = started.message();
        h.service.reset();
        return h;
    }
    h.credentials = std::make_unique<aws::StaticCredentialsProvider>(
        aws::Credentials{QLatin1String(local::LocalService::kDefaultAccessKeyId),
                         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                         {},
                         {}},
        QStringLiteral("test"));
    h.client =
        std::make_unique<aws::AwsClient>(&m_network, h.service->url(), options.region,
                                         QStringLiteral("ivs"), h.credentials.get(), nullptr);
    h.client->setRetryPolicy({1, 1, 1, 1});
    return h;
}

aws::AwsCall *TestService::call(aws::AwsClient *client, const QString &operation,
                                const QJsonObject &input)
{
    aws::AwsCall *c = client->send(ivs::buildRequest(*ivs::operationByName(operation), input));
    QSignalSpy spy(c, &aws::AwsCall::finished);
    if (!c->isFinished())
        spy.wait(5000);
    return c;
}

QJsonObject TestService::plane(aws::AwsClient *client, const QByteArray &action,
                               const QJsonObject &body, int *status, const QByteArray &method)
{
    aws::AwsRequest request;
    request.method = method;
    request.hasBody = method == "POST";
    request.operation = QString::fromLatin1(action);
    request.path = "/__greenroom/" + action;
    if (request.hasBody)
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.retrySafe = false;
    aws::AwsCall *c = client->send(request);
    QSignalSpy spy(c, &aws::AwsCall::finished);
    if (!c->isFinished())
        spy.wait(5000);
    *status = c->httpStatus();
    c->deleteLater();
    return QJsonDocument::fromJson(c->body()).object();
}

void TestService::expiredSignatureIsRejected()
{
    Harness h = start({});
    QVERIFY(h.service);
    h.client->setClockOffsetMs(-6 * 60 * 1000); // six minutes slow, and no Date correction
    h.client->setRetryPolicy({1, 1, 1, 1});
    aws::AwsCall *c = call(h.client.get(), QStringLiteral("ListStages"), {});
    // The pipeline corrects its clock once from the Date header and succeeds...
    QVERIFY2(c->ok(), qPrintable(c->error().toString()));
    QCOMPARE(c->attempts(), 1);
    QVERIFY(qAbs(h.client->clockOffsetMs()) < 5000);

    // ...and the raw rejection is a 403 InvalidSignatureException "Signature expired".
    aws::SigV4Signer signer;
    const aws::SignedRequest signedRequest =
        aws::signRequest(ivs::buildRequest(ivs::Operation::ListStages, {}), h.service->url(),
                         QStringLiteral("us-east-1"), QStringLiteral("ivs"),
                         {QLatin1String(local::LocalService::kDefaultAccessKeyId),
                          QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                          {},
                          {}},
                         QDateTime::currentDateTimeUtc().addSecs(-301), signer);
    QNetworkRequest request(signedRequest.url);
    for (const auto &[name, value] : signedRequest.headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, QByteArray("{}"));
    QSignalSpy spy(reply, &QNetworkReply::finished);
    QVERIFY(spy.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QCOMPARE(reply->rawHeader("x-amzn-ErrorType"), QByteArray("InvalidSignatureException"));
    QVERIFY(reply->readAll().contains("Signature expired"));
    delete reply;
}

void TestService::quotasThrottle()
{
    local::LocalServiceOptions options;
    options.quotas = true;
    Harness h = start(options);
    for (int i = 0; i < aws::kMaxPaceLanes; ++i)
        h.client->pacer()->setRate(i, 0); // unpaced: the service must throttle
    int throttled = 0;
    for (int i = 0; i < 8; ++i) {
        aws::AwsCall *c = call(h.client.get(), QStringLiteral("ListStages"), {});
        if (c->error().httpStatus == 429 && c->error().type == QLatin1String("ThrottlingException"))
            ++throttled;
    }
    QCOMPARE(throttled, 3); // 5 per second pass

    // The client's own pacing keeps within the quota: nothing throttled.
    Harness paced = start(options);
    ivs::applyQuotas(paced.client->pacer());
    QList<aws::AwsCall *> calls;
    for (int i = 0; i < 8; ++i)
        calls.append(paced.client->send(ivs::buildRequest(ivs::Operation::ListStages, {})));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(calls.begin(), calls.end(), [](auto *c) { return c->isFinished(); }), 10000);
    for (aws::AwsCall *c : calls)
        QVERIFY2(c->ok(), qPrintable(c->error().toString()));
}

void TestService::faultsAreInjected()
{
    local::LocalServiceOptions options;
    options.faults =
        QStringLiteral("ListStages:503=1;GetStage:drop=1;ListEncoderConfigurations:truncate=1;"
                       "ListStorageConfigurations:malformed=1;ListPublicKeys:latency=300");
    Harness h = start(options);
    QVERIFY(h.service);
    aws::AwsCall *c = call(h.client.get(), QStringLiteral("ListStages"), {});
    QCOMPARE(c->error().httpStatus, 503);
    c = call(h.client.get(), QStringLiteral("GetStage"),
             {{QStringLiteral("arn"),
               QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")}});
    QCOMPARE(c->error().kind, aws::AwsError::Kind::Network);
    c = call(h.client.get(), QStringLiteral("ListEncoderConfigurations"), {});
    QCOMPARE(c->error().kind, aws::AwsError::Kind::Network);
    c = call(h.client.get(), QStringLiteral("ListStorageConfigurations"), {});
    QVERIFY(c->ok()); // the transport is fine; the body is not JSON
    QVERIFY(QJsonDocument::fromJson(c->body()).isNull());
    QElapsedTimer t;
    t.start();
    c = call(h.client.get(), QStringLiteral("ListPublicKeys"), {});
    QVERIFY(c->ok());
    QVERIFY(t.elapsed() >= 280);
    // Faults can be changed at run time.
    QVERIFY(h.service->setFaults(QString()));
    QVERIFY(call(h.client.get(), QStringLiteral("ListStages"), {})->ok());
}

void TestService::faultsSpecErrors()
{
    local::LocalServiceOptions options;
    options.faults = QStringLiteral("ListStages:503=2");
    QString error;
    Harness h = start(options, &error);
    QVERIFY(!h.service);
    QVERIFY2(error.contains(QStringLiteral("probability")), qPrintable(error));
    options.faults = QStringLiteral("ListStages:explode=1");
    h = start(options, &error);
    QVERIFY2(error.contains(QStringLiteral("unknown key 'explode'")), qPrintable(error));
}

void TestService::faultRulesCombineAndAreReported()
{
    local::LocalServiceOptions options;
    // Two rules for ListStages and a `*` rule: all three apply to ListStages.
    options.faults = QStringLiteral("ListStages:latency=150,ListStages:503=0.5;*:latency=100");
    Harness h = start(options);
    QVERIFY(h.service);
    int status = 0;
    const QJsonObject reported = plane(h.client.get(), "faults", {}, &status, "GET");
    QCOMPARE(status, 200);
    QCOMPARE(reported.value(QLatin1String("spec")).toString(), options.faults);
    const QJsonArray rules = reported.value(QLatin1String("rules")).toArray();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0].toObject().value(QLatin1String("operation")).toString(), QStringLiteral("*"));
    QCOMPARE(rules[0].toObject().value(QLatin1String("latency")).toInt(), 100);
    const QJsonObject listStages = rules[1].toObject();
    QCOMPARE(listStages.value(QLatin1String("operation")).toString(), QStringLiteral("ListStages"));
    QCOMPARE(listStages.value(QLatin1String("latency")).toInt(), 250);
    QCOMPARE(listStages.value(QLatin1String("503")).toDouble(), 0.5);
    // Applied as reported: every ListStages waits 250 ms, and about half are 503s.
    int unavailable = 0;
    for (int i = 0; i < 8; ++i) {
        QElapsedTimer t;
        t.start();
        aws::AwsCall *c = call(h.client.get(), QStringLiteral("ListStages"), {});
        QVERIFY(t.elapsed() >= 240);
        unavailable += c->error().httpStatus == 503 ? 1 : 0;
    }
    QVERIFY2(unavailable > 0 && unavailable < 8, qPrintable(QString::number(unavailable)));
    // Another operation gets the `*` rule only.
    QElapsedTimer t;
    t.start();
    QVERIFY(call(h.client.get(), QStringLiteral("ListPublicKeys"), {})->ok());
    QVERIFY(t.elapsed() >= 90 && t.elapsed() < 240);
    // A POST without a spec string is refused, not taken as "no faults".
    plane(h.client.get(), "faults", {{QStringLiteral("spec"), 3}}, &status);
    QCOMPARE(status, 400);
    QCOMPARE(
        plane(h.client.get(), "faults", {}, &status, "GET").value(QLatin1String("spec")).toString(),
        options.faults);
}

void TestService::nullMembersAreAbsent()
{
    // restJson1: a null member is treated as absent, not stored and echoed as null.
    Harness h = start({});
    aws::AwsCall *c = call(
        h.client.get(), QStringLiteral("CreateStage"),
        {{QStringLiteral("name"), QJsonValue::Null}, {QStringLiteral("tags"), QJsonValue::Null}});
    QVERIFY2(c->ok(), qPrintable(c->error().toString()));
    QVERIFY(c->request().body.contains("null"));
    const QJsonObject stage =
        QJsonDocument::fromJson(c->body()).object().value(QLatin1String("stage")).toObject();
    QVERIFY(!stage.contains(QLatin1String("name")));
    QVERIFY(!c->body().contains("null"));
    c = call(h.client.get(), QStringLiteral("GetStage"),
             {{QStringLiteral("arn"), stage.value(QLatin1String("arn"))}});
    QVERIFY(c->ok());
    QVERIFY(!c->body().contains("null"));
}

void TestService::apiAnswersDuringJoinMany()
{
    // join-many runs in slices of a few milliseconds: ListStages is answered before it ends.
    Harness h = start({});
    aws::AwsCall *c = call(h.client.get(), QStringLiteral("CreateStage"), {});
    const QString stageArn = QJsonDocument::fromJson(c->body())
                                 .object()[QLatin1String("stage")][QLatin1String("arn")]
                                 .toString();
    aws::AwsRequest request;
    request.operation = QStringLiteral("join-many");
    request.path = "/__greenroom/join-many";
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("stageArn"), stageArn},
                                             {QStringLiteral("count"), 100000}})
                       .toJson(QJsonDocument::Compact);
    request.retrySafe = false;
    request.timeoutMs = 120000;
    aws::AwsCall *joinMany = h.client->send(request);
    int answeredDuring = 0;
    while (!joinMany->isFinished() && answeredDuring < 3) {
        aws::AwsCall *list = call(h.client.get(), QStringLiteral("ListStages"), {});
        QVERIFY2(list->ok(), qPrintable(list->error().toString()));
        answeredDuring += joinMany->isFinished() ? 0 : 1;
    }
    QCOMPARE(answeredDuring, 3);
    QSignalSpy spy(joinMany, &aws::AwsCall::finished);
    QVERIFY(joinMany->isFinished() || spy.wait(120000));
    QVERIFY2(joinMany->ok(), joinMany->body().constData());
    const QString sessionId = QJsonDocument::fromJson(joinMany->body())
                                  .object()
                                  .value(QLatin1String("sessionId"))
                                  .toString();
    c = call(h.client.get(), QStringLiteral("ListParticipants"),
             {{QStringLiteral("stageArn"), stageArn},
              {QStringLiteral("sessionId"), sessionId},
              {QStringLiteral("filterByUserId"), QStringLiteral("user-99999")}});
    QCOMPARE(
        QJsonDocument::fromJson(c->body()).object()[QLatin1String("participants")].toArray().size(),
        1);
}

void TestService::stateSurvivesRestart()
{
    QTemporaryDir dir;
    local::LocalServiceOptions options;
    options.stateFile = dir.filePath(QStringLiteral("state.json"));
    QString stageArn, sessionId, participantId, token;
    {
        Harness h = start(options);
        aws::AwsCall *c = call(h.client.get(), QStringLiteral("CreateStage"),
                               {{QStringLiteral("name"), QStringLiteral("kept")}});
        QVERIFY(c->ok());
        stageArn = QJsonDocument::fromJson(c->body())
                       .object()[QLatin1String("stage")][QLatin1String("arn")]
                       .toString();
        c = call(h.client.get(), QStringLiteral("CreateParticipantToken"),
                 {{QStringLiteral("stageArn"), stageArn}});
        QVERIFY2(c->ok(), qPrintable(c->error().toString()));
        token = QJsonDocument::fromJson(c->body())
                    .object()[QLatin1String("participantToken")][QLatin1String("token")]
                    .toString();
        int status = 0;
        const QJsonObject joined =
            plane(h.client.get(), "join", {{QStringLiteral("token"), token}}, &status);
        QVERIFY2(status == 200, QJsonDocument(joined).toJson().constData());
        sessionId = joined.value(QLatin1String("sessionId")).toString();
        participantId = joined.value(QLatin1String("participantId")).toString();
        const auto saved = h.service->saveState();
        QVERIFY2(saved, qPrintable(saved.message()));
    }
    Harness h = start(options);
    QVERIFY(h.service);
    aws::AwsCall *c =
        call(h.client.get(), QStringLiteral("GetStage"), {{QStringLiteral("arn"), stageArn}});
    QVERIFY2(c->ok(), qPrintable(c->error().toString()));
    QCOMPARE(QJsonDocument::fromJson(c->body())
                 .object()[QLatin1String("stage")][QLatin1String("activeSessionId")]
                 .toString(),
             sessionId);
    c = call(h.client.get(), QStringLiteral("ListParticipantEvents"),
             {{QStringLiteral("stageArn"), stageArn},
              {QStringLiteral("sessionId"), sessionId},
              {QStringLiteral("participantId"), participantId}});
    QCOMPARE(QJsonDocument::fromJson(c->body()).object()[QLatin1String("events")].toArray().size(),
             1);
    // Tokens issued before the restart still verify.
    int status = 0;
    plane(
        h.client.get(), "leave",
        {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("participantId"), participantId}},
        &status);
    QCOMPARE(status, 200);
    plane(h.client.get(), "join", {{QStringLiteral("token"), token}}, &status);
    QCOMPARE(status, 200);
}

void TestService::corruptStateIsReportedAndKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"greenroomLocalState\": 1, \"stages\": {");
    file.close();
    local::LocalServiceOptions options;
    options.stateFile = path;
    QString error;
    Harness h = start(options, &error);
    QVERIFY(!h.service);
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not valid JSON")) &&
                 error.contains(QStringLiteral("left as it is")),
             qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{\"greenroomLocalState\": 1, \"stages\": {"));
}

void TestService::dataPlaneRejectsUnknownParticipants()
{
    Harness h = start({});
    int status = 0;
    const QJsonObject out = plane(
        h.client.get(), "publish",
        {{QStringLiteral("stageArn"), QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/x")},
         {QStringLiteral("participantId"), QStringLiteral("nobody")}},
        &status);
    QCOMPARE(status, 404);
    QVERIFY(
        out.value(QLatin1String("message")).toString().contains(QStringLiteral("not connected")));
    plane(h.client.get(), "join", {{QStringLiteral("token"), QStringLiteral("a.b.c")}}, &status);
    QCOMPARE(status, 401);
}

// GetParticipant and ListParticipants say the same `published` at every step (the console's
// detail pane and table read one each; the walkthrough saw them disagree), and it means "ever".
void TestService::getAndListAgreeOnPublished()
{
    Harness h = start({});
    aws::AwsCall *c = call(h.client.get(), QStringLiteral("CreateStage"),
                           {{QStringLiteral("name"), QStringLiteral("agree")}});
    QVERIFY(c->ok());
    const QString stageArn = QJsonDocument::fromJson(c->body())
                                 .object()[QLatin1String("stage")][QLatin1String("arn")]
                                 .toString();
    c = call(h.client.get(), QStringLiteral("CreateParticipantToken"),
             {{QStringLiteral("stageArn"), stageArn}});
    QVERIFY2(c->ok(), qPrintable(c->error().toString()));
    const QString token = QJsonDocument::fromJson(c->body())
                              .object()[QLatin1String("participantToken")][QLatin1String("token")]
                              .toString();
    int status = 0;
    const QJsonObject joined =
        plane(h.client.get(), "join", {{QStringLiteral("token"), token}}, &status);
    QCOMPARE(status, 200);
    const QString sessionId = joined.value(QLatin1String("sessionId")).toString();
    const QString participantId = joined.value(QLatin1String("participantId")).toString();
    const auto publishedSaid = [&](bool *fromGet, bool *fromList) {
        aws::AwsCall *get = call(h.client.get(), QStringLiteral("GetParticipant"),
                                 {{QStringLiteral("stageArn"), stageArn},
                                  {QStringLiteral("sessionId"), sessionId},
                                  {QStringLiteral("participantId"), participantId}});
        QVERIFY(get->ok());
        *fromGet = QJsonDocument::fromJson(get->body())
                       .object()[QLatin1String("participant")][QLatin1String("published")]
                       .toBool();
        aws::AwsCall *list = call(
            h.client.get(), QStringLiteral("ListParticipants"),
            {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("sessionId"), sessionId}});
        QVERIFY(list->ok());
        const QJsonArray rows =
            QJsonDocument::fromJson(list->body()).object()[QLatin1String("participants")].toArray();
        QCOMPARE(rows.size(), 1);
        *fromList = rows.first()[QLatin1String("published")].toBool();
    };
    const QJsonObject who{{QStringLiteral("stageArn"), stageArn},
                          {QStringLiteral("participantId"), participantId}};
    bool get = true, list = true;
    publishedSaid(&get, &list); // listed once before publishing: a cached summary goes stale
    QCOMPARE(get, false);
    QCOMPARE(list, false);
    plane(h.client.get(), "publish", who, &status);
    QCOMPARE(status, 200);
    publishedSaid(&get, &list);
    QCOMPARE(get, true);
    QCOMPARE(list, true);
    // `published` is "ever published to the stage session" (the service model): stopping
    // does not take it back, and ListParticipants' filterByPublished agrees.
    plane(h.client.get(), "unpublish", who, &status);
    QCOMPARE(status, 200);
    publishedSaid(&get, &list);
    QCOMPARE(get, true);
    QCOMPARE(list, true);
    aws::AwsCall *filtered = call(h.client.get(), QStringLiteral("ListParticipants"),
                                  {{QStringLiteral("stageArn"), stageArn},
                                   {QStringLiteral("sessionId"), sessionId},
                                   {QStringLiteral("filterByPublished"), true}});
    QVERIFY(filtered->ok());
    QCOMPARE(QJsonDocument::fromJson(filtered->body())
                 .object()[QLatin1String("participants")]
                 .toArray()
                 .size(),
             1);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
