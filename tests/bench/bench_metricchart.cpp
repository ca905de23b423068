// A participant's charts with three hours of 1-second samples for five metrics (10,800 points
// each): the time to repaint all five, rendered offscreen into a QImage, with the whole three
// hours in view and zoomed to the last ten minutes. Target: a repaint within a 60 Hz frame
// (16 ms).

#include "benchutil.h"
#include "ui/metricchart.h"

#include <cmath>
#include <QApplication>
#include <QDateTime>
#include <QImage>
#include <QPainter>

using namespace gr;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int rounds = quick ? 5 : 60;
    const qint64 end = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    const qint64 start = end - 3 * 3600 * 1000;
    const int points = 3 * 3600;

    TimeAxis axis(start, end, 1200 - ui::MetricChart::kLeftMargin - ui::MetricChart::kRightMargin);
    const char *units[] = {"Bits/Second", "Count", "Bits/Second", "Percent", "Percent"};
    ZoomPan zoom(&axis);
    std::vector<std::unique_ptr<ui::MetricChart>> charts;
    for (int m = 0; m < 5; ++m) {
        auto chart = std::make_unique<ui::MetricChart>(&zoom);
        chart->resize(1200, 170);
        chart->setTitle(QStringLiteral("metric %1").arg(m));
        chart->setUnit(QLatin1String(units[m]));
        ui::ChartLine line;
        line.label = QStringLiteral("series");
        line.color = Qt::blue;
        line.timesMs.resize(points);
        line.values.resize(points);
        for (int i = 0; i < points; ++i) {
            line.timesMs[i] = start + qint64(i) * 1000;
            line.values[i] =
                1000.0 * (m + 1) * (1.5 + std::sin(i / 300.0) + 0.2 * std::sin(i * 7.1));
        }
        chart->setLines({line});
        chart->setHoverX(600); // the hover box and dots are part of a repaint
        charts.push_back(std::move(chart));
    }
    QImage image(1200, 170, QImage::Format_ARGB32_Premultiplied);
    const auto repaint = [&] {
        QElapsedTimer timer;
        timer.start();
        for (int r = 0; r < rounds; ++r) {
            for (auto &chart : charts)
                chart->render(&image);
        }
        return timer.nsecsElapsed() / 1e6 / rounds;
    };
    repaint(); // warm-up: fonts, glyph caches
    const double whole = repaint();
    axis.setRange(end - 10 * 60 * 1000, end);
    const double zoomed = repaint();
    // A peer in the same run: the same five charts with no data (grid, labels, ticks only).
    for (auto &chart : charts)
        chart->setLines({});
    const double empty = repaint();
    std::printf("bench_metricchart: 5 charts x %d 1-second samples, 1200x170 each, offscreen: "
                "%.2f ms per repaint of all five with 3 h in view (%.2fx the 16 ms frame), "
                "%.2f ms zoomed to 10 min (%.2fx); the same charts empty: %.2f ms\n",
                points, whole, whole / 16.0, zoomed, zoomed / 16.0, empty);
    return 0;
}
