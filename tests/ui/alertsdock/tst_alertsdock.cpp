// The Alerts dock as a user reads it: a burst of per-participant errors on one stage folds
// into one row (count, children, tool tip) and does not bury the other stages' alerts; newest
// first; the Time column sorts by the raw time (across midnight) and Count by number; stages
// named by name; a second connection's alerts labelled with it and its jump-to carrying it;
// the order holds while the pointer is over the list. Screenshots under test-output.

#include "models/alertrules.h"
#include "privatesettings.h"
#include "screenshot.h"
#include "ui/alertsdock.h"
#include "ui/mainwindow.h"
#include "ui/stableorder.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>
#include <QTreeView>

using namespace gr;
using models::AlertEngine;
using ui::AlertsDock;

namespace
{
const QString kStageA = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/aaaaAAAA1111");
const QString kStageB = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/bbbbBBBB2222");
const QString kStageC = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/ccccCCCC3333");

const QStringList kStages{kStageA, kStageB, kStageC};

QString stageName(const QString &arn)
{
    if (arn == kStageA)
        return QStringLiteral("town-hall");
    if (arn == kStageB)
        return QStringLiteral("keynote");
    return {}; // unknown: the ARN's id
}

QStringList column(QAbstractItemModel *m, int c)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, c).data().toString();
    return out;
}

int rowWhere(QAbstractItemModel *m, const QString &text)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, AlertsDock::Where).data().toString().contains(text))
            return r;
    }
    return -1;
}

// The dock on screen listing `engine`'s alerts as the "Local" connection's.
bool showWith(AlertsDock &dock, AlertEngine &engine, int width, int height)
{
    dock.setEngine(&engine, QStringLiteral("Local"));
    dock.resize(width, height);
    dock.show();
    return QTest::qWaitForWindowExposed(&dock);
}

// The pointer comes over the list or leaves it, as a desktop would say (offscreen moves none).
void pointerOver(QWidget *viewport, bool over)
{
    QEvent event(over ? QEvent::Enter : QEvent::Leave);
    QApplication::sendEvent(viewport, &event);
}

// The same pseudo-random demo on every run: a number below n.
struct Dice {
    quint32 seed;
    quint32 operator()(quint32 n)
    {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    }
};

} // namespace

class TestAlertsDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("greenroom-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("alertsdock"));
        // Not the ~/.qttest file another run of this test (another build) may clear meanwhile.
        QVERIFY2(m_settings.error().isEmpty(), qPrintable(m_settings.error()));
        QSettings().clear();
    }
    void burstFoldsSortsAndLabels();
    void orderHeldUnderThePointer();
    void firstRunShowsEightRows();
    void groupsStayTrueWhileHeldAndReleased();
    void everySignalSeesWholeRows();
    void sessionsNamedInWhere();
    void participantsByUserId();
    void alertColumnIsTheWidest();
    void countSaysSinceWhen();
    void childNamesOneCode();
    void participantReadableAtDefaultWidth();
    void groupRowsSpanTheColumns();
    void editedRulesRenameNothing();
    void oneSessionWatchedByTwoConnections();

private:
    PrivateSettings m_settings;
};

void TestAlertsDock::burstFoldsSortsAndLabels()
{
    AlertEngine local, other;
    local.setStageNames(stageName);
    other.setStageNames(stageName);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.setEngine(&local, QStringLiteral("Local"));
    dock.resize(1100, 320);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));

    // Just before midnight: a recording failure on keynote.
    const qint64 evening = QDateTime(QDate(2026, 11, 25), QTime(23, 59, 50)).toMSecsSinceEpoch();
    local.observeRecording(kStageB, QStringLiteral("sess-b"), QStringLiteral("pB"),
                           QStringLiteral("FAILED"), evening);
    // Just after: a burst of 9 subscribers' PUBLISHER_NOT_FOUND on town-hall.
    const qint64 night = evening + 20000; // 00:00:10 the next day
    for (int i = 0; i < 9; ++i)
        local.observeEvent(kStageA, QStringLiteral("sess-a"), QStringLiteral("viewer-%1").arg(i),
                           QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"),
                           night + i * 100);
    // One viewer's error repeats (the engine folds it: ×2).
    local.observeEvent(kStageA, QStringLiteral("sess-a"), QStringLiteral("viewer-0"),
                       QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"),
                       night + 1000);
    // Another viewer's error again, after the engine's fold window: a second alert for the same
    // participant, which the dock puts under that participant's one child row.
    local.setFoldWindowMs(50);
    local.observeEvent(kStageA, QStringLiteral("sess-a"), QStringLiteral("viewer-1"),
                       QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("PUBLISHER_NOT_FOUND"),
                       night + 1500);
    // An unnamed stage's single error, in between.
    local.observeEvent(kStageC, QStringLiteral("sess-c"), QStringLiteral("pC"),
                       QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                       night - 5000);

    QAbstractItemModel *rows = dock.alerts();
    // One row per stage and rule: the burst did not bury the others.
    QCOMPARE(rows->rowCount(), 3);
    // Newest first by time: town-hall (00:00:11), the unnamed stage (00:00:05), keynote.
    QCOMPARE(column(rows, AlertsDock::Where),
             QStringList({QStringLiteral("town-hall · sess-a / 9 participants"),
                          QStringLiteral("ccccCCCC3333 · sess-c / pC"),
                          QStringLiteral("keynote · sess-b / pB")}));
    const QModelIndex burst = rows->index(0, 0);
    // One meaning each: Count is the occurrences (10 alerts, one of them ×2), Where the
    // participants, one child row each; the text is the newest alert's, with no count of its own.
    QCOMPARE(rows->index(0, AlertsDock::Count).data().toString(),
             QStringLiteral("×11 since 00:00"));
    QCOMPARE(rows->index(0, 0).data(AlertsDock::MembersRole).toInt(), 10);
    QCOMPARE(rows->rowCount(burst), 9);
    QSet<QString> childWhere;
    int childCount = 0;
    for (int r = 0; r < rows->rowCount(burst); ++r) {
        childWhere.insert(rows->index(r, AlertsDock::Where, burst).data().toString());
        childCount += rows->index(r, AlertsDock::Count, burst).data(AlertsDock::SortRole).toInt();
        if (rows->index(r, AlertsDock::Where, burst)
                .data()
                .toString()
                .endsWith(QLatin1String("viewer-1")))
            QCOMPARE(rows->index(r, AlertsDock::Count, burst).data().toString(),
                     QStringLiteral("×2"));
    }
    QCOMPARE(childWhere.size(), 9); // a participant per child
    QCOMPARE(childCount, 11);       // the children's counts add up to the row's
    QVERIFY(!rows->index(0, AlertsDock::Text).data().toString().contains(QLatin1String("more")));
    const QString tip = rows->index(0, AlertsDock::Text).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("viewer-3")) && tip.contains(QLatin1String("viewer-8")),
             qPrintable(tip));
    // Alert texts name the stage by name.
    QVERIFY(
        rows->index(0, AlertsDock::Text).data().toString().contains(QLatin1String("town-hall")));
    QVERIFY(!rows->index(0, AlertsDock::Text).data().toString().contains(QLatin1String("aaaa")));
    // One connection: no Connection column.
    QVERIFY(dock.list()->isColumnHidden(AlertsDock::ConnectionColumn));
    dock.list()->expand(burst);
    QTest::qWait(50);
    shoot(&dock, QStringLiteral("alertsdock-burst-folded.png"));

    // Time sorts by the raw time: ascending puts 23:59:50 (the day before) first, although
    // "23:59:50" > "00:00:10" as text.
    QHeaderView *header = dock.list()->header();
    QTest::mouseClick(
        header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(AlertsDock::Time) + 10, header->height() / 2));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QTRY_VERIFY(rows->index(0, AlertsDock::Time).data().toString().startsWith(u"23:59:50  "));
    // Count sorts by number (×11 above ×1 descending, whatever the text says).
    dock.list()->sortByColumn(AlertsDock::Count, Qt::DescendingOrder);
    QCOMPARE(rows->index(0, AlertsDock::Count).data().toString(),
             QStringLiteral("×11 since 00:00"));
    dock.list()->sortByColumn(AlertsDock::Time, Qt::DescendingOrder);

    // Another connection (the live wall's): labelled, and its jump-to says which.
    dock.addEngine(&other, QStringLiteral("Production EU"));
    other.observeEvent(kStageB, QStringLiteral("sess-x"), QStringLiteral("pX"),
                       QStringLiteral("JOIN_ERROR"), QStringLiteral("TOKEN_EXPIRED"),
                       night + 60000);
    QCOMPARE(rows->rowCount(), 4);
    QVERIFY(!dock.list()->isColumnHidden(AlertsDock::ConnectionColumn));
    QCOMPARE(rows->index(0, AlertsDock::ConnectionColumn).data().toString(),
             QStringLiteral("Production EU"));
    QCOMPARE(rows->index(1, AlertsDock::ConnectionColumn).data().toString(),
             QStringLiteral("Local"));
    QSignalSpy jumped(&dock, &AlertsDock::jumpRequested);
    const QRect rect = dock.list()->visualRect(rows->index(0, AlertsDock::Where));
    QTest::mouseClick(dock.list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(dock.list()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(jumped.count(), 1);
    QCOMPARE(jumped.first().at(0).toString(), kStageB);
    QCOMPARE(jumped.first().at(1).toString(), QStringLiteral("sess-x"));
    QCOMPARE(jumped.first().at(2).toString(), QStringLiteral("pX"));
    QCOMPARE(jumped.first().at(3).toString(), QStringLiteral("Production EU"));
    // An event alert's jump names its event's time, so the event itself is selected.
    QCOMPARE(jumped.first().at(5).toLongLong(), night + 60000);
    shoot(&dock, QStringLiteral("alertsdock-two-connections.png"));

    // The window's connection changes: its alerts go, the wall's stay.
    AlertEngine next;
    dock.setEngine(&next, QStringLiteral("Local 2"));
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0, AlertsDock::ConnectionColumn).data().toString(),
             QStringLiteral("Production EU"));
}

void TestAlertsDock::orderHeldUnderThePointer()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.stableOrder()->setGraceMs(200);
    QVERIFY(showWith(dock, engine, 900, 260));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    engine.observeEvent(kStageA, QStringLiteral("s"), QStringLiteral("p1"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("A"), t0);
    engine.observeRecording(kStageB, QStringLiteral("s"), QStringLiteral("p2"),
                            QStringLiteral("FAILED"), t0 + 1000);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(column(rows, AlertsDock::Where).join(QLatin1Char(',')),
             QStringLiteral("keynote · s / p2,town-hall · s / p1"));

    // The pointer rests on the keynote row, about to double-click it.
    QWidget *viewport = dock.list()->viewport();
    const QPoint onRow = dock.list()->visualRect(rows->index(0, AlertsDock::Where)).center();
    QTest::mouseMove(viewport, onRow);
    if (!viewport->underMouse()) {
        // Offscreen platforms move no real pointer: deliver the enter the desktop would.
        QEnterEvent enter(onRow, viewport->mapTo(dock.window(), onRow),
                          viewport->mapToGlobal(onRow));
        QApplication::sendEvent(viewport, &enter);
    }
    QVERIFY(dock.stableOrder()->holding());
    // A newer alert on town-hall: it would go first; under the pointer it waits.
    engine.observeEvent(kStageA, QStringLiteral("s"), QStringLiteral("p3"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("A"), t0 + 5000);
    QTest::qWait(300);
    QCOMPARE(rowWhere(rows, QStringLiteral("keynote")), 0);
    QCOMPARE(rows->index(0, AlertsDock::Where).data().toString(),
             QStringLiteral("keynote · s / p2"));
    shoot(&dock, QStringLiteral("alertsdock-held-under-pointer.png"));

    // The pointer leaves: the held order is applied.
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(viewport, &leave);
    QTRY_VERIFY(!dock.stableOrder()->holding());
    QCOMPARE(rowWhere(rows, QStringLiteral("town-hall")), 0);
    shoot(&dock, QStringLiteral("alertsdock-after-leave.png"));
}
void TestAlertsDock::firstRunShowsEightRows()
{
    QSettings().clear();
    AlertEngine engine;
    engine.setStageNames(stageName);
    ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<AlertsDock *>();
    QVERIFY(dock && dock->isVisible());
    // Ten alerts on ten stages, one row each: the first run shows at least eight of them.
    dock->setEngine(&engine, QStringLiteral("Local"));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 10; ++i)
        engine.observeEvent(QStringLiteral("arn:aws:ivs:eu-west-1:1:stage/s%1").arg(i),
                            QStringLiteral("s"), QStringLiteral("p"),
                            QStringLiteral("PUBLISH_ERROR"), QStringLiteral("A"), t0 + i);
    QCOMPARE(dock->alerts()->rowCount(), 10);
    QTreeView *list = dock->list();
    const int rowHeight = list->visualRect(dock->alerts()->index(0, 0)).height();
    QVERIFY(rowHeight > 0);
    QVERIFY2(list->viewport()->height() >= 8 * rowHeight,
             qPrintable(QStringLiteral("%1 px for rows of %2 px")
                            .arg(list->viewport()->height())
                            .arg(rowHeight)));
    shoot(&window, QStringLiteral("alertsdock-first-run.png"));

    // A saved window state wins over the default: a dock made smaller stays smaller.
    const int firstRun = list->viewport()->height();
    window.resizeDocks({dock}, {dock->heightForRows(2)}, Qt::Vertical);
    QTRY_VERIFY(list->viewport()->height() <= firstRun - 2 * rowHeight);
    const int chosen = list->viewport()->height();
    window.close(); // saves the window state
    ui::MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *restored = again.findChild<AlertsDock *>();
    QVERIFY(restored);
    QTRY_COMPARE(restored->list()->viewport()->height(), chosen);
}

// The dock once showed "podcast-studio · session st-CEDF… — ×5 since 15:07" on two lines. Two
// connections watching one stage session (the window's and one the live wall added, on the same
// account or local service) see the same events: a group each, as they should be, but a group's
// line spans the columns over the Connection column, so the two read the same. With more than
// one connection listed, each group line names its connection; back to one, it does not.
void TestAlertsDock::oneSessionWatchedByTwoConnections()
{
    AlertEngine local;
    local.setStageNames(stageName);
    AlertEngine wall;
    wall.setStageNames(stageName);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, local, 1100, 300));
    dock.addEngine(&wall, QStringLiteral("Studio"));
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 5; ++i) {
        for (AlertEngine *engine : {&local, &wall})
            engine->observeEvent(kStageA, QStringLiteral("st-CEDFk2m9Qx7Z"),
                                 QStringLiteral("p%1").arg(i), QStringLiteral("SUBSCRIBE_ERROR"),
                                 QStringLiteral("PUBLISHER_NOT_FOUND"), start + i * 1000);
    }
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 2);
    const QString first = rows->index(0, AlertsDock::Time).data().toString();
    const QString second = rows->index(1, AlertsDock::Time).data().toString();
    QVERIFY2(first != second, qPrintable(first));
    QStringList lines{first, second};
    lines.sort();
    QVERIFY2(lines.at(0).endsWith(QStringLiteral(" — Local")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral(" — Studio")), qPrintable(lines.at(1)));
    QVERIFY(lines.at(0).contains(QStringLiteral("town-hall · session st-CEDF")));
    shoot(&dock, QStringLiteral("alertsdock-one-session-two-connections.png"));

    // The wall's connection goes: one connection, its line as before.
    dock.removeConnection(QStringLiteral("Studio"));
    QCOMPARE(rows->rowCount(), 1);
    QVERIFY2(!rows->index(0, AlertsDock::Time).data().toString().endsWith(QStringLiteral("Local")),
             qPrintable(rows->index(0, AlertsDock::Time).data().toString()));
}

QTEST_MAIN(TestAlertsDock)

// A demo's worth of alerts on three stages while the pointer comes and goes: every row under a
// stage's group is that stage's, no row is blank, and there is one row per group (the walkthrough
// saw town-hall's participants under podcast-studio and rows with only a time).
void TestAlertsDock::groupsStayTrueWhileHeldAndReleased()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    engine.setFoldWindowMs(0);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 1100, 420));
    dock.stableOrder()->setGraceMs(0);
    QWidget *viewport = dock.list()->viewport();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    Dice next{7};
    for (int step = 0; step < 400; ++step) {
        const QString stage = kStages.at(int(next(3)));
        if (next(5) == 0)
            engine.observeEvent(stage, QStringLiteral("s"), QStringLiteral("d%1").arg(next(9)),
                                QStringLiteral("DISCONNECTED"), QStringLiteral("INTERNAL_ERROR"),
                                start + step * 1000 - 500);
        const QString participant = QStringLiteral("p%1-%2").arg(stage.right(4)).arg(next(12));
        engine.observeEvent(stage, QStringLiteral("s"), participant,
                            next(2) ? QStringLiteral("PUBLISH_ERROR")
                                    : QStringLiteral("SUBSCRIBE_ERROR"),
                            QStringLiteral("BITRATE_EXCEEDED"), start + step * 1000);
        if (step % 7 == 0) {
            QEvent enter(QEvent::Enter);
            QApplication::sendEvent(viewport, &enter);
        } else if (step % 7 == 3) {
            QEvent leave(QEvent::Leave);
            QApplication::sendEvent(viewport, &leave);
            QCoreApplication::processEvents();
        }
        if (step % 10 == 0)
            dock.list()->expandAll();
        QCoreApplication::processEvents();
        // What the user sees: every painted row is whole and under its own stage's group.
        QTreeView *view = dock.list();
        for (int y = 1; y < viewport->height(); y += 4) {
            const QModelIndex shown =
                view->indexAt(QPoint(view->header()->sectionPosition(AlertsDock::Where) + 4, y));
            if (!shown.isValid())
                continue;
            QVERIFY2(!shown.siblingAtColumn(AlertsDock::Text).data().toString().isEmpty(),
                     qPrintable(QStringLiteral("step %1: a blank row at y %2").arg(step).arg(y)));
            if (shown.parent().isValid()) {
                const QString parentWhere =
                    shown.parent().siblingAtColumn(AlertsDock::Where).data().toString();
                QVERIFY2(shown.siblingAtColumn(0).data(AlertsDock::StageArnRole) ==
                             shown.parent().siblingAtColumn(0).data(AlertsDock::StageArnRole),
                         qPrintable(QStringLiteral("step %1: shown %2 under %3")
                                        .arg(step)
                                        .arg(shown.data().toString(), parentWhere)));
            }
        }
        QAbstractItemModel *rows = dock.alerts();
        QVERIFY(rows->rowCount() <= 6);
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QModelIndex group = rows->index(r, 0);
            const QString where = group.siblingAtColumn(AlertsDock::Where).data().toString();
            QVERIFY2(!where.isEmpty() &&
                         !group.siblingAtColumn(AlertsDock::Rule).data().toString().isEmpty(),
                     qPrintable(QStringLiteral("step %1: row %2 is blank").arg(step).arg(r)));
            for (int c = 0; c < rows->rowCount(group); ++c) {
                const QString child = rows->index(c, AlertsDock::Where, group).data().toString();
                // Its participant is one of its stage's ("pXXXX-n"), or a disconnected "dN".
                const QString stageTail = group.data(AlertsDock::StageArnRole).toString().right(4);
                QVERIFY2(
                    rows->index(c, 0, group).data(AlertsDock::StageArnRole) ==
                            group.data(AlertsDock::StageArnRole) &&
                        (child.startsWith(QLatin1Char('d')) ||
                         child.startsWith(QLatin1Char('p') + stageTail)),
                    qPrintable(QStringLiteral("step %1: %2 under %3").arg(step).arg(child, where)));
            }
        }
    }
}

// The user edits the rules while alerts are listed (a threshold changed, a rule added in front):
// the old rows keep the rule they fired under, and the same rule's next alerts join its row.
// Before, rows were grouped and named by the rule's index: the packet-loss row read as the new
// rule at that index, and one rule's alerts split into two rows of the same text.
void TestAlertsDock::editedRulesRenameNothing()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    QList<models::AlertRule> rules = AlertEngine::defaultRules();
    int loss = -1;
    for (int i = 0; i < rules.size(); ++i)
        if (rules[i].kind == models::AlertRule::Kind::PacketLossAbove)
            loss = i;
    QVERIFY(loss >= 0);
    rules[loss].threshold = 5;
    rules[loss].forSeconds = 10;
    rules[loss].enabled = true;
    engine.setRules(rules);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.setEngine(&engine, QStringLiteral("Local"));
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    engine.observeEvent(kStageA, QStringLiteral("s1"), QStringLiteral("p1"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"), t);
    for (int s = 0; s <= 12; ++s)
        engine.observeMetric(kStageA, QStringLiteral("p2"), QStringLiteral("DownloadPacketLoss"),
                             12, t + s * 1000, QStringLiteral("s1"));
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 2);
    const QString lossRule = rules[loss].describe();
    QCOMPARE(column(rows, AlertsDock::Rule).count(lossRule), 1);

    // Rules edited: the threshold goes to 20 % and a rule is added in front of all.
    rules[loss].threshold = 20;
    models::AlertRule extra;
    extra.kind = models::AlertRule::Kind::PublishersAtLeast;
    extra.threshold = 10;
    rules.prepend(extra);
    engine.setRules(rules);
    engine.observeEvent(kStageA, QStringLiteral("s1"), QStringLiteral("p3"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                        t + 20000);
    // The packet-loss row still names the rule it fired under; both errors share one row.
    QCOMPARE(column(rows, AlertsDock::Rule).count(lossRule), 1);
    QCOMPARE(rows->rowCount(), 2);
    const int errors = rowWhere(rows, QStringLiteral("2 participants"));
    QVERIFY2(errors >= 0, qPrintable(column(rows, AlertsDock::Where).join(QLatin1Char(','))));
    QCOMPARE(rows->index(errors, AlertsDock::Count).data(AlertsDock::SortRole).toInt(), 2);

    // The stage's next session starts a row of its own.
    engine.observeEvent(kStageA, QStringLiteral("s2"), QStringLiteral("p1"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                        t + 30000);
    QCOMPARE(rows->rowCount(), 3);
}

// The walkthrough's transient rows (a blank row with only a time, a group drawn as a child, a
// group missing) lasted between model signals, which the painted-row check above cannot see. Here
// the model is checked after EVERY signal a view reacts to, while many alerts on several stages,
// sessions and connections arrive and the hold comes and goes: each top-level row is a whole
// group, each child a whole row of its own group, every group listed once, and never a reset.
void TestAlertsDock::everySignalSeesWholeRows()
{
    AlertEngine engine, wall;
    engine.setStageNames(stageName);
    wall.setStageNames(stageName);
    engine.setFoldWindowMs(0);
    AlertsDock dock;
    QAbstractItemModel *rows = dock.alerts();
    QAbstractItemModelTester tester(rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList problems;
    QSet<QString> seen;
    bool wallRemoved = false;
    int checks = 0;
    auto check = [&](const char *signal) {
        ++checks;
        if (!problems.isEmpty())
            return; // the first is the one to read
        QSet<QString> groups;
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QModelIndex group = rows->index(r, 0);
            const QString key = group.data(AlertsDock::GroupKeyRole).toString();
            const QString where = rows->index(r, AlertsDock::Where).data().toString();
            const QString what = QStringLiteral("after %1, row %2 (%3)")
                                     .arg(QLatin1String(signal))
                                     .arg(r)
                                     .arg(where);
            if (key.isEmpty() || !group.data(AlertsDock::SubjectRole).toString().isEmpty())
                problems << what + QStringLiteral(": a top-level row that is not a group");
            if (where.isEmpty() || rows->index(r, AlertsDock::Rule).data().toString().isEmpty() ||
                rows->index(r, AlertsDock::Text).data().toString().isEmpty() ||
                group.data().toString().isEmpty())
                problems << what + QStringLiteral(": a group with a blank cell");
            if (groups.contains(key))
                problems << what + QStringLiteral(": the group is listed twice");
            groups.insert(key);
            for (int c = 0; c < rows->rowCount(group); ++c) {
                const QModelIndex child = rows->index(c, 0, group);
                const QString childWhere =
                    rows->index(c, AlertsDock::Where, group).data().toString();
                if (child.data(AlertsDock::GroupKeyRole).toString() != key ||
                    child.data(AlertsDock::StageArnRole) != group.data(AlertsDock::StageArnRole) ||
                    child.data(AlertsDock::SessionIdRole) != group.data(AlertsDock::SessionIdRole))
                    problems << what + QStringLiteral(": child %1 (%2) is not the group's")
                                           .arg(c)
                                           .arg(childWhere);
                if (child.data().toString().isEmpty() ||
                    rows->index(c, AlertsDock::Text, group).data().toString().isEmpty())
                    problems << what + QStringLiteral(": child %1 is blank").arg(c);
                if (rows->rowCount(child) != 0)
                    problems << what + QStringLiteral(": child %1 has children").arg(c);
            }
        }
        // A group once shown stays (none missing for a moment), unless its connection went.
        for (const QString &key : std::as_const(seen)) {
            if (!groups.contains(key) && !(wallRemoved && key.startsWith(QLatin1String("Wall|"))))
                problems << QStringLiteral("after %1, the group %2 is missing")
                                .arg(QLatin1String(signal), key);
        }
        seen.unite(groups);
    };
    connect(rows, &QAbstractItemModel::rowsInserted, &dock, [&] { check("rowsInserted"); });
    connect(rows, &QAbstractItemModel::rowsRemoved, &dock, [&] { check("rowsRemoved"); });
    connect(rows, &QAbstractItemModel::rowsMoved, &dock, [&] { check("rowsMoved"); });
    connect(rows, &QAbstractItemModel::dataChanged, &dock, [&] { check("dataChanged"); });
    connect(rows, &QAbstractItemModel::layoutChanged, &dock, [&] { check("layoutChanged"); });
    connect(rows, &QAbstractItemModel::modelReset, &dock,
            [&] { problems << QStringLiteral("the model was reset"); });
    QVERIFY(showWith(dock, engine, 1100, 420));
    dock.stableOrder()->setGraceMs(0);
    QWidget *viewport = dock.list()->viewport();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    Dice next{11};
    for (int step = 0; step < 300; ++step) {
        const QString stage = kStages.at(int(next(3)));
        const QString session = QStringLiteral("st-%1").arg(next(2));
        const QString participant = QStringLiteral("p%1-%2").arg(stage.right(4)).arg(next(10));
        engine.observeEvent(stage, session, participant,
                            next(2) ? QStringLiteral("PUBLISH_ERROR")
                                    : QStringLiteral("SUBSCRIBE_ERROR"),
                            QStringLiteral("BITRATE_EXCEEDED"), start + step * 1000);
        if (next(6) == 0)
            engine.observeRecording(stage, session, participant, QStringLiteral("FAILED"),
                                    start + step * 1000 + 10);
        if (step == 100)
            dock.addEngine(&wall, QStringLiteral("Wall"));
        if (step > 100 && next(4) == 0)
            wall.observeEvent(kStages.at(int(next(3))), QStringLiteral("st-w"),
                              QStringLiteral("w%1").arg(next(5)), QStringLiteral("JOIN_ERROR"),
                              QStringLiteral("TOKEN_EXPIRED"), start + step * 1000 + 20);
        if (step == 200) {
            wallRemoved = true;
            dock.removeConnection(QStringLiteral("Wall"));
        }
        if (step == 150)
            dock.list()->sortByColumn(AlertsDock::Count, Qt::DescendingOrder);
        if (step == 250)
            dock.list()->sortByColumn(AlertsDock::Time, Qt::DescendingOrder);
        if (step % 5 == 0 || step % 5 == 3)
            pointerOver(viewport, step % 5 == 0);
        if (step % 10 == 0)
            dock.list()->expandAll();
        QCoreApplication::processEvents();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0)));
    }
    QVERIFY(checks > 300); // the checks ran
    // Released at the end: the order is the sorted one again, children too.
    pointerOver(viewport, false);
    QTRY_VERIFY(!dock.stableOrder()->holding());
    for (int r = 1; r < rows->rowCount(); ++r)
        QVERIFY(rows->index(r - 1, AlertsDock::Time).data(AlertsDock::SortRole).toLongLong() >=
                rows->index(r, AlertsDock::Time).data(AlertsDock::SortRole).toLongLong());
    shoot(&dock, QStringLiteral("alertsdock-signals-checked.png"));
}

// One stage, one rule, two sessions (the stage went live again): two groups, as before, but
// their Where used to read the same ("town-hall / p1") and looked like a duplicate. Each names its
// session now (the id's short form; the full id in the tool tip).
void TestAlertsDock::sessionsNamedInWhere()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 1100, 200));
    // An earlier test's pointer may rest where this dock opens: it leaves, and the order is free.
    pointerOver(dock.list()->viewport(), false);
    QTRY_VERIFY(!dock.stableOrder()->holding());
    const QString first = QStringLiteral("st-8Hj2K1Lq9Rt4");
    const QString second = QStringLiteral("st-Zq71mB0cXw5e");
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    engine.observeEvent(kStageA, first, QStringLiteral("p1"), QStringLiteral("PUBLISH_ERROR"),
                        QStringLiteral("BITRATE_EXCEEDED"), t);
    engine.observeEvent(kStageA, second, QStringLiteral("p1"), QStringLiteral("PUBLISH_ERROR"),
                        QStringLiteral("BITRATE_EXCEEDED"), t + 120000);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 2);
    const QStringList where = column(rows, AlertsDock::Where);
    QVERIFY2(where.at(0) != where.at(1), qPrintable(where.join(QLatin1String(" | "))));
    QVERIFY2(where.at(0).startsWith(QStringLiteral("town-hall · st-Zq71")),
             qPrintable(where.at(0)));
    QVERIFY2(where.at(1).startsWith(QStringLiteral("town-hall · st-8Hj2")),
             qPrintable(where.at(1)));
    QVERIFY(!where.at(1).contains(first)); // the short form: the column stays narrow
    QVERIFY(rows->index(1, AlertsDock::Where).data(Qt::ToolTipRole).toString().contains(first));
    shoot(&dock, QStringLiteral("alertsdock-two-sessions.png"));
}

// Participants by who they are: "alice (pBq3…)" in Where, the full id kept for the jump.
void TestAlertsDock::participantsByUserId()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    const QString alice = QStringLiteral("pBq3xYz9AbCd");
    const QString bob = QStringLiteral("pQw8rTy2UiOp");
    engine.setParticipantNames([&](const QString &, const QString &participant) {
        return participant == alice ? QStringLiteral("alice")
               : participant == bob ? QStringLiteral("bob")
                                    : QString();
    });
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 1100, 200));
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    engine.observeRecording(kStageB, QStringLiteral("s"), alice, QStringLiteral("FAILED"), t);
    engine.observeEvent(kStageA, QStringLiteral("s"), alice, QStringLiteral("PUBLISH_ERROR"),
                        QStringLiteral("BITRATE_EXCEEDED"), t);
    engine.observeEvent(kStageA, QStringLiteral("s"), bob, QStringLiteral("PUBLISH_ERROR"),
                        QStringLiteral("BITRATE_EXCEEDED"), t + 10);
    QAbstractItemModel *rows = dock.alerts();
    const int keynote = rowWhere(rows, QStringLiteral("keynote"));
    QVERIFY(keynote >= 0);
    QCOMPARE(rows->index(keynote, AlertsDock::Where).data().toString(),
             QStringLiteral("keynote · s / alice (pBq3…)"));
    QCOMPARE(rows->index(keynote, 0).data(AlertsDock::ParticipantIdRole).toString(), alice);
    const QModelIndex townHall = rows->index(rowWhere(rows, QStringLiteral("town-hall")), 0);
    QCOMPARE(rows->rowCount(townHall), 2);
    QStringList children;
    for (int r = 0; r < rows->rowCount(townHall); ++r)
        children << rows->index(r, AlertsDock::Where, townHall).data().toString();
    QVERIFY2(children.join(QLatin1Char('|')).contains(QStringLiteral("alice (pBq3…)")) &&
                 children.join(QLatin1Char('|')).contains(QStringLiteral("bob (pQw8…)")),
             qPrintable(children.join(QLatin1Char('|'))));
    dock.list()->expandAll();
    shoot(&dock, QStringLiteral("alertsdock-user-ids.png"));
}

// The walkthrough's dock at its default width: Rule and Where sized to their (long) contents left
// the alert's own text squeezed, and every child repeated the rule. The Alert column is the
// widest now, a child row says its participant and its alert only, and the tool tips say in
// full what the narrow cells cut.
void TestAlertsDock::alertColumnIsTheWidest()
{
    AlertEngine engine;
    const QString stage =
        QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/quarterlyAllHands");
    engine.setStageNames(
        [&](const QString &) { return QStringLiteral("quarterly-all-hands-europe-and-americas"); });
    engine.setParticipantNames([](const QString &, const QString &participant) {
        return QStringLiteral("presenter-%1@marketing.example.com").arg(participant.right(1));
    });
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 900, 260));
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i)
        engine.observeEvent(stage, QStringLiteral("st-8Hj2K1Lq9Rt4"),
                            QStringLiteral("pBq3xYz9AbC%1").arg(i), QStringLiteral("PUBLISH_ERROR"),
                            QStringLiteral("INSUFFICIENT_CAPABILITIES"), t + i);
    engine.observeRecording(stage, QStringLiteral("st-8Hj2K1Lq9Rt4"),
                            QStringLiteral("pBq3xYz9AbC7"), QStringLiteral("FAILED"), t + 10);
    dock.list()->expandAll();
    // The window's first-run dock is about 700 px wide; a wide screen's, 1300.
    for (const int width : {700, 900, 1300}) {
        dock.resize(width, 260);
        QTest::qWait(50);
        QHeaderView *header = dock.list()->header();
        const int alert = header->sectionSize(AlertsDock::Text);
        QVERIFY2(alert > header->sectionSize(AlertsDock::Rule) &&
                     alert > header->sectionSize(AlertsDock::Where) &&
                     alert >= dock.list()->viewport()->width() / 3 &&
                     header->length() <= dock.list()->viewport()->width(), // no sideways scrolling
                 qPrintable(QStringLiteral("Alert %1 px, Rule %2, Where %3, all %5 of %4")
                                .arg(alert)
                                .arg(header->sectionSize(AlertsDock::Rule))
                                .arg(header->sectionSize(AlertsDock::Where))
                                .arg(dock.list()->viewport()->width())
                                .arg(header->length())));
    }
    QAbstractItemModel *rows = dock.alerts();
    const int burst = rowWhere(rows, QStringLiteral("3 participants"));
    QVERIFY(burst >= 0);
    const QModelIndex group = rows->index(burst, 0);
    const QString rule = rows->index(burst, AlertsDock::Rule).data().toString();
    QVERIFY(!rule.isEmpty());
    QCOMPARE(rows->rowCount(group), 3);
    for (int r = 0; r < rows->rowCount(group); ++r) {
        // The rule once, on the group; the child's Where its participant, not the stage again.
        QCOMPARE(rows->index(r, AlertsDock::Rule, group).data().toString(), QString());
        const QString where = rows->index(r, AlertsDock::Where, group).data().toString();
        QVERIFY2(where.startsWith(QLatin1String("presenter-")) &&
                     !where.contains(QLatin1String("quarterly")),
                 qPrintable(where));
        QVERIFY(!rows->index(r, AlertsDock::Text, group).data().toString().isEmpty());
        const QString tip =
            rows->index(r, AlertsDock::Where, group).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(rule) && tip.contains(QLatin1String("st-8Hj2K1Lq9Rt4")) &&
                     tip.contains(QLatin1String("pBq3xYz9AbC")),
                 qPrintable(tip));
    }
    QVERIFY(rows->index(burst, AlertsDock::Where)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("quarterly-all-hands-europe-and-americas")));
    shoot(&dock, QStringLiteral("alertsdock-default-width.png"));
}

// The walkthrough saw the stage tree's badge say 24 and the alert ×28 for one session: the badge
// counts the last five minutes, the alert everything. The group's count says since when it
// counts ("×28 since 10:02"), and its tool tip says what the badge counts.
void TestAlertsDock::countSaysSinceWhen()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    engine.setFoldWindowMs(0);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.setEngine(&engine, QStringLiteral("Local"));
    const qint64 start = QDateTime(QDate::currentDate(), QTime(10, 2, 30)).toMSecsSinceEpoch();
    // 28 errors over twenty minutes, two participants.
    for (int i = 0; i < 28; ++i)
        engine.observeEvent(kStageA, QStringLiteral("s"), QStringLiteral("p%1").arg(i % 2),
                            QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                            start + i * 45000);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0, AlertsDock::Count).data().toString(),
             QStringLiteral("×28 since 10:02"));
    QCOMPARE(rows->index(0, AlertsDock::Count).data(AlertsDock::SortRole).toInt(), 28);
    const QString tip = rows->index(0, AlertsDock::Count).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("28 alerts since 10:02:30")) &&
                 tip.contains(QLatin1String("last five minutes")),
             qPrintable(tip));
    // A participant's child counts its own, under the group that says since when.
    const QModelIndex group = rows->index(0, 0);
    QCOMPARE(rows->rowCount(group), 2);
    QCOMPARE(rows->index(0, AlertsDock::Count, group).data().toString(), QStringLiteral("×14"));
}

// The walkthrough read goran's child as "BITRATE_EXCEEDED ×2" while his errors were
// BITRATE_EXCEEDED and INVALID_VIDEO_CODEC: a child is one participant's errors of one code.
void TestAlertsDock::childNamesOneCode()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    engine.setParticipantNames([](const QString &, const QString &id) {
        return id.startsWith(u"pGoran") ? QStringLiteral("goran") : QStringLiteral("alice");
    });
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.setEngine(&engine, QStringLiteral("Local"));
    const QString goran = QStringLiteral("pGoran123456");
    const auto error = [&](const QString &id, const QString &code, qint64 ms) {
        engine.observeEvent(kStageA, QStringLiteral("s"), id, QStringLiteral("PUBLISH_ERROR"), code,
                            ms);
    };
    error(goran, QStringLiteral("BITRATE_EXCEEDED"), 1000);
    error(goran, QStringLiteral("INVALID_VIDEO_CODEC"), 2000);
    error(goran, QStringLiteral("BITRATE_EXCEEDED"), 3000);
    error(QStringLiteral("pAlice123456"), QStringLiteral("BITRATE_EXCEEDED"), 4000);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 1);
    const QModelIndex group = rows->index(0, 0);
    QCOMPARE(rows->rowCount(group), 3);
    QHash<QString, int> goranCodes; // code -> count, from goran's children's texts
    for (int r = 0; r < rows->rowCount(group); ++r) {
        const QString text = rows->index(r, AlertsDock::Text, group).data().toString();
        const bool bitrate = text.contains(QLatin1String("BITRATE_EXCEEDED"));
        const bool codec = text.contains(QLatin1String("INVALID_VIDEO_CODEC"));
        QVERIFY2(bitrate != codec, qPrintable(text)); // one code, never both or none
        if (!rows->index(r, AlertsDock::Where, group).data().toString().startsWith(u"goran"))
            continue;
        goranCodes.insert(
            bitrate ? QStringLiteral("BITRATE_EXCEEDED") : QStringLiteral("INVALID_VIDEO_CODEC"),
            rows->index(r, AlertsDock::Count, group).data(AlertsDock::SortRole).toInt());
    }
    QCOMPARE(goranCodes.value(QStringLiteral("BITRATE_EXCEEDED")), 2);
    QCOMPARE(goranCodes.value(QStringLiteral("INVALID_VIDEO_CODEC")), 1);
    // The group still counts participants, not children.
    QVERIFY2(rows->index(0, AlertsDock::Where).data().toString().contains(u"2 participants"),
             qPrintable(rows->index(0, AlertsDock::Where).data().toString()));
}

// The walkthrough's dock at its default width (~700 px) showed ~25 characters of the alert and
// "podcast-studio · st-…": a group row is one line across the columns ("rule — stage · session
// — participants — ×N since"), so the columns are the children's: their participant and their
// alert read whole.
void TestAlertsDock::groupRowsSpanTheColumns()
{
    AlertEngine engine;
    const QString studio = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/podcastStudio");
    engine.setStageNames([&](const QString &arn) {
        return arn == studio ? QStringLiteral("podcast-studio") : stageName(arn);
    });
    const QStringList names{QStringLiteral("alice"), QStringLiteral("jamal"),
                            QStringLiteral("hiro"),  QStringLiteral("emeka"),
                            QStringLiteral("nora"),  QStringLiteral("farah")};
    engine.setParticipantNames(
        [&](const QString &, const QString &id) { return names.value(id.mid(1, 1).toInt()); });
    engine.setFoldWindowMs(0);
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 700, 300));
    const qint64 start = QDateTime(QDate::currentDate(), QTime(10, 2, 30)).toMSecsSinceEpoch();
    const QStringList codes{QStringLiteral("BITRATE_EXCEEDED"),
                            QStringLiteral("INSUFFICIENT_CAPABILITIES"),
                            QStringLiteral("INVALID_VIDEO_CODEC")};
    for (int i = 0; i < 12; ++i)
        engine.observeEvent(studio, QStringLiteral("st-8Hj2K1Lq9Rt4"),
                            QStringLiteral("p%1irgxQw7Lm").arg(i % names.size()),
                            QStringLiteral("PUBLISH_ERROR"), codes.at((i + i / 6) % codes.size()),
                            start + i * 1000);
    engine.observeEvent(kStageA, QStringLiteral("st-diVF55aa66"), QStringLiteral("p0zzzzzz9"),
                        QStringLiteral("SUBSCRIBE_ERROR"), QStringLiteral("INVALID_VIDEO_CODEC"),
                        start + 20000);
    QAbstractItemModel *rows = dock.alerts();
    QTreeView *view = dock.list();
    QCOMPARE(rows->rowCount(), 2);
    QVERIFY(view->isColumnHidden(AlertsDock::Rule)); // the group line says the rule
    for (int r = 0; r < rows->rowCount(); ++r) {
        QVERIFY(view->isFirstColumnSpanned(r, QModelIndex()));
        const QModelIndex group = rows->index(r, 0);
        QVERIFY(rows->rowCount(group) >= 1); // one child too: it says the alert
        for (int c = 0; c < rows->rowCount(group); ++c)
            QVERIFY(!view->isFirstColumnSpanned(c, group));
    }
    view->sortByColumn(AlertsDock::Time, Qt::DescendingOrder);
    // Sorted newest first: town-hall's one alert, then the studio's burst.
    const QString studioLine = rows->index(1, AlertsDock::Time).data().toString();
    QVERIFY2(studioLine.contains(
                 QStringLiteral(" — podcast-studio · session st-8Hj2… — ×12 since 10:02")),
             qPrintable(studioLine));
    QVERIFY(studioLine.startsWith(QLatin1String("10:02:41  ")));
    const QString hallLine = rows->index(0, AlertsDock::Time).data().toString();
    QVERIFY2(hallLine.contains(QStringLiteral("town-hall · session st-diVF…")),
             qPrintable(hallLine));
    // The children's cells read whole at 700 px: the participant and the alert's code.
    view->expandAll();
    QTest::qWait(50);
    const QModelIndex burst = rows->index(1, 0);
    QCOMPARE(rows->rowCount(burst), 12); // 6 participants × 2 codes each
    const QFontMetrics metrics = view->fontMetrics();
    for (int c = 0; c < rows->rowCount(burst); ++c) {
        for (const int column : {int(AlertsDock::Where), int(AlertsDock::Text)}) {
            const QModelIndex cell = rows->index(c, column, burst);
            const int need = metrics.horizontalAdvance(cell.data().toString());
            QVERIFY2(need <= view->visualRect(cell).width(),
                     qPrintable(QStringLiteral("\"%1\" needs %2 px, has %3")
                                    .arg(cell.data().toString())
                                    .arg(need)
                                    .arg(view->visualRect(cell).width())));
        }
    }
    // The group line, across the columns, reads whole (the rule is one of the longest).
    const QModelIndex line = rows->index(1, AlertsDock::Time);
    QVERIFY2(metrics.horizontalAdvance(studioLine) <= view->visualRect(line).width(),
             qPrintable(QStringLiteral("%1 px of %2")
                            .arg(metrics.horizontalAdvance(studioLine))
                            .arg(view->visualRect(line).width())));
    // A child's time reads whole one level in.
    const QModelIndex childTime = rows->index(0, AlertsDock::Time, burst);
    QVERIFY(metrics.horizontalAdvance(childTime.data().toString()) <=
            view->visualRect(childTime).width());
    shoot(&dock, QStringLiteral("alertsdock-spanned-700.png"));
}

// At the dock's first-run width (~700 px) a participant's child row reads whole: "alice (pBq3…)"
// and a longer user id fit their column; a user id too long for it loses the id's end, then its
// own end, never its start (the walkthrough read "alice (pB" cut at the cell's edge).
void TestAlertsDock::participantReadableAtDefaultWidth()
{
    AlertEngine engine;
    engine.setStageNames(stageName);
    const QHash<QString, QString> users{
        {QStringLiteral("pBq3xYz9AbC1"), QStringLiteral("alice")},
        {QStringLiteral("pBq3xYz9AbC2"), QStringLiteral("alice-morgan")},
        {QStringLiteral("pBq3xYz9AbC3"), QStringLiteral("presenter-7@marketing.example.com")}};
    engine.setParticipantNames(
        [&](const QString &, const QString &participant) { return users.value(participant); });
    AlertsDock dock;
    QAbstractItemModelTester tester(dock.alerts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showWith(dock, engine, 700, 260));
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    int i = 0;
    for (auto it = users.cbegin(); it != users.cend(); ++it, ++i)
        engine.observeEvent(kStageA, QStringLiteral("st-8Hj2K1Lq9Rt4"), it.key(),
                            QStringLiteral("PUBLISH_ERROR"), QStringLiteral("BITRATE_EXCEEDED"),
                            t + i);
    QTreeView *list = dock.list();
    list->expandAll();
    QTest::qWait(50);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(rows->rowCount(), 1);
    const QModelIndex group = rows->index(0, 0);
    QCOMPARE(rows->rowCount(group), 3);
    const int column = list->header()->sectionSize(AlertsDock::Where);
    // What a cell has for its text: the column less the style's text margins on both sides.
    const int margin = list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, list) + 1;
    const int room = column - 2 * margin;
    const QFontMetrics metrics(list->font());
    for (int r = 0; r < rows->rowCount(group); ++r) {
        const QString text = rows->index(r, AlertsDock::Where, group).data().toString();
        const QString user = text.section(QStringLiteral(" ("), 0, 0);
        const QString shown = AlertsDock::participantShown(text, metrics, room);
        if (user.size() <= 12) {
            QVERIFY2(metrics.horizontalAdvance(text) <= room,
                     qPrintable(QStringLiteral("\"%1\" needs %2 px, its column gives %3")
                                    .arg(text)
                                    .arg(metrics.horizontalAdvance(text))
                                    .arg(room)));
            QCOMPARE(shown, text);
        } else {
            // Too long: what is shown fits and starts with the user id's first characters.
            QVERIFY2(metrics.horizontalAdvance(shown) <= room, qPrintable(shown));
            QVERIFY2(shown.size() > 8 && user.startsWith(shown.left(shown.size() - 1)),
                     qPrintable(shown));
        }
    }
    // A user id that fits with a shorter participant id keeps the name whole, the id cut.
    const QString longer = QStringLiteral("alice-morgan-smith (pBq3…)");
    const QString cut = AlertsDock::participantShown(
        longer, metrics, metrics.horizontalAdvance(QStringLiteral("alice-morgan-smith (pB…)")));
    QVERIFY2(cut.startsWith(QLatin1String("alice-morgan-smith (p")) &&
                 cut.endsWith(QStringLiteral("…)")),
             qPrintable(cut));
    shoot(&dock, QStringLiteral("alertsdock-participants-at-700.png"));
}

#include "tst_alertsdock.moc"
