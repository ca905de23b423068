// The session page's participants table of a live session holds still under the pointer: with
// the pointer on its rows, a refresh that would remove a row above (a participant left, the
// table filtered to CONNECTED) moves no row, so the row clicked is the row the user saw (the
// walkthrough clicked alice and got bob). The pointer gone, the waiting refresh runs.
// On a live session the Errors column counts errors that arrive after the page opened, for a
// participant listed then and for one who joins later, with his events open first and the
// table filtered (the walkthrough's chen: errors in his Events tab, his Errors cell blank).
// Screenshots in test-output/screenshots/session-participants-*.png.
#include "localconnection.h"
#include "localharness.h"
#include "models/resourcelistmodel.h"
#include "models/sessionloader.h"
#include "screenshot.h"
#include "sessionplay.h"
#include "ui/listpage.h"
#include "ui/participantpage.h"
#include "ui/sessionanalysis.h"
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

// The Errors cell of a participant's row as the table shows it (empty when not listed).
QString shownErrors(const ui::ListPage *list, const QString &participantId)
{
    const QAbstractItemModel *model = list->table()->model();
    int column = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == QLatin1String("Errors"))
            column = c;
    }
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == participantId)
            return model->index(row, column).data().toString();
    }
    return {};
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
        // The session's events loaded: its progress bar gone, no layout change sends the
        // offscreen pointer a Leave that ends the hold below.
        QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage()->analysis()->isLoaded(), 60000);
        QTest::qWait(100);
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

    void errorsArrivingLaterAreCounted()
    {
        GR_LOCAL_STAGE(h, stage, "participants-errors");
        const auto alice = h.join(stage, QStringLiteral("alice"), true);
        const QString chen = play::joinWith(h, play::token(h, stage, QStringLiteral("chen"),
                                                           {QStringLiteral("SUBSCRIBE")}))
                                 .participantId;
        LocalConsole window(h.service()->url(), QSize(1300, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, alice.sessionId));
        ui::SessionPage *page = window.sessionPage();
        ui::ListPage *list = page->participants();
        QAbstractItemModelTester tester(list->table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(page->analysis()->isLoaded(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(shownErrors(list, chen), QStringLiteral("0"), 15000);
        // His events open first, and the table filtered to who is connected (a new list model).
        page->showParticipant(chen);
        auto *state = list->findChild<QComboBox *>(QStringLiteral("filterState"));
        QVERIFY(state);
        const int connected = state->findText(QStringLiteral("CONNECTED"));
        state->setCurrentIndex(connected);
        emit state->activated(connected);
        QTRY_COMPARE_WITH_TIMEOUT(shownErrors(list, chen), QStringLiteral("0"), 15000);

        // Now he tries to publish with a subscribe-only token, and dana joins and does too.
        // The pointer is not on the table (an earlier test may have left it there): rows
        // listed are not held back under it.
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(list->table()->viewport(), &leave);
        h.plane("publish", at(stage, chen)); // refused: INSUFFICIENT_CAPABILITIES
        const QString dana = play::joinWith(h, play::token(h, stage, QStringLiteral("dana"),
                                                           {QStringLiteral("SUBSCRIBE")}))
                                 .participantId;
        h.plane("publish", at(stage, dana));
        h.plane("publish", at(stage, dana));
        // The live session is followed every 5 s; the table follows it.
        QTRY_COMPARE_WITH_TIMEOUT(shownErrors(list, chen), QStringLiteral("1"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(shownErrors(list, dana), QStringLiteral("2"), 20000);
        QCOMPARE(shownErrors(list, alice.participantId), QStringLiteral("0"));
        shoot(&window, QStringLiteral("session-participants-errors-live.png"));
    }

    // At the console's default size (1400×860) the Events pane's header shows its title and
    // its row count whole, each on one line (the walkthrough saw the count squeezed into a
    // sliver three lines high), and the participants table shows a dozen rows and more.
    void roomAtTheDefaultSize()
    {
        GR_LOCAL_STAGE(h, stage, "participants-room");
        const auto host = h.join(stage, QStringLiteral("host"), true);
        for (int i = 0; i < 15; ++i)
            h.join(stage, QStringLiteral("guest-%1").arg(i, 2, 10, QLatin1Char('0')), false);
        LocalConsole window(h.service()->url(), QSize(1400, 860));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, host.sessionId));
        ui::SessionPage *page = window.sessionPage();
        ui::ListPage *list = page->participants();
        QTRY_COMPARE_WITH_TIMEOUT(list->table()->model()->rowCount(), 16, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(page->analysis()->isLoaded(), 60000);
        page->showParticipant(host.participantId);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->participant() && page->participant()->model()->rowCount() >= 1, 60000);
        QTest::qWait(100); // the layout the new pane asks for has run

        // The Events header: its title and its count each whole, on one line.
        ui::ListPage *events = page->participant()->events();
        QLabel *count = events->statusLabel();
        QTRY_VERIFY(!count->text().isEmpty());
        QLabel *title = nullptr;
        for (QLabel *label : events->findChildren<QLabel *>()) {
            if (label->text().contains(QLatin1String("Events of")))
                title = label;
        }
        QVERIFY(title);
        // Measured once the layout a changed text (a refresh's "refreshing…") asks for has run.
        for (QLabel *label : {title, count}) {
            auto what = [label] {
                return QStringLiteral("\"%1\": wants %2×%3, has %4×%5")
                    .arg(label->text())
                    .arg(label->sizeHint().width())
                    .arg(label->sizeHint().height())
                    .arg(label->width())
                    .arg(label->height());
            };
            QTRY_VERIFY2(label->sizeHint().width() <= label->width() &&
                             label->heightForWidth(label->width()) <
                                 2 * label->fontMetrics().lineSpacing(),
                         qPrintable(what()));
        }
        // The participants get the height: a dozen rows at least, whole (the walkthrough saw
        // seven); the events pane keeps its header, rows and what never becomes an event.
        QTableView *table = list->table();
        int wholeRows = 0;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QRect r = table->visualRect(table->model()->index(row, 0));
            wholeRows += r.isValid() && r.top() >= 0 && r.bottom() < table->viewport()->height();
        }
        QVERIFY2(wholeRows >= 12, qPrintable(QStringLiteral("%1 rows in %2 px")
                                                 .arg(wholeRows)
                                                 .arg(table->viewport()->height())));

        shoot(&window, QStringLiteral("session-participants-default-size.png"));
    }

    // The demo's town hall, as the walkthrough saw it: every listed participant with an error
    // event (asked of the service itself) has a count in the Errors column.
    void demoErrorsShown()
    {
        play::FastDemo demo;
        QVERIFY(demo.ok());
        LocalHarness &h = demo.harness;
        const QString townHall = demo.townHall;
        QTest::qWait(6000);
        const QStringList sessions = demo.townHallSessions();
        QVERIFY(!sessions.isEmpty());
        const QString sessionId = sessions.first();
        LocalConsole window(h.service()->url(), QSize(1300, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(townHall, sessionId));
        ui::SessionPage *page = window.sessionPage();
        ui::ListPage *list = page->participants();
        QTRY_VERIFY_WITH_TIMEOUT(page->analysis()->isLoaded(), 60000);
        // Participants with an error event, asked of the service itself, whose Errors cell
        // shows no count.
        int withErrors = 0;
        auto blankCells = [&] {
            QStringList blank;
            withErrors = 0;
            const QAbstractItemModel *model = list->table()->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                const QString id = model->index(row, 0).data().toString();
                int errors = 0;
                for (const QJsonValue &e : h.call(ivs::Operation::ListParticipantEvents,
                                                  {{QStringLiteral("stageArn"), townHall},
                                                   {QStringLiteral("sessionId"), sessionId},
                                                   {QStringLiteral("participantId"), id},
                                                   {QStringLiteral("maxResults"), 100}})
                                               .value(QLatin1String("events"))
                                               .toArray())
                    errors += e.toObject()
                                  .value(QLatin1String("name"))
                                  .toString()
                                  .endsWith(QLatin1String("_ERROR"));
                withErrors += errors > 0;
                if (errors > 0 && shownErrors(list, id).toInt() == 0)
                    blank << QStringLiteral("%1 (%2 errors)").arg(id).arg(errors);
            }
            return blank;
        };
        // Within a follow or two (5 s each) of the error: the newest participants' first.
        QStringList blank = blankCells();
        for (int i = 0; i < 12 && !blank.isEmpty(); ++i) {
            QTest::qWait(1000);
            blank = blankCells();
        }
        QVERIFY2(blank.isEmpty(), qPrintable(blank.join(QStringLiteral("; "))));
        QVERIFY(withErrors >= 1);
        shoot(&window, QStringLiteral("session-participants-demo-errors.png"));
    }
};

QTEST_MAIN(TestSessionParticipants)
#include "tst_sessionparticipants.moc"
