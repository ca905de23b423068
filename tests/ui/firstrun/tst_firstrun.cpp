// First run: the welcome page (says local service and demo data, offers what to try, how to
// connect; its buttons signal), and the Connect dialog over real profile files in a temporary
// home: usable profiles selectable, unusable ones with the reason, a malformed file with its
// name and line. Screenshots in both themes.

#include "screenshot.h"
#include "ui/connectdialog.h"
#include "ui/theme.h"
#include "ui/welcomepage.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace gr;
using namespace gr::ui;

namespace
{

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

// `name`-light.png and `name`-dark.png: the widget in each theme.
void screenshot(QWidget *widget, const QString &name)
{
    for (const ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
        Theme::instance()->apply(scheme);
        QCoreApplication::processEvents();
        shoot(widget, QStringLiteral("%1-%2.png")
                          .arg(name, scheme == ColorScheme::Dark ? QStringLiteral("dark")
                                                                 : QStringLiteral("light")));
    }
    Theme::instance()->apply(ColorScheme::System);
}

QTreeWidgetItem *row(QTreeWidget *list, const QString &profile)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == profile)
            return list->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT

private slots:
    void welcomePage()
    {
        WelcomePage page;
        page.resize(900, 620);
        page.show();
        auto *intro = page.findChild<QLabel *>(QStringLiteral("intro"));
        QVERIFY(intro->text().contains(QStringLiteral("local")));
        QVERIFY(intro->text().contains(QStringLiteral("demo data")));
        auto *problem = page.findChild<QLabel *>(QStringLiteral("configurationProblem"));
        QVERIFY(!problem->isVisibleTo(&page));

        const QList<QPair<const char *, void (WelcomePage::*)()>> buttons = {
            {"tryStages", &WelcomePage::stagesRequested},
            {"tryLive", &WelcomePage::liveRequested},
            {"tryEvents", &WelcomePage::eventsRequested},
            {"tryCreateStage", &WelcomePage::createStageRequested},
            {"connectToAws", &WelcomePage::connectRequested},
        };
        for (const auto &[name, signal] : buttons) {
            QSignalSpy spy(&page, signal);
            auto *button = page.findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(button, name);
            QVERIFY(!button->icon().isNull());
            QTest::mouseClick(button, Qt::LeftButton);
            QCOMPARE(spy.count(), 1);
        }
        screenshot(&page, QStringLiteral("welcome"));

        // A short page (the docks take the window's lower half): no paragraph is squeezed
        // below the height its wrapped text needs (the walkthrough read half-cut second lines);
        // the page scrolls instead.
        page.resize(660, 470);
        QTest::qWait(50);
        for (QLabel *label : page.findChildren<QLabel *>()) {
            if (!label->wordWrap() || !label->isVisibleTo(&page) || label->text().isEmpty())
                continue;
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1 px of %2 for \"%3\"")
                                    .arg(label->height())
                                    .arg(label->heightForWidth(label->width()))
                                    .arg(label->text().left(40))));
        }
        screenshot(&page, QStringLiteral("welcome-short"));

        page.setConfigurationProblem(QStringLiteral("/home/u/.aws/config:7: section header is "
                                                    "missing its closing ']'"));
        QVERIFY(problem->isVisibleTo(&page));
        QVERIFY(problem->text().contains(QStringLiteral("config:7:")));
        page.setConfigurationProblem(QString());
        QVERIFY(!problem->isVisibleTo(&page));
    }

    void connectDialogListsProfilesAndWhyNot()
    {
        QTemporaryDir home;
        write(home.filePath(QStringLiteral(".aws/config")),
              "[default]\nregion = eu-west-1\n\n"
              "[profile staging]\nregion = us-east-1\n\n"
              "[profile noregion]\n\n"
              "[profile halfkeys]\nregion = us-west-2\n\n"
              "[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/x\n");
        write(home.filePath(QStringLiteral(".aws/credentials")),
              "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n"
              "[staging]\naws_access_key_id = AKIASTAGING\naws_secret_access_key = s2\n"
              "[noregion]\naws_access_key_id = AKIANOREGION\naws_secret_access_key = s3\n"
              "[halfkeys]\naws_access_key_id = AKIAHALF\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), home.path());
        const aws::ProfileResolver resolver(env, home.path());

        ConnectDialog dialog(resolver);
        QSignalSpy surveyed(&dialog, &ConnectDialog::surveyed);
        dialog.show();
        QVERIFY(surveyed.wait(5000)); // read on a worker thread, then filled in
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("profiles"));
        auto *connect = dialog.findChild<QPushButton *>(QStringLiteral("connect"));
        QCOMPARE(list->topLevelItemCount(), 5);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))
                    ->text()
                    .startsWith(QStringLiteral("5 profiles found, 2 usable, in ")));

        QCOMPARE(row(list, QStringLiteral("staging"))->text(1), QStringLiteral("us-east-1"));
        QVERIFY(row(list, QStringLiteral("noregion"))->text(2).contains(QStringLiteral("region")));
        QVERIFY(row(list, QStringLiteral("halfkeys"))
                    ->text(2)
                    .contains(QStringLiteral("aws_secret_access_key")));
        QVERIFY(
            row(list, QStringLiteral("role"))->text(2).contains(QStringLiteral("source_profile")));

        // The first usable profile is selected; an unusable one cannot be connected to.
        QCOMPARE(dialog.selectedProfile(), QStringLiteral("default"));
        QVERIFY(connect->isEnabled());
        list->setCurrentItem(row(list, QStringLiteral("halfkeys")));
        QVERIFY(!connect->isEnabled());
        QVERIFY(dialog.selectedProfile().isEmpty());
        screenshot(&dialog, QStringLiteral("connect-dialog"));
        list->setCurrentItem(row(list, QStringLiteral("staging")));
        QVERIFY(connect->isEnabled());
        QTest::mouseClick(connect, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.selectedProfile(), QStringLiteral("staging"));
    }

    void malformedFileIsNamedWithItsLine()
    {
        QTemporaryDir home;
        write(home.filePath(QStringLiteral(".aws/config")),
              "[default]\nregion = eu-west-1\n\n[profile broken\nregion = x\n");
        QProcessEnvironment env;
        const aws::ProfileResolver resolver(env, home.path());
        const ProfileSurvey survey = surveyProfiles(resolver);
        QVERIFY2(survey.filesProblem.contains(home.filePath(QStringLiteral(".aws/config:4:"))),
                 qPrintable(survey.filesProblem));

        ConnectDialog dialog(resolver);
        QSignalSpy surveyed(&dialog, &ConnectDialog::surveyed);
        QVERIFY(surveyed.wait(5000));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("status"));
        QVERIFY(status->text().contains(QStringLiteral(".aws/config:4:")));
        QVERIFY(dialog.selectedProfile().isEmpty());
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("connect"))->isEnabled());
        dialog.show();
        screenshot(&dialog, QStringLiteral("connect-dialog-malformed"));
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
