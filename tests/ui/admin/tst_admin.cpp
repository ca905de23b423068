// Administration from the console against the local service: create a stage, disconnect a
// participant, delete the stage; the open lists follow. Errors are shown, not lost.

#include "localharness.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

using namespace gr;

class TestAdmin : public QObject
{
    Q_OBJECT
private slots:
    void createDisconnectDelete();
};

void TestAdmin::createDisconnectDelete()
{
    QStandardPaths::setTestModeEnabled(true);
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QUrl url = h.service()->url();
    ui::ConnectionChoice local{
        ui::ConnectionChoice::Kind::Local, QStringLiteral("Local"), {}, {}, {}};
    ui::MainWindow window({local}, [url](const ui::ConnectionChoice &, QString *) {
        return new ui::Connection(url, QStringLiteral("us-east-1"),
                                  new aws::StaticCredentialsProvider(
                                      {QLatin1String(local::LocalService::kDefaultAccessKeyId),
                                       QLatin1String(local::LocalService::kDefaultSecretAccessKey),
                                       {},
                                       {}},
                                      QStringLiteral("local")),
                                  QStringLiteral("Local"));
    });
    window.show();
    window.openConnection(0);
    QTRY_VERIFY(window.listModel() &&
                window.listModel()->status() == models::ResourceListModel::Status::Idle);
    QCOMPARE(window.listModel()->rowCount(), 0);

    std::optional<QString> result;
    window.createStage(QStringLiteral("made-in-console"), [&](const QString &e) { result = e; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    const QString arn = window.listModel()->index(0, 0).data(models::KeyRole).toString();
    QCOMPARE(window.listModel()->index(0, 0).data().toString(), QStringLiteral("made-in-console"));

    const auto joined = h.join(arn, QStringLiteral("guest"));
    result.reset();
    window.disconnectParticipant(arn, joined.participantId, QStringLiteral("testing"),
                                 [&](const QString &e) { result = e; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    const QJsonObject p = h.call(ivs::Operation::GetParticipant,
                                 {{QStringLiteral("stageArn"), arn},
                                  {QStringLiteral("sessionId"), joined.sessionId},
                                  {QStringLiteral("participantId"), joined.participantId}});
    QCOMPARE(
        p.value(QLatin1String("participant")).toObject().value(QLatin1String("state")).toString(),
        QStringLiteral("DISCONNECTED"));

    // A bad name is refused by the service; the error reaches the status bar.
    result.reset();
    window.createStage(QStringLiteral("bad name!"), [&](const QString &e) { result = e; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->contains(QStringLiteral("ValidationException")));
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
        return l->text().contains(QStringLiteral("ValidationException"));
    }));

    result.reset();
    window.deleteStage(arn, [&](const QString &e) { result = e; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 0, 10000);
}

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
