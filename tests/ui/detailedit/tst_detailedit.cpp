// The detail pane edits in place, through the window on the local service: a stage renamed in
// the pane shows its new name in the list, the tree and the pane; Revert; the prompt before
// leaving unapplied edits; tags edited inline; problems at their field in plain words, typed
// text kept when the service refuses; Duplicate as new; and no stale pane after a write.

#include "aws/requestlog.h"
#include "localconnection.h"
#include "localharness.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "screenshot.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/operationdialog.h"
#include "ui/operationform.h"
#include "ui/sessionpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace gr;

namespace
{

// Answers the next modal message box with the button that has this text.
void answerNextBox(const QString &buttonText, bool *asked)
{
    QTimer::singleShot(50, [buttonText, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *asked = true;
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == buttonText)
                b->click();
        }
    });
}

QString fieldValue(ui::DetailPane *pane, const QString &label)
{
    const auto items = pane->fields()->findItems(label, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return items.isEmpty() ? QString() : items.first()->text(1);
}

int rowOf(ui::ListPage *page, const QString &key)
{
    QAbstractItemModel *view = page->table()->model();
    for (int r = 0; r < view->rowCount(); ++r) {
        if (view->index(r, 0).data(models::KeyRole).toString() == key)
            return r;
    }
    return -1;
}

QString treeLabel(models::StageTreeModel *tree, const QString &arn)
{
    for (int r = 0; r < tree->rowCount(); ++r) {
        if (tree->index(r, 0).data(models::KeyRole).toString() == arn)
            return tree->index(r, 0).data().toString();
    }
    return {};
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestDetailEdit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void editStageInThePane();
    void autoRecordingOnAndOff();
    void tagsInline();
    void duplicateAsNew();
    void noStalePaneAfterDisconnectAndDelete();
};

void TestDetailEdit::editStageInThePane()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString arn = h.createStage(QStringLiteral("before"));
    LocalConsole window(h.service()->url());
    window.resize(1400, 860);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->rowCount(), 1, 10000);
    ui::ListPage *page = window.listPage();
    window.table()->selectRow(rowOf(page, arn));
    ui::DetailPane *pane = window.detail();
    QTRY_VERIFY_WITH_TIMEOUT(pane->form() && !pane->isLoading(), 10000);
    auto *name = pane->form()->findChild<QLineEdit *>(QStringLiteral("name"));
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("before"));
    // Edit selected (Ctrl+E) puts the focus in the first field that can change: the name, not
    // the read-only ARN (it used to focus the pane itself, which takes no focus: nothing showed).
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.table()->setFocus();
    QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), name);
    QVERIFY(!pane->isDirty());
    QVERIFY(!pane->applyButton()->isEnabled());

    // Typing marks the pane modified.
    type(name, QStringLiteral("after"));
    QVERIFY(pane->isDirty());
    QVERIFY(pane->titleLabel()->text().contains(QStringLiteral("modified")));
    QVERIFY(pane->applyButton()->isEnabled());
    shoot(&window, QStringLiteral("detail-edit-1-dirty.png"));

    // Renamed elsewhere while the user types: the refresh keeps the typed text and the pane
    // says it changed on the service.
    const QJsonObject renamed = h.call(
        ivs::Operation::UpdateStage,
        {{QStringLiteral("arn"), arn}, {QStringLiteral("name"), QStringLiteral("elsewhere")}});
    QVERIFY(!renamed.contains(QLatin1String("__error")));
    window.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(pane->showsChangedOnService(), 10000);
    QCOMPARE(name->text(), QStringLiteral("after"));
    QVERIFY(pane->isDirty());
    QVERIFY(pane->findChild<QLabel *>(QStringLiteral("changedOnService"))->isVisible());
    shoot(&window, QStringLiteral("detail-edit-1b-changed-on-service.png"));
    // Named back, so what follows starts from "before".
    h.call(ivs::Operation::UpdateStage,
           {{QStringLiteral("arn"), arn}, {QStringLiteral("name"), QStringLiteral("before")}});
    window.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(pane->resource().value(QLatin1String("name")).toString(),
                              QStringLiteral("before"), 10000);

    // Leaving asks; "Keep editing" stays on the stage with the edit.
    bool asked = false;
    answerNextBox(QStringLiteral("Keep editing"), &asked);
    QVERIFY(!window.showKind(models::Kind::EncoderConfiguration));
    QVERIFY(asked);
    QCOMPARE(window.listPage()->kind().kind, models::Kind::Stage);
    QCOMPARE(name->text(), QStringLiteral("after"));

    // Revert: the stage as it is.
    QTest::mouseClick(pane->revertButton(), Qt::LeftButton);
    QCOMPARE(name->text(), QStringLiteral("before"));
    QVERIFY(!pane->isDirty());

    // A problem the model finds is shown at the field, in words, and nothing is sent.
    type(name, QStringLiteral("bad name!"));
    auto updatesSent = [&] {
        int n = 0;
        for (const auto &entry : window.connection()->log()->entries())
            n += entry.operation == QLatin1String("UpdateStage");
        return n;
    };
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QVERIFY(name->property("problem").toBool());
    QCOMPARE(pane->form()->problemText(),
             QStringLiteral("Name may only contain letters, digits, - and _."));
    QCOMPARE(name->text(), QStringLiteral("bad name!"));
    QTest::qWait(200);
    QCOMPARE(updatesSent(), 0);
    shoot(&window, QStringLiteral("detail-edit-2-problem.png"));

    // The service refuses (a fault): the refusal is shown, what was typed stays.
    type(name, QStringLiteral("after"));
    QVERIFY(h.service()->setFaults(QStringLiteral("UpdateStage:500=1")));
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->form()->problemText().isEmpty(), 15000);
    QCOMPARE(name->text(), QStringLiteral("after"));
    QVERIFY(pane->isDirty());
    QVERIFY(h.service()->setFaults(QString()));

    // Apply: the pane, the list and the tree all show the new name.
    QTRY_VERIFY(pane->applyButton()->isEnabled());
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), arn}})
                                  .value(QLatin1String("stage"))
                                  .toObject()
                                  .value(QLatin1String("name"))
                                  .toString(),
                              QStringLiteral("after"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDirty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(fieldValue(pane, QStringLiteral("Name")), QStringLiteral("after"),
                              10000);
    QTRY_VERIFY(pane->titleLabel()->text().contains(QStringLiteral("after")));
    QTRY_COMPARE_WITH_TIMEOUT(
        window.listModel()->index(window.listModel()->rowOfKey(arn), 0).data().toString(),
        QStringLiteral("after"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(treeLabel(window.treeModel(), arn), QStringLiteral("after"), 10000);
    shoot(&window, QStringLiteral("detail-edit-3-applied.png"));

    // Not dirty any more: leaving does not ask.
    asked = false;
    answerNextBox(QStringLiteral("Keep editing"), &asked);
    QVERIFY(window.showKind(models::Kind::EncoderConfiguration));
    QTest::qWait(100);
    QVERIFY(!asked);
}

// The service answers a stage without auto-recording with the section present and an empty
// storage configuration: the pane shows it switched off, and switching it off again sends the
// empty ARN (leaving the member out would mean "no change").
void TestDetailEdit::autoRecordingOnAndOff()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString arn = h.createStage(QStringLiteral("recorded"));
    const QString storage =
        h.create(ivs::Operation::CreateStorageConfiguration,
                 {{QStringLiteral("name"), QStringLiteral("archive")},
                  {QStringLiteral("s3"),
                   QJsonObject{{QStringLiteral("bucketName"), QStringLiteral("greenroom-rec")}}}});
    QVERIFY(!storage.isEmpty());
    auto storedArn = [&] {
        return h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), arn}})
            .value(QLatin1String("stage"))
            .toObject()
            .value(QLatin1String("autoParticipantRecordingConfiguration"))
            .toObject()
            .value(QLatin1String("storageConfigurationArn"))
            .toString(QStringLiteral("(absent)"));
    };
    QCOMPARE(storedArn(), QString()); // present, empty: off

    LocalConsole window(h.service()->url());
    window.resize(1400, 860);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    window.table()->selectRow(rowOf(window.listPage(), arn));
    ui::DetailPane *pane = window.detail();
    QTRY_VERIFY_WITH_TIMEOUT(pane->form() && !pane->isLoading(), 10000);
    auto *section = pane->form()->findChild<QGroupBox *>(
        QStringLiteral("autoParticipantRecordingConfiguration"));
    QVERIFY(section);
    QVERIFY(section->isCheckable());
    QVERIFY2(!section->isChecked(), "recording is off, the section must not look switched on");
    QVERIFY(!pane->isDirty());
    // Off: its title (the check box) and nothing under it, no empty frame.
    QTRY_VERIFY(section->isVisible());
    const int titleHeight = std::max(section->fontMetrics().height(),
                                     section->style()->pixelMetric(QStyle::PM_IndicatorHeight));
    QVERIFY2(
        section->height() <= titleHeight + 4,
        qPrintable(
            QStringLiteral("%1 px for a %2 px title").arg(section->height()).arg(titleHeight)));
    shoot(&window, QStringLiteral("detail-edit-recording-off.png"));

    // On, with a storage configuration: sent and stored.
    section->setChecked(true); // on, but still without storage: nothing to send yet
    auto *storageField = section->findChild<QLineEdit *>(
        QStringLiteral("autoParticipantRecordingConfiguration.storageConfigurationArn"));
    QVERIFY(storageField);
    type(storageField, storage);
    QVERIFY(pane->isDirty());
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(storedArn(), storage, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDirty() && !pane->isLoading(), 10000);
    section = pane->form()->findChild<QGroupBox *>(
        QStringLiteral("autoParticipantRecordingConfiguration"));
    QVERIFY(section && section->isChecked());

    // Off again: the empty ARN is what switches it off.
    section->setChecked(false);
    QVERIFY(pane->isDirty());
    QVERIFY(pane->applyButton()->isEnabled());
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(storedArn(), QString(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDirty() && !pane->isLoading(), 10000);
    section = pane->form()->findChild<QGroupBox *>(
        QStringLiteral("autoParticipantRecordingConfiguration"));
    QVERIFY(section && !section->isChecked());
}

void TestDetailEdit::tagsInline()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString arn = h.create(
        ivs::Operation::CreateStage,
        {{QStringLiteral("name"), QStringLiteral("tagged")},
         {QStringLiteral("tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("video")},
                                              {QStringLiteral("old"), QStringLiteral("x")}}}});
    LocalConsole window(h.service()->url());
    window.resize(1400, 860);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    window.table()->selectRow(0);
    ui::DetailPane *pane = window.detail();
    QTRY_VERIFY_WITH_TIMEOUT(pane->form() && !pane->isLoading(), 10000);
    QTableWidget *tags = pane->tagsTable();
    QTRY_COMPARE(tags->rowCount(), 2);
    pane->tabs()->setCurrentWidget(tags->parentWidget());

    // Change one value, remove one tag, add one.
    for (int r = 0; r < tags->rowCount(); ++r) {
        if (tags->item(r, 0)->text() == QLatin1String("team"))
            tags->item(r, 1)->setText(QStringLiteral("live"));
    }
    for (int r = 0; r < tags->rowCount(); ++r) {
        if (tags->item(r, 0)->text() == QLatin1String("old")) {
            tags->setCurrentCell(r, 0);
            QTest::mouseClick(pane->findChild<QPushButton *>(QStringLiteral("removeTag")),
                              Qt::LeftButton);
            break;
        }
    }
    pane->addTag(QStringLiteral("show"), QStringLiteral("finale"));
    QVERIFY(pane->isDirty());
    shoot(&window, QStringLiteral("detail-edit-4-tags.png"));
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    const QJsonObject expected{{QStringLiteral("team"), QStringLiteral("live")},
                               {QStringLiteral("show"), QStringLiteral("finale")}};
    QTRY_COMPARE_WITH_TIMEOUT(
        h.call(ivs::Operation::ListTagsForResource, {{QStringLiteral("resourceArn"), arn}})
            .value(QLatin1String("tags"))
            .toObject(),
        expected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDirty(), 10000);
    // The pane was fetched again: its tags are the service's.
    QTRY_COMPARE_WITH_TIMEOUT(pane->resource().value(QLatin1String("tags")).toObject(), expected,
                              10000);
    QCOMPARE(tags->rowCount(), 2);

    // A tag with a value and no key is refused before anything is sent.
    pane->addTag(QString(), QStringLiteral("orphan"));
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QVERIFY(pane->errorLabel()->isVisible());
    QVERIFY(pane->errorLabel()->text().contains(QStringLiteral("no key")));
    QTest::mouseClick(pane->revertButton(), Qt::LeftButton);
    QCOMPARE(tags->rowCount(), 2);

    // So is a key AWS reserves, in any letter case, with a rename beside it: nothing is sent,
    // so the rename is not saved without the tag (two calls cannot be one).
    auto *name = pane->form()->findChild<QLineEdit *>(QStringLiteral("name"));
    type(name, QStringLiteral("renamed"));
    pane->addTag(QStringLiteral("AWS:owner"), QStringLiteral("me"));
    QTest::mouseClick(pane->applyButton(), Qt::LeftButton);
    QVERIFY(pane->errorLabel()->isVisible());
    QVERIFY2(pane->errorLabel()->text().contains(QStringLiteral("“AWS:owner” starts with “aws:”")),
             qPrintable(pane->errorLabel()->text()));
    QTest::qWait(300);
    QCOMPARE(h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), arn}})
                 .value(QLatin1String("stage"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("tagged"));
    QTest::mouseClick(pane->revertButton(), Qt::LeftButton);
    QCOMPARE(tags->rowCount(), 2);
}

void TestDetailEdit::duplicateAsNew()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.create(ivs::Operation::CreateEncoderConfiguration,
             {{QStringLiteral("name"), QStringLiteral("hd")},
              {QStringLiteral("video"), QJsonObject{{QStringLiteral("width"), 1280},
                                                    {QStringLiteral("height"), 720},
                                                    {QStringLiteral("bitrate"), 2500000}}}});
    LocalConsole window(h.service()->url());
    window.resize(1400, 860);
    QVERIFY(window.showKind(models::Kind::EncoderConfiguration));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    window.table()->selectRow(0);
    ui::DetailPane *pane = window.detail();
    QTRY_VERIFY_WITH_TIMEOUT(
        !pane->isLoading() && pane->resource().contains(QLatin1String("video")), 10000);
    // Encoder configurations cannot be updated: read-only fields, and Duplicate as new.
    QVERIFY(!pane->form());
    QVERIFY(pane->fields()->isVisibleTo(pane));
    QVERIFY(pane->duplicateButton()->isVisible());
    QVERIFY(!pane->applyButton()->isEnabled()); // only its tags can change
    shoot(&window, QStringLiteral("detail-edit-5-readonly.png"));

    QTest::mouseClick(pane->duplicateButton(), Qt::LeftButton);
    ui::OperationDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::OperationDialog *>()));
    QCOMPARE(dialog->operation(), QStringLiteral("CreateEncoderConfiguration"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("name"))->text(),
             QStringLiteral("hd-copy"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("video.width"))->text(),
             QStringLiteral("1280"));
    shoot(dialog, QStringLiteral("detail-edit-6-duplicate.png"));
    dialog->submit();
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 2, 10000);
}

void TestDetailEdit::noStalePaneAfterDisconnectAndDelete()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString arn = h.createStage(QStringLiteral("live"));
    const auto guest = h.join(arn, QStringLiteral("guest"));
    LocalConsole window(h.service()->url());
    window.resize(1400, 860);
    QVERIFY(window.showSession(arn, guest.sessionId, guest.participantId));
    ui::DetailPane *pane = window.detail();
    QTRY_COMPARE_WITH_TIMEOUT(pane->identity(), guest.participantId, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(fieldValue(pane, QStringLiteral("State")),
                              QStringLiteral("CONNECTED"), 10000);

    std::optional<QString> result;
    window.disconnectParticipant(arn, guest.participantId, {}, [&](const aws::Expected<void> &e) {
        result = e.error().toString();
    });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_COMPARE_WITH_TIMEOUT(fieldValue(pane, QStringLiteral("State")),
                              QStringLiteral("DISCONNECTED"), 10000);
    shoot(&window, QStringLiteral("detail-edit-7-disconnected.png"));

    // Another guest leaves by another way (not this window): the next refresh of the list
    // changes its row, and the pane, with no Get of its own, shows the new state.
    const auto other = h.join(arn, QStringLiteral("other"));
    QVERIFY(window.showSession(arn, other.sessionId, other.participantId));
    QTRY_COMPARE_WITH_TIMEOUT(pane->identity(), other.participantId, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(fieldValue(pane, QStringLiteral("State")),
                              QStringLiteral("CONNECTED"), 10000);
    QTRY_VERIFY(!pane->isLoading());
    const QJsonObject left = h.call(ivs::Operation::DisconnectParticipant,
                                    {{QStringLiteral("stageArn"), arn},
                                     {QStringLiteral("participantId"), other.participantId}});
    QVERIFY2(!left.contains(QLatin1String("__error")),
             qPrintable(left.value("__error").toString()));
    window.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(fieldValue(pane, QStringLiteral("State")),
                              QStringLiteral("DISCONNECTED"), 10000);
    QVERIFY(!pane->showsChangedOnService()); // nothing was being edited
    shoot(&window, QStringLiteral("detail-edit-8-follows-the-list.png"));

    // Delete the stage shown in the pane: the pane says so instead of showing it.
    QVERIFY(window.showKind(models::Kind::Stage));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    window.table()->selectRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(pane->identity(), arn, 10000);
    result.reset();
    window.deleteStage(arn, [&](const aws::Expected<void> &e) { result = e.error().toString(); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isEmpty(), qPrintable(*result));
    QTRY_VERIFY(pane->identity().isEmpty());
    QVERIFY(pane->titleLabel()->text().contains(QStringLiteral("DeleteStage")));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 0, 10000);
}

QTEST_MAIN(TestDetailEdit)
#include "tst_detailedit.moc"
