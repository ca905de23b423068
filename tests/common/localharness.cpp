#include "localharness.h"

#include "ivs/quotas.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gr;

LocalHarness::LocalHarness(local::LocalServiceOptions options, bool paced)
{
    m_service = std::make_unique<local::LocalService>(options);
    if (const aws::Expected<void> started = m_service->start(); !started) {
        m_error = started.message();
        return;
    }
    m_credentials = std::make_unique<aws::StaticCredentialsProvider>(
        aws::Credentials{QLatin1String(local::LocalService::kDefaultAccessKeyId),
                         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                         {},
                         {}},
        QStringLiteral("local"));
    m_transport =
        std::make_unique<aws::AwsClient>(&m_network, m_service->url(), options.region,
                                         QStringLiteral("ivs"), m_credentials.get(), nullptr);
    if (paced)
        ivs::applyQuotas(m_transport->pacer()); // as the console paces itself
    m_client = std::make_unique<ivs::IvsClient>(m_transport.get());
}

LocalHarness::~LocalHarness() = default;

QJsonObject LocalHarness::call(ivs::Operation operation, const QJsonObject &input)
{
    std::optional<ivs::IvsResult> result;
    m_client->call(operation, input, nullptr, [&](const ivs::IvsResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return {{QStringLiteral("__error"), QStringLiteral("timed out")}};
    if (!result)
        return {{QStringLiteral("__error"), QStringLiteral("timed out")}};
    if (!result->ok())
        return {{QStringLiteral("__error"), result->error().toString()}};
    return (*result)->output;
}

QJsonObject LocalHarness::plane(const QByteArray &action, const QJsonObject &body, int *status)
{
    // The data plane is signed like the API (the service refuses unsigned calls).
    aws::AwsRequest request;
    request.operation = QString::fromLatin1(action);
    request.path = "/__greenroom/" + action;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.retrySafe = false; // a join must not happen twice
    request.timeoutMs = 600000;
    aws::AwsCall *call = m_transport->send(request);
    if (!QTest::qWaitFor([&] { return call->isFinished(); }, 600000))
        return {{QStringLiteral("__error"), QStringLiteral("timed out")}};
    if (status)
        *status = call->httpStatus();
    const QJsonObject out = QJsonDocument::fromJson(call->body()).object();
    call->deleteLater();
    return out;
}

QString LocalHarness::createStage(const QString &name)
{
    return create(ivs::Operation::CreateStage, {{QStringLiteral("name"), name}});
}

QString LocalHarness::create(ivs::Operation operation, const QJsonObject &input)
{
    // The answer holds the new resource as its one object member with an ARN ("stage",
    // "encoderConfiguration", "composition"...).
    for (const QJsonValue &member : call(operation, input)) {
        const QString arn = member.toObject().value(QLatin1String("arn")).toString();
        if (!arn.isEmpty())
            return arn;
    }
    return {};
}

QString LocalHarness::startComposition(const QString &stageArn)
{
    const QString storage =
        create(ivs::Operation::CreateStorageConfiguration,
               {{QStringLiteral("s3"),
                 QJsonObject{{QStringLiteral("bucketName"), QStringLiteral("b-1")}}}});
    const QString encoder = create(ivs::Operation::CreateEncoderConfiguration);
    return create(
        ivs::Operation::StartComposition,
        {{QStringLiteral("stageArn"), stageArn},
         {QStringLiteral("destinations"),
          QJsonArray{QJsonObject{
              {QStringLiteral("s3"),
               QJsonObject{{QStringLiteral("storageConfigurationArn"), storage},
                           {QStringLiteral("encoderConfigurationArns"), QJsonArray{encoder}}}}}}}});
}

LocalHarness::Joined LocalHarness::join(const QString &stageArn, const QString &userId,
                                        bool publish)
{
    const QString token =
        call(ivs::Operation::CreateParticipantToken,
             {{QStringLiteral("stageArn"), stageArn}, {QStringLiteral("userId"), userId}})
            .value(QLatin1String("participantToken"))
            .toObject()
            .value(QLatin1String("token"))
            .toString();
    const QJsonObject joined =
        plane("join", {{QStringLiteral("token"), token},
                       {QStringLiteral("browserName"), QStringLiteral("Firefox")}});
    Joined j{joined.value(QLatin1String("participantId")).toString(),
             joined.value(QLatin1String("sessionId")).toString()};
    if (publish)
        plane("publish", {{QStringLiteral("stageArn"), stageArn},
                          {QStringLiteral("participantId"), j.participantId}});
    return j;
}
