// The Alerts dock as a user reads it: a burst of per-participant errors on one stage folds
// into one row (count, children, tool tip) and does not bury the other stages' alerts; newest
// first; the Time column sorts by the raw time (across midnight) and Count by number; stages
// named by name; a second connection's alerts labelled with it and its jump-to carrying it;
// the order holds while the pointer is over the list. Screenshots under test-output.

#include "models/alertrules.h"
#include "screenshot.h"
#include "ui/alertsdock.h"
#include "ui/mainwindow.h"
#include "ui/stableorder.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
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

} // namespace

class TestAlertsDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("greenroom-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("alertsdock"));
        QSettings().clear();
    }
    void burstFoldsSortsAndLabels();
    void orderHeldUnderThePointer();
    void firstRunShowsEightRows();
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
             QStringList({QStringLiteral("town-hall / 9 participants"),
                          QStringLiteral("ccccCCCC3333 / pC"), QStringLiteral("keynote / pB")}));
    const QModelIndex burst = rows->index(0, 0);
    // One meaning each: Count is the occurrences (10 alerts, one of them ×2), Where the
    // participants, one child row each; the text is the newest alert's, with no count of its own.
    QCOMPARE(rows->index(0, AlertsDock::Count).data().toString(), QStringLiteral("×11"));
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
    QTRY_COMPARE(rows->index(0, AlertsDock::Time).data().toString(), QStringLiteral("23:59:50"));
    // Count sorts by number (×11 above ×1 descending, whatever the text says).
    dock.list()->sortByColumn(AlertsDock::Count, Qt::DescendingOrder);
    QCOMPARE(rows->index(0, AlertsDock::Count).data().toString(), QStringLiteral("×11"));
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
    dock.setEngine(&engine, QStringLiteral("Local"));
    dock.resize(900, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    engine.observeEvent(kStageA, QStringLiteral("s"), QStringLiteral("p1"),
                        QStringLiteral("PUBLISH_ERROR"), QStringLiteral("A"), t0);
    engine.observeRecording(kStageB, QStringLiteral("s"), QStringLiteral("p2"),
                            QStringLiteral("FAILED"), t0 + 1000);
    QAbstractItemModel *rows = dock.alerts();
    QCOMPARE(column(rows, AlertsDock::Where).join(QLatin1Char(',')),
             QStringLiteral("keynote / p2,town-hall / p1"));

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
    QCOMPARE(rows->index(0, AlertsDock::Where).data().toString(), QStringLiteral("keynote / p2"));
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

QTEST_MAIN(TestAlertsDock)
#include "tst_alertsdock.moc"
