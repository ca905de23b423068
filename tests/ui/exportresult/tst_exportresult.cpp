// Export session… through the window on the local service: the user picks a folder, and when
// the bundle is written a box names the folder and offers Show folder (which opens it through
// QDesktopServices); exporting again into the same place fails in words that name the folder
// and why, with the raw error under Details. Screenshots in
// test-output/screenshots/export-result-*.png.
#include "localconnection.h"
#include "localharness.h"
#include "screenshot.h"
#include "ui/exportresult.h"
#include "ui/sessionpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
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
            // Typed as the user would: the path in the name field (a selection made through the
            // dialog's file model would land once the model has read the folder, too late).
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            if (!name)
                return;
            answered = true;
            dialog->setDirectory(parent);
            name->setText(parent);
            QVERIFY(dialog->selectedFiles() == QStringList{parent});
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

    // No file manager on this desktop (the opener refuses): the box stays, says so, shows the
    // folder's path selectable and offers to copy it.
    void showFolderWithoutAFileManager()
    {
        QTemporaryDir folder;
        QWidget parent;
        parent.resize(600, 400);
        parent.show();
        QList<QUrl> asked;
        QMessageBox *box =
            ui::showExportResult(&parent, nullptr, QStringLiteral("st-Session1"), folder.path(),
                                 aws::Expected<void>::success(), [&asked](const QUrl &url) {
                                     asked << url;
                                     return false;
                                 });
        QVERIFY(box);
        QVERIFY(QTest::qWaitForWindowExposed(box));
        auto *show = box->findChild<QPushButton *>(QStringLiteral("showFolder"));
        QVERIFY(show);
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(asked, QList<QUrl>{QUrl::fromLocalFile(folder.path())});
        QTest::qWait(50);
        QVERIFY2(box->isVisible(), "the box closed without saying the folder did not open");
        const QString path = QDir::toNativeSeparators(folder.path());
        QCOMPARE(box->informativeText(),
                 QStringLiteral("Could not open a file manager: the folder is ") + path);
        QVERIFY(box->textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(show->text(), QStringLiteral("Copy path"));
        shoot(box, QStringLiteral("export-result-no-file-manager.png"));
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), path);
        QCOMPARE(asked.size(), 1); // copied, not opened again
        QVERIFY(box->isVisible());
        box->close();
    }
};

QTEST_MAIN(TestExportResult)
#include "tst_exportresult.moc"
