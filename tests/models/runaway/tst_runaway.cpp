// The models against a server whose listing never ends (the same nextToken forever): the list
// and the stage tree stop paging, say what happened with the operation and request id, and keep
// the rows they already show, on fetchMore and on refresh alike.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/ivsclient.h"
#include "models/resourcelistmodel.h"
#include "models/stagetreemodel.h"
#include "stubserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

class TestRunaway : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listStopsAndKeepsItsRows();
    void treeStopsAndKeepsItsRows();

private:
    StubServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    aws::StaticCredentialsProvider *m_credentials = nullptr;
    aws::AwsClient *m_transport = nullptr;
    ivs::IvsClient *m_client = nullptr;
    int m_served = 0; // ListStages pages
};

void TestRunaway::init()
{
    m_served = 0;
    m_server = new StubServer(this);
    // 100 new stages per page, and always the same token; stages have no sessions.
    m_server->handler = [this](const StubRequest &request) {
        if (request.target != "/ListStages")
            return StubResponse{200, {}, R"({"stageSessions":[],"participants":[]})"};
        QJsonArray stages;
        for (int i = 0; i < 100; ++i)
            stages.append(
                QJsonObject{{QStringLiteral("arn"),
                             QStringLiteral("arn:aws:ivs:us-west-2:123456789012:stage/s%1")
                                 .arg(m_served * 100 + i)},
                            {QStringLiteral("name"), QStringLiteral("s")}});
        ++m_served;
        StubResponse r;
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("stages"), stages},
                                           {QStringLiteral("nextToken"), QStringLiteral("again")}})
                     .toJson(QJsonDocument::Compact);
        r.headers.append({QByteArray("x-amzn-RequestId"), "req-" + QByteArray::number(m_served)});
        return r;
    };
    m_network = new QNetworkAccessManager(this);
    m_credentials = new aws::StaticCredentialsProvider(
        {QStringLiteral("AKIDRUNAWAY"), QStringLiteral("runaway-secret"), {}, {}},
        QStringLiteral("test"), this);
    m_transport = new aws::AwsClient(m_network, m_server->url(), QStringLiteral("us-west-2"),
                                     QStringLiteral("ivs"), m_credentials, nullptr, this);
    m_transport->pacer()->setRate(aws::PaceClass::GetList, 0);
    m_client = new ivs::IvsClient(m_transport, this);
}

void TestRunaway::cleanup()
{
    delete m_client;
    delete m_transport;
    delete m_credentials;
    delete m_network;
    delete m_server;
}

void TestRunaway::listStopsAndKeepsItsRows()
{
    models::ListSpec spec;
    spec.operation = ivs::Operation::ListStages;
    spec.columns = {{QStringLiteral("Name"), QStringLiteral("name")}};
    models::ResourceListModel model(m_client, spec);
    QAbstractItemModelTester tester(&model);
    // Page as a view scrolled to the bottom would, until the model says there is no more.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (model.canFetchMore({}))
                model.fetchMore({});
            return model.status() == models::ResourceListModel::Status::Error;
        }(),
        10000);
    QCOMPARE(m_served, 2);
    QCOMPARE(model.rowCount(), 200);
    QVERIFY(!model.canFetchMore({}));
    const QString text = model.errorText();
    QVERIFY2(text.contains(QLatin1String("ListStages")) &&
                 text.contains(QLatin1String("already returned")) &&
                 text.contains(QLatin1String("request id req-2")),
             qPrintable(text));

    // A refresh meets the same server: it stops too, and the rows shown stay.
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), models::ResourceListModel::Status::Error, 10000);
    QCOMPARE(m_served, 4);
    QCOMPARE(model.rowCount(), 200);
    QVERIFY2(model.errorText().contains(QLatin1String("request id req-4")),
             qPrintable(model.errorText()));
}

void TestRunaway::treeStopsAndKeepsItsRows()
{
    models::StageTreeModel model(m_client);
    QAbstractItemModelTester tester(&model);
    QSignalSpy errors(&model, &models::StageTreeModel::errorOccurred);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (model.canFetchMore({}))
                model.fetchMore({});
            return !errors.isEmpty();
        }(),
        10000);
    QCOMPARE(m_served, 2);
    QCOMPARE(model.rowCount(), 200);
    QVERIFY(!model.canFetchMore({}));
    const QString text = errors.last().at(0).toString();
    QVERIFY2(text.contains(QLatin1String("ListStages")) &&
                 text.contains(QLatin1String("already returned")) &&
                 text.contains(QLatin1String("request id req-2")),
             qPrintable(text));

    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 2, 10000);
    QTest::qWait(200); // nothing more is asked for
    QCOMPARE(m_served, 4);
    QCOMPARE(model.rowCount(), 200);
}

QTEST_GUILESS_MAIN(TestRunaway)
#include "tst_runaway.moc"
