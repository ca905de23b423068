// Keys typed into the console: validated, kept in the secret store (never in settings), and
// used to connect.

#include "aws/secretstore.h"
#include "localharness.h"
#include "models/resourcelistmodel.h"
#include "ui/accesskeysdialog.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace gr;

class TestKeys : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void dialogRejectsBadInput();
    void typedKeysGoToTheStoreAndConnect();
};

void TestKeys::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
}

void TestKeys::dialogRejectsBadInput()
{
    ui::AccessKeysDialog dialog;
    dialog.setValues(QStringLiteral("prod"), QStringLiteral("not a key"), QStringLiteral("x"),
                     QStringLiteral("us-east-1"));
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
        return l->text().contains(QStringLiteral("access key ID"));
    }));
    QVERIFY(dialog.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/access-keys-dialog.png")));
    dialog.setValues(QStringLiteral("prod"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                     QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                     QStringLiteral("eu-west-1"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestKeys::typedKeysGoToTheStoreAndConnect()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.createStage(QStringLiteral("reachable-with-typed-keys"));
    aws::InMemorySecretStore store;
    const QUrl url = h.service()->url();
    ui::MainWindow window(
        {}, [&store, url](const ui::ConnectionChoice &choice) -> aws::Expected<ui::Connection *> {
            return new ui::Connection(url, choice.region,
                                      new aws::StoredCredentialsProvider(&store, choice.profile),
                                      QStringLiteral("typed keys"));
        });
    window.setSecretStore(&store);
    const QString secret = QLatin1String(local::LocalService::kDefaultSecretAccessKey);
    std::optional<QString> saved;
    window.addStoredKeys(QStringLiteral("local-typed"),
                         QLatin1String(local::LocalService::kDefaultAccessKeyId), secret,
                         QStringLiteral("us-east-1"),
                         [&](const aws::Expected<void> &e) { saved = e.error().toString(); });
    QTRY_VERIFY(saved.has_value());
    QVERIFY2(saved->isEmpty(), qPrintable(*saved));
    QCOMPARE(window.choiceCount(), 1);

    // Settings know the name and region, never the secret.
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("local-typed"));
    QVERIFY(!stored.contains(secret.toUtf8()));

    window.openConnection(0);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
}

QTEST_MAIN(TestKeys)
#include "tst_keys.moc"
