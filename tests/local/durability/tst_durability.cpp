// greenroom-local --state: an acknowledged write survives kill -9 (trials of two writers killed
// at a random moment, bounded in count and time), the file is readable by its owner only, and a
// state file with a wrong member is refused with the member's path and left as it is.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/operations.h"
#include "local/localservice.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace gr;

namespace
{

QUrl startService(QProcess *p, const QString &stateFile)
{
    p->start(QStringLiteral(GR_LOCAL_BINARY),
             {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--state"), stateFile});
    if (!p->waitForReadyRead(10000))
        return {};
    const QString line = QString::fromLatin1(p->readLine()).trimmed();
    return QUrl(line.section(QLatin1Char(' '), -1));
}

// The state file a new service writes at `path`, read back; empty (with a warning saying why)
// when the service did not start or the file cannot be read.
QJsonObject freshState(const QString &path)
{
    local::LocalServiceOptions options;
    options.stateFile = path;
    {
        local::LocalService service(options);
        if (const aws::Expected<void> started = service.start(); !started) {
            qWarning("the service did not start: %s", qPrintable(started.message()));
            return {};
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("%s: %s", qPrintable(path), qPrintable(file.errorString()));
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

struct Client {
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials{
        aws::Credentials{QLatin1String(local::LocalService::kDefaultAccessKeyId),
                         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                         {},
                         {}},
        QStringLiteral("test")};
    std::unique_ptr<aws::AwsClient> client;
    explicit Client(const QUrl &url)
    {
        client = std::make_unique<aws::AwsClient>(&network, url, QStringLiteral("us-east-1"),
                                                  QStringLiteral("ivs"), &credentials, nullptr);
        client->setRetryPolicy({1, 1, 1, 1}); // acknowledged means: this one answer was 200
        for (int i = 0; i < aws::kMaxPaceLanes; ++i)
            client->pacer()->setRate(i, 0);
    }
};

// A writer: creates stages one after the other, deleting every second one it created.
struct Writer {
    Client *c;
    QString name;
    QSet<QString> created, deleted; // acknowledged
    QSet<QString> deleting;         // DeleteStage sent (it may have been done, unacknowledged)
    int sent = 0;
    bool stopped = false;

    void next()
    {
        if (stopped)
            return;
        aws::AwsCall *call = c->client->send(ivs::buildRequest(
            ivs::Operation::CreateStage,
            {{QStringLiteral("name"), QStringLiteral("%1-%2").arg(name).arg(++sent)}}));
        QObject::connect(call, &aws::AwsCall::finished, [this, call] {
            call->deleteLater();
            if (!call->ok())
                return; // the service is gone: this write was not acknowledged
            const QString arn = QJsonDocument::fromJson(call->body())
                                    .object()[QLatin1String("stage")][QLatin1String("arn")]
                                    .toString();
            created.insert(arn);
            if (sent % 2)
                return next();
            deleting.insert(arn);
            aws::AwsCall *remove = c->client->send(
                ivs::buildRequest(ivs::Operation::DeleteStage, {{QStringLiteral("arn"), arn}}));
            QObject::connect(remove, &aws::AwsCall::finished, [this, remove, arn] {
                remove->deleteLater();
                if (!remove->ok())
                    return;
                deleted.insert(arn);
                next();
            });
        });
    }
};

QSet<QString> listAll(Client &c)
{
    QSet<QString> arns;
    QString token;
    do {
        QJsonObject input{{QStringLiteral("maxResults"), 100}};
        if (!token.isEmpty())
            input.insert(QStringLiteral("nextToken"), token);
        aws::AwsCall *call = c.client->send(ivs::buildRequest(ivs::Operation::ListStages, input));
        QSignalSpy spy(call, &aws::AwsCall::finished);
        if (!call->isFinished() && !spy.wait(10000))
            return {};
        const QJsonObject out = QJsonDocument::fromJson(call->body()).object();
        for (const QJsonValue &s : out.value(QLatin1String("stages")).toArray())
            arns.insert(s.toObject().value(QLatin1String("arn")).toString());
        token = out.value(QLatin1String("nextToken")).toString();
        call->deleteLater();
    } while (!token.isEmpty());
    return arns;
}

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT
private slots:
    void killNineLosesNoAcknowledgedWrite();
    void stateFileIsOwnerOnly();
    void wrongMembersAreNamed_data();
    void wrongMembersAreNamed();
    void eventsKeepTheirWireFormAndOlderFilesRead();
};

void TestDurability::killNineLosesNoAcknowledgedWrite()
{
    constexpr int kTrials = 5;
    int lostCreates = 0, lostDeletes = 0, acknowledged = 0;
    for (int trial = 0; trial < kTrials; ++trial) {
        QTemporaryDir dir;
        const QString stateFile = dir.filePath(QStringLiteral("state.json"));
        QProcess service;
        const QUrl url = startService(&service, stateFile);
        QVERIFY2(url.isValid() && url.port() > 0, qPrintable(service.readAllStandardError()));
        Client a(url), b(url);
        Writer one{&a, QStringLiteral("one"), {}, {}, {}, 0, false};
        Writer two{&b, QStringLiteral("two"), {}, {}, {}, 0, false};
        one.next();
        two.next();
        // kill -9 at a random moment, while both writers are busy: once each has a few
        // acknowledged creates (on a loaded machine, or under ASan, 300 ms may not be enough).
        QTRY_VERIFY_WITH_TIMEOUT(one.created.size() > 2 && two.created.size() > 2, 20000);
        QTest::qWait(QRandomGenerator::global()->bounded(700));
        service.kill();
        QVERIFY(service.waitForFinished(5000));
        one.stopped = two.stopped = true;
        QTest::qWait(100); // the writers see their calls fail

        QProcess restarted;
        const QUrl again = startService(&restarted, stateFile);
        QVERIFY2(again.isValid() && again.port() > 0, qPrintable(restarted.readAllStandardError()));
        Client reader(again);
        const QSet<QString> present = listAll(reader);
        for (const Writer *w : {&one, &two}) {
            acknowledged += int(w->created.size() + w->deleted.size());
            for (const QString &arn : w->created)
                lostCreates += !w->deleting.contains(arn) && !present.contains(arn) ? 1 : 0;
            for (const QString &arn : w->deleted)
                lostDeletes += present.contains(arn) ? 1 : 0;
        }
        QVERIFY2(one.created.size() > 2 && two.created.size() > 2,
                 "the writers did not get going before the kill");
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(5000));
    }
    qInfo("%d kill -9 trials, %d acknowledged creates and deletes: %d creates lost, %d deletes "
          "undone",
          kTrials, acknowledged, lostCreates, lostDeletes);
    QCOMPARE(lostCreates, 0);
    QCOMPARE(lostDeletes, 0);
}

void TestDurability::stateFileIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString stateFile = dir.filePath(QStringLiteral("state.json"));
    // A file left with a wider mode is replaced by one that is not.
    QFile old(stateFile + QStringLiteral(".tmp"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ReadOther | QFileDevice::ReadGroup));
    local::LocalServiceOptions options;
    options.stateFile = stateFile;
    {
        local::LocalService service(options);
        const auto started = service.start();
        QVERIFY2(started, qPrintable(started.message()));
        struct stat info {
        };
        QCOMPARE(::stat(QFile::encodeName(stateFile).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QFile file(stateFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("PRIVATE KEY")); // why it must be 0600
    }
    struct stat info {
    };
    QCOMPARE(::stat(QFile::encodeName(stateFile).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QVERIFY(!QFile::exists(stateFile + QStringLiteral(".tmp")));
}

void TestDurability::wrongMembersAreNamed_data()
{
    // A good file to start from: written by the service itself.
    QTemporaryDir dir;
    const QJsonObject good = freshState(dir.filePath(QStringLiteral("s.json")));
    QVERIFY(!good.isEmpty());
    const QString arn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abcdefabcdef");

    QTest::addColumn<QJsonObject>("state");
    QTest::addColumn<QString>("message");
    QJsonObject s = good;
    s[QLatin1String("stages")] = QJsonObject{{arn, QJsonObject{{QStringLiteral("arn"), 7}}}};
    QTest::newRow("arn not a string") << s << QStringLiteral("stages[\"%1\"].arn must be").arg(arn);
    s = good;
    s[QLatin1String("stages")] =
        QJsonObject{{arn, QJsonObject{{QStringLiteral("arn"), arn}, {QStringLiteral("name"), 5}}}};
    QTest::newRow("name not a string")
        << s << QStringLiteral("stages[\"%1\"] does not have the model's shape").arg(arn);
    s = good;
    s[QLatin1String("stages")] = QJsonArray{};
    QTest::newRow("stages not an object") << s << QStringLiteral("stages must be an object");
    s = good;
    s[QLatin1String("runtimes")] = QJsonObject{
        {arn,
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("st-1")},
             {QStringLiteral("participants"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("p1")},
                                     {QStringLiteral("connected"), QStringLiteral("yes")}}}}}}}};
    QTest::newRow("participant member")
        << s
        << QStringLiteral("runtimes[\"%1\"][0].participants[0].connected must be a boolean")
               .arg(arn);
    s = good;
    s[QLatin1String("serviceKey")] = QStringLiteral("-----BEGIN PRIVATE KEY-----\nnope\n");
    QTest::newRow("service key") << s << QStringLiteral("serviceKey must be the service's ES384");
    s = good;
    s.remove(QStringLiteral("serviceKey"));
    QTest::newRow("no service key") << s << QStringLiteral("serviceKey must be");
}

void TestDurability::wrongMembersAreNamed()
{
    QFETCH(QJsonObject, state);
    QFETCH(QString, message);
    QTemporaryDir dir;
    local::LocalServiceOptions options;
    options.stateFile = dir.filePath(QStringLiteral("s.json"));
    const QByteArray bytes = QJsonDocument(state).toJson();
    QFile file(options.stateFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    local::LocalService service(options);
    const auto started = service.start();
    QVERIFY(!started);
    const QString error = started.message();
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("left as it is")), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes); // untouched
}

void TestDurability::eventsKeepTheirWireFormAndOlderFilesRead()
{
    QTemporaryDir dir;
    local::LocalServiceOptions options;
    options.stateFile = dir.filePath(QStringLiteral("s.json"));
    QJsonObject state = freshState(options.stateFile);
    QVERIFY(!state.isEmpty());
    QFile file(options.stateFile);
    // A stage with one session and participant whose events are in the older keys ("time",
    // "remote") and in the wire form ("eventTime", "remoteParticipantId").
    const QString arn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abcdefabcdef");
    state[QLatin1String("stages")] =
        QJsonObject{{arn, QJsonObject{{QStringLiteral("arn"), arn},
                                      {QStringLiteral("name"), QStringLiteral("old")}}}};
    const QJsonArray events{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("JOINED")},
                    {QStringLiteral("time"), QStringLiteral("2026-11-25T10:00:00.000Z")},
                    {QStringLiteral("remote"), QString()}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("SUBSCRIBE_STARTED")},
                    {QStringLiteral("eventTime"), QStringLiteral("2026-11-25T10:00:01.000Z")},
                    {QStringLiteral("remoteParticipantId"), QStringLiteral("pub")}}};
    state[QLatin1String("runtimes")] = QJsonObject{
        {arn, QJsonArray{QJsonObject{
                  {QStringLiteral("id"), QStringLiteral("st-old")},
                  {QStringLiteral("startTime"), QStringLiteral("2026-11-25T10:00:00.000Z")},
                  {QStringLiteral("participants"),
                   QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("p1")},
                                          {QStringLiteral("events"), events}}}}}}}};
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(state).toJson());
    file.close();

    local::LocalService service(options);
    const auto started = service.start();
    QVERIFY2(started, qPrintable(started.message()));
    // start() wrote the file again: now every event is in the wire form.
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray saved = written[QLatin1String("runtimes")][arn][0]
                                    [QLatin1String("participants")][0][QLatin1String("events")]
                                        .toArray();
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved[0].toObject().value(QLatin1String("eventTime")).toString(),
             QStringLiteral("2026-11-25T10:00:00.000Z"));
    QVERIFY(!saved[0].toObject().contains(QLatin1String("time")));
    QCOMPARE(saved[1].toObject().value(QLatin1String("remoteParticipantId")).toString(),
             QStringLiteral("pub"));
    QCOMPARE(saved[1].toObject().value(QLatin1String("participantId")).toString(),
             QStringLiteral("p1"));
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
