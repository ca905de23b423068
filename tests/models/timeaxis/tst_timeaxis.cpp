// TimeAxis: the x <-> time mapping, zoom about a point, pan, fit, and tick steps and labels.
#include "models/timeaxis.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

namespace
{
qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}
} // namespace

class TestTimeAxis : public QObject
{
    Q_OBJECT
private slots:
    void mapsBothWays()
    {
        const qint64 t0 = utcMs("2026-11-25T10:00:00Z");
        TimeAxis axis(t0, t0 + 60000, 600);
        QCOMPARE(axis.msPerPixel(), 100.0);
        QCOMPARE(axis.xForTime(t0), 0.0);
        QCOMPARE(axis.xForTime(t0 + 30000), 300.0);
        QCOMPARE(axis.xForTime(t0 - 1000), -10.0);
        QCOMPARE(axis.timeForX(450), t0 + 45000);
        for (double x : {0.0, 1.5, 333.0, 599.0})
            QVERIFY(std::abs(axis.xForTime(axis.timeForX(x)) - x) < 0.01);
    }

    void zoomKeepsTheAnchor()
    {
        const qint64 t0 = utcMs("2026-11-25T10:00:00Z");
        TimeAxis axis(t0, t0 + 60000, 600);
        const qint64 under = axis.timeForX(150);
        axis.zoomAt(150, 4);
        QCOMPARE(axis.spanMs(), 15000.0);
        QCOMPARE(axis.timeForX(150), under);
        axis.zoomAt(150, 0.25);
        QCOMPARE(axis.spanMs(), 60000.0);
        QCOMPARE(axis.startMs(), t0);
        // Zooming cannot go below the minimum span, nor above the maximum.
        axis.zoomAt(0, 1e9);
        QCOMPARE(axis.spanMs(), TimeAxis::minSpanMs());
        axis.zoomAt(0, 1e-12);
        QCOMPARE(axis.spanMs(), TimeAxis::maxSpanMs());
        // Nonsense factors change nothing.
        const TimeAxis before = axis;
        axis.zoomAt(10, 0);
        axis.zoomAt(10, -2);
        axis.zoomAt(10, std::numeric_limits<double>::quiet_NaN());
        QVERIFY(axis == before);
    }

    void panMovesContent()
    {
        const qint64 t0 = utcMs("2026-11-25T10:00:00Z");
        TimeAxis axis(t0, t0 + 60000, 600);
        axis.pan(100); // drag right by 100 px: 10 s earlier comes into view
        QCOMPARE(axis.startMs(), t0 - 10000);
        QCOMPARE(axis.spanMs(), 60000.0);
        axis.pan(-100);
        QCOMPARE(axis.startMs(), t0);
    }

    void fitAddsMargin()
    {
        TimeAxis axis(0, 1, 1000);
        const qint64 a = utcMs("2026-11-25T10:00:00Z");
        axis.fit(a, a + 100000, 0.05);
        QCOMPARE(axis.startMs(), a - 5000);
        QCOMPARE(axis.endMs(), a + 105000);
        // Reversed bounds are accepted; an empty range gets the minimum span centred on it.
        axis.fit(a + 100000, a, 0);
        QCOMPARE(axis.startMs(), a);
        axis.fit(a, a, 0);
        QCOMPARE(axis.spanMs(), TimeAxis::minSpanMs());
        QVERIFY(axis.startMs() <= a && axis.endMs() >= a);
    }

    void setWidthKeepsScale()
    {
        TimeAxis axis(0, 60000, 600);
        axis.setWidth(1200);
        QCOMPARE(axis.msPerPixel(), 100.0);
        QCOMPARE(axis.endMs(), qint64(120000));
    }

    void tickStepsAreNice_data()
    {
        QTest::addColumn<double>("spanMs");
        QTest::addColumn<qint64>("step");
        // 800 px wide, ticks at least 80 px apart: at most ten per view.
        QTest::newRow("1 s") << 1000.0 << qint64(100);
        QTest::newRow("7 s") << 7000.0 << qint64(1000);
        QTest::newRow("2 min") << 120000.0 << qint64(15000);
        QTest::newRow("1 h") << 3600000.0 << qint64(600000);
        QTest::newRow("1 day") << 86400000.0 << qint64(3 * 3600000);
        QTest::newRow("60 days") << 60.0 * 86400000 << qint64(7 * 86400000LL);
    }
    void tickStepsAreNice()
    {
        QFETCH(double, spanMs);
        QFETCH(qint64, step);
        const qint64 t0 = utcMs("2026-11-25T10:00:00Z");
        TimeAxis axis(t0, t0 + qint64(spanMs), 800);
        QCOMPARE(axis.tickStepMs(80), step);
        const auto ticks = axis.ticks(80);
        QVERIFY(!ticks.isEmpty());
        for (int i = 0; i < ticks.size(); ++i) {
            QVERIFY(ticks[i].ms >= axis.startMs() && ticks[i].ms <= axis.endMs());
            QVERIFY(ticks[i].x >= 0 && ticks[i].x <= 800.001);
            if (i > 0) {
                QCOMPARE(ticks[i].ms - ticks[i - 1].ms, step);
                QVERIFY(ticks[i].x - ticks[i - 1].x >= 79.999);
            }
            QVERIFY(!ticks[i].label.isEmpty());
        }
    }

    void tickLabels()
    {
        const qint64 t0 = utcMs("2026-11-25T23:59:58Z");
        TimeAxis axis(t0, t0 + 4000, 800); // 4 s over midnight: ticks every 500 ms
        const auto ticks = axis.ticks(80);
        QCOMPARE(axis.tickStepMs(80), qint64(500));
        QCOMPARE(ticks.first().label, QStringLiteral("23:59:58.000"));
        QVERIFY(!ticks.first().major);
        bool sawMidnight = false;
        for (const auto &tick : ticks) {
            if (tick.ms == utcMs("2026-11-26T00:00:00Z")) {
                sawMidnight = true;
                QVERIFY(tick.major);
                QCOMPARE(tick.label, QStringLiteral("Nov 26"));
            } else {
                QVERIFY(!tick.major);
            }
        }
        QVERIFY(sawMidnight);
        QCOMPARE(axis.label(utcMs("2026-11-25T10:30:05Z"), 5000), QStringLiteral("10:30:05"));
        QCOMPARE(axis.label(utcMs("2026-11-25T10:30:05Z"), 300000), QStringLiteral("10:30"));
    }

    void ticksAlignToTheShownClock()
    {
        // With UTC+05:30, ten-minute ticks fall on :00, :10 ... of the shown clock.
        const qint64 t0 = utcMs("2026-11-25T10:03:00Z");
        TimeAxis axis(t0, t0 + 3600000, 600);
        axis.setUtcOffsetSeconds(5 * 3600 + 1800);
        const auto ticks = axis.ticks(80);
        QCOMPARE(axis.tickStepMs(80), qint64(600000));
        QCOMPARE(ticks.first().label, QStringLiteral("15:40"));
        QCOMPARE(ticks.first().ms, utcMs("2026-11-25T10:10:00Z"));
    }
};

QTEST_GUILESS_MAIN(TestTimeAxis)
#include "tst_timeaxis.moc"
