// ZoomPan: wheel zoom about the pointer, the drag threshold that keeps a click a click, pan,
// fit, and the data's span kept in view whatever the user does.
#include "models/zoompan.h"

#include <QtTest>

namespace
{
constexpr qint64 kT0 = 1'790'000'000'000; // 2026-09-21, any fixed time
} // namespace

class TestZoomPan : public QObject
{
    Q_OBJECT
private slots:
    void wheelZoomsAboutThePointer()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600);
        ZoomPan zoom(&axis);
        const qint64 under = axis.timeForX(150);
        QVERIFY(zoom.wheel(150, 120)); // one notch in
        QCOMPARE(axis.spanMs(), 60000 / 1.25);
        QVERIFY(std::abs(axis.timeForX(150) - under) <= 1);
        QVERIFY(zoom.wheel(150, -240)); // two notches out
        QVERIFY(std::abs(axis.spanMs() - 60000 * 1.25) < 1);
        QVERIFY(std::abs(axis.timeForX(150) - under) <= 1);
        QVERIFY(!zoom.wheel(150, 0)); // a horizontal turn: nothing
    }

    void zoomByKeepsTheCentre()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600);
        ZoomPan zoom(&axis);
        zoom.zoomBy(2);
        QCOMPARE(axis.startMs(), kT0 + 15000);
        QCOMPARE(axis.endMs(), kT0 + 45000);
    }

    void aClickIsNotADrag()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600);
        ZoomPan zoom(&axis);
        zoom.press(QPointF(100, 50));
        QVERIFY(zoom.isPressed());
        QVERIFY(!zoom.move(QPointF(102, 51))); // 3 px: still a click
        QCOMPARE(axis.startMs(), kT0);
        QVERIFY(!zoom.release());
        QVERIFY(!zoom.isPressed());
        QVERIFY(!zoom.move(QPointF(300, 50))); // not pressed: no drag
        QCOMPARE(axis.startMs(), kT0);
    }

    void aDragPansByTheMotionSinceTheLastMove()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600); // 100 ms a pixel
        ZoomPan zoom(&axis);
        zoom.press(QPointF(100, 50));
        const std::optional<QPointF> first = zoom.move(QPointF(110, 45));
        QVERIFY(first);
        QCOMPARE(*first, QPointF(10, -5));
        QCOMPARE(axis.startMs(), kT0 - 1000); // dragged right: earlier times
        const std::optional<QPointF> second = zoom.move(QPointF(90, 45));
        QVERIFY(second);
        QCOMPARE(*second, QPointF(-20, 0));
        QCOMPARE(axis.startMs(), kT0 + 1000);
        QVERIFY(zoom.isDragging());
        QVERIFY(zoom.release());
    }

    void noThresholdDragsAtOnce()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600);
        ZoomPan zoom(&axis);
        zoom.press(QPointF(100, 50), 0);
        QVERIFY(zoom.move(QPointF(101, 50)));
        QCOMPARE(axis.startMs(), kT0 - 100);
    }

    void fitShowsTheSpanWithItsMargin()
    {
        TimeAxis axis(kT0, kT0 + 1000, 600);
        ZoomPan zoom(&axis);
        zoom.fit(kT0, kT0 + 100000, 0.1);
        QCOMPARE(axis.startMs(), kT0 - 10000);
        QCOMPARE(axis.endMs(), kT0 + 110000);
    }

    void theDataNeverLeavesTheView()
    {
        TimeAxis axis(kT0, kT0 + 60000, 600);
        ZoomPan zoom(&axis);
        // Without a data span, panning is free.
        zoom.panBy(-6000); // ten widths to the right
        QCOMPARE(axis.startMs(), kT0 + 600000);

        zoom.fit(kT0, kT0 + 60000, 0);
        zoom.setDataSpan(kT0, kT0 + 60000);
        zoom.panBy(-6000); // stops with the data's end at the left edge
        QCOMPARE(axis.startMs(), kT0 + 60000);
        QCOMPARE(axis.spanMs(), 60000.0); // the scale is kept
        zoom.panBy(12000);                // the other way: the data's start at the right edge
        QCOMPARE(axis.endMs(), kT0);
        zoom.panBy(-300); // back within the data: free again
        QCOMPARE(axis.endMs(), kT0 + 30000);

        // Zooming in about a point far from the data brings the nearest edge back too.
        zoom.fit(kT0, kT0 + 60000, 0);
        zoom.zoomAt(0, 100); // 600 ms about the data's start
        QCOMPARE(axis.startMs(), kT0);
        zoom.panBy(1000);
        QCOMPARE(axis.endMs(), kT0);
        zoom.zoomAt(600, 2); // about the right edge, which is the data's start
        QVERIFY(axis.endMs() >= kT0);
        QVERIFY(axis.startMs() <= kT0 + 60000);
    }
};

QTEST_GUILESS_MAIN(TestZoomPan)
#include "tst_zoompan.moc"
