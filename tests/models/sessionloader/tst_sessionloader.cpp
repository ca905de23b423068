// SessionLoader and SessionStore against the local service: every event of every participant,
// paging on both levels, the disk cache (a second visit makes no request), following a live
// session without duplicates, cancel, and a failure that keeps what was loaded.
#include "localharness.h"
#include "models/budgets.h"
#include "models/ratebudget.h"
#include "models/sessionloader.h"
#include "sessionplay.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gr;

namespace
{
using play::at;

// The events of one participant straight from the service, as "NAME/remote/code" lines.
QStringList serviceEvents(LocalHarness &h, const QString &stage, const QString &session,
                          const QString &participant)
{
    QStringList out;
    QString token;
    do {
        QJsonObject in{{QStringLiteral("stageArn"), stage},
                       {QStringLiteral("sessionId"), session},
                       {QStringLiteral("participantId"), participant}};
        if (!token.isEmpty())
            in.insert(QStringLiteral("nextToken"), token);
        const QJsonObject page = h.call(ivs::Operation::ListParticipantEvents, in);
        for (const QJsonValue &v : page.value(QLatin1String("events")).toArray()) {
            const QJsonObject e = v.toObject();
            out << e.value(QLatin1String("name")).toString() + QLatin1Char('/') +
                       e.value(QLatin1String("remoteParticipantId")).toString() + QLatin1Char('/') +
                       e.value(QLatin1String("errorCode")).toString();
        }
        token = page.value(QLatin1String("nextToken")).toString();
    } while (!token.isEmpty());
    return out;
}

QStringList storeEvents(const SessionStore &store, const QString &participant)
{
    QStringList out;
    const int index = store.findParticipant(participant);
    if (index < 0)
        return out;
    for (quint32 i : store.participants()[index].events) {
        const SessionEvent &e = store.events()[int(i)];
        out << SessionStore::eventNameText(e.name) + QLatin1Char('/') +
                   (e.remote >= 0 ? store.participantId(e.remote) : QString()) + QLatin1Char('/') +
                   store.errorCodeText(e);
    }
    return out;
}

bool load(SessionLoader &loader, const QString &stage, const QString &session)
{
    QSignalSpy done(&loader, &SessionLoader::finished);
    QSignalSpy failed(&loader, &SessionLoader::failed);
    loader.start(stage, session);
    return QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 20000) &&
           failed.isEmpty();
}
} // namespace

class TestSessionLoader : public QObject
{
    Q_OBJECT
private slots:
    void loadsEveryEvent()
    {
        LocalHarness h;
        QVERIFY2(h.ok(), qPrintable(h.error()));
        const QString stage = h.createStage(QStringLiteral("loader"));
        const auto host = h.join(stage, QStringLiteral("host"), true);
        const auto guest = h.join(stage, QStringLiteral("guest"), false);
        h.plane("subscribe", at(stage, guest.participantId,
                                {{QStringLiteral("remoteParticipantId"), host.participantId}}));
        h.plane("subscribe",
                at(stage, guest.participantId,
                   {{QStringLiteral("remoteParticipantId"), QStringLiteral("nobody")}}));
        // The host publishes and stops often enough to need three pages of events.
        for (int i = 0; i < 220; ++i)
            h.plane(i % 2 ? "publish" : "unpublish", at(stage, host.participantId));

        SessionLoader loader(h.client());
        QSignalSpy progress(&loader, &SessionLoader::progress);
        QVERIFY(load(loader, stage, host.sessionId));
        const SessionStore &store = loader.store();
        QCOMPARE(store.sessionId, host.sessionId);
        QVERIFY(store.startMs > 0);
        QVERIFY(!store.isFinished());
        for (const QString &p : {host.participantId, guest.participantId}) {
            const QStringList expected = serviceEvents(h, stage, host.sessionId, p);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(storeEvents(store, p), expected);
        }
        QVERIFY(storeEvents(store, host.participantId).size() > 200);
        // The remote "nobody" is known only from an event: kept, but not as a listed one.
        const int nobody = store.findParticipant(QStringLiteral("nobody"));
        QVERIFY(nobody >= 0);
        QVERIFY(!store.participants()[nobody].listed);
        QCOMPARE(store.userId(store.findParticipant(guest.participantId)), QStringLiteral("guest"));
        // 1 GetStageSession + 1 ListParticipants + 3 pages for the host + 1 for the guest.
        QCOMPARE(loader.requestCount(), 6);
        QCOMPARE(store.requestIds.size(), 6);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QCOMPARE(progress.last().at(1).toInt(), 2);
        // Compact: well under 150 bytes per event even for a small session.
        QVERIFY2(store.memoryBytes() / store.events().size() < 150,
                 qPrintable(QString::number(store.memoryBytes() / store.events().size())));
    }

    void pagesParticipants()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("crowd"));
        const QJsonObject last = h.plane(
            "join-many", {{QStringLiteral("stageArn"), stage}, {QStringLiteral("count"), 230}});
        const QString session = last.value(QLatin1String("sessionId")).toString();
        SessionLoader loader(h.client());
        QVERIFY(load(loader, stage, session));
        QCOMPARE(loader.store().participants().size(), 230);
        QCOMPARE(loader.store().events().size(), 230); // one JOINED each
        // 1 session + 3 participant pages + 230 event lists.
        QCOMPARE(loader.requestCount(), 234);
    }

    void secondVisitOfAFinishedSessionMakesNoRequest()
    {
        QTemporaryDir dir;
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("ended"));
        const auto a = h.join(stage, QStringLiteral("a"), true);
        const auto b = h.join(stage, QStringLiteral("b"), false);
        h.plane("subscribe", at(stage, b.participantId,
                                {{QStringLiteral("remoteParticipantId"), a.participantId}}));
        h.plane("leave", at(stage, a.participantId));
        h.plane("leave", at(stage, b.participantId));
        const SessionCache cache(dir.path());

        SessionLoader first(h.client());
        first.setCache(cache, QStringLiteral("local"));
        QVERIFY(load(first, stage, a.sessionId));
        QVERIFY(first.store().isFinished());
        QVERIFY(first.requestCount() > 0);
        QVERIFY(!first.isFromCache());
        const QString path = cache.pathFor(QStringLiteral("local"), stage, a.sessionId);
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(path); }, 5000));
        QVERIFY(!path.contains(QStringLiteral("arn:")));

        SessionLoader second(h.client());
        second.setCache(cache, QStringLiteral("local"));
        QVERIFY(load(second, stage, a.sessionId));
        QVERIFY(second.isFromCache());
        QCOMPARE(second.requestCount(), 0);
        for (const QString &p : {a.participantId, b.participantId})
            QCOMPARE(storeEvents(second.store(), p), storeEvents(first.store(), p));
        QCOMPARE(second.store().requestIds, first.store().requestIds);
        QCOMPARE(second.store().endMs, first.store().endMs);

        // Another connection does not share the cache.
        SessionLoader other(h.client());
        other.setCache(cache, QStringLiteral("another"));
        QVERIFY(load(other, stage, a.sessionId));
        QVERIFY(other.requestCount() > 0);

        // A damaged file is not trusted: the loader asks the service again.
        QFile damaged(path);
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("GRSS nonsense");
        damaged.close();
        SessionLoader third(h.client());
        third.setCache(cache, QStringLiteral("local"));
        QVERIFY(load(third, stage, a.sessionId));
        QVERIFY(!third.isFromCache());
        QCOMPARE(storeEvents(third.store(), a.participantId),
                 storeEvents(first.store(), a.participantId));
    }

    void cacheIsBounded()
    {
        QTemporaryDir dir;
        SessionCache cache(dir.path(), 3000);
        SessionStore store;
        store.stageArn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abc");
        store.endMs = 1;
        gr::ivs::ParticipantSummary p;
        p.participantId = QStringLiteral("p1");
        const int index = store.upsertParticipant(p);
        QList<gr::ivs::Event> events;
        for (int i = 0; i < 10; ++i) {
            gr::ivs::Event e;
            e.name = QStringLiteral("JOINED");
            e.eventTime = QDateTime::fromMSecsSinceEpoch(1000 * i, Qt::UTC);
            events << e;
        }
        store.addEvents(index, events);
        for (int i = 0; i < 20; ++i) {
            store.sessionId = QString::number(i);
            const auto written = cache.write(
                cache.pathFor(QStringLiteral("c"), store.stageArn, store.sessionId), store);
            QVERIFY2(written, qPrintable(written.message()));
        }
        qint64 total = 0;
        for (const QFileInfo &f : QDir(dir.path()).entryInfoList(QDir::Files))
            total += f.size();
        QVERIFY(total <= 3000);
        QVERIFY(QFile::exists(
            cache.pathFor(QStringLiteral("c"), store.stageArn, QStringLiteral("19"))));
        QVERIFY(!QFile::exists(
            cache.pathFor(QStringLiteral("c"), store.stageArn, QStringLiteral("0"))));
    }

    void followsALiveSession()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("live"));
        const auto a = h.join(stage, QStringLiteral("a"), true);
        SessionLoader loader(h.client());
        QVERIFY(load(loader, stage, a.sessionId));
        const int before = loader.store().events().size();

        const auto b = h.join(stage, QStringLiteral("b"), false);
        h.plane("subscribe", at(stage, b.participantId,
                                {{QStringLiteral("remoteParticipantId"), a.participantId}}));
        h.plane("unpublish", at(stage, a.participantId));
        QSignalSpy added(&loader, &SessionLoader::eventsAdded);
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.refresh();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 10000));
        for (const QString &p : {a.participantId, b.participantId})
            QCOMPARE(storeEvents(loader.store(), p), serviceEvents(h, stage, a.sessionId, p));
        int newEvents = 0;
        for (const auto &args : added)
            newEvents += args.at(0).value<QVector<quint32>>().size();
        QCOMPARE(loader.store().events().size(), before + newEvents);
        QVERIFY(newEvents >= 4);

        // A refresh with nothing new adds nothing.
        added.clear();
        done.clear();
        loader.refresh();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 10000));
        QCOMPARE(added.size(), 0);
    }

    // A refresh asks for a newcomer's events before those of everyone already listed: on a
    // big live session its errors reach the Errors column within a request or two, not after
    // the whole crowd's (the walkthrough's blank cell).
    void refreshAsksNewcomersFirst()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("newcomer"));
        const auto host = h.join(stage, QStringLiteral("host"), true);
        for (int i = 0; i < 8; ++i)
            h.join(stage, QStringLiteral("crowd-%1").arg(i), false);
        SessionLoader loader(h.client());
        loader.setMaxInFlight(1); // one request at a time: their order is what is measured
        QVERIFY(load(loader, stage, host.sessionId));

        const QString late = play::joinWith(h, play::token(h, stage, QStringLiteral("zz-late"),
                                                           {QStringLiteral("SUBSCRIBE")}))
                                 .participantId;
        h.plane("publish", at(stage, late)); // refused: INSUFFICIENT_CAPABILITIES
        const int before = loader.requestCount();
        int requestsForLate = -1;
        connect(&loader, &SessionLoader::eventsAdded, this, [&](const QVector<quint32> &added) {
            for (quint32 e : added) {
                if (requestsForLate < 0 &&
                    loader.store().participantId(
                        int(loader.store().events()[int(e)].participant)) == late)
                    requestsForLate = loader.requestCount() - before;
            }
        });
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.refresh();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 15000));
        QCOMPARE(storeEvents(loader.store(), late), serviceEvents(h, stage, host.sessionId, late));
        // GetStageSession, ListParticipants, then the newcomer's events: not 9 others' first.
        QVERIFY2(requestsForLate >= 1 && requestsForLate <= 3,
                 qPrintable(QString::number(requestsForLate)));
        QCOMPARE(loader.requestCount() - before, 2 + 10);
    }

    void cancelStopsEverything()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("cancel"));
        const QJsonObject last = h.plane(
            "join-many", {{QStringLiteral("stageArn"), stage}, {QStringLiteral("count"), 60}});
        SessionLoader loader(h.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        QSignalSpy added(&loader, &SessionLoader::eventsAdded);
        loader.start(stage, last.value(QLatin1String("sessionId")).toString());
        QVERIFY(QTest::qWaitFor([&] { return !added.isEmpty(); }, 10000));
        loader.cancel();
        QVERIFY(!loader.isRunning());
        const int count = added.size();
        QTest::qWait(300);
        QCOMPARE(added.size(), count);
        QCOMPARE(done.size(), 0);
        QVERIFY(loader.store().participants().size() < 60 || loader.store().events().size() < 60);
    }

    // Through a rate budget (as the session page loads): every event, each request one
    // one-shot turn of the budget at its rate, and a cancel leaves nothing queued there.
    void loadsThroughTheRateBudget()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("budgeted"));
        const QJsonObject last = h.plane(
            "join-many", {{QStringLiteral("stageArn"), stage}, {QStringLiteral("count"), 12}});
        const QString session = last.value(QLatin1String("sessionId")).toString();
        gr::models::RateBudget budget;
        const QString reads = gr::models::budgets::ivsReads();
        SessionLoader loader(h.client());
        loader.setBudget(&budget);
        QCOMPARE(budget.rate(reads), 5); // from app/ivs/quotas
        int mostInASecond = 0;
        QTimer watch;
        QObject::connect(&watch, &QTimer::timeout, [&] {
            mostInASecond = std::max(mostInASecond, budget.startedLastSecond(reads));
        });
        watch.start(20);
        QVERIFY(load(loader, stage, session));
        watch.stop();
        QCOMPARE(loader.store().participants().size(), 12);
        QCOMPARE(loader.store().events().size(), 12);
        QCOMPARE(loader.requestCount(), 14); // 1 session + 1 participant page + 12 event lists
        QVERIFY2(mostInASecond >= 4 && mostInASecond <= 5,
                 qPrintable(QString::number(mostInASecond)));

        // A cancel in the middle drops the turns it asked for.
        SessionLoader second(h.client());
        second.setBudget(&budget);
        QSignalSpy added(&second, &SessionLoader::eventsAdded);
        second.start(stage, session);
        QVERIFY(QTest::qWaitFor([&] { return !added.isEmpty(); }, 10000));
        QVERIFY(budget.queued(reads) > 0);
        second.cancel();
        QCOMPARE(budget.queued(reads), 0);
    }

    void failureIsReported()
    {
        LocalHarness h;
        QVERIFY(h.ok());
        const QString stage = h.createStage(QStringLiteral("missing"));
        SessionLoader loader(h.client());
        QSignalSpy failed(&loader, &SessionLoader::failed);
        loader.start(stage, QStringLiteral("st-doesnotexist"));
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000));
        const auto error = failed.first().at(0).value<gr::aws::AwsError>();
        QVERIFY(error.isError());
        QVERIFY(!loader.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSessionLoader)
#include "tst_sessionloader.moc"
