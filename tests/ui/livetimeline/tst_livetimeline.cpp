// A LIVE session's timeline through the console's window on the local service, while the
// session keeps growing (people join, publish and fail every second): a clicked marker stays
// selected and under the pointer across the 5 s follow refreshes, and the "Selected:" line says
// what it is; error codes are drawn over bars, arrows, grid lines and the cursor, never over
// the lane names, on the demo's town hall too.
// Screenshots in test-output/screenshots/live-timeline-*.png.
#include "localconnection.h"
#include "localharness.h"
#include "models/sessionloader.h"
#include "screenshot.h"
#include "sessionplay.h"
#include "ui/elidedlabel.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"
#include "ui/sessiontimeline.h"

#include <QApplication>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QtTest>
#include <QWheelEvent>

using namespace gr;
using play::at;

namespace
{
constexpr int kLane = SessionTimelinePainter::kLaneHeight;

// Where an event's marker is in the timeline's viewport.
QPoint markerPos(const SessionTimeline *timeline, const SessionStore &store, int event)
{
    const int lane = timeline->painter().laneOf(int(store.events()[event].participant));
    return {SessionTimelinePainter::kLabelWidth +
                int(std::lround(timeline->axis().xForTime(store.events()[event].timeMs))),
            SessionTimelinePainter::kAxisHeight + lane * kLane + kLane / 2 -
                timeline->verticalScrollBar()->value()};
}

int haloPixelsAround(const QImage &image, QPoint pos)
{
    int halo = 0;
    for (int dx = -10; dx <= 10; ++dx) {
        for (int dy = -10; dy <= 10; ++dy)
            halo += image.rect().contains(pos + QPoint(dx, dy)) &&
                    QColor(image.pixel(pos + QPoint(dx, dy))) == QColor(0xff, 0xcc, 0x80);
    }
    return halo;
}

// Pixels inside every error label drawn on the lanes in view that are neither the label's
// white background nor its red text, anti-aliased: a bar, an arrow, a grid line, a marker, a
// ring, the time cursor or another label showing through. Also
// counts labels closer than kLabelGap to the names column. Each offence described in `why`.
int labelOffences(SessionTimeline *timeline, int *labels, QString *why)
{
    const QImage shown =
        timeline->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const SessionTimelinePainter &painter = timeline->painter();
    const int scroll = timeline->verticalScrollBar()->value();
    const int width = timeline->viewport()->width();
    int offences = 0;
    QSet<QRgb> seen;
    for (int lane = 0; lane < painter.lanes().size(); ++lane) {
        const QRect plot(SessionTimelinePainter::kLabelWidth,
                         SessionTimelinePainter::kAxisHeight + lane * kLane - scroll,
                         width - SessionTimelinePainter::kLabelWidth, kLane);
        if (plot.top() < SessionTimelinePainter::kAxisHeight || plot.bottom() >= shown.height())
            continue; // only whole lanes in view
        for (const auto &place :
             painter.markerPlaces(painter.lanes()[lane], plot, timeline->font())) {
            if (place.label.isEmpty())
                continue;
            ++*labels;
            if (place.label.left() < plot.left() + SessionTimelinePainter::kLabelGap - 0.01) {
                ++offences;
                *why += QStringLiteral("lane %1: %2 at %3 touches the names\n")
                            .arg(lane)
                            .arg(place.labelText)
                            .arg(place.label.left());
            }
            const QRect inside = place.label.toAlignedRect().adjusted(1, 1, -1, -1);
            for (int y = inside.top(); y <= inside.bottom(); ++y) {
                for (int x = inside.left(); x <= inside.right(); ++x) {
                    const QColor c(shown.pixel(x, y));
                    // The label's red (d32f2f) blended into white: as much darker in green
                    // and blue as its red is darker, times 208/44. A grey line fails it.
                    const double redDepth = 255 - c.red();
                    if (std::abs(c.green() - c.blue()) <= 8 &&
                        std::abs((255 - c.green()) - redDepth * 208 / 44) <= 30)
                        continue;
                    ++offences;
                    if (seen.contains(c.rgb()) || why->size() > 2000)
                        continue; // one line per colour says enough
                    seen.insert(c.rgb());
                    *why += QStringLiteral("lane %1: %2 has %3 at %4,%5\n")
                                .arg(lane)
                                .arg(place.labelText, c.name())
                                .arg(x)
                                .arg(y);
                }
            }
        }
    }
    return offences;
}
} // namespace

class TestLiveTimeline : public QObject
{
    Q_OBJECT
    LocalHarness *h = nullptr;
    QString stage, session, host, viewer;
    QStringList everyone; // connected, so that the last test can end the session
    int joined = 0;

    // The session grows: somebody joins and is refused a publish. Their user ids sort first, so
    // their lanes come above the viewer's.
    void grow()
    {
        const QString token = play::token(*h, stage, QStringLiteral("aa-late-%1").arg(++joined),
                                          {QStringLiteral("SUBSCRIBE")});
        const QString id = play::joinWith(*h, token).participantId;
        everyone << id;
        h->plane("subscribe", at(stage, id, {{QStringLiteral("remoteParticipantId"), host}}));
        h->plane("publish", at(stage, id)); // refused: INSUFFICIENT_CAPABILITIES
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        h = new LocalHarness;
        QVERIFY2(h->ok(), qPrintable(h->error()));
        stage = h->createStage(QStringLiteral("live-timeline"));
        const auto hostJ = h->join(stage, QStringLiteral("host"), true);
        host = hostJ.participantId;
        session = hostJ.sessionId;
        const QString viewerToken =
            play::token(*h, stage, QStringLiteral("viewer"), {QStringLiteral("SUBSCRIBE")});
        viewer = play::joinWith(*h, viewerToken).participantId;
        // A crowd below the viewer's lane: the lanes are taller than the view, so they scroll.
        QStringList crowd;
        for (int i = 0; i < 24; ++i)
            crowd << h->join(stage, QStringLiteral("zz-crowd-%1").arg(i, 2, 10, QLatin1Char('0')))
                         .participantId;
        everyone << host << viewer << crowd;
        QTest::qWait(300);
        h->plane("subscribe", at(stage, viewer, {{QStringLiteral("remoteParticipantId"), host}}));
        QTest::qWait(300);
        h->plane("publish", at(stage, viewer)); // refused: INSUFFICIENT_CAPABILITIES
        // Just after, two of the crowd subscribe to the host: their arrows cross the viewer's
        // lane where its error's code is written.
        QTest::qWait(150);
        h->plane("subscribe", at(stage, crowd[0], {{QStringLiteral("remoteParticipantId"), host}}));
        QTest::qWait(150);
        h->plane("subscribe", at(stage, crowd[1], {{QStringLiteral("remoteParticipantId"), host}}));
        // A later event keeps the error in the left part of the fitted view, with room right of
        // it for its code.
        QTest::qWait(3000);
        h->plane("subscribe", at(stage, crowd[2], {{QStringLiteral("remoteParticipantId"), host}}));
        QTest::qWait(300);
    }
    void cleanupTestCase() { delete h; }

private:
    // The window on the live session, its events loaded, on the Timeline tab.
    void openTimeline(LocalConsole &window, ui::SessionAnalysis **analysis)
    {
        window.resize(1400, 860); // the console's default size
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, session));
        ui::SessionPage *page = window.sessionPage();
        QVERIFY(page);
        *analysis = page->analysis();
        // Generous: the session grows through the tests, and CI loads the machine.
        QTRY_VERIFY_WITH_TIMEOUT((*analysis)->isLoaded(), 60000);
        page->tabs()->setCurrentIndex(1);
    }

private slots:

    // Error codes on a live session sit on top of the bars and the subscription arrows, on a
    // background of their own, and never in the lane names' column.
    void errorLabelsOnTopOfBarsAndArrows()
    {
        LocalConsole window(h->service()->url());
        ui::SessionAnalysis *analysis = nullptr;
        openTimeline(window, &analysis);
        if (QTest::currentTestFailed())
            return;
        SessionTimeline *timeline = analysis->timeline();
        const SessionStore &store = analysis->loader()->store();
        QVERIFY(!store.isFinished());
        QTest::qWait(50);

        const int lane = timeline->painter().laneOf(store.findParticipant(viewer));
        QVERIFY(lane >= 0);
        const int scroll = timeline->verticalScrollBar()->value();
        const QRect plot(SessionTimelinePainter::kLabelWidth,
                         SessionTimelinePainter::kAxisHeight + lane * kLane - scroll,
                         timeline->viewport()->width() - SessionTimelinePainter::kLabelWidth,
                         kLane);
        // Zoomed in on the error with the wheel, until 150 ms (the crowd's subscriptions after
        // it) is 30 px: then they lie under its label at any machine speed. The live view's fit
        // spans join to now, so under ASan beside builds it had put them within 3 px of the
        // marker, left of the label. Zooming also stops following: nothing moves between the
        // measurement and the grab.
        const qint64 errorMs =
            store.events()[int(timeline->painter().lanes()[lane].markers[0])].timeMs;
        for (int notch = 0;
             notch < 60 &&
             timeline->axis().xForTime(errorMs + 150) - timeline->axis().xForTime(errorMs) < 30;
             ++notch) {
            const QPointF at(SessionTimelinePainter::kLabelWidth +
                                 timeline->axis().xForTime(errorMs),
                             plot.center().y());
            QWheelEvent wheel(at, timeline->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(timeline->viewport(), &wheel);
        }
        QVERIFY(!timeline->isFollowing());
        QCoreApplication::processEvents();
        QRectF label;
        for (const auto &place : timeline->painter().markerPlaces(timeline->painter().lanes()[lane],
                                                                  plot, timeline->font())) {
            if (!place.label.isEmpty())
                label = place.label;
        }
        QVERIFY2(!label.isEmpty(), "the viewer's error has no label");
        // The set-up holds what the walkthrough saw: an arrow crosses the label.
        int crossing = 0;
        const auto &lanes = timeline->painter().lanes();
        for (int below = lane + 1; below < lanes.size(); ++below) {
            for (const auto &s : lanes[below].subscriptions) {
                const double x = plot.left() + timeline->axis().xForTime(s.startMs);
                crossing += s.remoteLane >= 0 && s.remoteLane < lane && x > label.left() + 1 &&
                            x < label.right() - 1;
            }
        }
        QVERIFY2(crossing >= 1, "no arrow crosses the label");

        const QImage shown =
            timeline->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        shoot(timeline, QStringLiteral("live-timeline-labels.png"));
        // Inside the label: red text on its background; no bar or arrow drawn over or under it.
        const QColor presence(0xb0, 0xbe, 0xc5), subscribed(0x1e, 0x88, 0xe5),
            arrow(0x64, 0xb5, 0xf6);
        int red = 0, through = 0;
        const QRect inside = label.toAlignedRect().adjusted(1, 1, -1, -1);
        for (int y = inside.top(); y <= inside.bottom(); ++y) {
            for (int x = inside.left(); x <= inside.right(); ++x) {
                const QColor c(shown.pixel(x, y));
                red += c.red() > 150 && c.green() < 120 && c.blue() < 120;
                through += c == presence || c == subscribed || c == arrow;
            }
        }
        QVERIFY2(red > 20, qPrintable(QString::number(red)));
        QVERIFY2(
            through == 0,
            qPrintable(QStringLiteral("%1 pixels of bars or arrows in the label").arg(through)));

        // Panned so that the error sits at the names' edge: nothing red in the names' column.
        const QPoint at(SessionTimelinePainter::kLabelWidth +
                            int(timeline->axis().xForTime(errorMs)),
                        plot.center().y());
        const QPoint edge(SessionTimelinePainter::kLabelWidth + 3, plot.center().y());
        QTest::mousePress(timeline->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseMove(timeline->viewport(), at + QPoint(-10, 0));
        QTest::mouseMove(timeline->viewport(), edge);
        QTest::mouseRelease(timeline->viewport(), Qt::LeftButton, {}, edge);
        QVERIFY2(std::abs(SessionTimelinePainter::kLabelWidth + timeline->axis().xForTime(errorMs) -
                          edge.x()) <= 2,
                 "the drag did not move the error to the names' edge");
        const QImage panned =
            timeline->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        int redInNames = 0;
        for (int y = SessionTimelinePainter::kAxisHeight; y < panned.height(); ++y) {
            for (int x = 0; x < SessionTimelinePainter::kLabelWidth; ++x) {
                const QColor c(panned.pixel(x, y));
                redInNames += c.red() > 150 && c.green() < 120 && c.blue() < 120;
            }
        }
        QCOMPARE(redInNames, 0);
        shoot(timeline, QStringLiteral("live-timeline-labels-at-names.png"));
    }

    // The demo's town hall, as the walkthrough saw it: many lanes, subscriptions to publishers
    // that leave, clusters of errors. On every lane, scrolled through, with the pointer on the
    // plot (its time cursor), every label shows only its text on its background.
    void demoLabelsNeverCrossed()
    {
        play::FastDemo demo;
        QVERIFY(demo.ok());
        const QString townHall = demo.townHall;
        QTest::qWait(9000); // ~250 demo rounds: the full panel, leaves, errors
        const QStringList sessions = demo.townHallSessions();
        QVERIFY(!sessions.isEmpty());
        const QString sessionId = sessions.last();

        LocalConsole window(demo.harness.service()->url());
        window.resize(1400, 900);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(townHall, sessionId));
        ui::SessionAnalysis *analysis = window.sessionPage()->analysis();
        QTRY_VERIFY_WITH_TIMEOUT(analysis->isLoaded(), 60000);
        window.sessionPage()->tabs()->setCurrentIndex(1);
        SessionTimeline *timeline = analysis->timeline();
        QTest::qWait(50);

        // The same store in a timeline of the walkthrough's size, and the window's own.
        SessionTimeline alone;
        alone.resize(1200, 700);
        alone.setStore(&analysis->loader()->store());
        alone.show();
        QVERIFY(QTest::qWaitForWindowExposed(&alone));
        QVERIFY2(alone.painter().lanes().size() >= 20,
                 qPrintable(QString::number(alone.painter().lanes().size())));
        int labels = 0, offences = 0, page = 0;
        QString why;
        for (SessionTimeline *shown : {&alone, timeline}) {
            QScrollBar *bar = shown->verticalScrollBar();
            for (int y = 0;; y += bar->pageStep()) {
                bar->setValue(y);
                // The pointer over the plot: its time cursor is drawn too.
                QTest::mouseMove(shown->viewport(), QPoint(shown->viewport()->width() / 2,
                                                           shown->viewport()->height() / 2));
                offences += labelOffences(shown, &labels, &why);
                shoot(shown, QStringLiteral("live-timeline-demo-%1.png").arg(++page));
                if (bar->value() >= bar->maximum())
                    break;
            }
        }
        QVERIFY2(labels >= 10, qPrintable(QString::number(labels)));
        QVERIFY2(offences == 0, qPrintable(QStringLiteral("%1 of %2 labels' pixels crossed:\n%3")
                                               .arg(offences)
                                               .arg(labels)
                                               .arg(why)));
    }

    void clickedMarkerStaysWhileTheSessionGrows()
    {
        LocalConsole window(h->service()->url());
        ui::SessionAnalysis *analysis = nullptr;
        openTimeline(window, &analysis);
        if (QTest::currentTestFailed())
            return;
        SessionTimeline *timeline = analysis->timeline();
        const SessionStore &store = analysis->loader()->store();
        QVERIFY(!store.isFinished());

        const int viewerIndex = store.findParticipant(viewer);
        QVERIFY(viewerIndex >= 0);
        const int lane = timeline->painter().laneOf(viewerIndex);
        QVERIFY(lane >= 0);
        QCOMPARE(timeline->painter().lanes()[lane].markers.size(), 1);
        QVERIFY(timeline->verticalScrollBar()->maximum() > 2 * kLane);
        const int error = int(timeline->painter().lanes()[lane].markers[0]);
        const QPoint pos = markerPos(timeline, store, error);
        // The status line says whether the live edge is followed, and how to follow it again.
        const ui::ElidedLabel *status = analysis->status();
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("live: followed every 5 s")),
                 qPrintable(status->text()));
        const QList<int> panesBefore = window.mainSplitter()->sizes();
        QTest::mouseMove(timeline->viewport(), pos);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(timeline->selectedEvent(), error);
        QVERIFY2(status->text().contains(QStringLiteral("live: paused (F follows)")),
                 qPrintable(status->text()));
        QVERIFY2(status->toolTip().contains(QStringLiteral("follow its live edge again")),
                 qPrintable(status->toolTip()));
        // The longer status line does not widen the page (the fourth walkthrough's click shrank
        // the navigator by 70 px and scrolled the page sideways).
        QTest::qWait(50);
        QCOMPARE(window.mainSplitter()->sizes(), panesBefore);
        // Nor does it take a second line at the default size (the sixth walkthrough's did,
        // pushing the lanes down), nor is it cut: one line, whole.
        QCOMPARE(status->text(), status->fullText());
        QVERIFY2(status->heightForWidth(status->contentsRect().width()) <
                     2 * status->fontMetrics().lineSpacing(),
                 qPrintable(QStringLiteral("%1 px for a line of %2 px at %3 px wide")
                                .arg(status->heightForWidth(status->contentsRect().width()))
                                .arg(status->fontMetrics().lineSpacing())
                                .arg(status->contentsRect().width())));
        QVERIFY(status->fontMetrics().horizontalAdvance(status->fullText()) <=
                status->contentsRect().width());

        // Two follow refreshes at least, each bringing new events later in time and new lanes.
        QSignalSpy refreshed(analysis->loader(), &SessionLoader::finished);
        const qint64 lastBefore = store.lastEventMs();
        const int lanesBefore = int(timeline->painter().lanes().size());
        QTimer grower;
        connect(&grower, &QTimer::timeout, this, &TestLiveTimeline::grow);
        grower.start(1500);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 2 &&
                                     store.lastEventMs() > lastBefore + 2000 &&
                                     int(timeline->painter().lanes().size()) >= lanesBefore + 2,
                                 30000);
        grower.stop();
        QTest::qWait(50);

        // The same event is selected, under the same x (and its lane under the pointer too).
        QCOMPARE(timeline->selectedEvent(), error);
        const QPoint now = markerPos(timeline, store, error);
        QVERIFY2(std::abs(now.x() - pos.x()) <= 2,
                 qPrintable(QStringLiteral("x was %1, is %2").arg(pos.x()).arg(now.x())));
        QVERIFY2(std::abs(now.y() - pos.y()) <= 2,
                 qPrintable(QStringLiteral("y was %1, is %2").arg(pos.y()).arg(now.y())));
        QCOMPARE(timeline->painter().eventAt(pos, timeline->verticalScrollBar()->value()), error);
        const QImage shown =
            timeline->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY2(haloPixelsAround(shown, pos) > 10, "no halo behind the selected marker");
        // The line under the timeline says what is selected.
        QLabel *info = analysis->selectionInfo();
        QVERIFY(info->isVisible());
        QVERIFY2(info->text().contains(QStringLiteral("Selected:")) &&
                     info->text().contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")) &&
                     info->text().contains(QStringLiteral("viewer")),
                 qPrintable(info->text()));
        shoot(&window, QStringLiteral("live-timeline-selected.png"));

        // Fit follows the live edge again, and the selection survives its refits.
        QTest::keyClick(timeline, Qt::Key_F);
        QVERIFY2(status->text().contains(QStringLiteral("live: followed every 5 s")),
                 qPrintable(status->text()));
        const qint64 endFitted = timeline->axis().endMs();
        refreshed.clear();
        grower.start(1500);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && timeline->axis().endMs() > endFitted,
                                 20000);
        grower.stop();
        QVERIFY(timeline->axis().endMs() >= store.lastEventMs());
        QCOMPARE(timeline->selectedEvent(), error);
        QVERIFY(info->text().contains(QStringLiteral("INSUFFICIENT_CAPABILITIES")));
        shoot(&window, QStringLiteral("live-timeline-fitted.png"));
    }

    // Last (it ends the shared session): a followed session that ends says so in the status
    // line, with when, instead of the "live" words just going (the fifth walkthrough).
    void endedWhileFollowedSaysSo()
    {
        LocalConsole window(h->service()->url());
        ui::SessionAnalysis *analysis = nullptr;
        openTimeline(window, &analysis);
        if (QTest::currentTestFailed())
            return;
        const QLabel *status = analysis->timeline()->parentWidget()->findChild<QLabel *>(
            QStringLiteral("sessionLoadStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("live: followed")),
                 qPrintable(status->text()));
        for (const QString &id : std::as_const(everyone))
            h->plane("leave", at(stage, id));
        QTRY_VERIFY_WITH_TIMEOUT(analysis->loader()->store().isFinished(), 20000);
        // Said when the follow that learnt of the end has read the participants' events again
        // (13 s on a loaded CI machine).
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("the session ended at ")),
                                  qPrintable(status->text()), 30000);
        QVERIFY(!status->text().contains(QStringLiteral("live:")));
        shoot(&window, QStringLiteral("live-timeline-ended.png"));
    }
};

QTEST_MAIN(TestLiveTimeline)
#include "tst_livetimeline.moc"
