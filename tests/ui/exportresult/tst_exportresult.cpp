// Export session… through the window on the local service: the user picks a folder, and when
// the bundle is written a box names the folder and offers Show folder (which opens it through
// QDesktopServices); exporting again into the same place fails in words that name the folder
// and why, with the raw error under Details. Screenshots in
// test-output/screenshots/export-result-*.png.
#include "localconnection.h"
#include "localharness.h"
#include "screenshot.h"
#include "ui/sessionpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gr;

// Stands in for the desktop's file manager: what Show folder asked to open.
class OpenedUrls : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls << url; }
};

class TestExportResult : public QObject
{
    Q_OBJECT

    // Clicks Export session… and answers the folder dialog with `parent`; the result box.
    QMessageBox *exportInto(ui::MainWindow &window, const QString &parent)
    {
        bool answered = false;
        QTimer chooser;
        connect(&chooser, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            if (!dialog || answered)
                return;
            answered = true;
            dialog->setDirectory(parent);
            dialog->selectFile(parent);
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog's is protected
        });
        chooser.start(50);
        auto *button = qobject_cast<QPushButton *>(window.sessionPage()->tabs()->cornerWidget());
        if (!button)
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        QMessageBox *box = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                box = window.findChild<QMessageBox *>(QStringLiteral("exportResult"));
                return box && box->isVisible();
            },
            20000);
        return answered && shown ? box : nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setAttribute(Qt::AA_DontUseNativeDialogs); // a dialog the test can answer
    }

    void showFolderAndNamedFailure()
    {
        GR_LOCAL_STAGE(h, stage, "export-result");
        const auto alice = h.join(stage, QStringLiteral("alice"), true);
        LocalConsole window(h.service()->url(), QSize(1300, 800));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(stage, alice.sessionId));
        OpenedUrls opened;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &opened, "open");

        QTemporaryDir parent;
        QMessageBox *box = exportInto(window, parent.path());
        QVERIFY2(box, "no box after the export");
        const QString folder =
            QDir(parent.path()).filePath(QStringLiteral("greenroom-%1").arg(alice.sessionId));
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("report.html"))));
        QCOMPARE(box->icon(), QMessageBox::Information);
        QVERIFY2(box->informativeText().contains(QDir::toNativeSeparators(folder)),
                 qPrintable(box->informativeText()));
        QVERIFY(window.statusBar()->currentMessage().contains(QDir::toNativeSeparators(folder)));
        auto *show = box->findChild<QPushButton *>(QStringLiteral("showFolder"));
        QVERIFY(show);
        QVERIFY(show->isVisible());
        shoot(box, QStringLiteral("export-result-written.png"));
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(opened.urls.size(), 1);
        QCOMPARE(opened.urls.first(), QUrl::fromLocalFile(folder));
        QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("exportResult")));

        // Again into the same place: the folder is in use, and the box says so by name.
        box = exportInto(window, parent.path());
        QVERIFY2(box, "no box after the failed export");
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QVERIFY2(box->text().contains(QStringLiteral("Could not export")) &&
                     box->text().contains(alice.sessionId),
                 qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(folder) &&
                     box->informativeText().contains(QStringLiteral("not empty")),
                 qPrintable(box->informativeText()));
        QVERIFY(!box->detailedText().isEmpty());
        QVERIFY(!box->findChild<QPushButton *>(QStringLiteral("showFolder")));
        shoot(box, QStringLiteral("export-result-failed.png"));
        box->close();
        QCOMPARE(opened.urls.size(), 1);
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    }
};

QTEST_MAIN(TestExportResult)
#include "tst_exportresult.moc"
