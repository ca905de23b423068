// Opens the main window offscreen and saves what it shows.

#include "models/resourcekinds.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>

class TestSmoke : public QObject
{
    Q_OBJECT
private slots:
    void mainWindowShowsAndGrabs();
    void secretsAreMaskedInTheDetailPane();
};

void TestSmoke::mainWindowShowsAndGrabs()
{
    gr::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Greenroom"));
    QVERIFY(window.statusBar()->isVisible());

    const QImage shot = window.grab().toImage();
    QCOMPARE(shot.size(), window.size() * window.devicePixelRatio());
    // Not blank: an empty grab would be a single colour.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 3, "the screenshot looks blank");

    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    QVERIFY(shot.save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/main-window.png")));
}

void TestSmoke::secretsAreMaskedInTheDetailPane()
{
    gr::ui::DetailPane pane;
    const QString streamKey = QStringLiteral("rt_123456789012_us-east-1_abcd_SECRETSECRETSECRET");
    const QString token = QStringLiteral("eyJhbGciOiJFUzM4NCJ9.eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJl");
    pane.showResource(
        gr::models::resourceKind(gr::models::Kind::IngestConfiguration), {},
        QStringLiteral("arn:aws:ivs:us-east-1:123456789012:ingest-configuration/x"),
        {{QStringLiteral("arn"),
          QStringLiteral("arn:aws:ivs:us-east-1:123456789012:ingest-configuration/x")},
         {QStringLiteral("streamKey"), streamKey},
         {QStringLiteral("redundantIngestCredentials"),
          QJsonArray{QJsonObject{{QStringLiteral("streamKey"), streamKey}}}},
         {QStringLiteral("participantToken"), QJsonObject{{QStringLiteral("token"), token}}}});
    pane.resize(600, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const auto texts = pane.findChildren<QPlainTextEdit *>();
    QCOMPARE(texts.size(), 1);
    QVERIFY(!texts.first()->toPlainText().contains(streamKey));
    QVERIFY(!texts.first()->toPlainText().contains(token));
    QVERIFY(texts.first()->toPlainText().contains(QStringLiteral("hidden")));
    const QList<QTreeWidgetItem *> items =
        pane.fields()->findItems(QStringLiteral("*"), Qt::MatchWildcard | Qt::MatchRecursive, 1);
    for (QTreeWidgetItem *item : items) {
        QVERIFY(!item->text(1).contains(streamKey));
        QVERIFY(!item->text(1).contains(token));
    }
    QVERIFY(!items.isEmpty());
    // Nor in the editable fields.
    for (const QLineEdit *edit : pane.findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(streamKey));
    QVERIFY(pane.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/detail-masked-secrets.png")));
}

QTEST_MAIN(TestSmoke)
#include "tst_smoke.moc"
