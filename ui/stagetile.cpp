#include "ui/stagetile.h"

#include "models/format.h"
#include "models/livemonitor.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
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
    return tileSize();
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

void StageTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const QRectF tile = QRectF(option.rect).adjusted(4.5, 4.5, -4.5, -4.5);
    const Severity level = severity(index);
    const bool troubled = level == Severity::Troubled;
    const QColor failed = models::stateColor(QStringLiteral("FAILED"));
    const QColor ok = models::stateColor(QStringLiteral("ACTIVE"));
    const QColor warn = models::stateColor(QStringLiteral("STARTING"));
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = mix(text, base, 0.45);
    const bool selected = option.state & QStyle::State_Selected;

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

    const QRectF inner = tile.adjusted(10, 10, -10, -8);
    QFont font = option.font;
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    QFont bold = font;
    bold.setBold(true);
    QFont big = bold;
    big.setPointSizeF(font.pointSizeF() * 1.9);
    const QFontMetricsF fm(font), fmSmall(small), fmBold(bold), fmBig(big);

    // Row 1: name (bold), connection label (small, right).
    painter->setFont(small);
    painter->setPen(dim);
    const QString label = identity.label.isEmpty() ? connection : identity.label;
    const QString labelText = fmSmall.elidedText(label, Qt::ElideRight, inner.width() * 0.4);
    const double labelWidth = fmSmall.horizontalAdvance(labelText);
    painter->drawText(QRectF(inner.right() - labelWidth, inner.top(), labelWidth, fmBold.height()),
                      Qt::AlignRight | Qt::AlignVCenter, labelText);
    painter->setFont(bold);
    painter->setPen(text);
    const QString name = fmBold.elidedText(index.data(LiveMonitor::NameRole).toString(),
                                           Qt::ElideRight, inner.width() - labelWidth - 8);
    painter->drawText(QRectF(inner.left(), inner.top(), inner.width(), fmBold.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, name);

    // Row 2: session age.
    double y = inner.top() + fmBold.height() + 1;
    const QDateTime start = index.data(LiveMonitor::SessionStartRole).toDateTime();
    painter->setFont(small);
    painter->setPen(dim);
    painter->drawText(
        QRectF(inner.left(), y, inner.width(), fmSmall.height()), Qt::AlignLeft,
        start.isValid()
            ? tr("live for %1").arg(durationText(start.msecsTo(QDateTime::currentDateTimeUtc())))
            : tr("live"));
    y += fmSmall.height() + 4;

    // Row 3: publishers n/12 (big), subscribers, errors.
    const bool listed = index.data(LiveMonitor::AgeMsRole).toLongLong() >= 0;
    const int publishers = index.data(LiveMonitor::PublishersRole).toInt();
    const bool full = publishers >= LiveMonitor::kMaxPublishers;
    painter->setFont(big);
    painter->setPen(full ? failed : text);
    const QString pubText = QStringLiteral("%1/%2")
                                .arg(listed ? QString::number(publishers) : QStringLiteral("–"))
                                .arg(LiveMonitor::kMaxPublishers);
    const double pubWidth = fmBig.horizontalAdvance(pubText);
    painter->drawText(QRectF(inner.left(), y, pubWidth + 2, fmBig.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, pubText);
    painter->setFont(small);
    painter->setPen(dim);
    const double colX = inner.left() + pubWidth + 10;
    painter->drawText(QRectF(colX, y + 2, inner.width(), fmSmall.height()), Qt::AlignLeft,
                      full ? tr("publishers (full)") : tr("publishers"));
    painter->setFont(font);
    painter->setPen(text);
    const int subscribers = index.data(LiveMonitor::SubscribersRole).toInt();
    painter->drawText(QRectF(colX, y + 2 + fmSmall.height(), inner.width(), fm.height()),
                      Qt::AlignLeft,
                      !listed            ? tr("listing…")
                      : subscribers == 1 ? tr("1 subscriber")
                                         : tr("%1 subscribers").arg(subscribers));
    const int errors = index.data(LiveMonitor::ErrorsRole).toInt();
    const QRect errorRow(int(inner.left()), int(y), int(inner.width()), int(fm.height() + 4));
    if (errors > 0) {
        ErrorBadgeDelegate::paintBadge(
            painter, errorRow,
            errors == 1 ? tr("1 error · 5 min") : tr("%1 errors · 5 min").arg(errors),
            errors >= kTroubledErrors ? failed : warn.darker(130), small);
    } else {
        painter->setFont(small);
        painter->setPen(dim);
        painter->drawText(errorRow, Qt::AlignRight | Qt::AlignVCenter,
                          !listed || index.data(LiveMonitor::CheckingRole).toBool()
                              ? tr("checking…")
                              : tr("no errors · 5 min"));
    }
    y += fmBig.height() + 2;

    // Row 4: the main problem in words, marked by a sign as well as its colour.
    const QString problem = mainProblem(index, codesOf(index));
    {
        QFont f = small;
        f.setBold(level != Severity::Fine);
        painter->setFont(f);
        const QFontMetricsF fmProblem(f);
        painter->setPen(troubled ? failed : level == Severity::Erring ? warn.darker(140) : dim);
        const QString line = problem.isEmpty() ? (listed ? tr("✓ no problem") : QString())
                             : troubled        ? QStringLiteral("✖ ") + problem
                                               : QStringLiteral("⚠ ") + problem;
        painter->drawText(QRectF(inner.left(), y, inner.width(), fmProblem.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fmProblem.elidedText(line, Qt::ElideRight, inner.width()));
        y += fmProblem.height() + 3;
    }

    // Row 5: recording and composition states, coloured.
    auto stateText = [&](double x, const QString &what, const QString &state) {
        painter->setFont(small);
        painter->setPen(dim);
        const QString head = what + QStringLiteral(": ");
        painter->drawText(QPointF(x, y + fmSmall.ascent()), head);
        const QColor c = models::stateColor(state);
        painter->setPen(state.isEmpty() ? dim : c.isValid() ? c : text);
        QFont f = small;
        f.setBold(state == QLatin1String("FAILED"));
        painter->setFont(f);
        painter->drawText(QPointF(x + fmSmall.horizontalAdvance(head), y + fmSmall.ascent()),
                          state.isEmpty() ? tr("none") : state);
    };
    stateText(inner.left(), tr("Recording"), index.data(LiveMonitor::RecordingRole).toString());
    stateText(inner.left() + inner.width() / 2, tr("Composition"),
              index.data(LiveMonitor::CompositionRole).toString());
    y += fmSmall.height() + 4;

    // Row 6: the sparkline of publishers (0..12), the data age beneath at the right.
    const double ageHeight = fmSmall.height();
    const QRectF spark(inner.left(), y, inner.width(), inner.bottom() - y - ageHeight - 2);
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
    const qint64 age = index.data(LiveMonitor::AgeMsRole).toLongLong();
    painter->setFont(small);
    painter->setPen(age > 30000 ? warn : dim);
    painter->drawText(QRectF(inner.left(), inner.bottom() - ageHeight, inner.width(), ageHeight),
                      Qt::AlignRight | Qt::AlignVCenter,
                      age < 0      ? tr("waiting for its turn")
                      : age < 1000 ? tr("updated just now")
                                   : tr("updated %1 s ago").arg(age / 1000));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
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
