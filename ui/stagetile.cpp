#include "ui/stagetile.h"

#include "models/format.h"
#include "models/livemonitor.h"

#include <algorithm>
#include <cmath>
#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace gr::ui
{

using models::LiveMonitor;

StageTileDelegate::StageTileDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void StageTileDelegate::setIdentity(const ConnectionIdentity &identity)
{
    m_identities.insert(identity.connectionName, identity);
}

QSize StageTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return {m_tileWidth, kTileHeight};
}

bool StageTileDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QToolTip::showText(event->globalPos(), toolTipOf(index), view);
    return true;
}

QString StageTileDelegate::durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min").arg(s / 60);
    return tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0'));
}

QStringList StageTileDelegate::codesOf(const QModelIndex &index) const
{
    return m_codes ? m_codes(index.data(LiveMonitor::ConnectionNameRole).toString(),
                             index.data(LiveMonitor::StageArnRole).toString())
                   : QStringList();
}

StageTileDelegate::Severity StageTileDelegate::severity(const QModelIndex &index)
{
    const int errors = index.data(LiveMonitor::ErrorsRole).toInt();
    if (index.data(LiveMonitor::RecordingRole).toString() == QLatin1String("FAILED") ||
        index.data(LiveMonitor::CompositionRole).toString() == QLatin1String("FAILED") ||
        index.data(LiveMonitor::PublishersRole).toInt() >= LiveMonitor::kMaxPublishers ||
        errors >= kTroubledErrors)
        return Severity::Troubled;
    return errors > 0 || !index.data(LiveMonitor::PoorQualityRole).toString().isEmpty()
               ? Severity::Erring
               : Severity::Fine;
}

QString StageTileDelegate::mainProblem(const QModelIndex &index, const QStringList &codes)
{
    // The worst first: a failure loses the show's record or output, a full stage refuses the
    // next publisher, errors hurt some participants.
    if (index.data(LiveMonitor::RecordingRole).toString() == QLatin1String("FAILED"))
        return tr("recording FAILED");
    if (index.data(LiveMonitor::CompositionRole).toString() == QLatin1String("FAILED"))
        return tr("composition FAILED");
    const int publishers = index.data(LiveMonitor::PublishersRole).toInt();
    if (publishers >= LiveMonitor::kMaxPublishers)
        return tr("%1/%2 publishers: the stage is full")
            .arg(publishers)
            .arg(LiveMonitor::kMaxPublishers);
    const int errors = index.data(LiveMonitor::ErrorsRole).toInt();
    if (errors <= 0)
        return index.data(LiveMonitor::PoorQualityRole).toString(); // a degraded publisher
    QString text = errors == 1 ? tr("1 error in 5 min") : tr("%1 errors in 5 min").arg(errors);
    if (!codes.isEmpty())
        text += QStringLiteral(": ") + codes.mid(0, 2).join(QStringLiteral(", "));
    // The two most frequent are named; the rest are counted, so the verdict does not read as
    // the whole list (the tip lists every code above it).
    if (codes.size() > 2)
        text += tr(" and %n more", nullptr, int(codes.size() - 2));
    return text;
}

QString StageTileDelegate::describe(const QModelIndex &index, const QStringList &codes)
{
    const QDateTime start = index.data(LiveMonitor::SessionStartRole).toDateTime();
    const QString recording = index.data(LiveMonitor::RecordingRole).toString();
    const QString composition = index.data(LiveMonitor::CompositionRole).toString();
    const QString problem = mainProblem(index, codes);
    // Sections apart (a blank line between them), so the summary never reads as the end of
    // the error list: which stage, what is on it, its errors, then the verdict.
    QStringList which;
    which << tr("%1 (%2)").arg(index.data(LiveMonitor::NameRole).toString(),
                               index.data(LiveMonitor::ConnectionNameRole).toString());
    which << index.data(LiveMonitor::StageArnRole).toString();
    which << (start.isValid()
                  ? tr("Session %1, live for %2")
                        .arg(index.data(LiveMonitor::SessionIdRole).toString(),
                             durationText(start.msecsTo(QDateTime::currentDateTimeUtc())))
                  : tr("Session %1").arg(index.data(LiveMonitor::SessionIdRole).toString()));
    QStringList now;
    now << tr("%1 of %2 publishers, %3 subscribers (connected, not publishing)")
               .arg(index.data(LiveMonitor::PublishersRole).toInt())
               .arg(LiveMonitor::kMaxPublishers)
               .arg(index.data(LiveMonitor::SubscribersRole).toInt());
    const QString quality = index.data(LiveMonitor::PoorQualityRole).toString();
    if (!quality.isEmpty())
        now << tr("Quality: %1").arg(quality);
    now << tr("Recording: %1").arg(recording.isEmpty() ? tr("none") : recording);
    now << tr("Composition: %1").arg(composition.isEmpty() ? tr("none") : composition);
    QStringList errors;
    const int count = index.data(LiveMonitor::ErrorsRole).toInt();
    errors << (count == 1 ? tr("1 error in the last five minutes")
                          : tr("%1 errors in the last five minutes").arg(count));
    if (!codes.isEmpty())
        errors << tr("Error codes: %1").arg(codes.join(QStringLiteral(", ")));
    const QString verdict =
        problem.isEmpty() ? tr("No problem") : tr("Main problem: %1").arg(problem);
    return QStringList{which.join(QLatin1Char('\n')), now.join(QLatin1Char('\n')),
                       errors.join(QLatin1Char('\n')), verdict}
        .join(QStringLiteral("\n\n"));
}

namespace
{
QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

QVector<std::pair<QString, QRectF>> StageTileDelegate::Layout::texts() const
{
    QVector<std::pair<QString, QRectF>> out;
    const std::pair<const char *, std::pair<const QString *, const QRectF *>> parts[] = {
        {"name", {&nameText, &name}},
        {"label", {&labelText, &label}},
        {"age", {&ageText, &age}},
        {"errors", {&errorsText, &errors}},
        {"publishers", {&publishersText, &publishers}},
        {"publishersLabel", {&publishersLabelText, &publishersLabel}},
        {"subscribers", {&subscribersText, &subscribers}},
        {"problem", {&problemText, &problem}},
        {"recording", {&recordingHead, &recording}},
        {"composition", {&compositionHead, &composition}},
        {"updated", {&updatedText, &updated}}};
    for (const auto &[what, part] : parts) {
        if (!part.first->isEmpty())
            out.append({QLatin1String(what), *part.second});
    }
    return out;
}

namespace
{
QFont scaled(const QFont &font, double factor, bool bold)
{
    QFont f = font;
    f.setPointSizeF(font.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}
double advance(const QFont &font, const QString &text)
{
    return std::ceil(QFontMetricsF(font).horizontalAdvance(text));
}
constexpr double kGap = 8; // between two texts on one row
} // namespace

StageTileDelegate::Layout StageTileDelegate::layoutOf(const QRect &rect, const QModelIndex &index,
                                                      const QFont &font) const
{
    Layout l;
    l.tile = QRectF(rect).adjusted(4.5, 4.5, -4.5, -4.5);
    l.inner = l.tile.adjusted(10, 10, -10, -8);
    const QRectF &inner = l.inner;
    const QFont small = scaled(font, 0.85, false), smallBold = scaled(font, 0.85, true);
    const QFont bold = scaled(font, 1.0, true), big = scaled(font, 1.9, true);
    const QFontMetricsF fm(font), fmSmall(small), fmBold(bold), fmBig(big);

    // Row 1: name (bold), connection label (small, right).
    const QString connection = index.data(LiveMonitor::ConnectionNameRole).toString();
    const ConnectionIdentity identity =
        m_identities.value(connection, ConnectionIdentity::defaultsFor(connection));
    const QString label = identity.label.isEmpty() ? connection : identity.label;
    l.labelText = fmSmall.elidedText(label, Qt::ElideRight, inner.width() * 0.4);
    const double labelWidth = advance(small, l.labelText);
    l.label = QRectF(inner.right() - labelWidth, inner.top(), labelWidth, fmBold.height());
    l.nameText = fmBold.elidedText(index.data(LiveMonitor::NameRole).toString(), Qt::ElideRight,
                                   inner.width() - labelWidth - kGap);
    l.name = QRectF(inner.left(), inner.top(), advance(bold, l.nameText), fmBold.height());
    double y = inner.top() + fmBold.height() + 1;

    // Row 2: the session's age, and its errors at the right (a pill): the pill had the right
    // of row 3, where it covered "publishers (full)" on a narrow tile. The longest of its
    // texts that leaves the age whole.
    const QDateTime start = index.data(LiveMonitor::SessionStartRole).toDateTime();
    const QString age =
        start.isValid()
            ? tr("live for %1").arg(durationText(start.msecsTo(QDateTime::currentDateTimeUtc())))
            : tr("live");
    const double ageWidth = advance(small, age);
    const bool listed = index.data(LiveMonitor::AgeMsRole).toLongLong() >= 0;
    const int errors = index.data(LiveMonitor::ErrorsRole).toInt();
    l.badge = errors > 0;
    const double badgeHeight = QFontMetricsF(smallBold).height() + 2;
    const double rowHeight = std::max(fmSmall.height(), badgeHeight);
    const QStringList candidates =
        l.badge
            ? QStringList{errors == 1 ? tr("1 error · 5 min") : tr("%1 errors · 5 min").arg(errors),
                          errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors),
                          QString::number(errors)}
        : !listed || index.data(LiveMonitor::CheckingRole).toBool()
            ? QStringList{tr("checking…")}
            : QStringList{tr("no errors · 5 min"), tr("no errors")};
    for (const QString &text : candidates) {
        l.errorsText = text;
        const double w = l.badge ? advance(smallBold, text) + badgeHeight : advance(small, text);
        l.errors = l.badge ? QRectF(inner.right() - 2 - w, y + (rowHeight - badgeHeight) / 2, w,
                                    badgeHeight)
                           : QRectF(inner.right() - w, y, w, rowHeight);
        if (l.errors.left() - kGap >= inner.left() + ageWidth)
            break;
    }
    l.ageText = fmSmall.elidedText(age, Qt::ElideRight, l.errors.left() - kGap - inner.left());
    l.age = QRectF(inner.left(), y, advance(small, l.ageText), rowHeight);
    y += rowHeight + 3;

    // Row 3: publishers n/12 (big); beside it what they are and the subscribers.
    const int publishers = index.data(LiveMonitor::PublishersRole).toInt();
    const bool full = publishers >= LiveMonitor::kMaxPublishers;
    l.publishersText = QStringLiteral("%1/%2")
                           .arg(listed ? QString::number(publishers) : QStringLiteral("–"))
                           .arg(LiveMonitor::kMaxPublishers);
    const double pubWidth = advance(big, l.publishersText);
    l.publishers = QRectF(inner.left(), y, pubWidth, fmBig.height());
    const double colX = inner.left() + pubWidth + 10;
    const double colWidth = std::max(0.0, inner.right() - colX);
    l.publishersLabelText = fmSmall.elidedText(full ? tr("publishers (full)") : tr("publishers"),
                                               Qt::ElideRight, colWidth);
    l.publishersLabel =
        QRectF(colX, y + 2, advance(small, l.publishersLabelText), fmSmall.height());
    const int subscribers = index.data(LiveMonitor::SubscribersRole).toInt();
    l.subscribersText = fm.elidedText(!listed            ? tr("listing…")
                                      : subscribers == 1 ? tr("1 subscriber")
                                                         : tr("%1 subscribers").arg(subscribers),
                                      Qt::ElideRight, colWidth);
    l.subscribers =
        QRectF(colX, l.publishersLabel.bottom(), advance(font, l.subscribersText), fm.height());
    y = std::max(l.publishers.bottom(), l.subscribers.bottom()) + 2;

    // Row 4: the main problem in words, marked by a sign as well as its colour.
    const Severity level = severity(index);
    const QString problem = mainProblem(index, codesOf(index));
    const QFont problemFont = level != Severity::Fine ? smallBold : small;
    const QString line = problem.isEmpty()             ? (listed ? tr("✓ no problem") : QString())
                         : level == Severity::Troubled ? QStringLiteral("✖ ") + problem
                                                       : QStringLiteral("⚠ ") + problem;
    l.problemText = QFontMetricsF(problemFont).elidedText(line, Qt::ElideRight, inner.width());
    l.problem = QRectF(inner.left(), y, advance(problemFont, l.problemText),
                       QFontMetricsF(problemFont).height());
    y += l.problem.height() + 3;

    // Row 5: recording and composition states, each in its half.
    const double half = inner.width() / 2;
    const auto state = [&](double x, const QString &what, const QString &value, QString *head,
                           QString *shown) {
        *head = what + QStringLiteral(": ");
        const QFont stateFont = value == QLatin1String("FAILED") ? smallBold : small;
        const double headWidth = advance(small, *head);
        *shown = QFontMetricsF(stateFont).elidedText(value.isEmpty() ? tr("none") : value,
                                                     Qt::ElideRight, half - kGap - headWidth);
        return QRectF(x, y, headWidth + advance(stateFont, *shown), fmSmall.height());
    };
    l.recording =
        state(inner.left(), tr("Recording"), index.data(LiveMonitor::RecordingRole).toString(),
              &l.recordingHead, &l.recordingState);
    l.composition = state(inner.left() + half, tr("Composition"),
                          index.data(LiveMonitor::CompositionRole).toString(), &l.compositionHead,
                          &l.compositionState);
    y += fmSmall.height() + 4;

    // Row 6: the sparkline of publishers, the data age beneath at the right.
    const qint64 dataAge = index.data(LiveMonitor::AgeMsRole).toLongLong();
    l.updatedText = dataAge < 0      ? tr("waiting for its turn")
                    : dataAge < 1000 ? tr("updated just now")
                                     : tr("updated %1 s ago").arg(dataAge / 1000);
    const double updatedWidth = advance(small, l.updatedText);
    l.updated = QRectF(inner.right() - updatedWidth, inner.bottom() - fmSmall.height(),
                       updatedWidth, fmSmall.height());
    l.spark = QRectF(inner.left(), y, inner.width(), l.updated.top() - 2 - y);
    return l;
}

void StageTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const Layout l = layoutOf(option.rect, index, option.font);
    const QRectF &tile = l.tile;
    const Severity level = severity(index);
    const bool troubled = level == Severity::Troubled;
    const QColor failed = models::stateColor(QStringLiteral("FAILED"));
    const QColor ok = models::stateColor(QStringLiteral("ACTIVE"));
    const QColor warn = models::stateColor(QStringLiteral("STARTING"));
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = mix(text, base, 0.45);
    const bool selected = option.state & QStyle::State_Selected;
    const QFont font = option.font;
    const QFont small = scaled(font, 0.85, false), smallBold = scaled(font, 0.85, true);
    const QFont bold = scaled(font, 1.0, true), big = scaled(font, 1.9, true);
    // Each text in its own rectangle, which the layout made wide enough.
    const auto draw = [painter](const QRectF &r, const QString &s, const QFont &f, const QColor &c,
                                int align = Qt::AlignLeft | Qt::AlignVCenter) {
        painter->setFont(f);
        painter->setPen(c);
        painter->drawText(r, align | Qt::TextDontClip, s);
    };

    // The card: framed in red when troubled, in the highlight when selected.
    QPainterPath card;
    card.addRoundedRect(tile, 6, 6);
    painter->fillPath(card, troubled ? mix(base, failed, 0.08) : base);
    QPen frame(selected                    ? pal.color(QPalette::Highlight)
               : troubled                  ? failed
               : level == Severity::Erring ? warn
                                           : mix(text, base, 0.8),
               selected || level != Severity::Fine ? 2.0 : 1.0);
    painter->setPen(frame);
    painter->drawPath(card);

    // The connection's colour as a strip along the top, its label at the right.
    const QString connection = index.data(LiveMonitor::ConnectionNameRole).toString();
    const ConnectionIdentity identity =
        m_identities.value(connection, ConnectionIdentity::defaultsFor(connection));
    QPainterPath strip;
    strip.addRoundedRect(QRectF(tile.left(), tile.top(), tile.width(), 6), 3, 3);
    painter->fillPath(strip, identity.color);

    draw(l.label, l.labelText, small, dim);
    draw(l.name, l.nameText, bold, text);
    draw(l.age, l.ageText, small, dim);
    const int errors = index.data(LiveMonitor::ErrorsRole).toInt();
    if (l.badge) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(errors >= kTroubledErrors ? failed : warn.darker(130));
        painter->drawRoundedRect(l.errors, l.errors.height() / 2, l.errors.height() / 2);
        draw(l.errors, l.errorsText, smallBold, Qt::white, Qt::AlignCenter);
    } else {
        draw(l.errors, l.errorsText, small, dim);
    }
    const bool full =
        index.data(LiveMonitor::PublishersRole).toInt() >= LiveMonitor::kMaxPublishers;
    draw(l.publishers, l.publishersText, big, full ? failed : text);
    draw(l.publishersLabel, l.publishersLabelText, small, dim);
    draw(l.subscribers, l.subscribersText, font, text);
    draw(l.problem, l.problemText, level != Severity::Fine ? smallBold : small,
         troubled                    ? failed
         : level == Severity::Erring ? warn.darker(140)
                                     : dim);
    const auto drawState = [&](const QRectF &r, const QString &head, const QString &state) {
        draw(r, head, small, dim);
        const QString value = state == tr("none") ? QString() : state;
        const QColor c = models::stateColor(value);
        draw(r.adjusted(advance(small, head), 0, 0, 0), state,
             state == QLatin1String("FAILED") ? smallBold : small,
             value.isEmpty() ? dim
             : c.isValid()   ? c
                             : text);
    };
    drawState(l.recording, l.recordingHead, l.recordingState);
    drawState(l.composition, l.compositionHead, l.compositionState);

    // The sparkline of publishers (0..12).
    const QRectF &spark = l.spark;
    const QVariantList history = index.data(LiveMonitor::HistoryRole).toList();
    painter->setPen(QPen(mix(text, base, 0.85), 1, Qt::DotLine));
    painter->drawLine(QPointF(spark.left(), spark.bottom()),
                      QPointF(spark.right(), spark.bottom()));
    if (history.size() >= 1 && spark.height() > 4) {
        QPolygonF line;
        const int n = int(history.size());
        const double step = spark.width() / std::max(1, LiveMonitor::kHistoryLength - 1);
        for (int i = 0; i < n; ++i) {
            const double v =
                std::clamp(history[i].toDouble(), 0.0, double(LiveMonitor::kMaxPublishers));
            line << QPointF(spark.right() - (n - 1 - i) * step,
                            spark.bottom() - v / LiveMonitor::kMaxPublishers * spark.height());
        }
        painter->setPen(QPen(full ? failed : identity.color.isValid() ? identity.color : ok, 1.6));
        if (line.size() == 1)
            painter->drawEllipse(line.first(), 1.5, 1.5);
        else
            painter->drawPolyline(line);
    }
    draw(l.updated, l.updatedText, small,
         index.data(LiveMonitor::AgeMsRole).toLongLong() > 30000 ? warn : dim);
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(tile.adjusted(3, 3, -3, -3), 4, 4);
    }
    painter->restore();
}

ErrorBadgeDelegate::ErrorBadgeDelegate(int role, QObject *parent)
    : QStyledItemDelegate(parent), m_role(role)
{
}

QRect ErrorBadgeDelegate::paintBadge(QPainter *painter, const QRect &rect, const QString &text,
                                     const QColor &colour, const QFont &font)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont f = font;
    f.setBold(true);
    const QFontMetrics fm(f);
    const int h = std::min(rect.height() - 2, fm.height() + 2);
    const int w = fm.horizontalAdvance(text) + h;
    const QRect pill(rect.right() - w - 2, rect.center().y() - h / 2, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(f);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
    return pill;
}

void ErrorBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    const int errors = index.data(m_role).toInt();
    if (errors <= 0)
        return QStyledItemDelegate::paint(painter, option, index);
    const QString text = QString::number(errors);
    const QFontMetrics fm(option.font);
    const int room = fm.horizontalAdvance(text) + fm.height() + 8;
    QStyleOptionViewItem rest(option);
    rest.rect.setRight(option.rect.right() - room);
    QStyledItemDelegate::paint(painter, rest, index);
    paintBadge(painter, option.rect, text, models::stateColor(QStringLiteral("FAILED")),
               option.font);
}

QSize ErrorBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const int errors = index.data(m_role).toInt();
    if (errors > 0) {
        const QFontMetrics fm(option.font);
        size.rwidth() += fm.horizontalAdvance(QString::number(errors)) + fm.height() + 8;
    }
    return size;
}

} // namespace gr::ui
