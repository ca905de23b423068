// The window's tools: Find (Ctrl+K), Check a token and Export session. Each works from what is
// shown; nothing here waits on the network or the disk on the GUI thread.
#include "ui/mainwindow.h"

#include "aws/awsclient.h"
#include "models/findmodel.h"
#include "models/sessionexport.h"
#include "models/sessionloader.h"
#include "models/sessiontopup.h"
#include "models/stagetreemodel.h"
#include "ui/exportresult.h"
#include "ui/finddialog.h"
#include "ui/listpage.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"
#include "ui/tokencheckdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSet>
#include <QStatusBar>
#include <QtConcurrent>

namespace gr::ui
{

FindDialog *MainWindow::openFind()
{
    if (!m_connection)
        return nullptr;
    // Ctrl+K again brings the open dialog forward, its query focused, rather than a second one.
    if (auto *open = findChild<FindDialog *>(QString(), Qt::FindDirectChildrenOnly);
        open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        open->queryField()->setFocus(Qt::ShortcutFocusReason);
        open->queryField()->selectAll();
        return open;
    }
    auto *dialog = new FindDialog(m_connection->client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Sessions that rotated out are found where the session pages cached them.
    dialog->model()->setSessionCache(SessionAnalysis::sessionCache(),
                                     SessionAnalysis::cacheKey(m_connection));
    // Stage names match from the tree's stages as they are typed, with no request.
    dialog->model()->setKnownStages([tree = QPointer<models::StageTreeModel>(m_treeModel)] {
        QList<QPair<QString, QString>> stages;
        for (int row = 0; tree && row < tree->rowCount(); ++row) {
            const QModelIndex stage = tree->index(row, 0);
            stages.append(
                {tree->stageArn(stage), tree->json(stage).value(QLatin1String("name")).toString()});
        }
        return stages;
    });
    connect(dialog, &FindDialog::chosen, this,
            [this, dialog](int kind, const QString &stageArn, const QString &sessionId,
                           const QString &participantId) {
                const bool shown = kind == 0 ? showStage(stageArn, stageName(stageArn))
                                             : showSession(stageArn, sessionId, participantId);
                if (shown)
                    dialog->close();
            });
    // The connection may go while the dialog is open: the dialog goes with it.
    connect(m_connection, &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

TokenCheckDialog *MainWindow::openTokenCheck()
{
    auto *dialog = new TokenCheckDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString stageArn;
    if (SessionPage *session = sessionPage())
        stageArn = session->scope().stageArn;
    else if (ListPage *page = listPage(); page && !page->scope().stageArn.isEmpty())
        stageArn = page->scope().stageArn;
    else if (ListPage *stages = listPage(); stages && stages->kind().kind == models::Kind::Stage)
        stageArn = stages->selectedKey();
    if (!stageArn.isEmpty())
        dialog->setExpectedStage(stageArn);
    dialog->show();
    if (!m_connection)
        return dialog;
    // Greenroom's local service publishes the key it signs tokens with; AWS does not (a token
    // from AWS is checked against a public key you import for a customer-managed key pair).
    aws::AwsRequest request;
    request.operation = QStringLiteral("SigningKey");
    request.method = "GET";
    request.path = "/__greenroom/signing-key";
    request.hasBody = false;
    aws::AwsCall *call = m_connection->transport()->send(request);
    QPointer<TokenCheckDialog> target(dialog);
    connect(call, &aws::AwsCall::finished, dialog, [call, target] {
        call->deleteLater();
        if (!target)
            return;
        const QString pem = QJsonDocument::fromJson(call->body())
                                .object()
                                .value(QLatin1String("publicKey"))
                                .toString();
        if (call->ok() && pem.startsWith(QLatin1String("-----BEGIN"))) {
            target->setPublicKey(pem.toLatin1());
            target->setWindowTitle(tr("Check a participant token — signature checked against "
                                      "the local service's key"));
        } else {
            target->setWindowTitle(tr("Check a participant token — this service does not "
                                      "publish its signing key: paste a public key to check "
                                      "the signature"));
        }
    });
    return dialog;
}

void MainWindow::connectSessionTools(SessionPage *page)
{
    connect(page, &SessionPage::exportRequested, this, &MainWindow::askExportSession);
    // Queued: opening another session deletes this page, which is still emitting.
    connect(
        page, &SessionPage::sessionRequested, this,
        [this](const QString &stageArn, const QString &sessionId, const QString &participantId) {
            showSession(stageArn, sessionId, participantId);
        },
        Qt::QueuedConnection);
}

void MainWindow::askExportSession()
{
    QString stageArn, sessionId;
    if (SessionPage *session = sessionPage()) {
        stageArn = session->scope().stageArn;
        sessionId = session->scope().sessionId;
    } else if (ListPage *page = listPage(); page && page->kind().kind == models::Kind::Session &&
                                            !page->selectedKey().isEmpty()) {
        stageArn = page->scope().stageArn;
        sessionId = page->selectedKey();
    }
    if (sessionId.isEmpty()) {
        QMessageBox::information(this, tr("Export session"),
                                 tr("Open a session, or select one in a stage's sessions, "
                                    "then export it."));
        return;
    }
    const QString parent = QFileDialog::getExistingDirectory(
        this, tr("Folder for the incident bundle of session %1").arg(sessionId));
    if (parent.isEmpty())
        return;
    const QString directory = QDir(parent).filePath(QStringLiteral("greenroom-%1").arg(sessionId));
    exportSession(stageArn, sessionId, directory,
                  [this, sessionId, directory](const aws::Expected<void> &result) {
                      showExportResult(this, statusBar(), sessionId, directory, result);
                  });
}

void MainWindow::exportSession(const QString &stageArn, const QString &sessionId,
                               const QString &directory, Done done)
{
    if (!m_connection) {
        if (done)
            done(aws::failure(aws::AwsError::Kind::Invalid, tr("Not connected.")));
        return;
    }
    auto *progress = new QProgressDialog(tr("Loading the events of session %1…").arg(sessionId),
                                         tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export session"));
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto finish = std::make_shared<Done>(std::move(done));
    auto report = [progress, finish](const aws::Expected<void> &result) {
        // Closing a progress dialog emits canceled(): the outcome is already decided.
        QObject::disconnect(progress, &QProgressDialog::canceled, nullptr, nullptr);
        progress->close();
        if (*finish)
            (*finish)(result);
        *finish = nullptr;
    };
    // The report names the stage as the tree knows it (the ARN alone says little to a reader).
    auto write = [progress, directory, report,
                  name = stageName(stageArn)](const SessionStore &loaded) {
        progress->setLabelText(QObject::tr("Writing the bundle to %1…").arg(directory));
        progress->setRange(0, 0);
        progress->setCancelButton(nullptr); // each file is written whole or not at all
        auto store = std::make_shared<SessionStore>(loaded);
        auto *watcher = new QFutureWatcher<aws::Expected<void>>(progress);
        QObject::connect(watcher, &QFutureWatcher<aws::Expected<void>>::finished, progress,
                         [watcher, report] { report(watcher->result()); });
        watcher->setFuture(QtConcurrent::run([store, directory, name] {
            return sessionexport::writeBundle(*store, directory, name);
        }));
    };

    // The session page already holds this session's events (or is loading them): the bundle
    // is made from them, and of a live session only what is newer is asked for.
    SessionLoader *shown = nullptr;
    if (SessionPage *page = sessionPage(); page && page->analysis() &&
                                           page->scope().stageArn == stageArn &&
                                           page->scope().sessionId == sessionId)
        shown = page->analysis()->loader();
    const bool loaded = shown && !shown->isRunning() && shown->store().stageArn == stageArn &&
                        shown->store().sessionId == sessionId;
    if (loaded && shown->store().isFinished()) {
        write(shown->store()); // a finished session does not change: no request at all
        return;
    }
    if (loaded) {
        // Live: the participants listed once, events only of those who changed since.
        auto *topUp = new SessionTopUp(m_connection->client(), shown->store(), progress);
        connect(progress, &QProgressDialog::canceled, topUp, [topUp, report] {
            topUp->cancel();
            report(aws::failure(aws::AwsError::Kind::Cancelled,
                                QObject::tr("Export cancelled: nothing was written.")));
        });
        connect(topUp, &SessionTopUp::failed, progress, [report](aws::AwsError error) {
            error.message =
                QObject::tr("Could not bring the session up to date: %1").arg(error.message);
            report(error);
        });
        connect(topUp, &SessionTopUp::finished, progress,
                [topUp, write] { write(topUp->store()); });
        topUp->start();
        return;
    }
    // A loader's progress and failure shown, Cancel stopping `stop` (or only the waiting), and
    // the bundle written from its store when it finishes (once: a page's loader follows on).
    auto watch = [progress, report, write](SessionLoader *loader, bool stopOnCancel) {
        connect(progress, &QProgressDialog::canceled, progress,
                [report, loader = QPointer<SessionLoader>(loader), stopOnCancel] {
                    if (loader && stopOnCancel)
                        loader->cancel();
                    report(aws::failure(aws::AwsError::Kind::Cancelled,
                                        QObject::tr("Export cancelled: nothing was written.")));
                });
        connect(loader, &SessionLoader::progress, progress, [progress](int doneCount, int known) {
            progress->setRange(0, qMax(1, known));
            progress->setValue(doneCount);
        });
        connect(loader, &SessionLoader::failed, progress, [report](aws::AwsError error) {
            error.message = QObject::tr("Could not load the session: %1").arg(error.message);
            report(error); // type, status and request id kept for the details
        });
        connect(loader, &SessionLoader::finished, progress, [write, loader, progress] {
            QObject::disconnect(loader, nullptr, progress, nullptr);
            write(loader->store());
        });
    };
    if (shown && shown->isRunning()) {
        // The page is loading it now: the bundle waits for that, rather than a second load;
        // Cancel stops the waiting, not the page's loading.
        watch(shown, false);
        return;
    }
    auto *loader = new SessionLoader(m_connection->client(), progress);
    watch(loader, true);
    loader->start(stageArn, sessionId);
}

void MainWindow::showShortcuts()
{
    QString rows;
    QSet<const QAction *> listed; // an action in two menus (New: File and Edit) is listed once
    for (QAction *top : menuBar()->actions()) {
        const QMenu *menu = top->menu();
        if (!menu)
            continue;
        for (const QAction *action : menu->actions()) {
            if (action->shortcut().isEmpty() || listed.contains(action))
                continue;
            listed.insert(action);
            rows += QStringLiteral("<tr><td>%1 › %2</td><td>&nbsp;&nbsp;<b>%3</b></td></tr>")
                        .arg(QString(top->text()).remove(QLatin1Char('&')).toHtmlEscaped(),
                             QString(action->text()).remove(QLatin1Char('&')).toHtmlEscaped(),
                             action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
        }
    }
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"),
                    QStringLiteral("<table>%1</table><p>%2</p>")
                        .arg(rows, tr("In lists: Enter opens the row, Delete removes it (after "
                                      "asking), Ctrl+F filters, Ctrl+C copies its ARN or id.")),
                    QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

} // namespace gr::ui
