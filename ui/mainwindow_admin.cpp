// MainWindow's administration: the Administer forms, removing the selected row (confirmed),
// and the operations behind them. Split from mainwindow.cpp, which builds and drives the views.
#include "ui/mainwindow.h"

#include "ivs/ivsclient.h"
#include "ivs/modelvalidator.h"
#include "models/resourcelistmodel.h"
#include "ui/connection.h"
#include "ui/fieldeditors.h"
#include "ui/issuedtokensdialog.h"
#include "ui/operationdialog.h"
#include "ui/tokendialog.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QJsonArray>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QUuid>

namespace gr::ui
{

// The selected row of the table, as the service gave it; empty when nothing is selected.
QJsonObject MainWindow::selectedRow() const
{
    const QModelIndexList rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    const QModelIndex row = rows.isEmpty() ? QModelIndex() : m_proxy->mapToSource(rows.first());
    return row.isValid() && m_listModel ? m_listModel->rowJson(row.row()) : QJsonObject();
}

// What removing the selected row means here ("Delete stage show…", "Stop composition…",
// "Disconnect alice…"); empty when the row cannot be removed.
QString MainWindow::removeActionText() const
{
    static const QHash<QString, const char *> removable = {
        {QStringLiteral("stages"), QT_TR_NOOP("Delete stage")},
        {QStringLiteral("compositions"), QT_TR_NOOP("Stop composition")},
        {QStringLiteral("encoders"), QT_TR_NOOP("Delete encoder configuration")},
        {QStringLiteral("storage"), QT_TR_NOOP("Delete storage configuration")},
        {QStringLiteral("keys"), QT_TR_NOOP("Delete public key")},
        {QStringLiteral("ingest"), QT_TR_NOOP("Delete ingest configuration")}};
    const QJsonObject json = selectedRow();
    if (json.isEmpty())
        return {};
    if (m_listKind == QLatin1String("participants"))
        return json.value(QLatin1String("state")) == QLatin1String("CONNECTED")
                   ? tr("Disconnect %1…")
                         .arg(json.value(QLatin1String("userId"))
                                  .toString(json.value(QLatin1String("participantId")).toString()))
                   : QString();
    if (!removable.contains(m_listKind))
        return {};
    const QString name = json.value(QLatin1String("name")).toString();
    return tr(removable.value(m_listKind)) +
           (name.isEmpty() ? QString() : QLatin1Char(' ') + name) + QStringLiteral("…");
}

// The context menu's and the Delete key's way to remove the selected row: always confirmed,
// saying what it does; a participant is disconnected with an optional reason.
void MainWindow::removeSelected()
{
    const QJsonObject json = selectedRow();
    const QString what = removeActionText();
    if (!m_connection || what.isEmpty())
        return;
    if (m_listKind == QLatin1String("participants")) {
        const QString id = json.value(QLatin1String("participantId")).toString();
        bool ok = false;
        const QString reason = QInputDialog::getText(
            this, tr("Disconnect participant"),
            tr("Disconnect %1 and revoke its token. Reason (optional, up to 128 characters):")
                .arg(id),
            QLineEdit::Normal, QString(), &ok);
        if (ok)
            disconnectParticipant(m_stageArn, id, reason.left(128));
        return;
    }
    const QString arn = json.value(QLatin1String("arn")).toString();
    const QString kind = m_listKind;
    const QString consequence =
        kind == QLatin1String("stages")
            ? tr("Everyone on it is disconnected and its participant tokens stop working. ")
            : QString();
    QString verb = what;
    verb.chop(1); // the ellipsis
    QMessageBox box(QMessageBox::Warning, verb,
                    tr("%1?\n%2\n\n%3This cannot be undone.").arg(verb, arn, consequence),
                    QMessageBox::Cancel, this);
    QAbstractButton *go =
        box.addButton(verb.section(QLatin1Char(' '), 0, 0), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == go)
        removeResource(kind, arn);
}

void MainWindow::showTableMenu(const QPoint &pos)
{
    QMenu menu;
    menu.addAction(m_copyAction);
    menu.addAction(m_refreshAction);
    const QJsonObject json = selectedRow();
    if (m_listKind == QLatin1String("ingest") && !json.isEmpty()) {
        const QString arn = json.value(QLatin1String("arn")).toString();
        menu.addAction(tr("Copy stream key"), this, [this, arn] { copyStreamKey(arn); });
    }
    if (m_listKind == QLatin1String("stages")) {
        menu.addSeparator();
        menu.addAction(tr("New stage…"), this, &MainWindow::askToCreateStage);
    }
    if (m_listKind == QLatin1String("participants") && !json.isEmpty()) {
        const QString id = json.value(QLatin1String("participantId")).toString();
        const bool replica =
            json.value(QLatin1String("replicationType")) == QLatin1String("REPLICA");
        if (replica) {
            // A replica lives in this (destination) stage; its source says where it comes from.
            const QJsonObject stop{
                {QStringLiteral("sourceStageArn"), json.value(QLatin1String("sourceStageArn"))},
                {QStringLiteral("destinationStageArn"), m_stageArn},
                {QStringLiteral("participantId"), id}};
            menu.addAction(tr("Stop replication…"), this, [this, stop] {
                openOperation(QStringLiteral("StopParticipantReplication"), stop);
            });
        } else if (json.value(QLatin1String("state")) == QLatin1String("CONNECTED")) {
            menu.addAction(tr("Replicate to another stage…"), this, [this] {
                openOperation(QStringLiteral("StartParticipantReplication"));
            });
        }
    }
    const QString remove = removeActionText();
    if (!remove.isEmpty()) {
        menu.addSeparator();
        QAction *action = menu.addAction(remove, this, &MainWindow::removeSelected);
        action->setShortcut(m_removeAction->shortcut());
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void MainWindow::askToCreateStage()
{
    openOperation(QStringLiteral("CreateStage"));
}

QStringList MainWindow::administeredOperations()
{
    return {QStringLiteral("CreateStage"),
            QStringLiteral("UpdateStage"),
            QStringLiteral("CreateParticipantToken"),
            QStringLiteral("StartParticipantReplication"),
            QStringLiteral("StopParticipantReplication"),
            QStringLiteral("StartComposition"),
            QStringLiteral("CreateEncoderConfiguration"),
            QStringLiteral("CreateStorageConfiguration"),
            QStringLiteral("ImportPublicKey"),
            QStringLiteral("CreateIngestConfiguration"),
            QStringLiteral("UpdateIngestConfiguration"),
            QStringLiteral("TagResource"),
            QStringLiteral("UntagResource")};
}

// What the selection says about a new operation's input: the stage in view, the selected
// resource for updates, tags and replication, and a fresh idempotency token for compositions
// (so a retried Start after a lost answer does not start a second one).
QJsonObject MainWindow::operationContext(const QString &operation) const
{
    const QJsonObject selected = selectedRow();
    const QString selectedArn = selected.value(QLatin1String("arn")).toString();
    const QString stageArn =
        m_listKind == QLatin1String("stages") && !selectedArn.isEmpty() ? selectedArn : m_stageArn;
    static const QHash<QString, QString> updates = {
        {QStringLiteral("UpdateStage"), QStringLiteral("stages")},
        {QStringLiteral("UpdateIngestConfiguration"), QStringLiteral("ingest")}};

    QJsonObject context;
    if (updates.value(operation) == m_listKind && !selected.isEmpty()) {
        context = selected; // members the input does not have are left out by the form
    }
    if (!stageArn.isEmpty() && operation != QLatin1String("UpdateIngestConfiguration")) {
        context.insert(QStringLiteral("stageArn"), stageArn);
        context.insert(QStringLiteral("sourceStageArn"), stageArn);
    }
    if (!selectedArn.isEmpty())
        context.insert(QStringLiteral("resourceArn"), selectedArn);
    if (m_listKind == QLatin1String("participants") && !selected.isEmpty())
        context.insert(QStringLiteral("participantId"),
                       selected.value(QLatin1String("participantId")));
    if (operation == QLatin1String("StartComposition"))
        context.insert(QStringLiteral("idempotencyToken"),
                       QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (operation == QLatin1String("UntagResource") && selected.contains(QLatin1String("tags")))
        context.insert(
            QStringLiteral("tagKeys"),
            QJsonArray::fromStringList(selected.value(QLatin1String("tags")).toObject().keys()));
    return context;
}

// The form's ARN fields offer the stages, storage and encoder configurations there are (the
// first 100 of each: a chooser, not a browser; any ARN can still be typed).
void MainWindow::offerResources(OperationDialog *dialog)
{
    struct Kind {
        ivs::Operation list;
        const char *items;
        QStringList members;
    };
    static const QList<Kind> kinds = {
        {ivs::Operation::ListStages,
         "stages",
         {QStringLiteral("stageArn"), QStringLiteral("sourceStageArn"),
          QStringLiteral("destinationStageArn")}},
        {ivs::Operation::ListStorageConfigurations,
         "storageConfigurations",
         {QStringLiteral("storageConfigurationArn")}},
        {ivs::Operation::ListEncoderConfigurations,
         "encoderConfigurations",
         {QStringLiteral("encoderConfigurationArn"), QStringLiteral("encoderConfigurationArns")}}};
    const ivs::ModelValidator &model = ivs::ModelValidator::embedded();
    const QSet<QString> members =
        memberNames(model.shapes(), model.inputShape(dialog->operation()));
    for (const Kind &kind : kinds) {
        if (std::none_of(kind.members.begin(), kind.members.end(),
                         [&](const QString &m) { return members.contains(m); }))
            continue;
        m_connection->client()->call(
            kind.list, {{QStringLiteral("maxResults"), 100}}, dialog,
            [dialog, kind](const ivs::IvsResult &r) {
                QList<ResourceChoices::Choice> choices;
                for (const QJsonValue &item : r.output.value(QLatin1String(kind.items)).toArray()) {
                    const QString arn = item.toObject().value(QLatin1String("arn")).toString();
                    const QString name = item.toObject().value(QLatin1String("name")).toString();
                    choices.push_back(
                        {name.isEmpty() ? arn : QStringLiteral("%1  —  %2").arg(name, arn), arn});
                }
                dialog->choices()->set(kind.members, choices);
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
    static const QHash<QString, std::pair<ivs::Operation, const char *>> currentOf = {
        {QStringLiteral("UpdateStage"), {ivs::Operation::GetStage, "stage"}},
        {QStringLiteral("UpdateIngestConfiguration"),
         {ivs::Operation::GetIngestConfiguration, "ingestConfiguration"}}};
    const QString arn = context.value(QLatin1String("arn")).toString();
    if (currentOf.contains(operation) && !arn.isEmpty()) {
        const auto [getOperation, member] = currentOf.value(operation);
        dialog->expectCurrent();
        m_connection->client()->call(
            getOperation, {{QStringLiteral("arn"), arn}}, dialog,
            [dialog, member = QLatin1String(member)](const ivs::IvsResult &r) {
                if (r.ok())
                    dialog->setCurrent(r.output.value(member).toObject());
                else
                    dialog->finish(tr("Could not load the current values (%1); fields left "
                                      "empty leave the resource unchanged.")
                                       .arg(r.error.toString()));
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
                    op, input, dialog, [this, dialog, operation](const ivs::IvsResult &r) {
                        dialog->finish(r.ok() ? QString() : r.error.toString());
                        if (!r.ok())
                            return;
                        // CreateStage's participant tokens cannot be had again: offer them.
                        const QJsonArray issued =
                            r.output.value(QLatin1String("participantTokens")).toArray();
                        if (!issued.isEmpty()) {
                            auto *tokens =
                                new IssuedTokensDialog(r.output.value(QLatin1String("stage"))
                                                           .toObject()
                                                           .value(QLatin1String("name"))
                                                           .toString(),
                                                       issued, this);
                            tokens->setAttribute(Qt::WA_DeleteOnClose);
                            tokens->open();
                        }
                        // Name what was made; never echo the output (tokens, stream keys).
                        QString made;
                        for (const QJsonValue &v : r.output) {
                            if (v.isObject() && v.toObject().contains(QLatin1String("arn")))
                                made = v.toObject().value(QLatin1String("arn")).toString();
                        }
                        finishAdmin(made.isEmpty()
                                        ? tr("%1: done").arg(OperationDialog::title(operation))
                                        : tr("%1: %2").arg(OperationDialog::title(operation), made),
                                    {}, {});
                    });
            });
    dialog->open();
    return dialog;
}

void MainWindow::finishAdmin(const QString &what, const QString &error,
                             const std::function<void(const QString &)> &done)
{
    if (error.isEmpty()) {
        statusBar()->showMessage(what, 5000);
        refresh();
    } else {
        showError(what, error);
    }
    if (done)
        done(error);
}

void MainWindow::createStage(const QString &name, std::function<void(const QString &)> done)
{
    QJsonObject input;
    if (!name.isEmpty())
        input.insert(QStringLiteral("name"), name);
    m_connection->client()->call(
        ivs::Operation::CreateStage, input, this, [this, name, done](const ivs::IvsResult &r) {
            finishAdmin(r.ok() ? tr("Stage %1 created").arg(name) : tr("Create stage"),
                        r.ok() ? QString() : r.error.toString(), done);
        });
}

void MainWindow::deleteStage(const QString &arn, std::function<void(const QString &)> done)
{
    removeResource(QStringLiteral("stages"), arn, std::move(done));
}

void MainWindow::removeResource(const QString &listKind, const QString &arn,
                                std::function<void(const QString &)> done)
{
    static const QHash<QString, ivs::Operation> operations = {
        {QStringLiteral("stages"), ivs::Operation::DeleteStage},
        {QStringLiteral("compositions"), ivs::Operation::StopComposition},
        {QStringLiteral("encoders"), ivs::Operation::DeleteEncoderConfiguration},
        {QStringLiteral("storage"), ivs::Operation::DeleteStorageConfiguration},
        {QStringLiteral("keys"), ivs::Operation::DeletePublicKey},
        {QStringLiteral("ingest"), ivs::Operation::DeleteIngestConfiguration}};
    const auto op = operations.constFind(listKind);
    if (op == operations.constEnd()) {
        finishAdmin(tr("Remove"), tr("%1 cannot be removed from here").arg(listKind), done);
        return;
    }
    const QString name = QLatin1String(ivs::operationInfo(*op).name);
    m_connection->client()->call(*op, {{QStringLiteral("arn"), arn}}, this,
                                 [this, name, arn, done](const ivs::IvsResult &r) {
                                     finishAdmin(r.ok() ? tr("%1: %2 done").arg(name, arn) : name,
                                                 r.ok() ? QString() : r.error.toString(), done);
                                 });
}

void MainWindow::disconnectParticipant(const QString &stageArn, const QString &participantId,
                                       const QString &reason,
                                       std::function<void(const QString &)> done)
{
    QJsonObject input{{QStringLiteral("stageArn"), stageArn},
                      {QStringLiteral("participantId"), participantId}};
    if (!reason.isEmpty())
        input.insert(QStringLiteral("reason"), reason);
    m_connection->client()->call(ivs::Operation::DisconnectParticipant, input, this,
                                 [this, participantId, done](const ivs::IvsResult &r) {
                                     finishAdmin(r.ok() ? tr("%1 disconnected").arg(participantId)
                                                        : tr("Disconnect participant"),
                                                 r.ok() ? QString() : r.error.toString(), done);
                                 });
}

void MainWindow::copyStreamKey(const QString &ingestArn, std::function<void(const QString &)> done)
{
    if (!m_connection)
        return;
    m_connection->client()->call(
        ivs::Operation::GetIngestConfiguration, {{QStringLiteral("arn"), ingestArn}}, this,
        [this, done](const ivs::IvsResult &r) {
            const QString key = r.output.value(QLatin1String("ingestConfiguration"))
                                    .toObject()
                                    .value(QLatin1String("streamKey"))
                                    .toString();
            QString error = r.ok() ? QString() : r.error.toString();
            if (error.isEmpty() && key.isEmpty())
                error = tr("the service gave no stream key for this ingest configuration");
            if (error.isEmpty()) {
                QApplication::clipboard()->setText(key);
                statusBar()->showMessage(tr("Stream key copied to the clipboard"), 5000);
            } else {
                showError(tr("Copy stream key"), error);
            }
            if (done)
                done(error);
        });
}

} // namespace gr::ui
