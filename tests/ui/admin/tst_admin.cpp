// Administration from the console against the local service: create a stage, disconnect a
// participant, delete the stage; the open lists follow. Errors are shown, not lost.

#include "aws/awsclient.h"
#include "localconnection.h"
#include "localharness.h"
#include "models/resourcekinds.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/tokendialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace gr;

class TestAdmin : public QObject
{
    Q_OBJECT
private slots:
    void createDisconnectDelete();
    void tokenDialogShowsTheTokenOnce();
    void switchingConnectionsWhileRequestsAreInFlight();
    void helpReachesTheStartPageAgain();
};

void TestAdmin::createDisconnectDelete()
{
    QStandardPaths::setTestModeEnabled(true);
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QUrl url = h.service()->url();
    LocalConsole window(url);
    QTRY_VERIFY(window.listModel() &&
                window.listModel()->status() == models::ResourceListModel::Status::Idle);
    QCOMPARE(window.listModel()->rowCount(), 0);

    std::optional<QString> result;
    window.createStage(QStringLiteral("made-in-console"),
                       [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    const QString arn = window.listModel()->index(0, 0).data(models::KeyRole).toString();
    QCOMPARE(window.listModel()->index(0, 0).data().toString(), QStringLiteral("made-in-console"));

    const auto joined = h.join(arn, QStringLiteral("guest"));
    result.reset();
    window.disconnectParticipant(
        arn, joined.participantId, QStringLiteral("testing"),
        [&](const aws::Expected<void> &e) { result = e.error().toString(); });
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
    window.createStage(QStringLiteral("bad name!"),
                       [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->contains(QStringLiteral("ValidationException")));
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    // Plain words in the bar; the service's type and request id one hover away.
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
        return l->text().startsWith(QStringLiteral("Create stage: ")) &&
               l->toolTip().contains(QStringLiteral("ValidationException")) &&
               l->toolTip().contains(QStringLiteral("request id"));
    }));

    // Other kinds: an encoder configuration, from its own list.
    const QString encoder = h.create(ivs::Operation::CreateEncoderConfiguration,
                                     {{QStringLiteral("name"), QStringLiteral("enc")}});
    window.categories()->setCurrentRow(2);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    result.reset();
    window.removeResource(QStringLiteral("encoders"), encoder,
                          [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 0, 10000);
    result.reset();
    window.removeResource(QStringLiteral("encoders"), encoder,
                          [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->contains(QStringLiteral("ResourceNotFoundException")));

    // Deleted from its own page: the page of a stage that is gone does not stay (its list
    // calls would go on answering "no sessions"); the Stages list takes its place.
    QVERIFY(window.showStage(arn));
    QCOMPARE(window.listPage()->kind().kind, models::Kind::Session);
    result.reset();
    window.deleteStage(arn, [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE(window.listPage()->kind().kind, models::Kind::Stage);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 0, 10000);

    // Delete (toolbar, menu, Del) on a stage's own page, whose sessions cannot be deleted,
    // offers to delete the stage (it did nothing there).
    const QString doomed = h.createStage(QStringLiteral("doomed"));
    QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount() == 1 &&
                                  window.treeModel()->index(0, 0).data(models::KeyRole) == doomed,
                              true, 10000);
    QVERIFY(window.showStage(doomed));
    QString asked;
    QTimer::singleShot(200, &window, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->text();
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                button->click();
    });
    window.action(QStringLiteral("delete"))->trigger();
    QVERIFY2(asked.contains(QLatin1String("doomed")), qPrintable(asked));
    QTRY_COMPARE(window.listPage()->kind().kind, models::Kind::Stage);
    QTRY_VERIFY_WITH_TIMEOUT(
        h.call(ivs::Operation::ListStages, {}).value(QLatin1String("stages")).toArray().isEmpty(),
        10000);
}

void TestAdmin::tokenDialogShowsTheTokenOnce()
{
    LocalHarness h;
    const QString stage = h.createStage(QStringLiteral("tokens"));
    ui::TokenDialog dialog(h.client(), stage);
    dialog.show();
    // Bad attributes are refused before anything is sent.
    dialog.setValues(QStringLiteral("ana"), 30, true, false, QStringLiteral("[1,2]"));
    dialog.create();
    QVERIFY(dialog.errorText().contains(QStringLiteral("JSON object")));
    QVERIFY(dialog.token().isEmpty());

    dialog.setValues(QStringLiteral("ana"), 30, true, false,
                     QStringLiteral("{\"role\": \"host\"}"));
    QSignalSpy issued(&dialog, &ui::TokenDialog::issued);
    dialog.create();
    QTRY_COMPARE(issued.count(), 1);
    QVERIFY(dialog.errorText().isEmpty());
    const QString token = dialog.token();
    // The expiry in local time with its zone and how far off it is, not the raw ISO text.
    const auto *said = dialog.findChild<QLabel *>(QStringLiteral("status"));
    QVERIFY(said);
    const QString zone = QDateTime::currentDateTime().toString(QStringLiteral("t"));
    QVERIFY2(said->text().contains(QStringLiteral(" %1 (in 29 min)").arg(zone)) ||
                 said->text().contains(QStringLiteral(" %1 (in 30 min)").arg(zone)),
             qPrintable(said->text()));
    // Not the raw ISO text ("2026-11-26T19:36:13.741Z").
    QVERIFY(!said->text().contains(QRegularExpression(QStringLiteral(R"(\d{4}-\d\d-\d\dT\d)"))));
    // Copy says it did.
    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyToken"));
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), token);
    QVERIFY2(copy->text().startsWith(QStringLiteral("Copied")), qPrintable(copy->text()));
    QApplication::clipboard()->clear();
    QCOMPARE(token.count(QLatin1Char('.')), 2);
    // Masked on screen (and so in this screenshot) unless the user asks to see it.
    const auto edits = dialog.findChildren<QLineEdit *>();
    QVERIFY(std::any_of(edits.begin(), edits.end(), [&](QLineEdit *e) {
        return e->text() == token && e->echoMode() == QLineEdit::Password;
    }));
    QVERIFY(dialog.grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/token-dialog.png")));
    // The token works: the participant joins with it, with the capabilities asked for.
    int status = 0;
    const QJsonObject joined = h.plane("join", {{QStringLiteral("token"), token}}, &status);
    QCOMPARE(status, 200);
    h.plane("publish",
            {{QStringLiteral("stageArn"), stage},
             {QStringLiteral("participantId"), joined.value(QLatin1String("participantId"))}},
            &status);
    QCOMPARE(status, 200);
    const QJsonObject p =
        h.call(ivs::Operation::GetParticipant,
               {{QStringLiteral("stageArn"), stage},
                {QStringLiteral("sessionId"), joined.value(QLatin1String("sessionId"))},
                {QStringLiteral("participantId"), joined.value(QLatin1String("participantId"))}});
    QCOMPARE(p.value(QLatin1String("participant"))
                 .toObject()
                 .value(QLatin1String("attributes"))
                 .toObject()
                 .value(QLatin1String("role"))
                 .toString(),
             QStringLiteral("host"));
    // Settings never see it.
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    if (file.open(QIODevice::ReadOnly))
        QVERIFY(!file.readAll().contains(token.toUtf8()));
}

void TestAdmin::switchingConnectionsWhileRequestsAreInFlight()
{
    local::LocalServiceOptions options;
    options.faults = QStringLiteral("*:latency=200"); // keep requests on the wire
    LocalHarness h(options);
    h.createStage(QStringLiteral("slow"));
    const QUrl url = h.service()->url();
    const ui::ConnectionChoice local = localChoice();
    ui::MainWindow window({local, local}, localConnectionFactory(url));
    window.show();
    for (int i = 0; i < 5; ++i) {
        window.openConnection(i % 2);
        window.refresh();
        QTest::qWait(30);
    }
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connection()->transport()->inFlight() == 0, 10000);
}

// The administration walkthrough found no Help menu, no way back to the start page (it explains
// the demo and how to connect) and no word on what each navigator page is for.
void TestAdmin::helpReachesTheStartPageAgain()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    LocalConsole window(h.service()->url(), QSize(1400, 860));
    QVERIFY(window.showKind(models::Kind::Stage));
    QVERIFY(window.currentPage()->objectName() != QLatin1String("welcomePage"));
    auto *start = window.findChild<QAction *>(QStringLiteral("gettingStarted"));
    QVERIFY(start);
    QCOMPARE(start->shortcut(), QKeySequence(QKeySequence::HelpContents));
    start->trigger();
    QCOMPARE(window.currentPage()->objectName(), QStringLiteral("welcomePage"));

    auto *navigator = window.findChild<QListWidget *>(QStringLiteral("kinds"));
    QVERIFY(navigator && navigator->count() >= 6);
    for (int i = 0; i < navigator->count(); ++i)
        QVERIFY2(navigator->item(i)->toolTip().size() > 30, qPrintable(navigator->item(i)->text()));

    QString listed;
    QTimer::singleShot(0, &window, [&listed] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        listed = box->text();
        box->close();
    });
    window.showShortcuts();
    QVERIFY2(
        listed.contains(QStringLiteral("Edit selected")) &&
            listed.contains(QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText)),
        qPrintable(listed));
    QVERIFY(listed.contains(QStringLiteral("Getting started")));
    QCOMPARE(listed.count(QStringLiteral("New…")), 1); // in two menus, listed once
}

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
