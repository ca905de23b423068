// The typed confirmation of a production connection: the account and region it acts on are
// shown, OK stays disabled until the resource's name is typed exactly, Enter cannot get past a
// mismatch, and ordinary connections are not asked. Screenshots in both themes.

#include "ui/theme.h"
#include "ui/typedconfirmdialog.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

using namespace gr::ui;

namespace
{

const QString kArn = QStringLiteral("arn:aws:ivs:eu-west-1:210987654321:stage/AbCdEf123456");

ConnectionIdentity production()
{
    ConnectionIdentity identity = ConnectionIdentity::defaultsFor(QStringLiteral("live-eu"));
    identity.label = QStringLiteral("LIVE EU");
    identity.color = QColor(0xc62828);
    identity.production = true;
    return identity;
}

} // namespace

class TestTypedConfirm : public QObject
{
    Q_OBJECT

private slots:
    void actionFromArn()
    {
        const DestructiveAction named = DestructiveAction::fromArn(
            QStringLiteral("Delete"), QStringLiteral("stage"), QStringLiteral("main-stage"), kArn);
        QCOMPARE(named.accountId, QStringLiteral("210987654321"));
        QCOMPARE(named.region, QStringLiteral("eu-west-1"));
        QCOMPARE(named.resourceName, QStringLiteral("main-stage"));
        const DestructiveAction unnamed = DestructiveAction::fromArn(
            QStringLiteral("Stop"), QStringLiteral("composition"), QString(),
            QStringLiteral("arn:aws:ivs:us-east-1:123456789012:composition/XyZ987"));
        QCOMPARE(unnamed.resourceName, QStringLiteral("XyZ987"));
        const DestructiveAction garbage =
            DestructiveAction::fromArn(QStringLiteral("Delete"), QStringLiteral("stage"),
                                       QStringLiteral("x"), QStringLiteral("not an arn"));
        QVERIFY(garbage.accountId.isEmpty());
        QVERIFY(garbage.region.isEmpty());
    }

    void okOnlyWhenTheNameIsTyped()
    {
        const DestructiveAction action = DestructiveAction::fromArn(
            QStringLiteral("Delete"), QStringLiteral("stage"), QStringLiteral("main-stage"), kArn);
        TypedConfirmDialog dialog(action, production());
        dialog.show();
        auto *typed = dialog.findChild<QLineEdit *>(QStringLiteral("typedName"));
        auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("confirm"));
        auto *where = dialog.findChild<QLabel *>(QStringLiteral("where"));
        QVERIFY(typed && ok && where);
        QVERIFY(where->text().contains(QStringLiteral("210987654321")));
        QVERIFY(where->text().contains(QStringLiteral("eu-west-1")));
        QCOMPARE(ok->text(), QStringLiteral("Delete stage"));
        QVERIFY(!typed->accessibleName().isEmpty());

        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(typed, QStringLiteral("main-stag"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClick(typed, Qt::Key_Return); // Enter with a mismatch does not confirm
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        for (const ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            Theme::instance()->apply(scheme);
            QCoreApplication::processEvents();
            QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
            QVERIFY(dialog.grab().save(
                QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/typed-confirm-%1.png")
                    .arg(scheme == ColorScheme::Dark ? QStringLiteral("dark")
                                                     : QStringLiteral("light"))));
        }
        Theme::instance()->apply(ColorScheme::System);
        QTest::keyClicks(typed, QStringLiteral("E"));
        QVERIFY(!ok->isEnabled()); // case matters: names are case-sensitive
        typed->clear();
        QTest::keyClicks(typed, QStringLiteral("main-stage"));
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.matches());
        QTest::keyClick(typed, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
    }

    void ordinaryConnectionsAreNotAsked()
    {
        ConnectionIdentity staging = ConnectionIdentity::defaultsFor(QStringLiteral("staging"));
        QVERIFY(!TypedConfirmDialog::required(staging));
        const DestructiveAction action = DestructiveAction::fromArn(
            QStringLiteral("Delete"), QStringLiteral("stage"), QStringLiteral("s"), kArn);
        QVERIFY(TypedConfirmDialog::confirm(nullptr, action, staging)); // no dialog, no wait
        QVERIFY(TypedConfirmDialog::required(production()));

        // On production, confirm() shows the dialog; cancelling refuses.
        QTimer::singleShot(0, [] {
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *dialog = qobject_cast<TypedConfirmDialog *>(w))
                    dialog->reject();
        });
        QVERIFY(!TypedConfirmDialog::confirm(nullptr, action, production()));
    }
};

QTEST_MAIN(TestTypedConfirm)
#include "tst_typedconfirm.moc"
