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
    void failuresSayWhatTheServiceSaid();
};

void TestRequestLog::followsTheLog()
{
    aws::RequestLog log(nullptr, 40); // small: the tester re-checks the model on every change
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < log.capacity() + 5; ++i)
        log.append(
            {QDateTime::currentDateTime().addSecs(i), QStringLiteral("Op%1").arg(i),
             QStringLiteral("POST"), QStringLiteral("https://ivsrealtime.us-east-1.amazonaws.com"),
             i % 7 ? 200 : 429, 12, 1, QStringLiteral("req-%1").arg(i),
             i % 7 ? QStringLiteral("OK") : QStringLiteral("ThrottlingException"), QString()});
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
                    QLatin1String(outcome), QString()});
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

// A failed call's tip (and the double-click box) says what the service said, with the request id;
// a SignatureDoesNotMatch answer's quoted canonical request (it may hold the session token) is cut.
void TestRequestLog::failuresSayWhatTheServiceSaid()
{
    aws::RequestLog log(nullptr, 10);
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    aws::RequestLogEntry refused;
    refused.started = QDateTime::currentDateTime();
    refused.operation = QStringLiteral("CreateStage");
    refused.httpStatus = 400;
    refused.requestId = QStringLiteral("req-7");
    refused.outcome = QStringLiteral("ValidationException");
    refused.message =
        aws::logSafeMessage(QStringLiteral("Tag keys starting with 'aws:' are reserved"));
    log.append(refused);
    aws::RequestLogEntry signature = refused;
    signature.outcome = QStringLiteral("InvalidSignatureException");
    signature.message = aws::logSafeMessage(
        QStringLiteral("The request signature we calculated does not match the signature you "
                       "provided. The Canonical String for this request should have been 'POST\n/"
                       "\nx-amz-security-token:FQoGZXIvYXdzEXAMPLESESSIONTOKEN\n'"));
    log.append(signature);
    const QString tip =
        model.index(0, models::RequestLogModel::Operation).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("CreateStage ValidationException: Tag keys starting")),
             qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("request id req-7")));
    QVERIFY(tip.contains(QStringLiteral("HTTP 400")));
    const QString cut = model.detailsText(1);
    QVERIFY2(cut.contains(QStringLiteral("does not match the signature you provided")),
             qPrintable(cut));
    QVERIFY2(!cut.contains(QStringLiteral("FQoGZXIv")) &&
                 !cut.contains(QStringLiteral("Canonical")),
             qPrintable(cut));
    // A success has no tip of its own.
    aws::RequestLogEntry fine = refused;
    fine.outcome = QStringLiteral("OK");
    fine.message.clear();
    log.append(fine);
    QVERIFY(model.index(2, models::RequestLogModel::Operation).data(Qt::ToolTipRole).isNull());
}

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
