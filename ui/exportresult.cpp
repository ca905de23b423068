#include "ui/exportresult.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

namespace gr::ui
{

QMessageBox *showExportResult(QWidget *parent, QStatusBar *status, const QString &sessionId,
                              const QString &directory, const aws::Expected<void> &result,
                              const std::function<bool(const QUrl &)> &open)
{
    const QString shown = QDir::toNativeSeparators(directory);
    if (!result && result.error().kind == aws::AwsError::Kind::Cancelled) {
        if (status)
            status->showMessage(result.error().message, 10000);
        return nullptr;
    }
    auto *box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("exportResult"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(QObject::tr("Export session"));
    if (result) {
        box->setIcon(QMessageBox::Information);
        box->setText(QObject::tr("The incident bundle of session %1 is written.").arg(sessionId));
        box->setInformativeText(
            QObject::tr("In %1: the session, participants, events and findings as JSON and "
                        "CSV, the report (report.html) with the timeline picture, and the request "
                        "ids; no secret.")
                .arg(shown));
        QPushButton *show = box->addButton(QObject::tr("Show folder"), QMessageBox::ActionRole);
        show->setObjectName(QStringLiteral("showFolder"));
        // The box closes itself only once the folder opened: without a file manager it stays,
        // says so and shows the path to copy.
        if (auto *buttons = box->findChild<QDialogButtonBox *>())
            QObject::disconnect(show, &QAbstractButton::clicked, buttons, nullptr);
        QObject::connect(show, &QPushButton::clicked, box, [box, show, directory, shown, open] {
            if (show->property("copiesPath").toBool()) {
                QGuiApplication::clipboard()->setText(shown);
                return;
            }
            const QUrl url = QUrl::fromLocalFile(directory);
            if (open ? open(url) : QDesktopServices::openUrl(url)) {
                box->close();
                return;
            }
            box->setIcon(QMessageBox::Warning);
            box->setInformativeText(
                QObject::tr("Could not open a file manager: the folder is %1").arg(shown));
            box->setTextInteractionFlags(Qt::TextSelectableByMouse);
            show->setText(QObject::tr("Copy path"));
            show->setProperty("copiesPath", true);
        });
        box->addButton(QMessageBox::Close);
        box->setDefaultButton(show);
        if (status)
            status->showMessage(QObject::tr("Incident bundle written to %1").arg(shown), 10000);
    } else {
        const aws::AwsError &error = result.error();
        box->setIcon(QMessageBox::Warning);
        box->setText(QObject::tr("Could not export session %1 to %2.").arg(sessionId, shown));
        // The message names what failed: the folder, the file and why, or the call.
        box->setInformativeText(error.message.isEmpty() ? error.toString() : error.message);
        box->setDetailedText(error.toString()); // the raw text, status and request id
        box->addButton(QMessageBox::Close);
    }
    box->open();
    return box;
}

} // namespace gr::ui
