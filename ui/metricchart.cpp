#include "ui/metricchart.h"

#include <algorithm>
#include <cmath>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

namespace gr::ui
{

MetricChart::MetricChart(ZoomPan *zoom, QWidget *parent)
    : QWidget(parent), m_zoom(zoom), m_axis(&zoom->axis())
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void MetricChart::setLines(QVector<ChartLine> lines)
{
    m_lines = std::move(lines);
    update();
}

QRectF MetricChart::plotRect() const
{
    return QRectF(kLeftMargin, 30, plotWidth(), height() - 30 - 20);
}

QString MetricChart::formatValue(double value, const QString &unit)
{
    if (unit == QLatin1String("Bits/Second")) {
        if (std::abs(value) >= 1e6)
            return QStringLiteral("%1 Mb/s").arg(value / 1e6, 0, 'f', value >= 1e7 ? 0 : 1);
        if (std::abs(value) >= 1e3)
            return QStringLiteral("%1 kb/s").arg(value / 1e3, 0, 'f', 0);
        return QStringLiteral("%1 b/s").arg(value, 0, 'f', 0);
    }
    if (unit == QLatin1String("Percent"))
        return QStringLiteral("%1 %").arg(value, 0, 'f', value < 10 ? 1 : 0);
    if (value == std::floor(value))
        return QString::number(qint64(value));
    return QString::number(value, 'f', 1);
}

QVector<TimeAxis::Tick> MetricChart::timeTicks(const TimeAxis &axis, double minPixels)
{
    if (!axis.isValid())
        return {};
    // TimeAxis picks the first step at least minPixels * msPerPixel long: asking for 999 ms
    // worth of pixels (not 1000, which rounding may push past a whole second) gives 1 s.
    return axis.ticks(std::max(minPixels, 999.0 / axis.msPerPixel()));
}

QVector<std::pair<QRectF, QString>> MetricChart::timeLabels() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF metrics(small);
    const QRectF plot = plotRect();
    QVector<std::pair<QRectF, QString>> out;
    for (const TimeAxis::Tick &tick : timeTicks(*m_axis)) {
        const double x = plot.left() + tick.x;
        if (x < plot.left() || x > plot.right())
            continue;
        // Centred under its tick, but whole: a tick at the live edge (now) or at the plot's left
        // keeps its label inside the chart and clear of the value labels.
        const double w = metrics.horizontalAdvance(tick.label) + 2;
        const double left = std::max(plot.left() - 4, std::min(x - w / 2, width() - 2 - w));
        out.append({QRectF(left, plot.bottom() + 2, w, 16), tick.label});
    }
    return out;
}

namespace
{
constexpr double kTitleLeft = 6;
constexpr double kTitleTop = 2;
constexpr double kTitleHeight = 18;
constexpr double kSwatchWidth = 10;
constexpr double kSwatchGap = 4; // between a swatch and its label
constexpr double kEntryGap = 10; // between two entries
constexpr double kTitleGap = 16; // between the title and the legend
constexpr double kMinLabel = 28; // an entry narrower than this says nothing: "v…"
} // namespace

QVector<MetricChart::LegendEntry> MetricChart::legendEntries() const
{
    // None over a chart that says why it is empty.
    if (m_lines.isEmpty() || showsEmptyText())
        return {};
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF fm(small);
    const qsizetype n = m_lines.size();
    QVector<double> widths;
    for (const ChartLine &line : m_lines)
        widths.append(std::ceil(fm.horizontalAdvance(line.label)));
    // The title keeps what it needs up to 40 % of the chart; the legend has the rest. Labels
    // longer than their share are cut, the longest first, to a common width.
    const double title = std::ceil(QFontMetricsF(font()).horizontalAdvance(m_title));
    const double right = width() - kRightMargin;
    const double left = kTitleLeft + std::min(title, width() * 0.4) + kTitleGap;
    const double fixed = n * (kSwatchWidth + kSwatchGap) + (n - 1) * kEntryGap;
    double room = std::max(0.0, right - left - fixed);
    double total = 0;
    for (double w : widths)
        total += w;
    if (total > room) {
        QVector<double> sorted = widths;
        std::sort(sorted.begin(), sorted.end());
        // The cap c with sum(min(w, c)) == room.
        double cap = room / n, before = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const double c = (room - before) / (n - i);
            if (c <= sorted[i]) {
                cap = c;
                break;
            }
            before += sorted[i];
        }
        cap = std::max(std::floor(cap), kMinLabel);
        for (double &w : widths)
            w = std::min(w, cap);
    }
    QVector<LegendEntry> out(n);
    double x = right;
    for (qsizetype i = n - 1; i >= 0; --i) {
        LegendEntry &e = out[i];
        e.line = int(i);
        e.label = m_lines[i].label;
        e.shown = fm.elidedText(e.label, Qt::ElideRight, widths[i] + 0.5);
        const double w = std::ceil(fm.horizontalAdvance(e.shown));
        x -= w;
        e.text = QRectF(x, kTitleTop, w, kTitleHeight);
        x -= kSwatchGap + kSwatchWidth;
        e.swatch = QRectF(x, 8, kSwatchWidth, 4);
        x -= kEntryGap;
    }
    // Too narrow for every entry at its least: the last ones that fit (laid out from the
    // right), the title's tip naming them all.
    while (!out.isEmpty() && out.first().swatch.left() < left)
        out.removeFirst();
    return out;
}

std::pair<QRectF, QString> MetricChart::titleBox() const
{
    const QVector<LegendEntry> legend = legendEntries();
    const double right =
        legend.isEmpty() ? width() - kRightMargin : legend.first().swatch.left() - kTitleGap;
    const QFontMetricsF fm(font());
    const QString shown = fm.elidedText(m_title, Qt::ElideRight, std::max(0.0, right - kTitleLeft));
    return {QRectF(kTitleLeft, kTitleTop, std::ceil(fm.horizontalAdvance(shown)), kTitleHeight),
            shown};
}

QString MetricChart::legendToolTipAt(const QPointF &pos) const
{
    const QVector<LegendEntry> legend = legendEntries();
    for (const LegendEntry &e : legend) {
        if (e.shown != e.label && e.swatch.united(e.text).adjusted(0, -4, 0, 4).contains(pos))
            return e.label;
    }
    const auto [box, shown] = titleBox();
    const bool missing = legend.size() < m_lines.size();
    if ((shown != m_title || missing) && box.adjusted(0, 0, 0, 4).contains(pos)) {
        QStringList labels;
        for (const ChartLine &line : m_lines)
            labels << line.label;
        return missing ? m_title + QStringLiteral(": ") + labels.join(QStringLiteral(", "))
                       : m_title;
    }
    return {};
}

QVector<double> MetricChart::valueTicksFor(double visibleMax, const QString &unit, bool integers)
{
    constexpr int kSteps = 4;
    double step = 1;
    if (unit == QLatin1String("Percent") && visibleMax <= 4) {
        step = 1; // a healthy 0.3 % loss stays a flat line near zero, not a full-height wave
    } else if (visibleMax > 0) {
        const double rawStep = visibleMax * 1.1 / kSteps;
        const double magnitude = std::pow(10.0, std::floor(std::log10(rawStep)));
        step = 10 * magnitude;
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            if (m * magnitude >= rawStep) {
                step = m * magnitude;
                break;
            }
        }
        // A count reads 0, 3, 6, 9: never 2.5 publishers.
        if (integers && step != std::floor(step))
            step = std::max(1.0, std::ceil(rawStep)); // only below 10: 25, 250 are whole
    }
    QVector<double> ticks;
    for (int i = 0; i <= kSteps; ++i)
        ticks.append(step * i);
    return ticks;
}

double MetricChart::visibleMax() const
{
    const qint64 from = m_axis->startMs();
    const qint64 to = m_axis->endMs();
    double max = 0;
    for (const ChartLine &line : m_lines) {
        const auto begin = std::lower_bound(line.timesMs.begin(), line.timesMs.end(), from);
        const auto end = std::upper_bound(begin, line.timesMs.end(), to);
        for (auto it = begin; it != end; ++it)
            max = std::max(max, line.values[it - line.timesMs.begin()]);
    }
    return max;
}

QVector<double> MetricChart::valueTicks() const
{
    return valueTicksFor(visibleMax(), m_unit, m_integerValues);
}

QPoint MetricChart::markerPosition(const ChartEvent &event) const
{
    return QPoint(int(kLeftMargin + m_axis->xForTime(event.ms)), int(plotRect().top()) - 4);
}

const ChartEvent *MetricChart::eventAt(const QPoint &pos) const
{
    if (!m_events || pos.y() > plotRect().top() + 2)
        return nullptr;
    const ChartEvent *best = nullptr;
    double bestDistance = 6;
    for (const ChartEvent &e : *m_events) {
        const double d = std::abs(markerPosition(e).x() - pos.x());
        if (d <= bestDistance) {
            bestDistance = d;
            best = &e;
        }
    }
    return best;
}

bool MetricChart::showsEmptyText() const
{
    if (m_emptyText.isEmpty())
        return false;
    return std::all_of(m_lines.begin(), m_lines.end(),
                       [](const ChartLine &line) { return line.timesMs.isEmpty(); });
}

void MetricChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QRectF plot = plotRect();
    if (!m_axis->isValid() || plot.width() < 10 || plot.height() < 10)
        return;
    const qint64 from = m_axis->startMs();
    const qint64 to = m_axis->endMs();

    // Scale from what is visible.
    const QVector<double> ticks = valueTicks();
    const double yMax = ticks.last();
    const auto yFor = [&](double v) { return plot.bottom() - v / yMax * plot.height(); };

    // Grid, value labels, time ticks.
    const QColor grid = pal.color(QPalette::Mid).lighter(150);
    p.setPen(pal.color(QPalette::Text));
    const auto [titleRect, titleText] = titleBox();
    p.drawText(titleRect.adjusted(0, 0, 2, 0), Qt::AlignLeft | Qt::AlignVCenter, titleText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const bool empty = showsEmptyText(); // no scale to read: values not labelled
    for (const double v : ticks) {
        const double y = yFor(v);
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if (empty)
            continue;
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRectF(0, y - 8, kLeftMargin - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatValue(v, m_unit));
    }
    for (const TimeAxis::Tick &tick : timeTicks(*m_axis)) {
        const double x = plot.left() + tick.x;
        if (x < plot.left() || x > plot.right())
            continue;
        p.setPen(grid);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    p.setPen(pal.color(QPalette::PlaceholderText));
    for (const auto &[box, text] : timeLabels())
        p.drawText(box, Qt::AlignCenter, text);

    // Lines: one polyline per run without gaps; dense runs as a min/max band per pixel column.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setClipRect(plot.adjusted(0, -1, 0, 1));
    const double msPerPixel = m_axis->msPerPixel();
    for (const ChartLine &line : m_lines) {
        // A 1-pixel pen: Qt strokes wider polylines through its general stroker, which costs
        // ten times more on thousands of vertices.
        p.setPen(QPen(line.color, 1));
        const auto &t = line.timesMs;
        const auto &v = line.values;
        qsizetype i = std::lower_bound(t.begin(), t.end(), from) - t.begin();
        if (i > 0)
            --i; // the line enters from the left edge
        const qsizetype last =
            std::min<qsizetype>(std::upper_bound(t.begin(), t.end(), to) - t.begin() + 1, t.size());
        QVector<QPointF> run;
        run.reserve(int(std::min<qsizetype>(last - i, qsizetype(plot.width() * 2 + 4))));
        const auto flush = [&] {
            if (run.size() == 1)
                p.drawPoint(run.first());
            else if (run.size() > 1)
                p.drawPolyline(run.constData(), int(run.size()));
            run.clear();
        };
        int column = INT_MIN;
        double colMin = 0, colMax = 0, colLast = 0;
        const auto closeColumn = [&] {
            if (column == INT_MIN)
                return;
            const double x = plot.left() + column;
            if (colMin != colMax) {
                run.append(QPointF(x, yFor(colMin)));
                run.append(QPointF(x, yFor(colMax)));
            }
            run.append(QPointF(x, yFor(colLast)));
        };
        for (qsizetype k = i; k < last; ++k) {
            if (k > i && t[k] - t[k - 1] > m_gapMs) {
                closeColumn();
                column = INT_MIN;
                flush();
            }
            const double x = (double(t[k] - from)) / msPerPixel;
            const int c = int(std::floor(x));
            if (c != column) {
                closeColumn();
                column = c;
                colMin = colMax = colLast = v[k];
            } else {
                colMin = std::min(colMin, v[k]);
                colMax = std::max(colMax, v[k]);
                colLast = v[k];
            }
        }
        closeColumn();
        flush();
    }
    p.setClipping(false);
    if (empty) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(plot.adjusted(8, 4, -8, -4), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }

    // Event markers: a tick on the axis's top edge, red for errors.
    if (m_events) {
        p.setRenderHint(QPainter::Antialiasing, true);
        for (const ChartEvent &e : *m_events) {
            const double x = plot.left() + m_axis->xForTime(e.ms);
            if (x < plot.left() - 1 || x > plot.right() + 1)
                continue;
            const QColor color = e.error ? QColor(0xd0, 0x30, 0x30) : QColor(0x50, 0x70, 0xb0);
            QColor faint = color;
            faint.setAlpha(70);
            p.setPen(QPen(faint, 1, Qt::DashLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            QPainterPath marker;
            marker.moveTo(x - 4, plot.top() - 8);
            marker.lineTo(x + 4, plot.top() - 8);
            marker.lineTo(x, plot.top() - 1);
            marker.closeSubpath();
            p.fillPath(marker, color);
        }
    }

    // Hover: the cursor and every line's value at it.
    if (m_hoverX >= 0 && m_hoverX <= plot.width()) {
        const double x = plot.left() + m_hoverX;
        const qint64 ms = m_axis->timeForX(m_hoverX);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        QStringList rows;
        for (const ChartLine &line : m_lines) {
            const auto &t = line.timesMs;
            if (t.isEmpty())
                continue;
            qsizetype k = std::lower_bound(t.begin(), t.end(), ms) - t.begin();
            if (k == t.size() || (k > 0 && ms - t[k - 1] < t[k] - ms))
                --k;
            if (std::abs(t[k] - ms) > m_gapMs)
                continue;
            rows << QStringLiteral("%1: %2").arg(line.label, formatValue(line.values[k], m_unit));
            p.setBrush(line.color);
            p.drawEllipse(QPointF(plot.left() + m_axis->xForTime(t[k]), yFor(line.values[k])), 3,
                          3);
        }
        if (!rows.isEmpty()) {
            rows.prepend(m_axis->label(ms, 1000));
            const QFontMetrics fm(small);
            int w = 0;
            for (const QString &r : rows)
                w = std::max(w, fm.horizontalAdvance(r));
            QRectF box(x + 8, plot.top() + 4, w + 12, fm.height() * rows.size() + 8);
            if (box.right() > plot.right())
                box.moveRight(x - 8);
            QColor background = pal.color(QPalette::ToolTipBase);
            background.setAlpha(235);
            p.setPen(pal.color(QPalette::Mid));
            p.setBrush(background);
            p.drawRoundedRect(box, 3, 3);
            p.setPen(pal.color(QPalette::ToolTipText));
            for (int r = 0; r < rows.size(); ++r)
                p.drawText(QPointF(box.left() + 6, box.top() + 4 + fm.ascent() + r * fm.height()),
                           rows[r]);
        }
    }

    // Legend, right-aligned in the title row.
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(pal.color(QPalette::Text));
    for (const LegendEntry &entry : legendEntries()) {
        p.drawText(entry.text.adjusted(0, 0, 2, 0), Qt::AlignLeft | Qt::AlignVCenter, entry.shown);
        p.fillRect(entry.swatch, m_lines[entry.line].color);
    }
}

void MetricChart::setHoverX(double plotX)
{
    if (plotX == m_hoverX)
        return;
    m_hoverX = plotX;
    update();
}

void MetricChart::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x() - kLeftMargin;
    if (m_dragging) {
        if (m_zoom->move(QPointF(x, event->position().y())))
            emit viewChanged();
        return;
    }
    const ChartEvent *e = eventAt(event->position().toPoint());
    setCursor(e ? Qt::PointingHandCursor : Qt::CrossCursor);
    setToolTip(e ? e->name : legendToolTipAt(event->position()));
    emit hoverChanged(x >= 0 && x <= plotWidth() ? x : -1);
}

void MetricChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (const ChartEvent *e = eventAt(event->position().toPoint())) {
        emit eventClicked(*e);
        return;
    }
    // Pans from the first pixel: a click on the plot selects nothing.
    m_dragging = true;
    m_zoom->press(QPointF(event->position().x() - kLeftMargin, event->position().y()), 0);
}

void MetricChart::mouseReleaseEvent(QMouseEvent *)
{
    if (m_dragging)
        m_zoom->release();
    m_dragging = false;
}

void MetricChart::mouseDoubleClickEvent(QMouseEvent *)
{
    emit fitRequested();
}

void MetricChart::wheelEvent(QWheelEvent *event)
{
    if (m_zoom->wheel(event->position().x() - kLeftMargin, event->angleDelta().y()))
        emit viewChanged();
    event->accept();
}

void MetricChart::leaveEvent(QEvent *)
{
    emit hoverChanged(-1);
}

} // namespace gr::ui
