// Connection identity: defaults from the name (stable colour, production when it says so),
// kept in QSettings per connection (names with '/' and ':' too), forgotten on request; the
// badge and the editor dialog. Screenshots of the badges and the editor in both themes.

#include "ui/connectionidentity.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace gr::ui;

class TestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("GreenroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_identity"));
        m_file = QDir::temp().filePath(
            QStringLiteral("tst_identity-%1.ini").arg(QCoreApplication::applicationPid()));
        QFile::remove(m_file);
    }
    void cleanupTestCase() { QFile::remove(m_file); }

    void defaultsComeFromTheName()
    {
        const ConnectionIdentity staging =
            ConnectionIdentity::defaultsFor(QStringLiteral("staging"));
        QCOMPARE(staging.label, QStringLiteral("staging"));
        QVERIFY(!staging.production);
        QVERIFY(staging.color.isValid());
        QCOMPARE(ConnectionIdentity::defaultsFor(QStringLiteral("staging")).color, staging.color);
        QVERIFY(ConnectionIdentity::defaultsFor(QStringLiteral("eu-Prod")).production);
        QVERIFY(ConnectionIdentity::defaultsFor(QStringLiteral("production")).production);
        // Several names do not all get one colour.
        QSet<QRgb> colors;
        for (const char *name : {"a", "b", "c", "dev", "test", "staging", "prod", "local"})
            colors.insert(ConnectionIdentity::defaultsFor(QLatin1String(name)).color.rgb());
        QVERIFY(colors.size() >= 4);
    }

    void keptPerConnectionInSettings()
    {
        QSettings settings(m_file, QSettings::IniFormat);
        ConnectionIdentityStore store(&settings);
        const QString name = QStringLiteral("AWS profile: live/eu");
        QCOMPARE(store.identity(name).label, name); // nothing saved yet

        ConnectionIdentity live = store.identity(name);
        live.label = QStringLiteral("LIVE EU");
        live.color = QColor(0xc62828);
        live.production = true;
        store.save(live);
        store.save(ConnectionIdentity::defaultsFor(QStringLiteral("AWS profile: live")));
        settings.sync();

        QSettings reread(m_file, QSettings::IniFormat);
        const ConnectionIdentity back = ConnectionIdentityStore(&reread).identity(name);
        QCOMPARE(back.label, QStringLiteral("LIVE EU"));
        QCOMPARE(back.color, QColor(0xc62828));
        QVERIFY(back.production);
        // The name's '/' did not become a settings group shared with another connection.
        QCOMPARE(
            ConnectionIdentityStore(&reread).identity(QStringLiteral("AWS profile: live")).label,
            QStringLiteral("AWS profile: live"));

        // A production flag cleared by the user stays cleared, even for a "prod" name.
        ConnectionIdentity prod = ConnectionIdentity::defaultsFor(QStringLiteral("prod"));
        prod.production = false;
        store.save(prod);
        QVERIFY(!store.identity(QStringLiteral("prod")).production);

        // Nonsense in the file falls back to the defaults, field by field.
        settings.setValue(QStringLiteral("connections/prod/color"), QStringLiteral("not a colour"));
        QCOMPARE(store.identity(QStringLiteral("prod")).color,
                 ConnectionIdentity::defaultsFor(QStringLiteral("prod")).color);

        store.forget(name);
        QCOMPARE(store.identity(name).label, name);
        QVERIFY(!store.identity(name).production);
        QCOMPARE(store.identity(QStringLiteral("AWS profile: live")).color,
                 ConnectionIdentity::defaultsFor(QStringLiteral("AWS profile: live")).color);
    }

    void titleAndBadgeSayProduction()
    {
        ConnectionIdentity identity = ConnectionIdentity::defaultsFor(QStringLiteral("prod-us"));
        QCOMPARE(identity.windowTitle(QStringLiteral("Greenroom")),
                 QStringLiteral("Greenroom — prod-us [production]"));
        ConnectionBadge badge;
        badge.setIdentity(identity);
        QVERIFY(badge.text().contains(QStringLiteral("PRODUCTION")));
        QVERIFY(badge.accessibleName().contains(QStringLiteral("production")));
        identity.production = false;
        badge.setIdentity(identity);
        QCOMPARE(badge.text(), QStringLiteral("prod-us"));
        QCOMPARE(identity.windowTitle(QStringLiteral("Greenroom")),
                 QStringLiteral("Greenroom — prod-us"));
    }

    void editorDialog()
    {
        ConnectionIdentityDialog dialog(ConnectionIdentity::defaultsFor(QStringLiteral("staging")));
        auto *label = dialog.findChild<QLineEdit *>(QStringLiteral("label"));
        auto *production = dialog.findChild<QCheckBox *>(QStringLiteral("production"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(label && production && ok);
        label->clear();
        QVERIFY(!ok->isEnabled()); // an empty label would say nothing in the title bar
        QTest::keyClicks(label, QStringLiteral("Staging EU"));
        QVERIFY(ok->isEnabled());
        // Ticking Production does not make the dialog grow under the mouse.
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QSize before = dialog.size();
        production->setChecked(true);
        QCoreApplication::processEvents();
        QCOMPARE(dialog.sizeHint().width() <= before.width(), true);
        QCOMPARE(dialog.size(), before);
        dialog.hide();
        const ConnectionIdentity edited = dialog.identity();
        QCOMPARE(edited.label, QStringLiteral("Staging EU"));
        QVERIFY(edited.production);
        QCOMPARE(edited.connectionName, QStringLiteral("staging"));

        for (const ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            Theme::instance()->apply(scheme);
            dialog.show();
            QWidget strip;
            auto *row = new QHBoxLayout(&strip);
            for (const char *name : {"local", "staging", "prod-eu", "dev"}) {
                auto *badge = new ConnectionBadge;
                badge->setIdentity(ConnectionIdentity::defaultsFor(QLatin1String(name)));
                row->addWidget(badge);
            }
            strip.setAutoFillBackground(true);
            strip.show();
            QCoreApplication::processEvents();
            const QString suffix =
                scheme == ColorScheme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
            QDir().mkpath(QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots"));
            QVERIFY(dialog.grab().save(
                QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/identity-editor-%1.png")
                    .arg(suffix)));
            QVERIFY(strip.grab().save(
                QStringLiteral(GR_TEST_OUTPUT_DIR "/screenshots/identity-badges-%1.png")
                    .arg(suffix)));
        }
        Theme::instance()->apply(ColorScheme::System);
    }

private:
    QString m_file;
};

QTEST_MAIN(TestIdentity)
#include "tst_identity.moc"
