// The Find dialog: typing a user id lists where that user is; Enter picks the first and emits
// its stage, session and participant. Screenshot: test-output/screenshots/find.png.
#include "localharness.h"
#include "models/findmodel.h"
#include "ui/finddialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

using namespace gr;

class TestFind : public QObject
{
    Q_OBJECT
private slots:
    void typeAndJump()
    {
        GR_LOCAL_STAGE(h, stage, "main-stage");
        const auto carla = h.join(stage, QStringLiteral("carla"), true);
        h.join(stage, QStringLiteral("dmitri"), false);

        FindDialog dialog(h.client());
        dialog.model()->setDebounceMs(20);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.queryField(), QStringLiteral("carla"));
        QVERIFY(QTest::qWaitFor(
            [&] { return dialog.model()->rowCount() == 1 && !dialog.model()->isSearching(); },
            10000));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))
                    ->text()
                    .contains(QStringLiteral("1 found")));
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
        QVERIFY(dialog.grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/find.png")));

        QSignalSpy chosen(&dialog, &FindDialog::chosen);
        QTest::keyClick(dialog.queryField(), Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toInt(), int(FindModel::Kind::Participant));
        QCOMPARE(chosen.first().at(1).toString(), stage);
        QCOMPARE(chosen.first().at(2).toString(), carla.sessionId);
        QCOMPARE(chosen.first().at(3).toString(), carla.participantId);
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestFind)
#include "tst_find.moc"
