#include "sessiontimelinepainter.h"

#include <algorithm>
#include <limits>
#include <QDateTime>
#include <QFontMetrics>
#include <QPainter>
#include <QStaticText>

namespace
{
using E = SessionStore;
constexpr qint64 kOpen = std::numeric_limits<qint64>::max();

const QColor kBackground(0xff, 0xff, 0xff);
const QColor kAlternate(0xf6, 0xf7, 0xf9);
const QColor kSelectedLane(0xbb, 0xde, 0xfb);
const QColor kSelectedAccent(0x15, 0x65, 0xc0); // the selected lane's edge
const QColor kSelectedHalo(0xff, 0xcc, 0x80);   // behind the selected event's marker
const QColor kGrid(0xe0, 0xe0, 0xe0);
const QColor kText(0x26, 0x32, 0x38);
const QColor kMuted(0x78, 0x90, 0x9c);
const QColor kPresence(0xb0, 0xbe, 0xc5);
const QColor kPublishing(0x2e, 0x7d, 0x32);
const QColor kSubscribing(0x1e, 0x88, 0xe5);
const QColor kError(0xd3, 0x2f, 0x2f);
const QColor kToken(0xf9, 0xa8, 0x25);
const QColor kReplication(0x8e, 0x24, 0xaa);
const QColor kReplicaPresence(0xd1, 0xc4, 0xe9);
const QColor kCursor(0xff, 0x6f, 0x00);
const QColor kLabelBackground(0xff, 0xff, 0xff); // opaque: no bar or link shows through a code

bool isMarker(quint8 name)
{
    return name == E::PublishError || name == E::SubscribeError || name == E::JoinError ||
           name == E::TokenExchanged || name == E::ReplicationStarted ||
           name == E::ReplicationStopped || name == E::Other;
}

bool isError(const SessionEvent &e)
{
    return e.errorCode != 0 || e.name == E::PublishError || e.name == E::SubscribeError ||
           e.name == E::JoinError;
}

void closeOpen(QVector<SessionTimelinePainter::Span> &spans, qint64 t)
{
    for (auto &s : spans) {
        if (s.endMs == kOpen)
            s.endMs = t;
    }
}
} // namespace

void SessionTimelinePainter::rebuild()
{
    m_lanes.clear();
    m_laneOfParticipant.clear();
    m_codeTexts.clear(); // another store may number its codes differently
    if (!m_store)
        return;
    const SessionStore &store = *m_store;
    const auto &participants = store.participants();
    QVector<int> order;
    for (int i = 0; i < participants.size(); ++i) {
        if (participants[i].listed || !participants[i].events.isEmpty())
            order.append(i);
    }
    auto firstTime = [&](int i) {
        const auto &ev = participants[i].events;
        return ev.isEmpty() ? kOpen : store.events()[int(ev.first())].timeMs;
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const QString &ua = store.text(participants[a].userId);
        const QString &ub = store.text(participants[b].userId);
        if (ua != ub)
            return ua.compare(ub, Qt::CaseInsensitive) < 0;
        return firstTime(a) < firstTime(b);
    });
    m_laneOfParticipant.fill(-1, participants.size());
    m_lanes.reserve(order.size());
    for (int i = 0; i < order.size(); ++i) {
        const int p = order[i];
        Lane lane;
        lane.participant = p;
        lane.firstOfUser = i == 0 || participants[order[i - 1]].userId != participants[p].userId;
        lane.replica =
            participants[p].summary.replicationType.value_or(QString()) == QLatin1String("REPLICA");
        QVector<int> subscriptionRemote; // remote participant per open subscription
        for (quint32 index : participants[p].events) {
            const SessionEvent &e = store.events()[int(index)];
            lane.replica = lane.replica || e.replica;
            switch (e.name) {
            case E::Joined:
                if (lane.presence.isEmpty() || lane.presence.last().endMs != kOpen)
                    lane.presence.append({e.timeMs, kOpen, -1, index});
                break;
            case E::Left:
                closeOpen(lane.presence, e.timeMs);
                closeOpen(lane.publishing, e.timeMs);
                closeOpen(lane.subscriptions, e.timeMs);
                break;
            case E::PublishStarted:
                if (lane.publishing.isEmpty() || lane.publishing.last().endMs != kOpen)
                    lane.publishing.append({e.timeMs, kOpen, -1, index});
                break;
            case E::PublishStopped:
                closeOpen(lane.publishing, e.timeMs);
                break;
            case E::SubscribeStarted:
                lane.subscriptions.append({e.timeMs, kOpen, e.remote, index});
                break;
            case E::SubscribeStopped:
                for (auto &s : lane.subscriptions) {
                    if (s.endMs == kOpen && s.remoteLane == e.remote)
                        s.endMs = e.timeMs;
                }
                break;
            default:
                break;
            }
            if (isMarker(e.name))
                lane.markers.append(index);
        }
        if (store.isFinished()) {
            closeOpen(lane.presence, store.endMs);
            closeOpen(lane.publishing, store.endMs);
            closeOpen(lane.subscriptions, store.endMs);
        }
        m_laneOfParticipant[p] = int(m_lanes.size());
        m_lanes.append(std::move(lane));
    }
    // Subscriptions held the remote participant; now that every lane exists, the lane.
    for (Lane &lane : m_lanes) {
        for (Span &s : lane.subscriptions)
            s.remoteLane = s.remoteLane >= 0 ? m_laneOfParticipant.value(s.remoteLane, -1) : -1;
    }
}

int SessionTimelinePainter::laneOf(int participant) const
{
    return m_laneOfParticipant.value(participant, -1);
}

void SessionTimelinePainter::setPlotWidth(int width)
{
    m_axis.setWidth(std::max(1, width - kLabelWidth));
}

void SessionTimelinePainter::fitAll()
{
    if (!m_store || m_store->events().isEmpty())
        return;
    qint64 first = m_store->firstEventMs();
    qint64 last = m_store->lastEventMs();
    if (m_store->startMs > 0)
        first = std::min(first, m_store->startMs);
    if (m_store->isFinished())
        last = std::max(last, m_store->endMs);
    m_axis.fit(first, std::max(last, first + 1000), 0.02);
}

int SessionTimelinePainter::laneAt(int y, int scrollY) const
{
    if (y < kAxisHeight)
        return -1;
    const int lane = (y - kAxisHeight + scrollY) / kLaneHeight;
    return lane >= 0 && lane < m_lanes.size() ? lane : -1;
}

int SessionTimelinePainter::eventAt(const QPoint &point, int scrollY) const
{
    const int lane = laneAt(point.y(), scrollY);
    if (lane < 0 || point.x() < kLabelWidth || !m_store)
        return -1;
    const double x = point.x() - kLabelWidth;
    const qint64 t = m_axis.timeForX(x);
    const qint64 slack = qint64(5 * m_axis.msPerPixel()) + 1;
    const auto &events = m_store->participants()[m_lanes[lane].participant].events;
    auto it =
        std::lower_bound(events.begin(), events.end(), t - slack, [this](quint32 i, qint64 v) {
            return m_store->events()[int(i)].timeMs < v;
        });
    int best = -1;
    qint64 bestDistance = slack + 1;
    // Markers win over span edges at the same spot: they are what a user points at.
    for (; it != events.end() && m_store->events()[int(*it)].timeMs <= t + slack; ++it) {
        const SessionEvent &e = m_store->events()[int(*it)];
        const qint64 d = std::abs(e.timeMs - t) - (isMarker(e.name) ? slack / 2 : 0);
        if (d < bestDistance) {
            bestDistance = d;
            best = int(*it);
        }
    }
    return best;
}

QString SessionTimelinePainter::describe(int event) const
{
    if (!m_store || event < 0 || event >= m_store->events().size())
        return {};
    const SessionEvent &e = m_store->events()[event];
    const int p = int(e.participant);
    QString who = m_store->userId(p);
    who = who.isEmpty() ? m_store->participantId(p)
                        : QStringLiteral("%1 (%2)").arg(who, m_store->participantId(p));
    QString text = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC)
                       .toLocalTime()
                       .toString(QStringLiteral("HH:mm:ss.zzz")) +
                   QStringLiteral("  ") + who + QStringLiteral("  ") + E::eventNameText(e.name);
    if (e.errorCode)
        text += QLatin1Char(' ') + m_store->errorCodeText(e);
    if (e.remote >= 0) {
        const QString remoteUser = m_store->userId(e.remote);
        text += QStringLiteral(" → ") +
                (remoteUser.isEmpty()
                     ? m_store->participantId(e.remote)
                     : QStringLiteral("%1 (%2)").arg(remoteUser, m_store->participantId(e.remote)));
    }
    if (e.replica)
        text += QStringLiteral(" [replica]");
    if (e.extra >= 0) {
        const SessionEventExtra &x = m_store->extras()[e.extra];
        if (x.newToken && x.newToken->capabilities)
            text += QStringLiteral(" new capabilities [%1]")
                        .arg(x.newToken->capabilities->join(QStringLiteral(", ")));
        if (!x.destinationStageArn.isEmpty())
            text += QStringLiteral(" to %1").arg(x.destinationStageArn);
    }
    return text;
}

void SessionTimelinePainter::paint(QPainter &p, const QRect &viewport, const State &state) const
{
    p.save();
    p.setClipRect(viewport);
    p.fillRect(viewport, kBackground);
    const QVector<TimeAxis::Tick> ticks = m_axis.ticks(90);
    const QRect plot(viewport.left() + kLabelWidth, viewport.top() + kAxisHeight,
                     viewport.width() - kLabelWidth, viewport.height() - kAxisHeight);
    const double cursorX = viewport.left() + kLabelWidth + m_axis.xForTime(state.cursorMs);
    const bool cursorShown = state.cursorMs > 0 && cursorX >= viewport.left() + kLabelWidth &&
                             cursorX <= viewport.right();
    // Back to front: lanes, grid, links, cursor, then the error codes over all of them (so no
    // line crosses a code), then the axis bar.
    if (m_store) {
        const int first = std::max(0, state.scrollY / kLaneHeight);
        const int last = std::min(int(m_lanes.size()) - 1,
                                  (state.scrollY + viewport.height() - kAxisHeight) / kLaneHeight);
        p.save();
        p.setClipRect(QRect(viewport.left(), viewport.top() + kAxisHeight, viewport.width(),
                            viewport.height() - kAxisHeight));
        auto topOf = [&](int lane) {
            return viewport.top() + kAxisHeight + lane * kLaneHeight - state.scrollY;
        };
        QVector<MarkerPlace> labels; // every visible lane's, drawn last
        for (int lane = first; lane <= last; ++lane)
            paintLane(p, m_lanes[lane], lane, topOf(lane), viewport, state, &labels);
        paintGrid(p, plot, ticks);
        // Links cross lanes: drawn over all of them.
        for (int lane = first; lane <= last; ++lane)
            paintLinks(p, m_lanes[lane], lane, topOf(lane), viewport);
        if (cursorShown) {
            p.setPen(QPen(kCursor, 1));
            p.drawLine(QPointF(cursorX, plot.top()), QPointF(cursorX, plot.bottom()));
        }
        // Labels on top of everything in the lanes, each on its own background, and only in
        // the plot: never over the lane names.
        p.setClipRect(plot);
        paintLabels(p, labels);
        p.restore();
    } else {
        paintGrid(p, plot, ticks);
    }
    paintAxis(p, viewport, ticks);
    if (cursorShown) {
        const QString label = m_axis.label(state.cursorMs, 1);
        const QFontMetrics fm(p.font());
        const QRectF box(cursorX + 3, viewport.top() + 4, fm.horizontalAdvance(label) + 6,
                         fm.height());
        p.fillRect(box, kCursor);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, label);
    }
    p.restore();
}

QVector<SessionTimelinePainter::LegendEntry> SessionTimelinePainter::legendEntries()
{
    using L = LegendEntry;
    return {L::Presence, L::Publishing,  L::Subscription, L::Error,
            L::Token,    L::Replication, L::Replica};
}

QString SessionTimelinePainter::legendText(LegendEntry entry)
{
    switch (entry) {
    case LegendEntry::Presence:
        return QObject::tr("on the stage");
    case LegendEntry::Publishing:
        return QObject::tr("publishing");
    case LegendEntry::Subscription:
        return QObject::tr("subscribed (arrow to the publisher)");
    case LegendEntry::Error:
        return QObject::tr("error");
    case LegendEntry::Token:
        return QObject::tr("token exchanged");
    case LegendEntry::Replication:
        return QObject::tr("replication");
    case LegendEntry::Replica:
        return QObject::tr("replica (from another stage)");
    }
    return {};
}

namespace
{
constexpr int kLegendSample = 18; // the width of a mark's sample

// Where each legend entry goes in `area` (rows of kLegendRowHeight), in entry order; the
// entries that do not fit in its height are left out.
QVector<QRect> legendLayout(const QFontMetrics &fm, const QRect &area)
{
    QVector<QRect> places;
    const int left = area.left() + 8;
    int x = left, top = area.top();
    for (auto entry : SessionTimelinePainter::legendEntries()) {
        const int width =
            kLegendSample + 5 + fm.horizontalAdvance(SessionTimelinePainter::legendText(entry));
        if (x > left && x + width > area.right() - 4) { // the next row
            x = left;
            top += SessionTimelinePainter::kLegendRowHeight;
        }
        if (top + SessionTimelinePainter::kLegendRowHeight > area.bottom() + 1)
            break;
        places << QRect(x, top, width, SessionTimelinePainter::kLegendRowHeight);
        x += width + 16;
    }
    return places;
}
} // namespace

int SessionTimelinePainter::legendRows(const QFontMetrics &metrics, int width)
{
    const QVector<QRect> places = legendLayout(metrics, QRect(0, 0, width, 1 << 20));
    return places.isEmpty() ? 1 : places.last().top() / kLegendRowHeight + 1;
}

int SessionTimelinePainter::paintLegend(QPainter &p, const QRect &area)
{
    p.save();
    p.fillRect(area, QColor(0xec, 0xef, 0xf1)); // as the axis bar
    p.setPen(kGrid);
    p.drawLine(area.topLeft(), area.topRight());
    p.setRenderHint(QPainter::Antialiasing, true);
    const QVector<QRect> places = legendLayout(p.fontMetrics(), area);
    const QVector<LegendEntry> entries = legendEntries();
    constexpr int kSample = kLegendSample;
    for (qsizetype i = 0; i < places.size(); ++i) {
        const LegendEntry entry = entries[i];
        const QString text = legendText(entry);
        const int x = places[i].left();
        const int width = places[i].width();
        const double mid = places[i].top() + places[i].height() / 2.0;
        const double cx = x + kSample / 2.0;
        p.setPen(Qt::NoPen);
        switch (entry) {
        case LegendEntry::Presence:
            p.fillRect(QRectF(x, mid - 4, kSample, 8), kPresence);
            break;
        case LegendEntry::Publishing:
            p.fillRect(QRectF(x, mid - 4, kSample, 8), kPublishing);
            break;
        case LegendEntry::Subscription:
            p.fillRect(QRectF(x, mid + 3, kSample, 2), kSubscribing);
            p.setPen(QPen(QColor(0x64, 0xb5, 0xf6), 1));
            p.drawLine(QPointF(cx, mid + 3), QPointF(cx, mid - 7));
            p.drawLine(QPointF(cx, mid - 7), QPointF(cx - 3, mid - 2));
            p.drawLine(QPointF(cx, mid - 7), QPointF(cx + 3, mid - 2));
            break;
        case LegendEntry::Error: {
            const QPointF diamond[4] = {{cx, mid - 6}, {cx + 5, mid}, {cx, mid + 6}, {cx - 5, mid}};
            p.setBrush(kError);
            p.drawConvexPolygon(diamond, 4);
            break;
        }
        case LegendEntry::Token:
            p.setBrush(kToken);
            p.drawEllipse(QPointF(cx, mid), 4.5, 4.5);
            break;
        case LegendEntry::Replication:
            p.setBrush(kReplication);
            p.drawRect(QRectF(cx - 4, mid - 4, 8, 8));
            break;
        case LegendEntry::Replica:
            p.fillRect(QRectF(x, mid - 4, kSample, 8), kReplicaPresence);
            break;
        }
        p.setPen(kText);
        p.drawText(QRect(x + kSample + 5, places[i].top(), width - kSample - 5, places[i].height()),
                   Qt::AlignVCenter | Qt::AlignLeft, text);
    }
    p.restore();
    return int(places.size());
}

void SessionTimelinePainter::paintGrid(QPainter &p, const QRect &plot,
                                       const QVector<TimeAxis::Tick> &ticks) const
{
    p.save();
    p.setClipRect(plot, Qt::IntersectClip);
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = plot.left() + tick.x;
        p.setPen(QPen(tick.major ? kMuted : kGrid, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    p.restore();
}

void SessionTimelinePainter::paintAxis(QPainter &p, const QRect &viewport,
                                       const QVector<TimeAxis::Tick> &ticks) const
{
    const QRect bar(viewport.left(), viewport.top(), viewport.width(), kAxisHeight);
    p.fillRect(bar, QColor(0xec, 0xef, 0xf1));
    p.setPen(kGrid);
    p.drawLine(bar.bottomLeft(), bar.bottomRight());
    p.setPen(kMuted);
    p.drawText(QRect(bar.left() + 6, bar.top(), kLabelWidth - 12, kAxisHeight),
               Qt::AlignVCenter | Qt::AlignLeft,
               m_store ? QObject::tr("%1 participants").arg(m_lanes.size()) : QString());
    p.save();
    p.setClipRect(
        QRect(bar.left() + kLabelWidth, bar.top(), bar.width() - kLabelWidth, kAxisHeight));
    for (const TimeAxis::Tick &tick : ticks) {
        const double x = bar.left() + kLabelWidth + tick.x;
        p.setPen(QPen(tick.major ? kMuted : kGrid, 1));
        p.drawLine(QPointF(x, bar.bottom() - 6), QPointF(x, bar.bottom()));
        p.setPen(tick.major ? kText : kMuted);
        p.drawText(QPointF(x + 3, bar.top() + 15), tick.label);
    }
    p.restore();
}

const QStaticText &SessionTimelinePainter::codeText(quint16 code) const
{
    auto it = m_codeTexts.find(code);
    if (it == m_codeTexts.end()) {
        QStaticText text(m_store->errorCodeText(SessionEvent{0, 0, -1, 0, 0, code, -1}));
        text.setTextFormat(Qt::PlainText);
        text.setPerformanceHint(QStaticText::AggressiveCaching);
        it = m_codeTexts.insert(code, text);
    }
    return it.value();
}

const SessionTimelinePainter::LabelMetrics &
SessionTimelinePainter::labelMetrics(const QFont &font) const
{
    if (!m_labelMetrics || !(m_labelMetrics->font == font)) {
        const QFontMetricsF metrics(font);
        m_labelMetrics = LabelMetrics{
            font, metrics.height(), metrics.horizontalAdvance(QStringLiteral("WW…")), {}, {}};
    }
    return *m_labelMetrics;
}

double SessionTimelinePainter::codeWidth(quint16 code, const LabelMetrics &metrics) const
{
    auto it = metrics.code.constFind(code);
    if (it != metrics.code.constEnd())
        return it.value();
    const double width = QFontMetricsF(metrics.font).horizontalAdvance(codeText(code).text());
    m_labelMetrics->code.insert(code, width);
    return width;
}

const QStaticText &SessionTimelinePainter::elidedCode(quint16 code, double room, quint32 *key) const
{
    *key = quint32(code) << 16 | quint32(std::clamp(room, 1.0, 65535.0));
    auto it = m_labelMetrics->elided.find(*key);
    if (it == m_labelMetrics->elided.end()) {
        const QFontMetricsF metrics(m_labelMetrics->font);
        QStaticText text(
            metrics.elidedText(codeText(code).text(), Qt::ElideRight, double(*key & 0xffff)));
        text.setTextFormat(Qt::PlainText);
        text.setPerformanceHint(QStaticText::AggressiveCaching);
        text.prepare({}, m_labelMetrics->font); // its size, in the labels' font
        it = m_labelMetrics->elided.insert(*key, text);
    }
    return it.value();
}

QVector<SessionTimelinePainter::MarkerPlace>
SessionTimelinePainter::markerPlaces(const Lane &lane, const QRect &plot, const QFont &font,
                                     int selectedEvent) const
{
    QVector<MarkerPlace> places;
    if (!m_store)
        return places;
    const SessionStore &store = *m_store;
    const qint64 t0 = m_axis.startMs();
    const qint64 t1 = m_axis.endMs();
    auto xOf = [&](qint64 t) {
        return plot.left() + std::clamp(m_axis.xForTime(t), -10.0, double(plot.width()) + 10);
    };
    // Markers a little outside the view still cover its edges.
    const qint64 pad = qint64(60 * m_axis.msPerPixel());
    auto from =
        std::lower_bound(lane.markers.begin(), lane.markers.end(), t0 - pad,
                         [&](quint32 i, qint64 t) { return store.events()[int(i)].timeMs < t; });
    double lastX = -1e9;
    for (auto it = from; it != lane.markers.end(); ++it) {
        const qint64 t = store.events()[int(*it)].timeMs;
        if (t > t1 + pad)
            break;
        const double x = xOf(t);
        if (x - lastX < 1.0 && int(*it) != selectedEvent)
            continue; // one marker per pixel is all the eye can see
        lastX = x;
        places.append({*it, x, {}, {}});
    }

    // Labels, left to right: each between the previous marker or label and the next marker.
    constexpr double kGap = kLabelGap;
    const double reach = kMarkerHalfWidth;
    const LabelMetrics &measures = labelMetrics(font);
    const double height = measures.height;
    const double top = plot.top() + (plot.height() - height) / 2;
    const double plotLeft = plot.left();
    const double plotRight = plot.left() + plot.width();
    // The names column ends at plotLeft: a label keeps the same gap from it as from a marker.
    double taken = plotLeft; // the right end of what is drawn so far
    for (qsizetype i = 0; i < places.size(); ++i) {
        MarkerPlace &place = places[i];
        const SessionEvent &e = store.events()[int(place.event)];
        const double x = place.x;
        if (e.errorCode && x >= plotLeft && x <= plotRight) {
            const double nextMarker = i + 1 < places.size() ? places[i + 1].x - reach
                                                            : std::numeric_limits<double>::max();
            const double rightLimit = std::min(nextMarker - kGap, plotRight);
            const double leftLimit = taken + kGap;
            const double rightStart = x + reach + kGap;
            const double leftEnd = x - reach - kGap;
            const double width = codeWidth(e.errorCode, measures);
            const QString &code = codeText(e.errorCode).text();
            if (rightStart + width <= rightLimit) {
                place.label = QRectF(rightStart, top, width, height);
                place.labelText = code;
            } else if (leftEnd - width >= leftLimit) {
                place.label = QRectF(leftEnd - width, top, width, height);
                place.labelText = code;
            } else {
                const double roomRight = rightLimit - rightStart;
                const double roomLeft = leftEnd - leftLimit;
                const double room = std::max(roomRight, roomLeft);
                if (room >= measures.minimum) {
                    const QStaticText &text = elidedCode(e.errorCode, room, &place.elidedKey);
                    const double w = text.size().width();
                    place.labelText = text.text();
                    place.label = roomRight >= roomLeft ? QRectF(rightStart, top, w, height)
                                                        : QRectF(leftEnd - w, top, w, height);
                }
            }
        }
        taken = std::max({taken, x + reach, place.label.isEmpty() ? taken : place.label.right()});
    }
    return places;
}

void SessionTimelinePainter::paintLinks(QPainter &p, const Lane &lane, int laneIndex, int top,
                                        const QRect &viewport) const
{
    const QRect plot(viewport.left() + kLabelWidth, top, viewport.width() - kLabelWidth,
                     kLaneHeight);
    const qint64 t0 = m_axis.startMs();
    const qint64 t1 = m_axis.endMs();
    const int mid = top + kLaneHeight / 2;
    auto xOf = [&](qint64 t) {
        return plot.left() + std::clamp(m_axis.xForTime(t), -10.0, double(plot.width()) + 10);
    };
    auto end = std::upper_bound(lane.subscriptions.begin(), lane.subscriptions.end(), t1,
                                [](qint64 t, const Span &s) { return t < s.startMs; });
    p.save();
    p.setClipRect(QRect(plot.left(), viewport.top() + kAxisHeight, plot.width(),
                        viewport.height() - kAxisHeight));
    p.setPen(QPen(QColor(0x64, 0xb5, 0xf6), 1)); // opaque: no blending per pixel
    double lastX = -1e9;
    int lastRemote = -1;
    for (auto s = lane.subscriptions.begin(); s != end; ++s) {
        if (s->remoteLane < 0 || s->startMs < t0)
            continue;
        const double x = xOf(s->startMs);
        if (x - lastX < 3 && (s->remoteLane == lastRemote || m_axis.msPerPixel() > 1000))
            continue; // links closer than the eye can part: one is enough
        lastX = x;
        lastRemote = s->remoteLane;
        const int remoteMid = top + (s->remoteLane - laneIndex) * kLaneHeight + kLaneHeight / 2;
        const double dir = remoteMid < mid ? 1 : -1; // arrowhead on the publisher's end
        p.drawLine(QPointF(x, mid + 6 * -dir), QPointF(x, remoteMid));
        p.drawLine(QPointF(x, remoteMid), QPointF(x - 3, remoteMid + 5 * dir));
        p.drawLine(QPointF(x, remoteMid), QPointF(x + 3, remoteMid + 5 * dir));
    }
    p.restore();
}

void SessionTimelinePainter::paintLabels(QPainter &p, const QVector<MarkerPlace> &labels) const
{
    for (const MarkerPlace &place : labels) {
        const SessionEvent &e = m_store->events()[int(place.event)];
        // Whole or elided, each label is laid out once and drawn from the cache.
        const QStaticText &text =
            place.elidedKey ? m_labelMetrics->elided[place.elidedKey] : codeText(e.errorCode);
        // The background reaches 1 px either side: still clear of the markers beside it (the
        // label keeps kLabelGap from them).
        p.fillRect(place.label.adjusted(-1, 0, 1, 0), kLabelBackground);
        p.setPen(kError);
        p.drawStaticText(
            QPointF(place.label.left(), place.label.center().y() - text.size().height() / 2), text);
    }
}

void SessionTimelinePainter::paintLane(QPainter &p, const Lane &lane, int laneIndex, int top,
                                       const QRect &viewport, const State &state,
                                       QVector<MarkerPlace> *labels) const
{
    const SessionStore &store = *m_store;
    const QRect row(viewport.left(), top, viewport.width(), kLaneHeight);
    const bool selected = lane.participant == state.selectedParticipant;
    if (selected || laneIndex % 2) // white rows are the background already
        p.fillRect(row, selected ? kSelectedLane : kAlternate);
    if (lane.firstOfUser && laneIndex > 0) {
        p.setPen(kGrid);
        p.drawLine(row.topLeft(), row.topRight());
    }
    if (selected) // a bar down the left edge marks the selected lane beyond its tint
        p.fillRect(QRect(row.left(), row.top(), 4, kLaneHeight), kSelectedAccent);
    // Label: the user id once per group, then the participant id; replicas marked.
    const QFont font = p.font();
    const QString user = store.text(store.participants()[lane.participant].userId);
    const QString id = store.participantId(lane.participant);
    QString label = lane.firstOfUser ? (user.isEmpty() ? QObject::tr("(no user id)") : user)
                                     : QStringLiteral("  ↳");
    label += QStringLiteral("  ") + id.left(12);
    if (lane.replica)
        label += QObject::tr("  ⧉ replica");
    p.setPen(lane.firstOfUser || selected ? kText : kMuted);
    if (selected) {
        QFont bold = p.font();
        bold.setBold(true);
        p.setFont(bold);
    }
    p.drawText(QRect(row.left() + 6, row.top(), kLabelWidth - 10, kLaneHeight),
               Qt::AlignVCenter | Qt::AlignLeft,
               p.fontMetrics().elidedText(label, Qt::ElideRight, kLabelWidth - 10));
    if (selected)
        p.setFont(font);

    p.save();
    const QRect plot(row.left() + kLabelWidth, row.top(), row.width() - kLabelWidth, kLaneHeight);
    p.setClipRect(plot.intersected(p.clipBoundingRect().toAlignedRect()));
    const qint64 t0 = m_axis.startMs();
    const qint64 t1 = m_axis.endMs();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto xOf = [&](qint64 t) {
        if (t == kOpen)
            t = now;
        return plot.left() + std::clamp(m_axis.xForTime(t), -10.0, double(plot.width()) + 10);
    };
    // Spans are sorted by start. Runs that touch on screen are merged, so a zoomed-out lane
    // costs a few rectangles however many spans it holds.
    auto fillSpans = [&](const QVector<Span> &spans, int y, int height, const QColor &color) {
        auto end = std::upper_bound(spans.begin(), spans.end(), t1,
                                    [](qint64 t, const Span &s) { return t < s.startMs; });
        int runStart = 0, runEnd = -1;
        for (auto it = spans.begin(); it != end; ++it) {
            if (it->endMs < t0)
                continue;
            const int a = int(xOf(it->startMs));
            const int b = std::max(a + 1, int(xOf(it->endMs)));
            if (runEnd >= runStart && a <= runEnd + 1) {
                runEnd = std::max(runEnd, b);
                continue;
            }
            if (runEnd >= runStart)
                p.fillRect(QRect(runStart, y, runEnd - runStart, height), color);
            runStart = a;
            runEnd = b;
        }
        if (runEnd >= runStart)
            p.fillRect(QRect(runStart, y, runEnd - runStart, height), color);
    };
    const int mid = row.top() + kLaneHeight / 2;
    fillSpans(lane.presence, mid - 4, 8, lane.replica ? kReplicaPresence : kPresence);
    fillSpans(lane.publishing, mid - 4, 8, kPublishing);
    fillSpans(lane.subscriptions, mid + 5, 2, kSubscribing);
    p.restore();

    // Markers: errors (red, with their code where it fits), token exchanges, replication.
    p.save();
    p.setClipRect(plot);
    if (state.selectedEvent >= 0 && state.selectedEvent < store.events().size() &&
        int(store.events()[state.selectedEvent].participant) == lane.participant) {
        const double x = xOf(store.events()[state.selectedEvent].timeMs);
        p.setPen(QPen(kSelectedHalo, 2));
        p.drawLine(QPointF(x, row.top()), QPointF(x, row.bottom()));
        p.setPen(Qt::NoPen);
        p.setBrush(kSelectedHalo);
        p.drawEllipse(QPointF(x, mid), 9, 9);
    }
    for (const MarkerPlace &place : markerPlaces(lane, plot, p.font(), state.selectedEvent)) {
        const SessionEvent &e = store.events()[int(place.event)];
        const double x = place.x;
        if (isError(e)) {
            const QPointF diamond[4] = {
                {x, mid - 6.0}, {x + 5, double(mid)}, {x, mid + 6.0}, {x - 5, double(mid)}};
            p.setPen(Qt::NoPen);
            p.setBrush(kError);
            p.drawConvexPolygon(diamond, 4);
            if (!place.label.isEmpty())
                labels->append(place);
        } else if (e.name == E::TokenExchanged) {
            p.setPen(Qt::NoPen);
            p.setBrush(kToken);
            p.drawEllipse(QPointF(x, mid), 4.5, 4.5);
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(kReplication);
            p.drawRect(QRectF(x - 4, mid - 4, 8, 8));
        }
    }
    // The hovered and selected events, whatever they are, ringed.
    for (int ringed : {state.hoveredEvent, state.selectedEvent}) {
        if (ringed < 0 || ringed >= store.events().size() ||
            int(store.events()[ringed].participant) != lane.participant)
            continue;
        const double x = xOf(store.events()[ringed].timeMs);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(ringed == state.selectedEvent ? kCursor : kText, 2));
        p.drawEllipse(QPointF(x, mid), 8, 8);
    }
    p.restore();
}
