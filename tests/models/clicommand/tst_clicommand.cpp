// awsCliCommand: operation and option names as the AWS CLI spells them, values quoted for a
// shell, booleans, lists, maps, pagination options, context options. The quoting is checked by
// a real shell: /bin/sh must split the line back into the original words.
#include "models/clicommand.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

using gr::ivs::Operation;

class TestCliCommand : public QObject
{
    Q_OBJECT
private slots:
    void names()
    {
        QCOMPARE(kebabCase(QStringLiteral("ListParticipantEvents")),
                 QStringLiteral("list-participant-events"));
        QCOMPARE(kebabCase(QStringLiteral("stageArn")), QStringLiteral("stage-arn"));
        QCOMPARE(kebabCase(QStringLiteral("filterByUserId")), QStringLiteral("filter-by-user-id"));
        QCOMPARE(kebabCase(QStringLiteral("resourceArn")), QStringLiteral("resource-arn"));
        QCOMPARE(kebabCase(QStringLiteral("s3")), QStringLiteral("s3"));
    }

    void listParticipantEvents()
    {
        const QString line =
            awsCliCommand(Operation::ListParticipantEvents,
                          {{QStringLiteral("stageArn"),
                            QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/abcd")},
                           {QStringLiteral("sessionId"), QStringLiteral("st-1")},
                           {QStringLiteral("participantId"), QStringLiteral("p-1")},
                           {QStringLiteral("maxResults"), 50},
                           {QStringLiteral("nextToken"), QStringLiteral("tok==")}},
                          {QStringLiteral("eu-west-1"), QStringLiteral("prod"), {}});
        QCOMPARE(line, QStringLiteral("aws ivs-realtime list-participant-events --page-size 50 "
                                      "--starting-token tok== --participant-id p-1 "
                                      "--session-id st-1 --stage-arn "
                                      "arn:aws:ivs:us-east-1:123456789012:stage/abcd "
                                      "--region eu-west-1 --profile prod"));
    }

    void valuesOfEveryKind()
    {
        const QString line = awsCliCommand(
            Operation::CreateParticipantToken,
            {{QStringLiteral("stageArn"), QStringLiteral("arn:aws:ivs:us-east-1:1:stage/x")},
             {QStringLiteral("userId"), QStringLiteral("O'Brien & co")},
             {QStringLiteral("duration"), 60},
             {QStringLiteral("capabilities"),
              QJsonArray{QStringLiteral("PUBLISH"), QStringLiteral("SUBSCRIBE")}},
             {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("role"), "host"}}}},
            {{}, {}, QStringLiteral("http://127.0.0.1:4566")});
        QVERIFY(line.startsWith(QStringLiteral("aws ivs-realtime create-participant-token ")));
        QVERIFY(line.contains(QStringLiteral("--capabilities PUBLISH SUBSCRIBE")));
        QVERIFY(line.contains(QStringLiteral("--duration 60")));
        QVERIFY(line.contains(QStringLiteral("--attributes '{\"role\":\"host\"}'")));
        QVERIFY(line.endsWith(QStringLiteral("--endpoint-url http://127.0.0.1:4566")));
        // A POSIX shell reads the quoted words back exactly.
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("printf '%s\\n' ") + line});
        QVERIFY(sh.waitForFinished(5000));
        const QStringList words = QString::fromUtf8(sh.readAllStandardOutput())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(words.contains(QStringLiteral("O'Brien & co")));
        QVERIFY(words.contains(QStringLiteral("{\"role\":\"host\"}")));

        const QString flags = awsCliCommand(Operation::ListParticipants,
                                            {{QStringLiteral("stageArn"), QStringLiteral("a")},
                                             {QStringLiteral("sessionId"), QStringLiteral("s")},
                                             {QStringLiteral("filterByPublished"), false}});
        QVERIFY(flags.contains(QStringLiteral("--no-filter-by-published")));
        // Not paginated: maxResults keeps its own name.
        QVERIFY(!awsCliCommand(Operation::GetStage, {{QStringLiteral("arn"), QStringLiteral("a")}})
                     .contains(QStringLiteral("page-size")));
        QCOMPARE(awsCliCommand(Operation::GetStage, {{QStringLiteral("arn"), QStringLiteral("a")}}),
                 QStringLiteral("aws ivs-realtime get-stage --arn a"));
    }
};

QTEST_GUILESS_MAIN(TestCliCommand)
#include "tst_clicommand.moc"
