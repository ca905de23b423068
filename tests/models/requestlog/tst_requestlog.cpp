// RequestLogModel under QAbstractItemModelTester: rows follow the log, the oldest drop out.

#include "aws/requestlog.h"
#include "models/requestlogmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace gr;

class TestRequestLog : public QObject
{
    Q_OBJECT
private slots:
    void followsTheLog();
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

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
