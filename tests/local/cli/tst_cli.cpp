// greenroom-local as a program: it says where it listens, accepts the documented options and
// refuses bad ones with a message that names them.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void listensAndAnswers();
    void badOptions_data();
    void badOptions();
};

void TestCli::listensAndAnswers()
{
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral(GR_LOCAL_BINARY),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--region"),
             QStringLiteral("eu-west-1"), QStringLiteral("--account"),
             QStringLiteral("210987654321"), QStringLiteral("--access-key"),
             QStringLiteral("AKIAONE:secret-one"), QStringLiteral("--access-key"),
             QStringLiteral("AKIATWO:secret-two"), QStringLiteral("--state"),
             dir.filePath(QStringLiteral("s.json")), QStringLiteral("--quotas"),
             QStringLiteral("--faults"), QStringLiteral("ListStages:latency=1"),
             QStringLiteral("--time-scale"), QStringLiteral("10")});
    QVERIFY(p.waitForReadyRead(10000));
    const QByteArray line = p.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    p.terminate();
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitCode(), 0);
}

void TestCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                          << "--port must be a number";
    QTest::newRow("host") << QStringList{QStringLiteral("--host"), QStringLiteral("localhost.nope")}
                          << "--host 'localhost.nope' is not an IP address";
    QTest::newRow("account") << QStringList{QStringLiteral("--account"), QStringLiteral("123")}
                             << "--account must be 12 digits";
    QTest::newRow("access key") << QStringList{QStringLiteral("--access-key"),
                                               QStringLiteral("nocolon")}
                                << "--access-key must be ID:SECRET";
    QTest::newRow("time scale") << QStringList{QStringLiteral("--time-scale"), QStringLiteral("-1")}
                                << "--time-scale must be a positive number";
    QTest::newRow("faults") << QStringList{QStringLiteral("--faults"),
                                           QStringLiteral("ListStages:503=7")}
                            << "a probability from 0 to 1";
    // A --state path that cannot be written is refused at start, not after the first write.
    QTest::newRow("unwritable state")
        << QStringList{QStringLiteral("--state"), QStringLiteral("/nonexistent-folder/s.json")}
        << "cannot create /nonexistent-folder/s.json.tmp";
    QTest::newRow("tls half") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("c.pem")}
                              << "HTTPS needs both a certificate and a key";
    QTest::newRow("tls missing") << QStringList{QStringLiteral("--tls-cert"),
                                                QStringLiteral("/nonexistent.pem"),
                                                QStringLiteral("--tls-key"),
                                                QStringLiteral("/nonexistent.key")}
                                 << "cannot read /nonexistent.pem";
}

void TestCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QProcess p;
    p.start(QStringLiteral(GR_LOCAL_BINARY),
            QStringList{QStringLiteral("--port"), QStringLiteral("0")} + args);
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(p.exitCode() != 0);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
