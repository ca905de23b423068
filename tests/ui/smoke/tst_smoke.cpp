// Opens the main window offscreen and saves what it shows.

#include "ui/mainwindow.h"

#include <QDir>
#include <QLabel>
#include <QStatusBar>
#include <QTest>

class TestSmoke : public QObject
{
    Q_OBJECT
private slots:
    void mainWindowShowsAndGrabs();
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

QTEST_MAIN(TestSmoke)
#include "tst_smoke.moc"
