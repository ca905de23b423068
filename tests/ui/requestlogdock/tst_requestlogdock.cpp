// The request log dock through the window: "Only writes and failures" hides the reads that
// browsing makes, keeps a write and a failure, and is remembered for the next window.

#include "localconnection.h"
#include "localharness.h"
#include "models/resourcelistmodel.h"

#include <QCheckBox>
#include <QDir>
#include <QHeaderView>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace gr;

class TestRequestLogDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("window")); // what an earlier run left
    }
    void writesAndFailuresOnly();
};

static QStringList operationsShown(QTableView *view)
{
    QStringList operations;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        operations << view->model()->index(r, 1).data().toString();
    return operations;
}

void TestRequestLogDock::writesAndFailuresOnly()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    // Short names first: the long one created later most likely lands below the first row
    // (the service lists by ARN), which is where columns used to stay as the first page set them.
    for (const char *name : {"a", "b", "c", "d", "e"})
        h.createStage(QLatin1String(name));
    auto window = std::make_unique<LocalConsole>(h.service()->url());
    window->resize(1300, 800);
    QTRY_COMPARE_WITH_TIMEOUT(window->listModel()->rowCount(), 5, 10000);
    auto *only = window->findChild<QCheckBox *>(QStringLiteral("logWritesOnly"));
    auto *view = window->findChild<QTableView *>();
    for (QTableView *candidate : window->findChildren<QTableView *>())
        if (candidate->accessibleName() == QLatin1String("Request log"))
            view = candidate;
    QVERIFY(only && view);
    QVERIFY(!only->isChecked());
    QTRY_VERIFY(operationsShown(view).contains(QStringLiteral("ListStages")));

    bool created = false;
    window->createStage(QStringLiteral("late-arrival-with-a-long-name"),
                        [&](const aws::Expected<void> &result) {
                            QVERIFY2(result, qPrintable(result.error().toString()));
                            created = true;
                        });
    QTRY_VERIFY_WITH_TIMEOUT(created, 10000);
    // A longer name arriving after the first page widens its column rather than being cut.
    QTRY_COMPARE_WITH_TIMEOUT(window->listModel()->rowCount(), 6, 10000);
    // Widening is queued behind the rows' arrival (the proxies must have them first).
    QTableView *stages = window->table();
    QTRY_VERIFY(
        stages->horizontalHeader()->sectionSize(0) >
        stages->fontMetrics().horizontalAdvance(QStringLiteral("late-arrival-with-a-long-name")));
    bool failed = false;
    window->deleteStage(QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/nosuchstage1"),
                        [&](const aws::Expected<void> &result) { failed = !result; });
    QTRY_VERIFY_WITH_TIMEOUT(failed, 10000);

    only->click();
    const QStringList shown = operationsShown(view);
    QVERIFY2(!shown.contains(QStringLiteral("ListStages")), qPrintable(shown.join(',')));
    QVERIFY2(shown.contains(QStringLiteral("CreateStage")), qPrintable(shown.join(',')));
    QVERIFY2(shown.contains(QStringLiteral("DeleteStage")), qPrintable(shown.join(',')));
    QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
    QVERIFY(window->grab().save(
        QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/request-log-writes-only.png")));

    // Remembered: the next window starts filtered.
    window.reset();
    LocalConsole again(h.service()->url());
    QTRY_COMPARE_WITH_TIMEOUT(again.listModel()->rowCount(), 6, 10000);
    auto *onlyAgain = again.findChild<QCheckBox *>(QStringLiteral("logWritesOnly"));
    QVERIFY(onlyAgain && onlyAgain->isChecked());
}

QTEST_MAIN(TestRequestLogDock)
#include "tst_requestlogdock.moc"
