// ResourceListModel against the local service, under QAbstractItemModelTester: paging,
// re-entrant fetchMore, in-place refresh that keeps the selection, filters, errors.

#include "localharness.h"
#include "models/listspecs.h"
#include "models/participantdetails.h"
#include "models/roles.h"
#include "models/sessionerrors.h"
#include "models/sessionloader.h"

#include <memory>
#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace gr;
using models::ResourceListModel;

class TestListModel : public QObject
{
    Q_OBJECT
private slots:
    void pagesThroughStages();
    void fetchMoreDuringFetchDoesNothing();
    void refreshMergesInPlaceAndKeepsSelection();
    void participantsWithServerAndClientFilters();
    void eventsInTimeOrder();
    void errorsAreVisible();
    void participantErrorsBesideDetails();
    void compositionHistoryIsKept();
    void clientDestroyedFirstWithCallsInFlight();

private:
    // QAbstractItemModelTester itself calls fetchMore(): a page may already be on its way.
    static void loadAll(ResourceListModel &model)
    {
        for (;;) {
            QTRY_VERIFY_WITH_TIMEOUT(model.status() != ResourceListModel::Status::Loading, 10000);
            QCOMPARE(model.errorText(), QString());
            if (!model.canFetchMore({}))
                return;
            model.fetchMore({});
        }
    }
};

void TestListModel::pagesThroughStages()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    for (int i = 0; i < 230; ++i)
        h.createStage(QStringLiteral("stage-%1").arg(i, 3, 10, QLatin1Char('0')));
    ResourceListModel model(h.client(), models::stagesSpec());
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QTRY_VERIFY(model.rowCount() >= 100);
    loadAll(model);
    QCOMPARE(model.rowCount(), 230);
    QCOMPARE(inserted.count(), 3); // one insert per page
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Name"));
    const QModelIndex first = model.index(0, 2);
    QVERIFY(first.data(models::KeyRole).toString().startsWith(QLatin1String("arn:aws:ivs:")));
    QCOMPARE(first.data().toString(), first.data(models::KeyRole).toString());

    // Tags read as pairs, by key, not as JSON.
    h.create(
        ivs::Operation::CreateStage,
        {{QStringLiteral("name"), QStringLiteral("tagged")},
         {QStringLiteral("tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("ops")},
                                              {QStringLiteral("env"), QStringLiteral("demo")}}}});
    ResourceListModel tagged(h.client(), models::stagesSpec());
    tagged.fetchMore({});
    loadAll(tagged);
    int tags = -1;
    for (int c = 0; c < tagged.columnCount(); ++c)
        if (tagged.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() ==
            QLatin1String("Tags"))
            tags = c;
    QVERIFY(tags >= 0);
    QStringList shown;
    for (int r = 0; r < tagged.rowCount(); ++r)
        if (!tagged.index(r, tags).data().toString().isEmpty())
            shown << tagged.index(r, tags).data().toString();
    QCOMPARE(shown, QStringList{QStringLiteral("env=demo, team=ops")});
}

void TestListModel::fetchMoreDuringFetchDoesNothing()
{
    LocalHarness h;
    for (int i = 0; i < 3; ++i)
        h.createStage(QStringLiteral("s%1").arg(i));
    ResourceListModel model(h.client(), models::stagesSpec());
    const int before = h.transport()->inFlight();
    model.fetchMore({});
    model.fetchMore({});
    model.fetchMore({});
    QCOMPARE(h.transport()->inFlight(), before + 1);
    QVERIFY(!model.canFetchMore({}));
    // The tester's own re-entrant fetchMore() calls must not start more requests either.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(h.transport()->inFlight(), before + 1);
    QTRY_COMPARE(model.rowCount(), 3);
}

void TestListModel::refreshMergesInPlaceAndKeepsSelection()
{
    LocalHarness h;
    QStringList arns;
    for (int i = 0; i < 20; ++i)
        arns << h.createStage(QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0')));
    ResourceListModel model(h.client(), models::stagesSpec());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loadAll(model);
    QCOMPARE(model.rowCount(), 20);

    // Select a stage that will stay, and remember which.
    QItemSelectionModel selection(&model);
    const QString keep = arns[10];
    const int keepRow = model.rowOfKey(keep);
    selection.select(model.index(keepRow, 0),
                     QItemSelectionModel::Select | QItemSelectionModel::Rows);

    // 3 deleted, 2 created, 1 renamed.
    for (int i : {0, 1, 15})
        h.call(ivs::Operation::DeleteStage, {{QStringLiteral("arn"), arns[i]}});
    h.createStage(QStringLiteral("new-a"));
    h.createStage(QStringLiteral("new-b"));
    h.call(ivs::Operation::UpdateStage,
           {{QStringLiteral("arn"), arns[5]}, {QStringLiteral("name"), QStringLiteral("renamed")}});

    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshed(&model, &ResourceListModel::refreshed);
    model.refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    QCOMPARE(refreshed.first().value(0).toInt(), 2); // inserted
    QCOMPARE(refreshed.first().value(1).toInt(), 3); // removed
    QCOMPARE(refreshed.first().value(2).toInt(), 1); // changed
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 19);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!removed.isEmpty() && !inserted.isEmpty());
    QCOMPARE(model.index(model.rowOfKey(arns[5]), 0).data().toString(), QStringLiteral("renamed"));
    // The selection followed its row.
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(models::KeyRole).toString(), keep);

    // A refresh that changes nothing emits nothing but its summary.
    changed.clear();
    model.refresh();
    QTRY_COMPARE(refreshed.count(), 2);
    QCOMPARE(changed.count(), 0);
}

void TestListModel::participantsWithServerAndClientFilters()
{
    LocalHarness h;
    const QString stage = h.createStage(QStringLiteral("filters"));
    QString sessionId;
    for (int i = 0; i < 8; ++i)
        sessionId =
            h.join(stage, i % 2 ? QStringLiteral("odd") : QStringLiteral("even"), i < 3).sessionId;
    models::ParticipantFilters filters;
    filters.userId = QStringLiteral("even");
    filters.published = true;
    const models::ListSpec spec = models::participantsSpec(stage, sessionId, filters);
    QVERIFY(spec.input.contains(QStringLiteral("filterByUserId")));
    QVERIFY(!spec.input.contains(QStringLiteral("filterByPublished")));
    QVERIFY(spec.clientFilterDescription.contains(QStringLiteral("published")));
    ResourceListModel model(h.client(), spec);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loadAll(model);
    QCOMPARE(model.rowCount(), 2); // participants 0 and 2: even, and have published
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.rowJson(r).value(QLatin1String("userId")).toString(),
                 QStringLiteral("even"));
        QVERIFY(model.rowJson(r).value(QLatin1String("published")).toBool());
    }
    // State colours and raw values.
    const QModelIndex state = model.index(0, 2);
    QCOMPARE(state.data().toString(), QStringLiteral("CONNECTED"));
    QVERIFY(state.data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, 4).data(models::RawValueRole).toBool(), true);
    QCOMPARE(model.index(0, 7).data(models::RawValueRole).typeId(), QMetaType::QDateTime);
}

void TestListModel::eventsInTimeOrder()
{
    LocalHarness h;
    const QString stage = h.createStage(QStringLiteral("events"));
    const auto a = h.join(stage, QStringLiteral("a"), true);
    const auto b = h.join(stage, QStringLiteral("b"));
    h.plane("subscribe", {{QStringLiteral("stageArn"), stage},
                          {QStringLiteral("participantId"), b.participantId},
                          {QStringLiteral("remoteParticipantId"), a.participantId}});
    h.plane("error", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), b.participantId},
                      {QStringLiteral("name"), QStringLiteral("SUBSCRIBE_ERROR")},
                      {QStringLiteral("errorCode"), QStringLiteral("PUBLISHER_NOT_FOUND")}});
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), b.participantId}});
    models::ListSpec spec = models::participantEventsSpec(stage, b.sessionId, b.participantId);
    spec.pageSize = 2; // several pages
    ResourceListModel model(h.client(), spec);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loadAll(model);
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.index(r, 1).data().toString();
    QCOMPARE(names, (QStringList{QStringLiteral("JOINED"), QStringLiteral("SUBSCRIBE_STARTED"),
                                 QStringLiteral("SUBSCRIBE_ERROR"),
                                 QStringLiteral("SUBSCRIBE_STOPPED"), QStringLiteral("LEFT")}));
    QCOMPARE(model.index(2, 3).data().toString(), QStringLiteral("PUBLISHER_NOT_FOUND"));
}

void TestListModel::errorsAreVisible()
{
    LocalHarness h;
    ResourceListModel model(h.client(), models::stageSessionsSpec(QStringLiteral("not-an-arn")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QTRY_COMPARE(model.status(), ResourceListModel::Status::Error);
    QVERIFY(model.errorText().contains(QStringLiteral("ValidationException")));
    QVERIFY(!model.canFetchMore({})); // no retry storm from views
    QCOMPARE(model.rowCount(), 0);
}

// The Errors column reads the session's *_ERROR events (from the loaded session store, no
// request per row) through its own channel: GetParticipant's details, in another channel,
// are still asked for and shown for every row.
void TestListModel::participantErrorsBesideDetails()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("errors"));
    const auto host = h.join(stage, QStringLiteral("host"), true);
    const auto fan = h.join(stage, QStringLiteral("fan"));
    auto error = [&](const QString &name, const QString &code) {
        int status = 0;
        h.plane("error",
                {{QStringLiteral("stageArn"), stage},
                 {QStringLiteral("participantId"), fan.participantId},
                 {QStringLiteral("name"), name},
                 {QStringLiteral("errorCode"), code}},
                &status);
        QCOMPARE(status, 200);
    };
    error(QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"));
    error(QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"));
    error(QStringLiteral("PUBLISH_ERROR"), QStringLiteral("INSUFFICIENT_CAPABILITIES"));

    SessionLoader loader(h.client());
    QSignalSpy done(&loader, &SessionLoader::finished);
    loader.start(stage, fan.sessionId);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000);
    const models::SessionErrors errors = models::SessionErrors::count(loader.store());
    QCOMPARE(errors.total, 3);
    QCOMPARE(errors.byParticipant.value(host.participantId).count, 0);
    QCOMPARE(errors.byParticipant.value(fan.participantId).count, 3);

    ResourceListModel model(h.client(), models::participantsSpec(stage, fan.sessionId));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int errorsColumn = -1, browserColumn = -1;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QString title = model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        errorsColumn = title == QLatin1String("Errors") ? c : errorsColumn;
        browserColumn = title == QLatin1String("Browser") ? c : browserColumn;
    }
    QVERIFY(errorsColumn >= 0 && browserColumn >= 0);
    loadAll(model);
    QCOMPARE(model.rowCount(), 2);
    const int hostRow = model.rowOfKey(host.participantId);
    const int fanRow = model.rowOfKey(fan.participantId);
    // Not loaded yet: no value, and no value sorts after every value.
    QCOMPARE(model.index(fanRow, errorsColumn).data().toString(), QString());
    QVERIFY(!model.index(fanRow, errorsColumn).data(models::RawValueRole).isValid());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setChannel(QLatin1String(models::SessionErrors::kChannel), errors.channel());
    QCOMPARE(changed.count(), 2); // both rows, once each
    const QModelIndex fanErrors = model.index(fanRow, errorsColumn);
    const QModelIndex hostErrors = model.index(hostRow, errorsColumn);
    QCOMPARE(fanErrors.data().toString(), QStringLiteral("3"));
    QCOMPARE(hostErrors.data().toString(), QStringLiteral("0"));
    QCOMPARE(fanErrors.data(models::RawValueRole).toDouble(), 3.0);
    QVERIFY(fanErrors.data(Qt::ForegroundRole).isValid());   // red
    QVERIFY(!hostErrors.data(Qt::ForegroundRole).isValid()); // plain
    const QString codes = fanErrors.data(Qt::ToolTipRole).toString();
    QVERIFY2(codes.contains(QStringLiteral("PUBLISHER_NOT_FOUND ×2")), qPrintable(codes));
    QVERIFY(codes.contains(QStringLiteral("INSUFFICIENT_CAPABILITIES ×1")));
    QVERIFY(hostErrors.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No error")));

    // Setting the same counts again changes nothing.
    changed.clear();
    model.setChannel(QLatin1String(models::SessionErrors::kChannel), errors.channel());
    QCOMPARE(changed.count(), 0);

    // Sorted by the raw count, most errors first.
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(models::RawValueRole);
    sorted.sort(errorsColumn, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, 0).data(models::KeyRole).toString(), fan.participantId);
    sorted.sort(errorsColumn, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, 0).data(models::KeyRole).toString(), host.participantId);

    // The error channel is not taken for "details already asked": both rows get their details.
    QVERIFY(
        !model.hasExtra(QLatin1String(models::ParticipantDetails::kChannel), fan.participantId));
    models::ParticipantDetails details(h.client(), &model, stage, fan.sessionId);
    details.request({host.participantId, fan.participantId});
    for (int row : {hostRow, fanRow})
        QTRY_VERIFY_WITH_TIMEOUT(!model.index(row, browserColumn).data().toString().isEmpty(),
                                 10000);
    QCOMPARE(fanErrors.data().toString(), QStringLiteral("3")); // untouched by the details

    // The connection-wide index the stage tree reads for a session's badge.
    models::SessionErrorIndex *index = models::SessionErrorIndex::of(h.client());
    QCOMPARE(models::SessionErrorIndex::of(h.client()), index);
    QCOMPARE(index->errorCount(stage, fan.sessionId), -1);
    QSignalSpy indexChanged(index, &models::SessionErrorIndex::changed);
    index->set(stage, fan.sessionId, errors.total);
    index->set(stage, fan.sessionId, errors.total);
    QCOMPARE(indexChanged.count(), 1);
    QCOMPARE(index->errorCount(stage, fan.sessionId), 3);
}

void TestListModel::compositionHistoryIsKept()
{
    local::LocalServiceOptions options;
    options.timeScale = 1000; // start, stop and vanish in milliseconds
    LocalHarness h(options);
    const QString stage = h.createStage(QStringLiteral("show"));
    const QString composition = h.startComposition(stage);
    QVERIFY(!composition.isEmpty());
    ResourceListModel model(h.client(), models::compositionsSpec());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loadAll(model);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.index(0, 0).data(models::VanishedRole).toBool());

    h.call(ivs::Operation::StopComposition, {{QStringLiteral("arn"), composition}});
    // Gone from the service a (scaled) few minutes after STOPPED...
    QTRY_VERIFY_WITH_TIMEOUT(
        h.call(ivs::Operation::GetComposition, {{QStringLiteral("arn"), composition}})
            .value(QLatin1String("__error"))
            .toString()
            .contains(QStringLiteral("ResourceNotFound")),
        10000);
    // ...but the console keeps it, marked.
    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy refreshed(&model, &ResourceListModel::refreshed);
    model.refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, 0).data(models::VanishedRole).toBool());
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("history")));
    QCOMPARE(reset.count(), 0);
}

// A window deletes its children in an order nobody chose: the client, which owns its calls, can
// go before a model with a page or a refresh in flight. The model must not touch the dead call
// (it did: a crash in ~ResourceListModel seen under load; valgrind names the use after free).
void TestListModel::clientDestroyedFirstWithCallsInFlight()
{
    LocalHarness h;
    h.createStage(QStringLiteral("one"));
    QNetworkAccessManager network;
    aws::StaticCredentialsProvider credentials(
        {QLatin1String(local::LocalService::kDefaultAccessKeyId),
         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
         {},
         {}},
        QStringLiteral("local"));
    auto transport =
        std::make_unique<aws::AwsClient>(&network, h.service()->url(), QStringLiteral("us-east-1"),
                                         QStringLiteral("ivs"), &credentials, nullptr);
    auto client = std::make_unique<ivs::IvsClient>(transport.get());
    auto refreshing = std::make_unique<ResourceListModel>(client.get(), models::stagesSpec());
    QAbstractItemModelTester refreshingTester(
        refreshing.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    refreshing->fetchMore({});
    QTRY_COMPARE(refreshing->rowCount(), 1);
    refreshing->refresh();
    // The tester's own fetchMore() starts the first page.
    auto fetching = std::make_unique<ResourceListModel>(client.get(), models::stagesSpec());
    QAbstractItemModelTester fetchingTester(fetching.get(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetching->fetchMore({});
    QCOMPARE(transport->inFlight(), 2);
    client.reset();
    transport.reset();
    fetching.reset();
    refreshing.reset(); // with raw call pointers: a crash, or valgrind's invalid read
}

QTEST_GUILESS_MAIN(TestListModel)
#include "tst_listmodel.moc"
