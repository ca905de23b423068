// The session page's participants table of a live session holds still under the pointer: with
// the pointer on its rows, a refresh that would remove a row above (a participant left, the
// table filtered to CONNECTED) moves no row, so the row clicked is the row the user saw (the
// walkthrough clicked alice and got bob). The pointer gone, the waiting refresh runs.
// Screenshots in test-output/screenshots/session-participants-*.png.
#include "localconnection.h"
#include "localharness.h"
#include "screenshot.h"
#include "sessionplay.h"
#include "ui/listpage.h"
#include "ui/sessionpage.h"
#include "ui/stableorder.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

using namespace gr;
using play::at;

namespace
{
// The participant ids down the table, as shown.
QStringList shownKeys(const ui::ListPage *list)
{
    QStringList keys;
    const QAbstractItemModel *model = list->table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        keys << model->index(row, 0).data().toString();
    return keys;
}
} // namespace

class TestSessionParticipants : public QObject
{
    Q_OBJECT

private slots:
    void rowsHoldUnderThePointer()
    {
        GR_LOCAL_STAGE(h, stage, "participants-hold");
        const auto first = h.join(stage, QStringLiteral("alice"), true);
        QStringList ids{first.participantId};
        for (const char *user : {"bob", "chen", "dana"})
            ids << h.join(stage, QLatin1String(user), false).participantId;
        LocalConsole window(h.service()->url(), QSize(1300, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, first.sessionId));
        ui::ListPage *list = window.sessionPage()->participants();
        // The view's proxy: the same model whatever list the filters make under it.
        QAbstractItemModelTester tester(list->table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Only who is connected: a participant who leaves is a row that goes.
        auto *state = list->findChild<QComboBox *>(QStringLiteral("filterState"));
        QVERIFY(state);
        const int connected = state->findText(QStringLiteral("CONNECTED"));
        QVERIFY(connected >= 0);
        state->setCurrentIndex(connected);
        emit state->activated(connected);
        QTRY_COMPARE_WITH_TIMEOUT(list->table()->model()->rowCount(), 4, 15000);
        const QStringList before = shownKeys(list);
        QCOMPARE(before.first(), first.participantId);

        // The pointer on the last row (dana's or whoever's is there).
        QWidget *viewport = list->table()->viewport();
        const QPoint onRow =
            list->table()->visualRect(list->table()->model()->index(3, 0)).center();
        QTest::mouseMove(viewport, onRow);
        if (!viewport->underMouse()) {
            // Offscreen platforms move no real pointer: deliver the enter the desktop would.
            QEnterEvent enter(onRow, viewport->mapTo(&window, onRow), viewport->mapToGlobal(onRow));
            QApplication::sendEvent(viewport, &enter);
        }
        auto *order = list->table()->findChild<ui::StableOrder *>();
        QVERIFY(order);
        QVERIFY(order->holding());
        const QString underPointer = list->table()->indexAt(onRow).data().toString();

        // The first participant leaves and the page refreshes: nothing moves under the pointer.
        h.plane("leave", at(stage, first.participantId));
        window.sessionPage()->refresh();
        QTest::qWait(1500);
        QCOMPARE(shownKeys(list), before);
        QCOMPARE(list->table()->indexAt(onRow).data().toString(), underPointer);
        // The status line does not claim an update that waits.
        auto *status = list->findChild<QLabel *>(QStringLiteral("tableStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("held under the pointer")),
                 qPrintable(status->text()));
        shoot(&window, QStringLiteral("session-participants-held.png"));

        // The pointer leaves: the refresh that waited runs, and the row that went is gone.
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(viewport, &leave);
        QTRY_VERIFY(!order->holding());
        QTRY_COMPARE_WITH_TIMEOUT(list->table()->model()->rowCount(), 3, 15000);
        QVERIFY(!shownKeys(list).contains(first.participantId));
        QVERIFY2(!status->text().contains(QStringLiteral("held under")),
                 qPrintable(status->text()));
        shoot(&window, QStringLiteral("session-participants-released.png"));
    }
};

QTEST_MAIN(TestSessionParticipants)
#include "tst_sessionparticipants.moc"
