// greenroom-local under load: signed requests answered per second on loopback by several
// keep-alive clients (ListStages, ListParticipants of 100, CreateParticipantToken, and
// CreateParticipantToken again on a service started with --state, where each token is on disk
// before it is answered), and the service's memory per 100,000 participants. The clients are
// Greenroom's own signed pipeline with pacing off, in this process; the service runs as its own
// process.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/signedrequest.h"
#include "benchutil.h"
#include "ivs/operations.h"
#include "loadgen.h"
#include "local/es384signer.h"
#include "local/jwt.h"
#include "local/localservice.h"
#include "localclient.h"

#include <arpa/inet.h>
#include <atomic>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace gr;
using bench::callSync;
using bench::Context;
using bench::plane;

namespace
{

QByteArray signedRaw(Context &c, ivs::Operation op, const QJsonObject &input)
{
    aws::SigV4Signer signer;
    const aws::AwsRequest request = ivs::buildRequest(op, input);
    const aws::SignedRequest s =
        aws::signRequest(request, c.url, QStringLiteral("us-east-1"), QStringLiteral("ivs"),
                         bench::localKeys(), QDateTime::currentDateTimeUtc(), signer);
    QByteArray raw =
        request.method + ' ' + s.url.path(QUrl::FullyEncoded).toLatin1() + " HTTP/1.1\r\n";
    for (const auto &[name, value] : s.headers)
        raw += name + ": " + value + "\r\n";
    raw += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n" + request.body;
    return raw;
}

// ES384 signatures per second on one thread for `ms`: OpenSSL's own EVP_DigestSign (the
// constant-time ladder `openssl speed ecdsap384` measures), and Greenroom's signer without its
// presignature pool. The service's token rate is read against the first.
std::pair<double, double> signingFloor(int ms)
{
    const QByteArray pem = local::Es384Key::generate().privatePem();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    BIGNUM *scalar = nullptr;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar);
    const QByteArray input(400, 'j');
    const auto rate = [&](const std::function<bool()> &signOnce) {
        QElapsedTimer timer;
        timer.start();
        int count = 0;
        while (timer.elapsed() < ms)
            count += signOnce() ? 1 : 0;
        return count / (timer.nsecsElapsed() / 1e9);
    };
    const double openssl = rate([&] {
        unsigned char der[128];
        size_t length = sizeof der;
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        const bool ok =
            EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, key) == 1 &&
            EVP_DigestSign(ctx, der, &length, reinterpret_cast<const unsigned char *>(input.data()),
                           size_t(input.size())) == 1;
        EVP_MD_CTX_free(ctx);
        return ok;
    });
    local::Es384Signer unpooled(scalar, 0);
    const double greenroom = rate([&] { return unpooled.sign(input).size() == 96; });
    BN_clear_free(scalar);
    EVP_PKEY_free(key);
    return {openssl, greenroom};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const QString binary = bench::localBinary(args);
    QProcess service;
    Context c;
    if (!bench::startAndConnect(c, &service, binary, "bench_local"))
        return 1;

    // A stage with a session of 100 participants, and 20 more stages.
    const QString stageArn = callSync(c, ivs::Operation::CreateStage,
                                      {{QStringLiteral("name"), QStringLiteral("bench")}})
                                 .value(QLatin1String("stage"))
                                 .toObject()
                                 .value(QLatin1String("arn"))
                                 .toString();
    for (int i = 0; i < 20; ++i)
        callSync(c, ivs::Operation::CreateStage,
                 {{QStringLiteral("name"), QStringLiteral("s%1").arg(i)}});
    QString sessionId;
    auto joinOne = [&](int i) {
        const QString token =
            callSync(c, ivs::Operation::CreateParticipantToken,
                     {{QStringLiteral("stageArn"), stageArn},
                      {QStringLiteral("userId"), QStringLiteral("user-%1").arg(i)}})
                .value(QLatin1String("participantToken"))
                .toObject()
                .value(QLatin1String("token"))
                .toString();
        sessionId = plane(c, "join",
                          {{QStringLiteral("token"), token},
                           {QStringLiteral("browserName"), QStringLiteral("Chrome")}})
                        .value(QLatin1String("sessionId"))
                        .toString();
    };
    for (int i = 0; i < 100; ++i)
        joinOne(i);

    const int ms = quick ? 300 : 3000;
    const int concurrency = 4;
    struct Case {
        const char *name;
        ivs::Operation op;
        QJsonObject input;
    } cases[] = {
        {"ListStages (21 stages)", ivs::Operation::ListStages, {}},
        {"ListParticipants (100 per page)",
         ivs::Operation::ListParticipants,
         {{QStringLiteral("stageArn"), stageArn},
          {QStringLiteral("sessionId"), sessionId},
          {QStringLiteral("maxResults"), 100}}},
        {"CreateParticipantToken",
         ivs::Operation::CreateParticipantToken,
         {{QStringLiteral("stageArn"), stageArn}}},
    };
    // The same token calls on a second service that keeps its state in a file.
    QTemporaryDir stateDir;
    QProcess durableService;
    Context durable;
    if (!bench::startAndConnect(
            durable, &durableService, binary, "bench_local",
            {QStringLiteral("--state"), stateDir.filePath(QStringLiteral("state.json"))}))
        return 1;
    const QString durableStageArn = callSync(durable, ivs::Operation::CreateStage,
                                             {{QStringLiteral("name"), QStringLiteral("bench")}})
                                        .value(QLatin1String("stage"))
                                        .toObject()
                                        .value(QLatin1String("arn"))
                                        .toString();
    const auto [opensslSigns, greenroomSigns] = signingFloor(quick ? 200 : 2000);
    std::printf("bench_local: ES384 signatures/s on one thread: OpenSSL EVP %.0f, Greenroom's "
                "signer without its pool %.0f (%.1fx)\n",
                opensslSigns, greenroomSigns, greenroomSigns / opensslSigns);
    for (const Case &k : cases) {
        int failures = 0;
        double rate = 0;
        for (const bool inFile : {false, true}) {
            if (inFile && k.op != ivs::Operation::CreateParticipantToken)
                break;
            Context &target = inFile ? durable : c;
            const QByteArray raw = signedRaw(
                target, k.op,
                inFile ? QJsonObject{{QStringLiteral("stageArn"), durableStageArn}} : k.input);
            // A warm-up first: it also drains the token signer's presignature pool, so the
            // figure is the sustained rate, not a burst served from signatures made in advance.
            bench::throughput(target.url, {raw}, concurrency, ms / 3, &failures);
            const double inMemory = rate;
            rate = bench::throughput(target.url, {raw}, concurrency, ms, &failures);
            std::printf("bench_local: %-34s %7.0f signed requests/s, %d keep-alive clients, %d "
                        "failed (target >= 3000)",
                        inFile ? "CreateParticipantToken, --state" : k.name, rate, concurrency,
                        failures);
            if (k.op == ivs::Operation::CreateParticipantToken)
                std::printf("; %.1fx OpenSSL's one-thread ES384 rate", rate / opensslSigns);
            if (inFile)
                std::printf("; %.0f%% of the in-memory rate", 100.0 * rate / inMemory);
            std::printf("\n");
        }
    }
    durableService.terminate();
    durableService.waitForFinished(5000);

    // Memory per participant: RSS growth while N more participants join, scaled to 100,000.
    const int n = quick ? 1000 : 100000;
    const qint64 before = bench::rssKiB(service.processId());
    plane(c, "join-many",
          {{QStringLiteral("stageArn"), stageArn},
           {QStringLiteral("count"), n},
           {QStringLiteral("userPrefix"), QStringLiteral("load-")}});
    const qint64 after = bench::rssKiB(service.processId());
    std::printf(
        "bench_local: memory: %d participants joined: RSS %lld -> %lld KiB; %.0f bytes each, "
        "%.1f MiB per 100,000 participants\n",
        n, before, after, (after - before) * 1024.0 / n, (after - before) * 100000.0 / n / 1024.0);
    service.terminate();
    service.waitForFinished(5000);
    return 0;
}
