// The session timeline on a demo-like session played through the local service: lanes grouped
// by user, subscription links, error markers; click selects an event and its participant,
// hover shows it, wheel zooms about the pointer, drag pans, F fits, a live session grows at the
// right edge (followed when fitted, kept still when zoomed); a legend explains the marks.
// Screenshots in test-output/screenshots/timeline-*.png.
#include "localharness.h"
#include "models/sessionloader.h"
#include "sessionplay.h"
#include "ui/sessiontimeline.h"

#include <QApplication>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>

using namespace gr;

namespace
{
using play::at;

void sendMouse(QWidget *target, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, target->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &event);
}

// An event of `name` at `ms`, with an error code and a remote participant when given.
ivs::Event eventAt(qint64 ms, const char *name, const char *code, const QString &remote)
{
    ivs::Event e;
    e.name = QLatin1String(name);
    e.eventTime = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    if (code)
        e.errorCode = QLatin1String(code);
    if (!remote.isEmpty())
        e.remoteParticipantId = remote;
    return e;
}

// The label tests' sessions: from kT0, `lengthMs` long, on a made-up stage.
constexpr qint64 kT0 = 1764000000000;
void startSession(SessionStore &store, const char *stage, qint64 lengthMs)
{
    store.stageArn =
        QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/") + QLatin1String(stage);
    store.startMs = kT0;
    store.endMs = kT0 + lengthMs;
}

// An event `atMs` into such a session.
ivs::Event sessionEvent(const char *name, qint64 atMs, const char *code = nullptr,
                        const QString &remote = {})
{
    return eventAt(kT0 + atMs, name, code, remote);
}

// A participant of the session: its index in the store.
int participant(SessionStore &store, const QString &id, const QString &user)
{
    ivs::ParticipantSummary p;
    p.participantId = id;
    p.userId = user;
    return store.upsertParticipant(p);
}

QString shot(const char *name)
{
    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    return QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/") + QLatin1String(name);
}
} // namespace

class TestSessionTimeline : public QObject
{
    Q_OBJECT
    LocalHarness *h = nullptr;
    QString stage, session, host, fan, viewer;

private slots:
    void initTestCase()
    {
        h = new LocalHarness;
        QVERIFY(h->ok());
        stage = h->createStage(QStringLiteral("timeline"));
        const auto hostJ = h->join(stage, QStringLiteral("host"), true);
        host = hostJ.participantId;
        session = hostJ.sessionId;
        const auto guest = h->join(stage, QStringLiteral("guest"), true);
        fan = h->join(stage, QStringLiteral("fan"), false).participantId;
        QTest::qWait(120);
        h->plane("subscribe", at(stage, fan, {{QStringLiteral("remoteParticipantId"), host}}));
        h->plane("subscribe",
                 at(stage, fan, {{QStringLiteral("remoteParticipantId"), guest.participantId}}));
        QTest::qWait(120);
        const QString viewerToken =
            play::token(*h, stage, QStringLiteral("viewer"), {QStringLiteral("SUBSCRIBE")});
        viewer = play::joinWith(*h, viewerToken).participantId;
        QTest::qWait(120);
        h->plane("publish", at(stage, viewer)); // refused: INSUFFICIENT_CAPABILITIES
        QTest::qWait(120);
        h->plane("leave", at(stage, guest.participantId));
        QTest::qWait(60);
        h->plane("subscribe",
                 at(stage, fan, {{QStringLiteral("remoteParticipantId"), guest.participantId}}));
        QTest::qWait(120);
        h->join(stage, QStringLiteral("guest"), true); // the guest comes back: second lane
    }
    void cleanupTestCase() { delete h; }

    void drawsAndSelects()
    {
        SessionLoader loader(h->client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, session);
        QVERIFY(done.wait(10000));
        const SessionStore &store = loader.store();

        SessionTimeline timeline;
        timeline.resize(1000, 260);
        timeline.setStore(&store);
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        const auto &lanes = timeline.painter().lanes();
        QCOMPARE(lanes.size(), 5); // fan, guest x2, host, viewer
        // Grouped by user id: the two guest lanes are adjacent, the second not first of user.
        const int g1 = timeline.painter().laneOf(
            store.findParticipant(store.participantId(lanes[1].participant)));
        QCOMPARE(store.userId(lanes[1].participant), QStringLiteral("guest"));
        QCOMPARE(store.userId(lanes[2].participant), QStringLiteral("guest"));
        QVERIFY(lanes[1].firstOfUser);
        QVERIFY(!lanes[2].firstOfUser);
        QCOMPARE(g1, 1);
        // The fan's lane links to both publishers.
        const auto &fanLane = lanes[timeline.painter().laneOf(store.findParticipant(fan))];
        QCOMPARE(fanLane.subscriptions.size(), 2);
        QCOMPARE(fanLane.subscriptions[0].remoteLane,
                 timeline.painter().laneOf(store.findParticipant(host)));
        QCOMPARE(fanLane.markers.size(), 1); // PUBLISHER_NOT_FOUND
        QVERIFY(timeline.grab().save(shot("timeline-session.png")));

        // Under the lanes, a legend says what each colour and mark means: all of it fits in a
        // 1000-pixel timeline, drawn with the lanes' own marks (the error diamond's red).
        QWidget *legend = timeline.legend();
        QVERIFY(legend->isVisible());
        QVERIFY(legend->geometry().top() > timeline.viewport()->geometry().bottom());
        QCOMPARE(legend->width(), timeline.viewport()->width());
        QImage strip(legend->size(), QImage::Format_RGB32);
        {
            QPainter p(&strip);
            p.setFont(legend->font());
            QCOMPARE(SessionTimelinePainter::paintLegend(p, strip.rect()),
                     int(SessionTimelinePainter::legendEntries().size()));
        }
        const QImage shown = legend->grab().toImage().convertToFormat(QImage::Format_RGB32);
        bool red = false;
        for (int y = 0; y < shown.height() && !red; ++y) {
            for (int x = 0; x < shown.width() && !red; ++x)
                red = shown.pixel(x, y) == qRgb(0xd3, 0x2f, 0x2f);
        }
        QVERIFY(red);
        QVERIFY(legend->grab().save(shot("timeline-legend.png")));
        QCOMPARE(legend->height(), SessionTimelinePainter::kLegendRowHeight);
        // Narrow, the legend takes a second row and still shows every entry.
        timeline.resize(560, 260);
        QTRY_VERIFY(legend->height() > SessionTimelinePainter::kLegendRowHeight);
        QVERIFY(legend->geometry().top() > timeline.viewport()->geometry().bottom());
        QImage narrow(legend->size(), QImage::Format_RGB32);
        {
            QPainter p(&narrow);
            p.setFont(legend->font());
            QCOMPARE(SessionTimelinePainter::paintLegend(p, narrow.rect()),
                     int(SessionTimelinePainter::legendEntries().size()));
        }
        QVERIFY(timeline.grab().save(shot("timeline-narrow-legend.png")));
        timeline.resize(1000, 260);
        QTRY_COMPARE(legend->height(), SessionTimelinePainter::kLegendRowHeight);

        // Click on the viewer's error marker: its event and participant are selected.
        const int viewerIndex = store.findParticipant(viewer);
        const int viewerLane = timeline.painter().laneOf(viewerIndex);
        const auto &markers = lanes[viewerLane].markers;
        QCOMPARE(markers.size(), 1);
        const int errorEvent = int(markers.first());
        QCOMPARE(store.errorCodeText(store.events()[errorEvent]),
                 QStringLiteral("INSUFFICIENT_CAPABILITIES"));
        const QPoint markerPos(SessionTimelinePainter::kLabelWidth +
                                   int(timeline.axis().xForTime(store.events()[errorEvent].timeMs)),
                               SessionTimelinePainter::kAxisHeight +
                                   viewerLane * SessionTimelinePainter::kLaneHeight +
                                   SessionTimelinePainter::kLaneHeight / 2);
        QSignalSpy selected(&timeline, &SessionTimeline::eventSelected);
        QTest::mouseMove(timeline.viewport(), markerPos);
        QCOMPARE(timeline.hoveredEvent(), errorEvent);
        QVERIFY(timeline.painter()
                    .describe(errorEvent)
                    .contains(QStringLiteral("PUBLISH_ERROR INSUFFICIENT_CAPABILITIES")));
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, markerPos);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().at(0).toInt(), errorEvent);
        QCOMPARE(selected.first().at(1).toInt(), viewerIndex);
        QCOMPARE(timeline.selectedEvent(), errorEvent);
        QVERIFY(timeline.grab().save(shot("timeline-selected.png")));

        // Wheel zoom about the pointer keeps the time under it.
        const qint64 under =
            timeline.axis().timeForX(markerPos.x() - SessionTimelinePainter::kLabelWidth);
        const double spanBefore = timeline.axis().spanMs();
        QWheelEvent wheel(markerPos, timeline.viewport()->mapToGlobal(markerPos), {},
                          QPoint(0, 480), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(timeline.viewport(), &wheel);
        QVERIFY(timeline.axis().spanMs() < spanBefore / 2);
        QVERIFY(
            std::abs(timeline.axis().timeForX(markerPos.x() - SessionTimelinePainter::kLabelWidth) -
                     under) <= qint64(timeline.axis().msPerPixel()) + 1);
        QVERIFY(timeline.grab().save(shot("timeline-zoomed.png")));

        // Drag pans; F fits again.
        const qint64 startBefore = timeline.axis().startMs();
        sendMouse(timeline.viewport(), QEvent::MouseButtonPress, QPoint(500, 100), Qt::LeftButton,
                  Qt::LeftButton);
        sendMouse(timeline.viewport(), QEvent::MouseMove, QPoint(600, 100), Qt::NoButton,
                  Qt::LeftButton);
        sendMouse(timeline.viewport(), QEvent::MouseButtonRelease, QPoint(600, 100), Qt::LeftButton,
                  Qt::NoButton);
        QVERIFY(timeline.axis().startMs() < startBefore);
        QCOMPARE(selected.size(), 1); // a drag is not a click
        QTest::keyClick(&timeline, Qt::Key_F);
        QCOMPARE(timeline.axis().spanMs(), spanBefore);
    }

    // The time under the pointer is drawn on the axis while the pointer is over the lanes only:
    // leaving them (for the legend, the scroll bar or another widget) takes it away, and a zoom
    // under a still pointer shows the time now under it, not the time that was.
    void hoverTimeFollowsThePointer()
    {
        SessionLoader loader(h->client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(stage, session);
        QVERIFY(done.wait(10000));
        SessionTimeline timeline;
        timeline.resize(1000, 260);
        timeline.setStore(&loader.store());
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QWidget *viewport = timeline.viewport();
        // Orange (the cursor's colour) in the axis bar: the hover time's box.
        auto cursorPixelsOnAxis = [viewport] {
            const QImage shown = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
            int orange = 0;
            for (int y = 0; y < SessionTimelinePainter::kAxisHeight; ++y) {
                for (int x = 0; x < shown.width(); ++x)
                    orange += shown.pixel(x, y) == qRgb(0xff, 0x6f, 0x00);
            }
            return orange;
        };
        QCOMPARE(cursorPixelsOnAxis(), 0);
        const QPoint pointer(SessionTimelinePainter::kLabelWidth + 200, 60);
        sendMouse(viewport, QEvent::MouseMove, pointer, Qt::NoButton, Qt::NoButton);
        QVERIFY(timeline.cursorMs() > 0);
        QVERIFY(cursorPixelsOnAxis() > 50);
        QVERIFY(timeline.grab().save(shot("timeline-hover.png")));

        // Zoomed in about the centre with the pointer still: the cursor says the time now
        // under it.
        const qint64 before = timeline.cursorMs();
        QTest::keyClick(&timeline, Qt::Key_Plus);
        QVERIFY(cursorPixelsOnAxis() > 50); // painted: what is shown is what is under it
        const qint64 under =
            timeline.axis().timeForX(pointer.x() - SessionTimelinePainter::kLabelWidth);
        QVERIFY(under != before);
        QCOMPARE(timeline.cursorMs(), under);

        // The pointer leaves the lanes (into the legend, a sibling: the scroll area itself is
        // not left): no time on the axis, no hovered event.
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(viewport, &leave);
        QCOMPARE(timeline.cursorMs(), qint64(0));
        QCOMPARE(timeline.hoveredEvent(), -1);
        QCOMPARE(cursorPixelsOnAxis(), 0);
        QVERIFY(timeline.grab().save(shot("timeline-hover-left.png")));
    }

    void liveSessionGrowsAtTheRightEdge()
    {
        LocalHarness live;
        QVERIFY(live.ok());
        const QString s = live.createStage(QStringLiteral("growing"));
        const auto a = live.join(s, QStringLiteral("a"), true);
        SessionLoader loader(live.client());
        QSignalSpy done(&loader, &SessionLoader::finished);
        loader.start(s, a.sessionId);
        QVERIFY(done.wait(10000));
        SessionTimeline timeline;
        timeline.resize(800, 200);
        timeline.setStore(&loader.store());
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        connect(&loader, &SessionLoader::eventsAdded, &timeline,
                [&timeline] { timeline.storeChanged(); });
        const qint64 endBefore = timeline.axis().endMs();
        QTest::qWait(1500);
        live.join(s, QStringLiteral("b"), true);
        done.clear();
        loader.refresh();
        QVERIFY(done.wait(10000));
        QCOMPARE(timeline.painter().lanes().size(), 2);
        QVERIFY(timeline.axis().endMs() > endBefore);
        QVERIFY(timeline.axis().endMs() >= loader.store().lastEventMs());

        // Zoomed in by the user, with the newest event in view: new events do not move the
        // view (they arrive off to the right); the time range is kept.
        QTest::keyClick(&timeline, Qt::Key_Plus);
        const int newest = int(loader.store().events().size()) - 1;
        timeline.selectEvent(newest);
        const qint64 startZoomed = timeline.axis().startMs();
        const double span = timeline.axis().spanMs();
        const qint64 lastBefore = loader.store().lastEventMs();
        QTest::qWait(1200);
        live.join(s, QStringLiteral("c"), false);
        done.clear();
        loader.refresh();
        QVERIFY(done.wait(10000));
        const qint64 grown = loader.store().lastEventMs() - lastBefore;
        QVERIFY(grown >= 1000);
        QCOMPARE(timeline.painter().lanes().size(), 3);
        QCOMPARE(timeline.axis().spanMs(), span);
        QCOMPARE(timeline.axis().startMs(), startZoomed);
        QCOMPARE(timeline.selectedEvent(), newest);

        // Fitted again (F), the view follows the session as it grows.
        QTest::keyClick(&timeline, Qt::Key_F);
        QTest::qWait(1200);
        live.join(s, QStringLiteral("d"), false);
        done.clear();
        loader.refresh();
        QVERIFY(done.wait(10000));
        QVERIFY(timeline.axis().endMs() >= loader.store().lastEventMs());
        QCOMPARE(timeline.selectedEvent(), newest);
    }

    // Error codes next to other markers and at the right edge of the view: each label sits
    // where it overlaps no marker and no other label, inside the plot (flipped to the left of
    // its marker at the right edge, elided or left out where there is no room).
    void errorLabelsKeepClear()
    {
        SessionStore store;
        startSession(store, "labels", 60000);
        // alice: an error with a token exchange just after it, three errors a few pixels
        // apart, and an error at the very end of the session (the right edge of the view).
        store.addEvents(participant(store, QStringLiteral("pAlice"), QStringLiteral("alice")),
                        {sessionEvent("JOINED", 0),
                         sessionEvent("PUBLISH_ERROR", 10000, "INSUFFICIENT_CAPABILITIES"),
                         sessionEvent("TOKEN_EXCHANGED", 10600),
                         sessionEvent("PUBLISH_ERROR", 20000, "QUOTA_EXCEEDED"),
                         sessionEvent("PUBLISH_ERROR", 20300, "QUOTA_EXCEEDED"),
                         sessionEvent("PUBLISH_ERROR", 20600, "QUOTA_EXCEEDED"),
                         sessionEvent("SUBSCRIBE_ERROR", 59900, "PUBLISHER_NOT_FOUND")});
        // bob: one error with all the room it needs.
        store.addEvents(
            participant(store, QStringLiteral("pBob"), QStringLiteral("bob")),
            {sessionEvent("JOINED", 0), sessionEvent("PUBLISH_ERROR", 30000, "QUOTA_EXCEEDED")});

        SessionTimeline timeline;
        timeline.resize(1000, 200);
        timeline.setStore(&store);
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QVERIFY(timeline.axis().endMs() < kT0 + 61500); // the last error is near the right edge
        const SessionTimelinePainter &painter = timeline.painter();
        const QRect viewport = timeline.viewport()->rect();
        int labels = 0, flipped = 0, left = 0;
        for (int laneIndex = 0; laneIndex < painter.lanes().size(); ++laneIndex) {
            const QRect plot(SessionTimelinePainter::kLabelWidth,
                             SessionTimelinePainter::kAxisHeight +
                                 laneIndex * SessionTimelinePainter::kLaneHeight,
                             viewport.width() - SessionTimelinePainter::kLabelWidth,
                             SessionTimelinePainter::kLaneHeight);
            const auto places =
                painter.markerPlaces(painter.lanes()[laneIndex], plot, timeline.font());
            for (const auto &place : places) {
                if (place.label.isEmpty()) {
                    left += store.events()[int(place.event)].errorCode ? 1 : 0;
                    continue;
                }
                ++labels;
                QVERIFY2(place.label.left() >= plot.left() &&
                             place.label.right() <= plot.right() + 1,
                         qPrintable(place.labelText));
                if (place.label.right() <= place.x)
                    ++flipped;
                for (const auto &other : places) {
                    const QRectF marker(other.x - SessionTimelinePainter::kMarkerHalfWidth,
                                        plot.top(), 2 * SessionTimelinePainter::kMarkerHalfWidth,
                                        plot.height());
                    QVERIFY2(!place.label.intersects(marker),
                             qPrintable(QStringLiteral("%1 over a marker").arg(place.labelText)));
                    if (&other != &place)
                        QVERIFY2(!place.label.intersects(other.label),
                                 qPrintable(QStringLiteral("%1 over %2")
                                                .arg(place.labelText, other.labelText)));
                }
            }
        }
        QVERIFY(labels >= 3); // bob's, alice's first and her last at least
        QVERIFY(flipped >= 1);
        QVERIFY(left >= 1); // the cluster has no room for every code

        // As painted: nothing red right of the last marker (its code went to its left).
        const int aliceLane = painter.laneOf(store.findParticipant(QStringLiteral("pAlice")));
        const qint64 lastError = kT0 + 59900;
        const int lastX =
            SessionTimelinePainter::kLabelWidth + int(timeline.axis().xForTime(lastError));
        const QImage image =
            timeline.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const int top =
            SessionTimelinePainter::kAxisHeight + aliceLane * SessionTimelinePainter::kLaneHeight;
        int redRight = 0, redLeft = 0;
        for (int y = top; y < top + SessionTimelinePainter::kLaneHeight; ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                const bool red = c.red() > 150 && c.green() < 120 && c.blue() < 120;
                if (red && x > lastX + 7)
                    ++redRight;
                if (red && x < lastX - 8 && x > lastX - 60)
                    ++redLeft;
            }
        }
        QCOMPARE(redRight, 0);
        QVERIFY(redLeft > 0);
        QVERIFY(timeline.grab().save(shot("timeline-labels.png")));
    }

    // The demo's dense lanes (the walkthrough's case): clusters of long codes a few pixels to a
    // few dozen apart on many lanes, bars under them and subscription links across them. Every
    // label keeps kLabelGap from every marker, every other label and the names column, and as
    // painted nothing of a bar or a link shows inside a label.
    void denseLanesLabelsKeepGap()
    {
        SessionStore store;
        startSession(store, "dense", 300000);
        const char *codes[] = {"INSUFFICIENT_CAPABILITIES", "RESOLUTION_EXCEEDED",
                               "BITRATE_EXCEEDED", "INVALID_VIDEO_CODEC"};
        quint32 seed = 7; // the same "random" session every run
        auto next = [&seed](quint32 below) {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 16) % below;
        };
        constexpr int kLanes = 12;
        for (int lane = 0; lane < kLanes; ++lane) {
            const int index =
                participant(store, QStringLiteral("p%1").arg(lane, 2, 10, QLatin1Char('0')),
                            QStringLiteral("user%1").arg(lane / 3));
            QVector<ivs::Event> events{
                sessionEvent("JOINED", qint64(next(20000))),
                sessionEvent("PUBLISH_STARTED", 30000 + qint64(next(20000)))};
            qint64 at = 40000 + qint64(next(60000));
            for (int i = 0, n = 3 + int(next(5)); i < n; ++i) {
                events.append(sessionEvent(lane % 2 ? "SUBSCRIBE_ERROR" : "PUBLISH_ERROR", at,
                                           codes[next(4)]));
                at += 300 + qint64(next(i % 2 ? 20000 : 3000)); // a pixel to ~50 apart
            }
            for (int i = 0; i < 6 && lane > 0; ++i)
                events.append(sessionEvent("SUBSCRIBE_STARTED", 60000 + i * 35000 + lane * 900,
                                           nullptr, QStringLiteral("p00")));
            std::sort(events.begin(), events.end(), [](const ivs::Event &a, const ivs::Event &b) {
                return *a.eventTime < *b.eventTime;
            });
            store.addEvents(index, events);
        }

        SessionTimeline timeline;
        timeline.resize(900, 520);
        timeline.setStore(&store);
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        const SessionTimelinePainter &painter = timeline.painter();
        const QRect viewport = timeline.viewport()->rect();
        const QImage image =
            timeline.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const double gap = SessionTimelinePainter::kLabelGap;
        int labels = 0, lanesSeen = 0;
        for (int laneIndex = 0; laneIndex < painter.lanes().size(); ++laneIndex) {
            const QRect plot(SessionTimelinePainter::kLabelWidth,
                             SessionTimelinePainter::kAxisHeight +
                                 laneIndex * SessionTimelinePainter::kLaneHeight,
                             viewport.width() - SessionTimelinePainter::kLabelWidth,
                             SessionTimelinePainter::kLaneHeight);
            if (plot.bottom() > viewport.bottom())
                break;
            ++lanesSeen;
            const auto places =
                painter.markerPlaces(painter.lanes()[laneIndex], plot, timeline.font());
            for (const auto &place : places) {
                if (place.label.isEmpty())
                    continue;
                ++labels;
                const QString what = QStringLiteral("lane %1: %2 at %3..%4")
                                         .arg(laneIndex)
                                         .arg(place.labelText)
                                         .arg(place.label.left())
                                         .arg(place.label.right());
                QVERIFY2(place.label.left() >= plot.left() + gap, qPrintable(what));
                QVERIFY2(place.label.right() <= plot.right() + 1, qPrintable(what));
                // Less than the gap away counts as touching (a hair under it: rounding).
                const QRectF keepOut = place.label.adjusted(-gap + 0.01, 0, gap - 0.01, 0);
                for (const auto &other : places) {
                    const QRectF marker(other.x - SessionTimelinePainter::kMarkerHalfWidth,
                                        plot.top(), 2 * SessionTimelinePainter::kMarkerHalfWidth,
                                        plot.height());
                    QVERIFY2(!keepOut.intersects(marker),
                             qPrintable(what + QStringLiteral(" by a marker at %1").arg(other.x)));
                    if (&other != &place && !other.label.isEmpty())
                        QVERIFY2(!keepOut.intersects(other.label),
                                 qPrintable(what + QStringLiteral(" by ") + other.labelText));
                }
                // As painted: only the label's red (d32f2f) blended into its white, as much
                // darker in green and blue as in red times 208/44; a bar, a link or a grid line
                // (grey) showing through is not.
                const QRect inside = place.label.toAlignedRect().adjusted(1, 1, -1, -1);
                for (int y = inside.top(); y <= inside.bottom(); ++y) {
                    for (int x = inside.left(); x <= inside.right(); ++x) {
                        const QColor c = image.pixelColor(x, y);
                        const double redDepth = 255 - c.red();
                        QVERIFY2(std::abs(c.green() - c.blue()) <= 8 &&
                                     std::abs((255 - c.green()) - redDepth * 208 / 44) <= 30,
                                 qPrintable(
                                     what +
                                     QStringLiteral(": %1 at %2,%3").arg(c.name()).arg(x).arg(y)));
                    }
                }
            }
        }
        QVERIFY(lanesSeen >= 10);
        QVERIFY(labels >= 10);
        QVERIFY(timeline.grab().save(shot("timeline-dense-labels.png")));
    }

    void manyLanesScroll()
    {
        SessionStore store;
        store.stageArn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/big");
        for (int i = 0; i < 200; ++i) {
            ivs::ParticipantSummary p;
            p.participantId = QStringLiteral("p%1").arg(i, 4, 10, QLatin1Char('0'));
            p.userId = QStringLiteral("user%1").arg(i / 2);
            const int index = store.upsertParticipant(p);
            ivs::Event joined;
            joined.name = QStringLiteral("JOINED");
            joined.eventTime = QDateTime::fromMSecsSinceEpoch(1764000000000 + i * 1000, Qt::UTC);
            store.addEvents(index, {joined});
        }
        SessionTimeline timeline;
        timeline.resize(700, 300);
        timeline.setStore(&store);
        timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QVERIFY(timeline.verticalScrollBar()->maximum() > 0);
        timeline.selectEvent(int(store.participants()[150].events.first()));
        QVERIFY(timeline.verticalScrollBar()->value() > 0);
        QVERIFY(timeline.grab().save(shot("timeline-many-lanes.png")));
    }
};

QTEST_MAIN(TestSessionTimeline)
#include "tst_sessiontimeline.moc"
