// FindModel against the local service under QAbstractItemModelTester: a user id across stages,
// a participant id, a session id, a stage ARN; typing is debounced (only the last query asks
// the service) and a new query drops the old results without a reset.
#include "localharness.h"
#include "models/findmodel.h"
#include "models/sessionloader.h"
#include "sessionplay.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gr;

class TestFindModel : public QObject
{
    Q_OBJECT
    LocalHarness *h = nullptr;
    QString stageA, stageB, aliceA, aliceB, bob, sessionB;

    bool settle(FindModel &model)
    {
        // Debounce, then every request answered.
        QTest::qWait(80);
        return QTest::qWaitFor([&] { return !model.isSearching(); }, 10000);
    }

private slots:
    void initTestCase()
    {
        h = new LocalHarness;
        QVERIFY(h->ok());
        stageA = h->createStage(QStringLiteral("alpha"));
        stageB = h->createStage(QStringLiteral("beta"));
        aliceA = h->join(stageA, QStringLiteral("alice")).participantId;
        const auto b = h->join(stageB, QStringLiteral("alice"));
        aliceB = b.participantId;
        sessionB = b.sessionId;
        bob = h->join(stageB, QStringLiteral("bob")).participantId;
    }
    void cleanupTestCase() { delete h; }

    void findsEverything()
    {
        FindModel model(h->client());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDebounceMs(20);

        model.setQuery(QStringLiteral("alice"));
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 2);
        QSet<QString> found;
        for (int i = 0; i < model.rowCount(); ++i) {
            QCOMPARE(model.result(i).kind, FindModel::Kind::Participant);
            QCOMPARE(model.result(i).userId, QStringLiteral("alice"));
            found << model.result(i).participantId;
        }
        QCOMPARE(found, (QSet<QString>{aliceA, aliceB}));
        QVERIFY(model.data(model.index(0, 0)).toString().contains(QStringLiteral("user id")));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setQuery(bob);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.result(0).participantId, bob);
        QCOMPARE(model.result(0).stageArn, stageB);
        QCOMPARE(model.result(0).sessionId, sessionB);
        QCOMPARE(model.data(model.index(0, 0), FindModel::ParticipantIdRole).toString(), bob);

        model.setQuery(sessionB);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.result(0).kind, FindModel::Kind::Session);
        QCOMPARE(model.result(0).stageArn, stageB);

        model.setQuery(stageA);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.result(0).kind, FindModel::Kind::Stage);
        QCOMPARE(model.result(0).stageName, QStringLiteral("alpha"));

        model.setQuery(QStringLiteral("nobody-at-all"));
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 0);
    }

    // One user met in several sessions: the connected one comes first (Enter opens it), then
    // the gone ones, newest join first; each says which it is (the fifth walkthrough's Enter
    // opened a disconnected emeka of an old session).
    void connectedFirstThenNewest()
    {
        LocalHarness local;
        QVERIFY(local.ok());
        // Stage "early" (found first: listed first): emeka came and went twice.
        const QString early = local.createStage(QStringLiteral("early"));
        const auto first = local.join(early, QStringLiteral("emeka"));
        local.plane("leave", play::at(early, first.participantId));
        QTest::qWait(20);
        const auto second = local.join(early, QStringLiteral("emeka"));
        local.plane("leave", play::at(early, second.participantId));
        QTest::qWait(20);
        // Stage "late": emeka is on it now.
        const QString late = local.createStage(QStringLiteral("late"));
        const auto now = local.join(late, QStringLiteral("emeka"));
        FindModel model(local.client());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDebounceMs(20);
        model.setQuery(QStringLiteral("emeka"));
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.result(0).participantId, now.participantId);
        QCOMPARE(model.result(0).state, QStringLiteral("CONNECTED"));
        QVERIFY2(model.index(0).data().toString().contains(QLatin1String(", connected since ")),
                 qPrintable(model.index(0).data().toString()));
        QCOMPARE(model.result(1).participantId, second.participantId);
        QCOMPARE(model.result(2).participantId, first.participantId);
        QVERIFY2(model.index(2).data().toString().contains(QLatin1String(", gone, joined ")),
                 qPrintable(model.index(2).data().toString()));
    }

    // Sessions beyond the newest few of a stage are searched in the session cache: user ids
    // (any part, any case), participant ids and session ids, for the connection that cached
    // them only.
    void searchesTheSessionCache()
    {
        LocalHarness local;
        QVERIFY(local.ok());
        const QString stage = local.createStage(QStringLiteral("gamma"));
        const auto old = local.join(stage, QStringLiteral("Zed-Old"));
        local.plane("leave", play::at(stage, old.participantId));
        const auto newer = local.join(stage, QStringLiteral("newer"));
        local.plane("leave", play::at(stage, newer.participantId));
        QVERIFY(newer.sessionId != old.sessionId);

        QTemporaryDir dir;
        const SessionCache cache(dir.path());
        SessionLoader loader(local.client());
        loader.setCache(cache, QStringLiteral("this"));
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, old.sessionId);
        QVERIFY(done.wait(10000));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return QFile::exists(cache.pathFor(QStringLiteral("this"), stage, old.sessionId));
            },
            5000));

        FindModel model(local.client());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDebounceMs(20);
        model.setSessionsPerStage(1); // the service is asked about the newer session only
        model.setQuery(QStringLiteral("zed-old"));
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 0); // not without the cache

        model.setSessionCache(cache, QStringLiteral("this"));
        for (const QString &query : {QStringLiteral("zed-o"), old.participantId}) {
            model.setQuery(query);
            QVERIFY(settle(model));
            QCOMPARE(model.rowCount(), 1);
            QCOMPARE(model.result(0).kind, FindModel::Kind::Participant);
            QCOMPARE(model.result(0).participantId, old.participantId);
            QCOMPARE(model.result(0).sessionId, old.sessionId);
            QCOMPARE(model.result(0).userId, QStringLiteral("Zed-Old"));
            QVERIFY(model.data(model.index(0, 0)).toString().contains(QStringLiteral("cached")));
        }
        model.setQuery(old.sessionId);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 1); // the service's answer and the cache's: listed once
        QCOMPARE(model.result(0).kind, FindModel::Kind::Session);

        // Another connection's cache is not this one's.
        FindModel other(local.client());
        other.setDebounceMs(20);
        other.setSessionsPerStage(1);
        other.setSessionCache(cache, QStringLiteral("another"));
        other.setQuery(QStringLiteral("zed-old"));
        QVERIFY(settle(other));
        QCOMPARE(other.rowCount(), 0);
    }

    void typingIsDebounced()
    {
        FindModel model(h->client());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDebounceMs(200);
        for (const char *prefix : {"a", "al", "ali", "alic"}) {
            model.setQuery(QLatin1String(prefix));
            QTest::qWait(30);
        }
        QCOMPARE(model.requestCount(), 0);
        model.setQuery(QStringLiteral("alice"));
        QTest::qWait(300);
        QVERIFY(QTest::qWaitFor([&] { return !model.isSearching(); }, 10000));
        // One ListStages, then per stage one ListStageSessions, and per session a
        // ListParticipants and a GetParticipant: 1 + 2 + 2 * 2.
        QCOMPARE(model.requestCount(), 7);
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestFindModel)
#include "tst_findmodel.moc"
