// The token check dialog: a pasted token's claims and verdict as you type, the token masked on
// screen (the screenshot must not show it) and cleared when the dialog closes.
#include "localharness.h"
#include "sessionplay.h"
#include "ui/tokencheckdialog.h"

#include <QLineEdit>
#include <QtTest>

using namespace gr;

class TestTokenCheck : public QObject
{
    Q_OBJECT
private slots:
    void checksAsYouType()
    {
        GR_LOCAL_STAGE(h, stage, "tokens");
        const QString token =
            play::token(h, stage, QStringLiteral("maria"), {QStringLiteral("SUBSCRIBE")});
        const QByteArray key = play::signingKey(h);

        TokenCheckDialog dialog;
        dialog.setExpectedStage(stage);
        dialog.setPublicKey(key);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
        QVERIFY(field);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QTest::keyClicks(field, token);
        QVERIFY(dialog.resultText().contains(QStringLiteral("Usable")));
        QVERIFY(dialog.resultText().contains(QStringLiteral("maria")));
        QVERIFY(dialog.resultText().contains(QStringLiteral("SUBSCRIBE")));
        QVERIFY(dialog.resultText().contains(QStringLiteral("valid (ES384)")));
        // The expiry in local time, with its zone and how far off it is.
        QVERIFY2(dialog.resultText().contains(QStringLiteral("%1 (in ").arg(
                     QDateTime::currentDateTime().toString(QStringLiteral("t")))),
                 qPrintable(dialog.resultText()));
        QVERIFY(!dialog.resultText().contains(token));
        QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
        QVERIFY(
            dialog.grab().save(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/token-check.png")));

        // One character changed in the signature: not usable, the signature INVALID.
        QString broken = token;
        broken[broken.size() - 5] =
            broken[broken.size() - 5] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        field->setText(broken);
        QVERIFY(dialog.resultText().contains(QStringLiteral("INVALID")));
        // The heading says why, not only that it is not usable.
        QVERIFY2(dialog.resultText().contains(QStringLiteral("Not usable: The signature does not "
                                                             "verify")),
                 qPrintable(dialog.resultText()));
        QVERIFY(dialog.grab().save(
            QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/token-check-invalid.png")));

        dialog.reject();
        QVERIFY(field->text().isEmpty());
    }
};

QTEST_MAIN(TestTokenCheck)
#include "tst_tokencheck.moc"
