// aws::Expected<T>, the one error convention: a value or an AwsError, never both, never neither.

#include "aws/expected.h"

#include <QTest>

using namespace gr::aws;

class TestExpected : public QObject
{
    Q_OBJECT

private slots:
    void valueIsOkAndCarriesNoError()
    {
        const Expected<int> e = 42;
        QVERIFY(e.ok());
        QVERIFY(bool(e));
        QCOMPARE(*e, 42);
        QCOMPARE(e.valueOr(7), 42);
        QVERIFY(!e.error().isError());
        QVERIFY(e.message().isEmpty());
    }

    void errorKeepsEverythingTheUserMayNeed()
    {
        AwsError error = failure(AwsError::Kind::Service, QStringLiteral("Stage not found"));
        error.type = QStringLiteral("ResourceNotFoundException");
        error.httpStatus = 404;
        error.requestId = QStringLiteral("req-1");
        const Expected<QString> e = error;
        QVERIFY(!e.ok());
        QCOMPARE(e.valueOr(QStringLiteral("fallback")), QStringLiteral("fallback"));
        QCOMPARE(e.message(), QStringLiteral("Stage not found"));
        QCOMPARE(e.error().kind, AwsError::Kind::Service);
        QCOMPARE(e.error().toString(),
                 QStringLiteral("ResourceNotFoundException: Stage not found (HTTP 404, request id "
                                "req-1)"));
    }

    void anErrorThatIsNoErrorCannotPassForAValue()
    {
        // A bug of the caller (Kind::None and no value) must not read as success.
        const Expected<int> e = AwsError{};
        QVERIFY(!e.ok());
        QCOMPARE(e.error().kind, AwsError::Kind::Decode);
    }

    void voidIsSuccessUnlessAnErrorIsGiven()
    {
        QVERIFY(Expected<void>().ok());
        QVERIFY(Expected<void>::success().ok());
        QVERIFY(Expected<void>(AwsError{}).ok()); // `return call.error();` of a clean call
        const Expected<void> failed =
            failure(AwsError::Kind::File, QStringLiteral("cannot write /x: Permission denied"));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, AwsError::Kind::File);
        QCOMPARE(failed.message(), QStringLiteral("cannot write /x: Permission denied"));
    }

    void errorsPassUpUnchanged()
    {
        const auto inner = []() -> Expected<int> {
            AwsError e = failure(AwsError::Kind::Timeout, QStringLiteral("GetStage: no answer"));
            e.requestId = QStringLiteral("req-2");
            return e;
        };
        const auto outer = [&]() -> Expected<QString> {
            const Expected<int> got = inner();
            if (!got)
                return got.error();
            return QString::number(*got);
        };
        const Expected<QString> e = outer();
        QVERIFY(!e.ok());
        QCOMPARE(e.error().kind, AwsError::Kind::Timeout);
        QCOMPARE(e.error().requestId, QStringLiteral("req-2"));
    }
};

QTEST_GUILESS_MAIN(TestExpected)
#include "tst_expected.moc"
