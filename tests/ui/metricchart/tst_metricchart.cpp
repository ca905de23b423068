// The metric charts' time axis: whole-second (or coarser) ticks whatever the span, and a view
// that zoom and pan keep inside the subject's extent (never past now, never under ten seconds).
#include "models/metricsmodel.h"
#include "ui/metricchart.h"
#include "ui/metricspanel.h"

#include <ctime>
#include <QDateTime>
#include <QDir>
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
    void keepWithinClampsZoomAndPan();
    void edgeLabelsStayWhole();
    void labelsInTheUsersClock();
    void legendStaysInsideTheChart_data();
    void legendStaysInsideTheChart();
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

void TestMetricChart::keepWithinClampsZoomAndPan()
{
    const qint64 join = utcMs("2026-11-26T10:00:00Z");
    const qint64 now = join + 10 * 60 * 1000; // ten minutes on the stage
    const auto check = [&](qint64 from, qint64 to, qint64 wantFrom, qint64 wantTo) {
        TimeAxis axis(from, to, 600);
        ui::MetricsPanel::keepWithin(&axis, join, now);
        if (axis.startMs() != wantFrom || axis.endMs() != wantTo)
            return QStringLiteral("[%1 s, %2 s] became [%3 s, %4 s], wanted [%5 s, %6 s]")
                .arg((from - join) / 1000.0)
                .arg((to - join) / 1000.0)
                .arg((axis.startMs() - join) / 1000.0)
                .arg((axis.endMs() - join) / 1000.0)
                .arg((wantFrom - join) / 1000.0)
                .arg((wantTo - join) / 1000.0);
        return QString();
    };
    const qint64 m = 60 * 1000;
#define CHECK(...)                                                                                 \
    do {                                                                                           \
        const QString why = check(__VA_ARGS__);                                                    \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                  \
    } while (0)
    // Inside: unchanged.
    CHECK(join + 2 * m, join + 5 * m, join + 2 * m, join + 5 * m);
    // Zoomed out past both ends: the whole extent, no more.
    CHECK(join - 20 * m, now + 30 * m, join, now);
    // Panned (or zoomed about the right edge) into the future: ends now, same span.
    CHECK(now - 2 * m, now + 3 * m, now - 5 * m, now);
    // Panned before the join: starts at the join.
    CHECK(join - 4 * m, join + m, join, join + 5 * m);
    // Zoomed in under a minute: kept, down to ten seconds.
    CHECK(join + 5 * m, join + 5 * m + 20000, join + 5 * m, join + 5 * m + 20000);
    // Closer: ten seconds about the same centre.
    CHECK(join + 5 * m, join + 5 * m + 2000, join + 5 * m + 1000 - 5000,
          join + 5 * m + 1000 + 5000);
    // ... and at the live edge, the last ten seconds.
    CHECK(now - 500, now, now - 10000, now);
    // A participant on the stage for 20 s (its extent widened to the minute before now): it
    // zooms in too (the wheel did nothing there when a minute was the least).
    CHECK(now - m, now, now - m, now);
    CHECK(now - 48000, now, now - 48000, now);
#undef CHECK
}

// A live chart ends at now: a tick there (or at the plot's left edge) had its label cut by
// the chart's right edge ("15:14:4" in the walkthrough's screenshot) or run into "0 b/s".
void TestMetricChart::edgeLabelsStayWhole()
{
    const qint64 end = utcMs("2026-11-26T15:14:40Z");
    TimeAxis axis(end - 50000, end, 100);
    ZoomPan zoom(&axis);
    ui::MetricChart chart(&zoom);
    chart.resize(616, 140);
    axis.setWidth(chart.plotWidth());
    axis.setRange(end - 50000, end);
    const auto labels = chart.timeLabels();
    QStringList texts;
    for (const auto &[box, text] : labels)
        texts << text;
    QCOMPARE(texts.first(), QStringLiteral("15:13:50"));
    QCOMPARE(texts.last(), QStringLiteral("15:14:40"));
    for (const auto &[box, text] : labels) {
        QVERIFY2(box.left() >= ui::MetricChart::kLeftMargin - 4 && box.right() <= chart.width(),
                 qPrintable(QStringLiteral("%1 drawn over x %2 to %3 in a chart %4 wide")
                                .arg(text)
                                .arg(box.left())
                                .arg(box.right())
                                .arg(chart.width())));
        QVERIFY(box.width() >= QFontMetricsF(chart.font()).horizontalAdvance(text) * 0.85);
    }
}

// The charts read in the user's clock, as the timeline, the event lists and the detail pane do
// (they were in UTC: 09:44 on the charts beside 15:14 everywhere else, in India).
void TestMetricChart::labelsInTheUsersClock()
{
    const QByteArray tz = qgetenv("TZ");
    qputenv("TZ", "IST-5:30"); // POSIX: UTC+05:30, no daylight saving
    tzset();
    models::MetricsModel model(nullptr);
    ui::MetricsPanel panel(&model);
    const int offset = panel.axis().utcOffsetSeconds();
    if (tz.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", tz);
    tzset();
    QCOMPARE(offset, 5 * 3600 + 30 * 60);
    TimeAxis axis = panel.axis();
    axis.setRange(utcMs("2026-11-26T09:44:00Z"), utcMs("2026-11-26T09:45:00Z"));
    QCOMPARE(ui::MetricChart::timeTicks(axis).first().label, QStringLiteral("15:14:00"));
}

void TestMetricChart::legendStaysInsideTheChart_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("whole");
    // The participant page's chart at 1400 x 860 is ~580 px; a narrowed centre pane down to the
    // chart's minimum width (240) cut "audio" and "video low" off at the right edge before.
    QTest::newRow("640") << 640 << true;
    QTest::newRow("580") << 580 << true;
    QTest::newRow("420") << 420 << false;
    QTest::newRow("300") << 300 << false;
    QTest::newRow("240") << 240 << false;
}

void TestMetricChart::legendStaysInsideTheChart()
{
    QFETCH(int, width);
    QFETCH(bool, whole);
    const qint64 start = utcMs("2026-11-26T10:00:00Z");
    TimeAxis axis(start, start + 60000, 100);
    ZoomPan zoom(&axis);
    ui::MetricChart chart(&zoom);
    chart.setTitle(QStringLiteral("Published resolution"));
    QVector<ui::ChartLine> lines;
    for (const char *label : {"video hi", "video mid", "video low", "audio"})
        lines.append({QString::fromLatin1(label), Qt::blue, {start}, {1.0}});
    chart.setLines(lines);
    chart.resize(width, 150);
    const auto legend = chart.legendEntries();
    const auto [title, titleText] = chart.titleBox();
    QVERIFY(!legend.isEmpty());
    QVERIFY2(title.left() >= 0 && title.width() > 20, qPrintable(titleText));
    const QRectF inside(0, 0, chart.width(), 30); // the title row
    QRectF previous = title;
    QStringList shown;
    for (const ui::MetricChart::LegendEntry &e : legend) {
        const QString where = QStringLiteral("%1 at x %2..%3 in a chart %4 wide, after x %5")
                                  .arg(e.shown)
                                  .arg(e.swatch.left())
                                  .arg(e.text.right())
                                  .arg(chart.width())
                                  .arg(previous.right());
        QVERIFY2(inside.contains(e.swatch) && inside.contains(e.text), qPrintable(where));
        QVERIFY2(e.swatch.left() >= previous.right() + 4, qPrintable(where));
        QVERIFY2(e.text.left() >= e.swatch.right(), qPrintable(where));
        // Whole, or elided with its label as a tip where it is.
        if (e.shown != e.label) {
            QVERIFY2(e.shown.endsWith(QChar(0x2026)) && e.shown.size() >= 2, qPrintable(e.shown));
            QCOMPARE(chart.legendToolTipAt(e.text.center()), e.label);
        } else {
            QVERIFY(chart.legendToolTipAt(e.text.center()).isEmpty());
        }
        previous = e.text;
        shown << e.shown;
    }
    if (whole) {
        QCOMPARE(shown, QStringList({QStringLiteral("video hi"), QStringLiteral("video mid"),
                                     QStringLiteral("video low"), QStringLiteral("audio")}));
        QCOMPARE(titleText, chart.title());
    }
    // Entries with no room left at all are named by the title's tip.
    if (legend.size() < lines.size())
        QVERIFY(chart.legendToolTipAt(title.center()).contains(QLatin1String("video hi")));
    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    QVERIFY(chart.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/metricchart-legend-%1.png").arg(width)));
}

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"
