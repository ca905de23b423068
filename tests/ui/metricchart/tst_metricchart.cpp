// The metric charts' time axis: whole-second (or coarser) ticks whatever the span.
#include "ui/metricchart.h"

#include <QDateTime>
#include <QtTest>

using namespace gr;

namespace
{
qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QStringList labelsOf(const QVector<TimeAxis::Tick> &ticks)
{
    QStringList out;
    for (const TimeAxis::Tick &t : ticks)
        out << t.label;
    return out;
}
} // namespace

class TestMetricChart : public QObject
{
    Q_OBJECT
private slots:
    void ticksAreWholeSeconds_data();
    void ticksAreWholeSeconds();
};

void TestMetricChart::ticksAreWholeSeconds_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<QStringList>("labels");
    // From 10:02:02.750 on a 600-pixel plot, ticks at least 90 px apart.
    QTest::newRow("0.5 s") << qint64(500) << QStringList{QStringLiteral("10:02:03")};
    QTest::newRow("3 s") << qint64(3000)
                         << QStringList{QStringLiteral("10:02:03"), QStringLiteral("10:02:04"),
                                        QStringLiteral("10:02:05")};
    QTest::newRow("70 s") << qint64(70000)
                          << QStringList{QStringLiteral("10:02:15"), QStringLiteral("10:02:30"),
                                         QStringLiteral("10:02:45"), QStringLiteral("10:03:00")};
    QTest::newRow("2 h") << qint64(2 * 3600 * 1000)
                         << QStringList{QStringLiteral("10:30"), QStringLiteral("11:00"),
                                        QStringLiteral("11:30"), QStringLiteral("12:00")};
}

void TestMetricChart::ticksAreWholeSeconds()
{
    QFETCH(qint64, spanMs);
    QFETCH(QStringList, labels);
    const qint64 start = utcMs("2026-11-26T10:02:02.750Z");
    const TimeAxis axis(start, start + spanMs, 600);
    const QVector<TimeAxis::Tick> ticks = ui::MetricChart::timeTicks(axis);
    QCOMPARE(labelsOf(ticks), labels);
    for (const TimeAxis::Tick &tick : ticks) {
        QCOMPARE(tick.ms % 1000, 0);
        QVERIFY2(!tick.label.contains(QLatin1Char('.')), qPrintable(tick.label));
    }
    for (qsizetype i = 1; i < ticks.size(); ++i)
        QVERIFY(ticks[i].x - ticks[i - 1].x >= 90);
}

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"
