// RequestLogModel under QAbstractItemModelTester: rows follow the log, the oldest drop out.

#include "aws/requestlog.h"
#include "models/requestlogmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTest>

using namespace gr;

class TestRequestLog : public QObject
{
    Q_OBJECT
private slots:
    void followsTheLog();
    void writesAndFailuresOnly();
};

void TestRequestLog::followsTheLog()
{
    aws::RequestLog log(nullptr, 40); // small: the tester re-checks the model on every change
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < log.capacity() + 5; ++i)
        log.append({QDateTime::currentDateTime().addSecs(i), QStringLiteral("Op%1").arg(i),
                    QStringLiteral("POST"),
                    QStringLiteral("https://ivsrealtime.us-east-1.amazonaws.com"),
                    i % 7 ? 200 : 429, 12, 1, QStringLiteral("req-%1").arg(i),
                    i % 7 ? QStringLiteral("OK") : QStringLiteral("ThrottlingException")});
    QCOMPARE(model.rowCount(), log.capacity());
    QCOMPARE(model.index(0, models::RequestLogModel::Operation).data().toString(),
             QStringLiteral("Op5"));
    QCOMPARE(
        model.index(model.rowCount() - 1, models::RequestLogModel::RequestId).data().toString(),
        QStringLiteral("req-%1").arg(log.capacity() + 4));
    QCOMPARE(model.index(2, models::RequestLogModel::Outcome).data().toString(),
             QStringLiteral("ThrottlingException"));
    QVERIFY(model.index(2, models::RequestLogModel::Outcome).data(Qt::ForegroundRole).isValid());
}

// Live updates poll List/Get all the time; the filtered log keeps writes and failures only, and
// follows the log as it grows and drops its oldest rows.
void TestRequestLog::writesAndFailuresOnly()
{
    aws::RequestLog log(nullptr, 30);
    models::RequestLogModel model(&log);
    models::RequestLogFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto add = [&](const char *operation, const char *outcome) {
        log.append({QDateTime::currentDateTime(), QLatin1String(operation), QStringLiteral("POST"),
                    QStringLiteral("http://127.0.0.1:1"), 200, 5, 1, QStringLiteral("r"),
                    QLatin1String(outcome)});
    };
    add("ListStages", "OK");
    add("CreateStage", "OK");
    add("GetStage", "ResourceNotFoundException");
    add("ListStages", "cancelled");
    add("UpdateStage", "ValidationException");
    QCOMPARE(filter.rowCount(), 5);
    filter.setWritesAndFailuresOnly(true);
    QStringList shown;
    for (int r = 0; r < filter.rowCount(); ++r)
        shown << filter.index(r, models::RequestLogModel::Operation).data().toString();
    QCOMPARE(shown, (QStringList{QStringLiteral("CreateStage"), QStringLiteral("GetStage"),
                                 QStringLiteral("UpdateStage")}));
    // Rows still follow the log: polling adds nothing, a write adds one, the oldest go.
    for (int i = 0; i < 40; ++i)
        add("ListParticipants", "OK");
    QCOMPARE(filter.rowCount(), 0); // the three were pushed out of the 30-row log
    add("DeleteStage", "OK");
    QCOMPARE(filter.rowCount(), 1);
    filter.setWritesAndFailuresOnly(false);
    QCOMPARE(filter.rowCount(), 30);
    // Cancelled is not a failure: grey, with a tool tip saying nothing failed.
    add("ListStages", "cancelled");
    const QModelIndex cancelled =
        model.index(model.rowCount() - 1, models::RequestLogModel::Outcome);
    QCOMPARE(cancelled.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0x80, 0x80, 0x80));
    QVERIFY(cancelled.data(Qt::ToolTipRole).toString().contains(QLatin1String("nothing failed")));
}

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
