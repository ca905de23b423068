// A tool tip shown over a live list follows its item: the model changes the item's text while
// the tip is up, and the tip says the new text (or goes when there is none); a change to
// another row leaves it alone.

#include "screenshot.h"
#include "ui/livetooltip.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHelpEvent>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QToolTip>

using gr::ui::LiveToolTip;

class TestLiveToolTip : public QObject
{
    Q_OBJECT
private slots:
    void tipFollowsItsItem();
};

void TestLiveToolTip::tipFollowsItsItem()
{
    QStandardItemModel model(3, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int r = 0; r < 3; ++r) {
        model.setItem(r, 0, new QStandardItem(QStringLiteral("row %1").arg(r)));
        model.item(r, 0)->setToolTip(QStringLiteral("CONNECTED"));
    }
    QTableView view;
    view.setModel(&model);
    new LiveToolTip(&view);
    view.resize(300, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // The pointer rests on row 1: its tip comes up.
    const QPoint at = view.visualRect(model.index(1, 0)).center();
    QHelpEvent help(QEvent::ToolTip, at, view.viewport()->mapToGlobal(at));
    QApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("CONNECTED"));

    // Another row changes: the tip stays as it is.
    model.item(2, 0)->setToolTip(QStringLiteral("DISCONNECTED"));
    QCOMPARE(QToolTip::text(), QStringLiteral("CONNECTED"));
    // Its own row changes: the tip says so at once.
    model.item(1, 0)->setToolTip(QStringLiteral("DISCONNECTED"));
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("DISCONNECTED"));
    QVERIFY(QToolTip::isVisible());
    shoot(&view, QStringLiteral("livetooltip.png"));
    // Nothing to say any more: the tip goes.
    model.item(1, 0)->setToolTip(QString());
    QTRY_VERIFY(!QToolTip::isVisible());
}

QTEST_MAIN(TestLiveToolTip)
#include "tst_livetooltip.moc"
