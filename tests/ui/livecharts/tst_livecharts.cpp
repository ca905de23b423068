// The participant page of the console shows that participant's CloudWatch charts, its events
// marked on the time axis; a click on a marker selects that event in the events list. Run
// through the window against an in-process local service with one participant on a poor
// network (the data-plane `network` call); screenshots under test-output/screenshots.

#include "localconnection.h"
#include "localharness.h"
#include "metricsstage.h"
#include "models/metricsmodel.h"
#include "models/resourcelistmodel.h"
#include "ui/alertsdock.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/metricspanel.h"
#include "ui/participantmetrics.h"
#include "ui/participantpage.h"
#include "ui/stagemetrics.h"

#include <algorithm>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace gr;

class TestLiveCharts : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QLatin1String(ui::ParticipantPage::kTabSetting)); // Events first
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    }
    void degradedParticipantCharts();
    void stagePublishersOnSessionsPage();
    void stageChartsSpanTheSession();
    void errorAlertJumpsToParticipant();
};

// The participant page a chart is on (in its Charts tab).
static ui::ParticipantPage *pageOf(QWidget *w)
{
    while (w && !qobject_cast<ui::ParticipantPage *>(w))
        w = w->parentWidget();
    return qobject_cast<ui::ParticipantPage *>(w);
}

// The charts of the participant page the window opens, once they are there (null after 10 s).
static ui::ParticipantMetrics *participantChartsShown(QWidget &window)
{
    ui::ParticipantMetrics *charts = nullptr;
    (void)QTest::qWaitFor( // null tells the caller it did not come
        [&] {
            charts =
                window.findChild<ui::ParticipantMetrics *>(QStringLiteral("participantMetrics"));
            return charts != nullptr;
        },
        10000);
    return charts;
}

static double medianOf(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

void TestLiveCharts::degradedParticipantCharts()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const metrics_stage::Stage s = metrics_stage::make(h, QStringLiteral("charts-stage"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));

    LocalConsole window(h.service()->url(), QSize(1400, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showSession(s.stageArn, s.sessionId, s.bad));

    ui::ParticipantMetrics *charts = participantChartsShown(window);
    QVERIFY(charts);
    auto *page = pageOf(charts);
    QVERIFY(page);
    QCOMPARE(page->scope().participantId, s.bad);
    // The page opens on its Events (nothing chosen before); the user picks Charts, which is
    // remembered (QSettings) for the next participant page, as after a restart.
    QCOMPARE(page->tabs()->currentIndex(), 0);
    QTabBar *bar = page->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {},
                      bar->tabRect(page->tabs()->indexOf(page->chartsTab())).center());
    QCOMPARE(page->tabs()->currentWidget(), page->chartsTab());
    QCOMPARE(QSettings().value(QLatin1String(ui::ParticipantPage::kTabSetting)).toString(),
             page->chartsTab()->objectName());
    ui::MetricsPanel *panel = charts->panel();
    // The participant is still on the stage: its charts follow live, from its JOINED on (the
    // walkthrough's charts started before the join).
    QTRY_VERIFY_WITH_TIMEOUT(charts->model()->updatedAt().isValid(), 20000);
    QVERIFY(charts->model()->isLive());
    const QJsonObject participant =
        h.call(ivs::Operation::GetParticipant, {{QStringLiteral("stageArn"), s.stageArn},
                                                {QStringLiteral("sessionId"), s.sessionId},
                                                {QStringLiteral("participantId"), s.bad}})
            .value(QLatin1String("participant"))
            .toObject();
    const qint64 firstJoinMs =
        QDateTime::fromString(participant.value(QLatin1String("firstJoinTime")).toString(),
                              Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    QVERIFY2(firstJoinMs > 0, qPrintable(QJsonDocument(participant).toJson()));
    // The charts start at its JOINED event. The service stamps firstJoinTime and that event
    // apart (a millisecond boundary may fall between them: 1 ms apart once in CI), so the
    // event's own time is the one compared, and firstJoinTime only roughly.
    qint64 joinedMs = 0;
    const QJsonArray joinEvents =
        h.call(ivs::Operation::ListParticipantEvents, {{QStringLiteral("stageArn"), s.stageArn},
                                                       {QStringLiteral("sessionId"), s.sessionId},
                                                       {QStringLiteral("participantId"), s.bad}})
            .value(QLatin1String("events"))
            .toArray();
    for (const QJsonValue &event : joinEvents) {
        if (event.toObject().value(QLatin1String("name")).toString() == QLatin1String("JOINED"))
            joinedMs =
                QDateTime::fromString(event.toObject().value(QLatin1String("eventTime")).toString(),
                                      Qt::ISODateWithMs)
                    .toMSecsSinceEpoch();
    }
    QVERIFY2(joinedMs > 0, "no JOINED event");
    QVERIFY2(qAbs(joinedMs - firstJoinMs) < 1000,
             qPrintable(QString::number(joinedMs - firstJoinMs)));
    QCOMPARE(charts->model()->fromMs(), joinedMs);
    const qint64 period = charts->model()->period() * 1000;
    for (ui::MetricChart *chart : panel->charts()) {
        for (const ui::ChartLine &line : chart->lines()) {
            // A datapoint is stamped with the start of its period.
            QVERIFY2(line.timesMs.isEmpty() || line.timesMs.first() > joinedMs - period,
                     qPrintable(chart->title() + QLatin1Char(' ') + line.label));
        }
    }
    QVERIFY(!panel->showsUnavailable());
    QCOMPARE(panel->charts().size(), 5);
    double loss = -1;
    for (ui::MetricChart *chart : panel->charts()) {
        if (chart->title() == QLatin1String("Download packet loss") && !chart->lines().isEmpty())
            loss = medianOf(chart->lines().first().values);
    }
    // The poor network set by the data plane is what the window shows.
    QVERIFY2(qAbs(loss - metrics_stage::kBadLoss) < 3, qPrintable(QString::number(loss)));
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-degraded-participant.png")));

    // At 1400 x 860 every legend entry lies within what the tab shows of its chart, whole or
    // elided with its label as a tip (the walkthrough read legends cut at the right edge).
    window.resize(1400, 860);
    auto *chartsTab = qobject_cast<QScrollArea *>(page->chartsTab());
    QVERIFY(chartsTab);
    QTRY_VERIFY(chartsTab->viewport()->width() < 1400 && panel->charts().first()->width() > 0);
    QTRY_VERIFY(panel->charts().first()->width() <= chartsTab->viewport()->width());
    for (ui::MetricChart *c : panel->charts()) {
        const QRect shown = QRect(c->mapTo(chartsTab->viewport(), QPoint(0, 0)), c->size())
                                .intersected(QRect(0, -100000, chartsTab->viewport()->width(),
                                                   200000)); // what the tab shows, sideways
        for (const ui::MetricChart::LegendEntry &e : c->legendEntries()) {
            const QRect text =
                e.text.toAlignedRect().translated(c->mapTo(chartsTab->viewport(), QPoint(0, 0)));
            QVERIFY2(shown.contains(text),
                     qPrintable(QStringLiteral("%1: \"%2\" at x %3..%4, shown x %5..%6")
                                    .arg(c->title(), e.shown)
                                    .arg(text.left())
                                    .arg(text.right())
                                    .arg(shown.left())
                                    .arg(shown.right())));
            QVERIFY(e.shown == e.label || c->legendToolTipAt(e.text.center()) == e.label);
        }
    }
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-1400x860-legends.png")));

    // At the default window size the five charts keep a readable height and the tab scrolls
    // (they used to be squeezed until their labels overlapped).
    window.resize(1280, 800);
    auto *scroll = qobject_cast<QScrollArea *>(page->chartsTab());
    QVERIFY(scroll);
    QTRY_VERIFY([&] {
        for (ui::MetricChart *c : panel->charts()) {
            if (c->height() < ui::ParticipantPage::kChartMinHeight)
                return false;
        }
        return true;
    }());
    QVERIFY(charts->height() > scroll->viewport()->height());
    QVERIFY(scroll->verticalScrollBar()->isVisible());
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-1280x800-scrolls.png")));

    // A click on an event's marker selects that event in the events list.
    ui::MetricChart *chart = panel->charts().last();
    const models::ResourceListModel *events = page->model();
    QVERIFY(events->rowCount() > 0);
    ui::ChartEvent target;
    target.ms =
        QDateTime::fromString(
            events->rowJson(events->rowCount() - 1).value(QLatin1String("eventTime")).toString(),
            Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    QSignalSpy selected(page->events(), &ui::ListPage::currentChanged);
    scroll->ensureWidgetVisible(chart);
    QTest::mouseClick(chart, Qt::LeftButton, {}, chart->markerPosition(target));
    QTRY_VERIFY(!selected.isEmpty());
    const QJsonObject row = selected.last().first().toJsonObject();
    QCOMPARE(row.value(QLatin1String("name")).toString().isEmpty(), false);
    QVERIFY(page->table()->currentIndex().isValid());

    // The events' Time column is never cut, even under column widths kept from before.
    QTableView *table = page->table();
    page->events()->setKeepColumnWidths(true);
    table->horizontalHeader()->resizeSection(0, 30);
    page->refresh();
    const QString time = table->model()->index(0, 0).data().toString();
    QTRY_VERIFY(table->horizontalHeader()->sectionSize(0) >=
                table->fontMetrics().horizontalAdvance(time));

    // Another participant's page opens on the Charts tab chosen before.
    QVERIFY(window.showSession(s.stageArn, s.sessionId, s.good));
    QTRY_VERIFY(window.findChild<ui::ParticipantPage *>() &&
                window.findChild<ui::ParticipantPage *>()->scope().participantId == s.good);
    ui::ParticipantPage *good = window.findChild<ui::ParticipantPage *>();
    QCOMPARE(good->tabs()->currentWidget(), good->chartsTab());
    QSettings().remove(QLatin1String(ui::ParticipantPage::kTabSetting));
}

void TestLiveCharts::stagePublishersOnSessionsPage()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const metrics_stage::Stage s = metrics_stage::make(h, QStringLiteral("wall-stage"), {true});
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));

    LocalConsole window(h.service()->url(), QSize(1400, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showStage(s.stageArn, QStringLiteral("wall-stage")));
    auto *charts = window.findChild<ui::StageMetrics *>(QStringLiteral("stageMetrics"));
    QVERIFY(charts);
    QTRY_VERIFY_WITH_TIMEOUT(charts->model()->updatedAt().isValid(), 20000);
    const QList<ui::MetricChart *> list = charts->panel()->charts();
    QCOMPARE(list.size(), 2);
    // good and bad publish; the viewer does not, and all three subscribe or could.
    QTRY_VERIFY_WITH_TIMEOUT(
        !list.at(0)->lines().isEmpty() && !list.at(0)->lines().first().values.isEmpty(), 10000);
    // The newest period may still be filling, so the median over the backfilled history.
    QCOMPARE(medianOf(list.at(0)->lines().first().values), 2.0);
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-stage-sessions.png")));
}

// A stage's charts span a session, not the last hour: the newest (live: from its start,
// following live), or the one selected (its start to its end); never less than five minutes.
void TestLiveCharts::stageChartsSpanTheSession()
{
    using ui::StageMetrics;
    // The span alone: a long session keeps its own bounds, a short one gets the minimum.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    const qint64 hour = 3600'000;
    QCOMPARE(StageMetrics::spanOf({{QStringLiteral("startTime"), iso(now - 2 * hour)},
                                   {QStringLiteral("endTime"), iso(now - hour)}},
                                  now),
             std::make_pair(now - 2 * hour - StageMetrics::kMarginMs,
                            now - hour + StageMetrics::kMarginMs));
    QCOMPARE(StageMetrics::spanOf({{QStringLiteral("startTime"), iso(now - hour / 3)}}, now),
             std::make_pair(now - hour / 3 - StageMetrics::kMarginMs, qint64(0)));
    QCOMPARE(StageMetrics::spanOf({{QStringLiteral("startTime"), iso(now - 60'000)},
                                   {QStringLiteral("endTime"), iso(now - 30'000)}},
                                  now),
             std::make_pair(now - 30'000 + StageMetrics::kMarginMs - StageMetrics::kMinSpanMs,
                            now - 30'000 + StageMetrics::kMarginMs));

    // Through the window: a short session that ended, and a live one after it.
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("short-show"));
    const auto first = h.join(stage, QStringLiteral("host"), true);
    h.plane("leave", {{QStringLiteral("stageArn"), stage},
                      {QStringLiteral("participantId"), first.participantId}});
    QTest::qWait(20); // the live one starts after the first ended
    const auto second = h.join(stage, QStringLiteral("host"), true);
    QVERIFY(second.sessionId != first.sessionId);

    LocalConsole window(h.service()->url(), QSize(1400, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showStage(stage, QStringLiteral("short-show")));
    auto *charts = window.findChild<StageMetrics *>(QStringLiteral("stageMetrics"));
    QVERIFY(charts);
    models::MetricsModel *model = charts->model();
    // The newest session, live: from just before its start, not an hour back.
    QTRY_COMPARE_WITH_TIMEOUT(charts->sessionId(), second.sessionId, 10000);
    QVERIFY(model->isLive());
    const qint64 liveSpan = QDateTime::currentMSecsSinceEpoch() - model->fromMs();
    QVERIFY2(liveSpan >= StageMetrics::kMinSpanMs && liveSpan < StageMetrics::kMinSpanMs + 10'000,
             qPrintable(QString::number(liveSpan)));
    QTRY_VERIFY_WITH_TIMEOUT(model->updatedAt().isValid(), 20000);
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-stage-live-session.png")));

    // The ended session selected: its start to its end (five minutes at least), not live.
    ui::ListPage *page = window.listPage();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowOfKey(first.sessionId) >= 0, 10000);
    page->selectKey(first.sessionId);
    QTRY_COMPARE(charts->sessionId(), first.sessionId);
    QVERIFY(!model->isLive());
    const QJsonObject ended = page->selectedRow();
    const auto [from, to] = StageMetrics::spanOf(ended, QDateTime::currentMSecsSinceEpoch());
    QVERIFY(to > 0);
    QCOMPARE(model->toMs(), to);
    QCOMPARE(model->fromMs(), from);
    QCOMPARE(to - from, StageMetrics::kMinSpanMs);
    QTRY_VERIFY_WITH_TIMEOUT(model->updatedAt().isValid(), 20000);
    QTest::qWait(100);
    QVERIFY(charts->grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-stage-ended-session.png")));
}

void TestLiveCharts::errorAlertJumpsToParticipant()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const metrics_stage::Stage s = metrics_stage::make(h, QStringLiteral("alert-stage"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    int status = 0;
    h.plane("error",
            {{QStringLiteral("stageArn"), s.stageArn},
             {QStringLiteral("participantId"), s.bad},
             {QStringLiteral("name"), QStringLiteral("PUBLISH_ERROR")},
             {QStringLiteral("errorCode"), QStringLiteral("BITRATE_EXCEEDED")}},
            &status);
    QCOMPARE(status, 200);

    LocalConsole window(h.service()->url(), QSize(1400, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<ui::AlertsDock *>(QStringLiteral("alertsDock"));
    QVERIFY(dock);
    QAbstractItemModel *alerts = dock->alerts();
    QCOMPARE(alerts->rowCount(), 0);
    // Opening the participant fetches its events: the error event raises an alert.
    QVERIFY(window.showSession(s.stageArn, s.sessionId, s.bad));
    QTRY_VERIFY_WITH_TIMEOUT(alerts->rowCount() > 0, 10000);
    const QPersistentModelIndex item = alerts->index(0, ui::AlertsDock::Where);
    const QString text = item.sibling(item.row(), ui::AlertsDock::Text).data().toString();
    QVERIFY2(text.contains(QLatin1String("BITRATE_EXCEEDED")), qPrintable(text));
    // The participant's alert, whose Where names it by user id when known: its id is the jump's.
    QCOMPARE(item.sibling(item.row(), 0).data(ui::AlertsDock::ParticipantIdRole).toString(), s.bad);
    if (!dock->notifiesDesktop())
        qInfo("no system tray here (offscreen): the dock says so, no desktop notification");

    // Elsewhere, a double click on the alert opens that participant again.
    QVERIFY(window.showStage(s.stageArn));
    QTRY_VERIFY(window.findChild<ui::ParticipantMetrics *>(QStringLiteral("participantMetrics")) ==
                nullptr);
    QTest::qWait(100);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-alert-fired.png")));
    const QRect rect = dock->list()->visualRect(item);
    QSignalSpy jumped(dock, &ui::AlertsDock::jumpRequested);
    // Qt's item views take a double click after a press at the same place (as a user's).
    QTest::mouseClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(jumped.count(), 1);
    QCOMPARE(jumped.first().at(2).toString(), s.bad);
    auto *page = pageOf(participantChartsShown(window));
    QVERIFY(page);
    QCOMPARE(page->scope().participantId, s.bad);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0, 10000);
    QTest::qWait(300);
    QVERIFY(window.grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/livecharts-alert-jumped.png")));
}

QTEST_MAIN(TestLiveCharts)
#include "tst_livecharts.moc"
