// MainWindow's writes: the Administer forms, removing the selected row (confirmed), the
// actions of the lists' context menus, and the calls behind them. After each write everything
// that shows the resource is fetched again (afterWrite).
#include "ui/mainwindow.h"

#include "ivs/ivsclient.h"
#include "ivs/modelvalidator.h"
#include "models/resourcelistmodel.h"
#include "ui/connection.h"
#include "ui/connectionidentity.h"
#include "ui/detailpane.h"
#include "ui/fieldeditors.h"
#include "ui/issuedtokensdialog.h"
#include "ui/listpage.h"
#include "ui/operationdialog.h"
#include "ui/sessionpage.h"
#include "ui/tokendialog.h"
#include "ui/typedconfirmdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QUuid>

namespace gr::ui
{

namespace
{
// What a write came to, for a Done: its output is not wanted, its error is.
aws::Expected<void> outcome(const ivs::IvsResult &r)
{
    return r.ok() ? aws::Expected<void>() : aws::Expected<void>(r.error());
}
} // namespace

void MainWindow::onRowAction(ListPage *page, const QString &action, const QJsonObject &row)
{
    const models::ResourceKind &kind = page->kind();
    if (action == QLatin1String(ListPage::kRemove)) {
        removeSelected();
    } else if (action == QLatin1String(ListPage::kCreate) && kind.create) {
        openOperation(QLatin1String(ivs::operationInfo(*kind.create).name));
    } else if (action == QLatin1String(ListPage::kEdit)) {
        m_detail->setFocus(Qt::TabFocusReason);
    } else if (action == QLatin1String(ListPage::kDuplicate)) {
        // From the resource as the pane fetched it (a list row may lack members).
        const QJsonObject source =
            m_detail->identity() == page->selectedKey() ? m_detail->resource() : row;
        QJsonObject prefill = source;
        const QString name = source.value(QLatin1String("name")).toString();
        if (!name.isEmpty())
            prefill.insert(QStringLiteral("name"), name + QStringLiteral("-copy"));
        if (kind.create)
            openOperation(QLatin1String(ivs::operationInfo(*kind.create).name), prefill);
    } else if (action == QLatin1String("copyStreamKey")) {
        copyStreamKey(row.value(QLatin1String("arn")).toString());
    } else if (action == QLatin1String("StopParticipantReplication")) {
        // A replica lives in this (destination) stage; its source says where it comes from.
        openOperation(
            action, {{QStringLiteral("sourceStageArn"), row.value(QLatin1String("sourceStageArn"))},
                     {QStringLiteral("destinationStageArn"), page->scope().stageArn},
                     {QStringLiteral("participantId"), row.value(QLatin1String("participantId"))}});
    } else {
        openOperation(action);
    }
}

// The Delete key's and the context menu's way to remove the selected row: always confirmed,
// saying what it does; a participant is disconnected with an optional reason.
void MainWindow::removeSelected()
{
    ListPage *page = listPage();
    if (!page)
        return;
    // A stage's own page (its sessions, which cannot be deleted): Delete acts on the stage.
    if (page->kind().kind == models::Kind::Session && !page->scope().stageArn.isEmpty() &&
        ListPage::removeText(page->kind(), page->selectedRow()).isEmpty()) {
        const QString arn = page->scope().stageArn;
        removeRow(models::resourceKind(models::Kind::Stage), {},
                  {{QStringLiteral("arn"), arn}, {QStringLiteral("name"), stageName(arn)}}, page);
        return;
    }
    removeRow(page->kind(), page->scope(), page->selectedRow(), page);
}

void MainWindow::removeRow(const models::ResourceKind &kind, const models::Scope &scope,
                           const QJsonObject &row, ListPage *page)
{
    if (!m_connection)
        return;
    const QString what = ListPage::removeText(kind, row);
    if (what.isEmpty())
        return;
    // On a production connection the resource's name is typed first (the account and region
    // it acts on are shown); elsewhere the ordinary question below is enough.
    const ConnectionIdentity identity = ConnectionIdentityStore().identity(connectionName());
    const bool typed = TypedConfirmDialog::required(identity);
    if (kind.kind == models::Kind::Participant) {
        const QString id = row.value(QLatin1String("participantId")).toString();
        if (typed && !TypedConfirmDialog::confirm(
                         this,
                         DestructiveAction::fromArn(tr("Disconnect"), kind.singular.toLower(), id,
                                                    scope.stageArn),
                         identity))
            return;
        bool ok = false;
        const QString reason = QInputDialog::getText(
            this, tr("Disconnect participant"),
            tr("Disconnect %1 and revoke its token. Reason (optional, up to 128 characters):")
                .arg(id),
            QLineEdit::Normal, QString(), &ok);
        if (ok)
            disconnectParticipant(scope.stageArn, id, reason.left(128));
        return;
    }
    const QString arn = row.value(QLatin1String("arn")).toString();
    QString verb = what;
    verb.chop(1); // the ellipsis
    if (typed) {
        if (!TypedConfirmDialog::confirm(this,
                                         DestructiveAction::fromArn(kind.removeVerb,
                                                                    kind.singular.toLower(),
                                                                    kind.displayName(row), arn),
                                         identity))
            return;
    } else if (!confirmRemoval(verb, arn, kind))
        return;
    // A refusal is shown on the page where the user acted, as well as in the status bar.
    QPointer<ListPage> where(page);
    removeResource(kind.id, arn, [where](const aws::Expected<void> &result) {
        if (!where || result)
            return;
        where->statusLabel()->setText(QStringLiteral("<span style='color:#c01c28'>%1</span>")
                                          .arg(result.error().message.toHtmlEscaped()));
        where->statusLabel()->setToolTip(result.error().toString());
    });
}

bool MainWindow::confirmRemoval(const QString &verb, const QString &arn,
                                const models::ResourceKind &kind)
{
    QMessageBox box(QMessageBox::Warning, verb,
                    tr("%1?\n%2\n\n%3 This cannot be undone.")
                        .arg(verb, arn, kind.removeConsequence)
                        .replace(QLatin1String("\n\n "), QLatin1String("\n\n")),
                    QMessageBox::Cancel, this);
    QAbstractButton *go = box.addButton(kind.removeVerb, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

QStringList MainWindow::administeredOperations()
{
    // Each kind's create and update, in the navigator's order, then what acts on several.
    QStringList operations;
    auto add = [&](std::optional<ivs::Operation> op) {
        if (op)
            operations << QLatin1String(ivs::operationInfo(*op).name);
    };
    for (models::Kind kind : models::navigatorKinds()) {
        const models::ResourceKind &k = models::resourceKind(kind);
        add(k.create);
        add(k.update);
        if (kind == models::Kind::Stage) {
            add(ivs::Operation::CreateParticipantToken);
            add(ivs::Operation::StartParticipantReplication);
            add(ivs::Operation::StopParticipantReplication);
        }
    }
    add(ivs::Operation::TagResource);
    add(ivs::Operation::UntagResource);
    return operations;
}

// What the selection says about a new operation's input: the stage in view, the selected
// resource for updates, tags and replication, and a fresh idempotency token for compositions
// (so a retried Start after a lost answer does not start a second one).
QJsonObject MainWindow::operationContext(const QString &operation) const
{
    ListPage *page = listPage();
    const QJsonObject selected = page ? page->selectedRow() : QJsonObject();
    const models::Kind listed = page ? page->kind().kind : models::Kind::Stage;
    const QString selectedArn = selected.value(QLatin1String("arn")).toString();
    QString stageArn = page ? page->scope().stageArn : QString();
    if (listed == models::Kind::Stage && !selectedArn.isEmpty())
        stageArn = selectedArn;
    const std::optional<ivs::Operation> op = ivs::operationByName(operation);

    QJsonObject context;
    if (page && op && page->kind().update == op && !selected.isEmpty())
        context = selected; // members the input does not have are left out by the form
    if (!stageArn.isEmpty() && operation != QLatin1String("UpdateIngestConfiguration")) {
        context.insert(QStringLiteral("stageArn"), stageArn);
        context.insert(QStringLiteral("sourceStageArn"), stageArn);
    }
    if (!selectedArn.isEmpty() && operation == QLatin1String("TagResource"))
        context.insert(QStringLiteral("resourceArn"), selectedArn);
    if (!selectedArn.isEmpty() && operation == QLatin1String("UntagResource"))
        context.insert(QStringLiteral("resourceArn"), selectedArn); // keys: the user's choice
    if (listed == models::Kind::Participant && !selected.isEmpty())
        context.insert(QStringLiteral("participantId"),
                       selected.value(QLatin1String("participantId")));
    if (operation == QLatin1String("StartComposition"))
        context.insert(QStringLiteral("idempotencyToken"),
                       QUuid::createUuid().toString(QUuid::WithoutBraces));
    return context;
}

// The form's ARN fields offer the stages, storage and encoder configurations there are (the
// first 100 of each: a chooser, not a browser; any ARN can still be typed).
void MainWindow::offerResources(OperationDialog *dialog)
{
    struct Offer {
        models::Kind kind;
        const char *items;
        QStringList members;
    };
    static const QList<Offer> offers = {
        {models::Kind::Stage,
         "stages",
         {QStringLiteral("stageArn"), QStringLiteral("sourceStageArn"),
          QStringLiteral("destinationStageArn")}},
        {models::Kind::StorageConfiguration,
         "storageConfigurations",
         {QStringLiteral("storageConfigurationArn")}},
        {models::Kind::EncoderConfiguration,
         "encoderConfigurations",
         {QStringLiteral("encoderConfigurationArn"), QStringLiteral("encoderConfigurationArns")}}};
    const ivs::ModelValidator &model = ivs::ModelValidator::embedded();
    const QSet<QString> members =
        memberNames(model.shapes(), model.inputShape(dialog->operation()));
    for (const Offer &offer : offers) {
        if (std::none_of(offer.members.begin(), offer.members.end(),
                         [&](const QString &m) { return members.contains(m); }))
            continue;
        const models::ResourceKind &kind = models::resourceKind(offer.kind);
        m_connection->client()->call(
            kind.list({}).operation, {{QStringLiteral("maxResults"), 100}}, dialog,
            [dialog, offer, &kind](const ivs::IvsResult &r) {
                QList<ResourceChoices::Choice> choices;
                for (const QJsonValue &item :
                     r.valueOr({}).output.value(QLatin1String(offer.items)).toArray()) {
                    const QString arn = item.toObject().value(QLatin1String("arn")).toString();
                    const QString name = kind.displayName(item.toObject());
                    choices.push_back({QStringLiteral("%1  —  %2").arg(name, arn), arn});
                }
                dialog->choices()->set(offer.members, choices);
            });
    }
}

OperationDialog *MainWindow::openOperation(const QString &operation, const QJsonObject &extra)
{
    const std::optional<ivs::Operation> op = ivs::operationByName(operation);
    if (!m_connection || !op)
        return nullptr;
    QJsonObject context = operationContext(operation);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        context.insert(it.key(), it.value());
    if (*op == ivs::Operation::CreateParticipantToken) {
        const QString stageArn = context.value(QLatin1String("stageArn")).toString();
        if (stageArn.isEmpty()) {
            showError(tr("New participant token"),
                      tr("select a stage first, in the tree or in the list of stages"));
            return nullptr;
        }
        auto *tokens = new TokenDialog(m_connection->client(), stageArn, this);
        tokens->setAttribute(Qt::WA_DeleteOnClose);
        tokens->open();
        return nullptr;
    }
    auto *dialog = new OperationDialog(operation, context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    offerResources(dialog);
    // Updates start from the resource as it is now, and send only what changes.
    const models::ResourceKind *kind = models::resourceKindOfOperation(*op);
    const QString arn = context.value(QLatin1String("arn")).toString();
    if (kind && kind->update == op && kind->get && !arn.isEmpty()) {
        dialog->expectCurrent();
        m_connection->client()->call(
            *kind->get, kind->inputFor({}, arn), dialog,
            [dialog, member = kind->getOutput](const ivs::IvsResult &r) {
                if (r.ok())
                    dialog->setCurrent(r->output.value(member).toObject());
                else
                    dialog->finish(tr("Could not load the current values (%1); fields left "
                                      "empty leave the resource unchanged.")
                                       .arg(r.error().toString()));
            });
    }
    QPointer<Connection> connection = m_connection;
    connect(dialog, &OperationDialog::submitted, this,
            [this, dialog, connection, op = *op, operation](const QJsonObject &input) {
                if (!connection) {
                    dialog->finish(tr("the connection was closed; choose one and try again"));
                    return;
                }
                connection->client()->call(
                    op, input, dialog,
                    [this, dialog, operation, input, op](const ivs::IvsResult &r) {
                        dialog->finish(r.ok() ? QString() : r.error().toString());
                        if (!r.ok())
                            return;
                        // CreateStage's participant tokens cannot be had again: offer them.
                        const QJsonArray issued =
                            r->output.value(QLatin1String("participantTokens")).toArray();
                        if (!issued.isEmpty()) {
                            auto *tokens =
                                new IssuedTokensDialog(r->output.value(QLatin1String("stage"))
                                                           .toObject()
                                                           .value(QLatin1String("name"))
                                                           .toString(),
                                                       issued, this);
                            tokens->setAttribute(Qt::WA_DeleteOnClose);
                            tokens->open();
                        }
                        // Name what was made or changed; never echo the output (tokens,
                        // stream keys).
                        QString made =
                            input.value(QLatin1String("arn"))
                                .toString(input.value(QLatin1String("resourceArn")).toString());
                        for (const QJsonValue &v : r->output) {
                            if (v.isObject() && v.toObject().contains(QLatin1String("arn")))
                                made = v.toObject().value(QLatin1String("arn")).toString();
                        }
                        finishAdmin(made.isEmpty()
                                        ? tr("%1: done").arg(OperationDialog::title(operation))
                                        : tr("%1: %2").arg(OperationDialog::title(operation), made),
                                    {}, {}, {}, made);
                        // Made in the list in view: it is selected (and so shown in the pane)
                        // once the refresh brings it. Made from elsewhere (the live wall, a
                        // session): its list is opened on it, or the pane would go on showing
                        // what it showed before, as if that were the new resource.
                        const models::ResourceKind *madeKind = models::resourceKindOfOperation(op);
                        const bool creates = madeKind && madeKind->create == op;
                        ListPage *page = listPage();
                        const bool inItsList = page && page->kind().create == op;
                        if (!made.isEmpty() && creates && !inItsList && showKind(madeKind->kind))
                            page = listPage();
                        if (!made.isEmpty() && creates && page && page->kind().create == op)
                            page->selectKey(made);
                    });
            });
    dialog->open();
    return dialog;
}

void MainWindow::finishAdmin(const QString &what, const aws::Expected<void> &result,
                             const Done &done, const QString &kindId, const QString &key)
{
    if (result) {
        statusBar()->showMessage(what, 5000);
        afterWrite(kindId, key);
    } else {
        showError(what, result.error());
    }
    if (done)
        done(result);
}

void MainWindow::createStage(const QString &name, Done done)
{
    QJsonObject input;
    if (!name.isEmpty())
        input.insert(QStringLiteral("name"), name);
    m_connection->client()->call(
        ivs::Operation::CreateStage, input, this, [this, name, done](const ivs::IvsResult &r) {
            finishAdmin(r.ok() ? tr("Stage %1 created").arg(name) : tr("Create stage"), outcome(r),
                        done);
        });
}

void MainWindow::deleteStage(const QString &arn, Done done)
{
    removeResource(QStringLiteral("stages"), arn, std::move(done));
}

void MainWindow::removeResource(const QString &kindId, const QString &arn, Done done)
{
    const models::ResourceKind *kind = models::resourceKindById(kindId);
    if (!kind || !kind->remove || kind->kind == models::Kind::Participant) {
        finishAdmin(tr("Remove"),
                    aws::failure(aws::AwsError::Kind::Invalid,
                                 tr("%1 cannot be removed from here").arg(kindId)),
                    done);
        return;
    }
    const QString name = QLatin1String(ivs::operationInfo(*kind->remove).name);
    m_connection->client()->call(
        *kind->remove, kind->inputFor({}, arn), this,
        [this, name, arn, done, kindId](const ivs::IvsResult &r) {
            // A stopped composition is still there (STOPPING, then STOPPED): the pane shows it
            // so; what is deleted leaves the pane.
            if (r.ok() && m_detail->identity() == arn) {
                if (kindId == QLatin1String("compositions"))
                    m_detail->reload();
                else
                    m_detail->clear(tr("<i>%1: %2 done.</i>").arg(name, arn.toHtmlEscaped()));
            }
            // A deleted stage's own pages (its sessions, a session) would go on polling a
            // stage that is gone, and its list calls do not say so: the Stages list instead.
            if (r.ok() && kindId == QLatin1String("stages") && showsStage(arn))
                showKind(models::Kind::Stage);
            finishAdmin(r.ok() ? tr("%1: %2 done").arg(name, arn) : name, outcome(r), done, kindId,
                        arn);
        });
}

bool MainWindow::showsStage(const QString &stageArn) const
{
    if (SessionPage *session = sessionPage())
        return session->scope().stageArn == stageArn;
    const ListPage *page = listPage();
    return page && page->kind().kind != models::Kind::Stage && page->scope().stageArn == stageArn;
}

void MainWindow::disconnectParticipant(const QString &stageArn, const QString &participantId,
                                       const QString &reason, Done done)
{
    QJsonObject input{{QStringLiteral("stageArn"), stageArn},
                      {QStringLiteral("participantId"), participantId}};
    if (!reason.isEmpty())
        input.insert(QStringLiteral("reason"), reason);
    m_connection->client()->call(ivs::Operation::DisconnectParticipant, input, this,
                                 [this, participantId, done](const ivs::IvsResult &r) {
                                     finishAdmin(r.ok() ? tr("%1 disconnected").arg(participantId)
                                                        : tr("Disconnect participant"),
                                                 outcome(r), done, QStringLiteral("participants"),
                                                 participantId);
                                 });
}

void MainWindow::copyStreamKey(const QString &ingestArn, Done done)
{
    if (!m_connection)
        return;
    m_connection->client()->call(
        ivs::Operation::GetIngestConfiguration, {{QStringLiteral("arn"), ingestArn}}, this,
        [this, done](const ivs::IvsResult &r) {
            const QString key = r.valueOr({})
                                    .output.value(QLatin1String("ingestConfiguration"))
                                    .toObject()
                                    .value(QLatin1String("streamKey"))
                                    .toString();
            aws::Expected<void> result = outcome(r);
            if (result && key.isEmpty())
                result = aws::failure(
                    aws::AwsError::Kind::Decode,
                    tr("the service gave no stream key for this ingest configuration"));
            if (result) {
                QApplication::clipboard()->setText(key);
                statusBar()->showMessage(tr("Stream key copied to the clipboard"), 5000);
            } else {
                showError(tr("Copy stream key"), result.error());
            }
            if (done)
                done(result);
        });
}

} // namespace gr::ui
