// The demo keeps to its own stages: a stage a user creates, even one named like a demo stage,
// never gets the demo's participants; and with a state file the demo's stages are adopted on
// the next start instead of made again.

#include "localharness.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace gr;

namespace
{

QJsonArray stagesNamed(LocalHarness &h, const QString &name)
{
    QJsonArray found;
    for (const QJsonValue &s :
         h.call(ivs::Operation::ListStages, {{QStringLiteral("maxResults"), 100}})
             .value(QLatin1String("stages"))
             .toArray()) {
        if (s.toObject().value(QLatin1String("name")) == name)
            found.append(s);
    }
    return found;
}

int sessionCount(LocalHarness &h, const QString &stageArn)
{
    return int(h.call(ivs::Operation::ListStageSessions, {{QStringLiteral("stageArn"), stageArn}})
                   .value(QLatin1String("stageSessions"))
                   .toArray()
                   .size());
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
private slots:
    void keepsToItsOwnStages();
    void adoptsItsStagesFromTheStateFile();
};

void TestDemo::keepsToItsOwnStages()
{
    local::LocalServiceOptions options;
    options.demo = true;
    options.timeScale = 20;
    LocalHarness h(options);
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString mine = h.createStage(QStringLiteral("town-hall")); // the demo's name
    const QString demoHall = [&] {
        for (const QJsonValue &s : stagesNamed(h, QStringLiteral("town-hall"))) {
            const QString arn = s.toObject().value(QLatin1String("arn")).toString();
            if (arn != mine)
                return arn;
        }
        return QString();
    }();
    QVERIFY(!demoHall.isEmpty());
    // The demo's town hall gets sessions; the user's does not, however long it runs.
    QTRY_VERIFY_WITH_TIMEOUT(sessionCount(h, demoHall) > 0, 20000);
    QTest::qWait(1500);
    QCOMPARE(sessionCount(h, mine), 0);
}

void TestDemo::adoptsItsStagesFromTheStateFile()
{
    QTemporaryDir dir;
    local::LocalServiceOptions options;
    options.demo = true;
    options.stateFile = dir.filePath(QStringLiteral("state.json"));
    {
        LocalHarness first(options);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(stagesNamed(first, QStringLiteral("town-hall")).size(), 1);
        const auto saved = first.service()->saveState();
        QVERIFY2(saved, qPrintable(saved.message()));
    }
    LocalHarness second(options);
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QCOMPARE(stagesNamed(second, QStringLiteral("town-hall")).size(), 1);
    QCOMPARE(stagesNamed(second, QStringLiteral("quiet-room")).size(), 1);
}

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
