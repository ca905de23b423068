// The session timeline with 1,000 participants and 100,000 events: a full repaint on an
// offscreen QImage at several zooms against the 16 ms frame budget, and memory per event in
// the store (target <= 150 bytes), measured two ways: the store's own account and the heap.

#include "benchutil.h"
#include "models/sessiontimelinepainter.h"

#include <algorithm>
#include <ctime>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

using namespace gr;

namespace
{
// Heap in use, large (mmapped) blocks included: a 2.4 MB event vector is one of those.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// CPU time of this thread: the machine's other load does not count against the painter.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// A plausible big session: everyone joins, a dozen publish in turns, everyone subscribes to
// publishers, some errors and token exchanges, some leave and come back.
void fill(SessionStore &store, int participants, int eventsPerParticipant)
{
    QRandomGenerator rng(42);
    const qint64 t0 = 1764000000000;
    const qint64 length = 2 * 3600 * 1000; // a two-hour session
    QStringList ids;
    for (int i = 0; i < participants; ++i) {
        ivs::ParticipantSummary s;
        s.participantId = QStringLiteral("p%1abcdefgh").arg(i, 4, 10, QLatin1Char('0'));
        s.userId = QStringLiteral("user-%1").arg(i % (participants * 4 / 5));
        s.state = QStringLiteral("DISCONNECTED");
        store.upsertParticipant(s);
        ids << *s.participantId;
    }
    for (int i = 0; i < participants; ++i) {
        QList<ivs::Event> events;
        qint64 t = t0 + rng.bounded(60000);
        const qint64 step = length / eventsPerParticipant;
        auto add = [&](const char *name, const QString &remote = {}, const char *code = nullptr) {
            ivs::Event e;
            e.name = QLatin1String(name);
            e.participantId = ids[i];
            e.eventTime = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
            if (!remote.isEmpty())
                e.remoteParticipantId = remote;
            if (code)
                e.errorCode = QLatin1String(code);
            events << e;
            t += 1 + rng.bounded(int(step * 2));
        };
        add("JOINED");
        const bool publisher = i < 12;
        while (events.size() < eventsPerParticipant - 1) {
            const int roll = rng.bounded(100);
            const QString remote = ids[rng.bounded(12)];
            if (publisher && roll < 30) {
                add("PUBLISH_STARTED");
                add("PUBLISH_STOPPED");
            } else if (roll < 80) {
                add("SUBSCRIBE_STARTED", remote);
                add("SUBSCRIBE_STOPPED", remote);
            } else if (roll < 88) {
                add("SUBSCRIBE_ERROR", remote, "PUBLISHER_NOT_FOUND");
            } else if (roll < 92) {
                add("PUBLISH_ERROR", {}, "QUOTA_EXCEEDED");
            } else if (roll < 95) {
                ivs::Event e;
                e.name = QStringLiteral("TOKEN_EXCHANGED");
                e.participantId = ids[i];
                e.eventTime = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
                ivs::ExchangedParticipantToken token;
                token.capabilities = QList<QString>{QStringLiteral("SUBSCRIBE")};
                e.newToken = token;
                events << e;
            } else {
                add("LEFT");
                add("JOINED");
            }
        }
        while (events.size() > eventsPerParticipant - 1)
            events.removeLast();
        add("LEFT");
        store.addEvents(i, events);
    }
    store.startMs = t0;
    store.endMs = store.lastEventMs();
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                    : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int participants = quick ? 100 : 1000;
    const int perParticipant = 100;

    const qint64 heapBefore = heapInUse();
    auto store = std::make_unique<SessionStore>();
    fill(*store, participants, perParticipant);
    const qint64 heapStore = heapInUse() - heapBefore;
    const qint64 events = store->events().size();
    std::printf("timeline store: %d participants, %lld events; store accounts %.1f bytes/event, "
                "heap %.1f bytes/event (target <= 150; ratio %.2f)\n",
                participants, events, double(store->memoryBytes()) / double(events),
                double(heapStore) / double(events), double(heapStore) / double(events) / 150.0);

    SessionTimelinePainter painter(store.get());
    const qint64 heapBeforeLanes = heapInUse();
    QElapsedTimer t;
    t.start();
    painter.rebuild();
    std::printf("timeline lanes: built in %lld ms, %.1f bytes/event more (spans and markers)\n",
                t.elapsed(), double(heapInUse() - heapBeforeLanes) / double(events));

    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    painter.setPlotWidth(image.width());
    painter.fitAll();
    const qint64 middle = (store->firstEventMs() + store->lastEventMs()) / 2;
    struct Zoom {
        const char *name;
        qint64 spanMs;
    } zooms[] = {{"whole session", 0}, {"10 min", 600000}, {"1 min", 60000}, {"5 s", 5000}};
    const int rounds = quick ? 5 : 30;
    // A peer measured in the same run: filling the same image once, the least any frame costs.
    double blankMs = 0;
    {
        std::vector<double> blank;
        for (int i = 0; i < rounds; ++i) {
            const double c0 = threadCpuMs();
            QPainter p(&image);
            p.fillRect(image.rect(), Qt::white);
            p.end();
            blank.push_back(threadCpuMs() - c0);
        }
        std::sort(blank.begin(), blank.end());
        blankMs = blank[blank.size() / 2];
    }
    for (const Zoom &zoom : zooms) {
        if (zoom.spanMs == 0)
            painter.fitAll();
        else
            painter.axis().setRange(middle - zoom.spanMs / 2, middle + zoom.spanMs / 2);
        for (int scroll : {0, (painter.contentHeight() - image.height()) / 2}) {
            SessionTimelinePainter::State state;
            state.scrollY = std::max(0, scroll);
            state.cursorMs = middle;
            std::vector<double> times, cpu;
            for (int i = 0; i < rounds; ++i) {
                QPainter p(&image);
                QElapsedTimer frame;
                frame.start();
                const double cpu0 = threadCpuMs();
                painter.paint(p, image.rect(), state);
                p.end();
                cpu.push_back(threadCpuMs() - cpu0);
                times.push_back(frame.nsecsElapsed() / 1e6);
            }
            std::sort(times.begin(), times.end());
            std::sort(cpu.begin(), cpu.end());
            const double median = times[times.size() / 2];
            const double cpuMedian = cpu[cpu.size() / 2];
            std::printf("timeline repaint 1600x900, %-13s lanes from %4d: median %.2f ms wall, "
                        "%.2f ms CPU, worst %.2f ms wall (budget 16 ms; CPU ratio %.2f; "
                        "blank-frame peer %.2f ms)\n",
                        zoom.name, state.scrollY / SessionTimelinePainter::kLaneHeight, median,
                        cpuMedian, times.back(), cpuMedian / 16.0, blankMs);
            // The part of it that places markers and lays out the error codes' labels (clear of
            // markers and each other, inside the view): the same lanes, laid out only.
            std::vector<double> layout;
            const int firstLane = state.scrollY / SessionTimelinePainter::kLaneHeight;
            const int visibleLanes = image.height() / SessionTimelinePainter::kLaneHeight + 1;
            int labels = 0;
            for (int i = 0; i < rounds; ++i) {
                labels = 0;
                const double cpu0 = threadCpuMs();
                for (int lane = firstLane;
                     lane < std::min(int(painter.lanes().size()), firstLane + visibleLanes);
                     ++lane) {
                    const QRect plot(SessionTimelinePainter::kLabelWidth,
                                     lane * SessionTimelinePainter::kLaneHeight,
                                     image.width() - SessionTimelinePainter::kLabelWidth,
                                     SessionTimelinePainter::kLaneHeight);
                    for (const auto &place :
                         painter.markerPlaces(painter.lanes()[lane], plot, QFont()))
                        labels += place.label.isEmpty() ? 0 : 1;
                }
                layout.push_back(threadCpuMs() - cpu0);
            }
            std::sort(layout.begin(), layout.end());
            std::printf("  of which markers and %d error labels laid out: %.2f ms CPU (%.0f%% of "
                        "the frame)\n",
                        labels, layout[layout.size() / 2],
                        100.0 * layout[layout.size() / 2] / cpuMedian);
        }
    }
    image.save(QStringLiteral("bench-timeline.png"));
    return 0;
}
