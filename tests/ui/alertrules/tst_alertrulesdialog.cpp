// The Alert rules dialog: the rules listed in words with their units, a wrong value named at
// its field (OK saves nothing then), Cancel loses nothing saved, OK saves to QSettings and
// applies to the open connection's engine; through the window, a rule edited from the Alerts
// dock fires on a degraded participant and its alert jumps there. Screenshots under
// test-output/screenshots/alert-rules-*.

#include "localconnection.h"
#include "localharness.h"
#include "metricsstage.h"
#include "models/alertrules.h"
#include "screenshot.h"
#include "ui/alertrulesdialog.h"
#include "ui/alertsdock.h"
#include "ui/connection.h"
#include "ui/mainwindow.h"
#include "ui/participantpage.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace gr;
using models::AlertRule;

namespace
{

QList<AlertRule> savedRules()
{
    QSettings settings;
    const gr::aws::Expected<QList<AlertRule>> rules = models::AlertEngine::loadRules(settings);
    if (!rules)
        qWarning("saved rules unreadable: %s", qPrintable(rules.message()));
    return rules.valueOr({});
}

int rowOfKind(const QList<AlertRule> &rules, AlertRule::Kind kind)
{
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].kind == kind)
            return i;
    }
    return -1;
}

void setStage(ui::AlertRulesDialog &dialog, const QString &text)
{
    dialog.stage()->setEditText(text);
}
} // namespace

class TestAlertRulesDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings settings;
        settings.remove(QStringLiteral("alerts"));
        settings.remove(QLatin1String(ui::ParticipantPage::kTabSetting));
    }
    void editsWithUnitsAndNamedProblems();
    void editedRuleFiresAndJumps();
};

void TestAlertRulesDialog::editsWithUnitsAndNamedProblems()
{
    ui::AlertRulesDialog dialog(nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QList<AlertRule> defaults = models::AlertEngine::defaultRules();
    QCOMPARE(dialog.list()->count(), defaults.size());
    const int loss = rowOfKind(defaults, AlertRule::Kind::PacketLossAbove);
    QVERIFY(loss >= 0);
    QCOMPARE(dialog.list()->item(loss)->text(), QStringLiteral("packet loss ≥ 5 % for 10 s"));
    QCOMPARE(dialog.list()->item(loss)->checkState(), Qt::Checked);

    // The rule's threshold and seconds with their units; the sentence says it whole.
    dialog.list()->setCurrentRow(loss);
    QVERIFY(dialog.threshold()->isVisible());
    QCOMPARE(dialog.threshold()->suffix(), QStringLiteral(" %"));
    QCOMPARE(dialog.threshold()->value(), 5.0);
    QCOMPARE(dialog.seconds()->suffix(), QStringLiteral(" s"));
    QCOMPARE(dialog.summary()->text(),
             QStringLiteral("Alert when packet loss ≥ 5 % for 10 s, on every stage."));
    shoot(&dialog, QStringLiteral("alert-rules.png"));

    // A rule without a threshold hides the fields it has not.
    const int error = rowOfKind(defaults, AlertRule::Kind::ErrorEvent);
    dialog.list()->setCurrentRow(error);
    QVERIFY(!dialog.threshold()->isVisible());
    QVERIFY(!dialog.seconds()->isVisible());

    // A bitrate in kb/s (kept in bits/s).
    const int bitrate = rowOfKind(defaults, AlertRule::Kind::BitrateBelow);
    dialog.list()->setCurrentRow(bitrate);
    QCOMPARE(dialog.threshold()->suffix(), QStringLiteral(" kb/s"));
    QCOMPARE(dialog.threshold()->value(), 300.0);
    dialog.threshold()->setValue(250);
    QCOMPARE(dialog.rules().at(bitrate).threshold, 250000.0);

    // Wrong values are named at their field, and OK keeps the dialog open, saving nothing.
    dialog.list()->setCurrentRow(loss);
    dialog.threshold()->setValue(0);
    auto *thresholdProblem = dialog.findChild<QLabel *>(QStringLiteral("ruleThresholdProblem"));
    QVERIFY(thresholdProblem->isVisible());
    QVERIFY2(thresholdProblem->text().contains(QStringLiteral("percentage")),
             qPrintable(thresholdProblem->text()));
    QVERIFY(dialog.list()->item(loss)->foreground().color().isValid());
    dialog.threshold()->setValue(10);
    QVERIFY(!thresholdProblem->isVisible());
    dialog.seconds()->setValue(0);
    setStage(dialog, QStringLiteral("stage-one"));
    auto *stageProblem = dialog.findChild<QLabel *>(QStringLiteral("ruleStageProblem"));
    QVERIFY(stageProblem->isVisible());
    QVERIFY2(stageProblem->text().contains(QStringLiteral("Not a stage ARN")),
             qPrintable(stageProblem->text()));
    shoot(&dialog, QStringLiteral("alert-rules-problem.png"));
    dialog.list()->setCurrentRow(error); // the problem stays with its rule
    QVERIFY(!stageProblem->isVisible());
    dialog.okButton()->click();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.list()->currentRow(), loss); // OK brought the wrong rule back
    QVERIFY(stageProblem->isVisible());
    QVERIFY(savedRules().isEmpty());

    const QString arn = QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/AbCdEf123456");
    setStage(dialog, arn);
    QVERIFY(!stageProblem->isVisible());
    QCOMPARE(dialog.summary()->text(),
             QStringLiteral("Alert when packet loss ≥ 10 % for 0 s, on stage %1.").arg(arn));

    // Enable, add, remove.
    const int publishers = rowOfKind(defaults, AlertRule::Kind::PublishersAtLeast);
    QCOMPARE(dialog.list()->item(publishers)->checkState(), Qt::Unchecked);
    dialog.list()->item(publishers)->setCheckState(Qt::Checked);
    QVERIFY(dialog.rules().at(publishers).enabled);
    dialog.findChild<QPushButton *>(QStringLiteral("addRule"))->click();
    QCOMPARE(dialog.list()->count(), defaults.size() + 1);
    QCOMPARE(dialog.list()->currentRow(), int(defaults.size()));
    dialog.findChild<QPushButton *>(QStringLiteral("removeRule"))->click();
    QCOMPARE(dialog.list()->count(), defaults.size());

    // Cancel: nothing saved.
    dialog.reject();
    QVERIFY(savedRules().isEmpty());

    // OK: what the dialog shows is what is saved.
    ui::AlertRulesDialog again(nullptr);
    again.list()->setCurrentRow(loss);
    again.threshold()->setValue(7.5);
    again.okButton()->click();
    QCOMPARE(again.result(), int(QDialog::Accepted));
    const QList<AlertRule> saved = savedRules();
    QCOMPARE(saved, again.rules());
    QCOMPARE(saved.at(loss).threshold, 7.5);

    // The next dialog starts from what was saved; Cancel there keeps it.
    ui::AlertRulesDialog third(nullptr);
    QCOMPARE(third.rules(), saved);
    third.list()->setCurrentRow(loss);
    third.threshold()->setValue(50);
    third.reject();
    QCOMPARE(savedRules(), saved);
}

void TestAlertRulesDialog::editedRuleFiresAndJumps()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const metrics_stage::Stage s = metrics_stage::make(h, QStringLiteral("rules-stage"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));

    LocalConsole window(h.service()->url(), QSize(1400, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<ui::AlertsDock *>(QStringLiteral("alertsDock"));
    QVERIFY(dock);

    // From the Alerts dock: packet loss ≥ 10 % at once (0 s), on this stage only.
    QTest::mouseClick(dock->rulesButton(), Qt::LeftButton);
    ui::AlertRulesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::AlertRulesDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    // The connection's stages are offered by name.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->stage()->findData(s.stageArn) >= 0, 10000);
    const int loss = rowOfKind(dialog->rules(), AlertRule::Kind::PacketLossAbove);
    dialog->list()->setCurrentRow(loss);
    dialog->threshold()->setValue(10);
    dialog->seconds()->setValue(0);
    dialog->stage()->setCurrentIndex(dialog->stage()->findData(s.stageArn));
    QCOMPARE(dialog->summary()->text(),
             QStringLiteral("Alert when packet loss ≥ 10 % for 0 s, on stage rules-stage."));
    shoot(dialog, QStringLiteral("alert-rules-edited.png"));
    QSignalSpy closed(dialog, &QDialog::finished);
    dialog->okButton()->click();
    QCOMPARE(closed.count(), 1);
    const AlertRule applied = window.connection()->alerts()->rules().at(loss);
    QCOMPARE(applied.threshold, 10.0);
    QCOMPARE(applied.forSeconds, 0);
    QCOMPARE(applied.stageArn, s.stageArn);
    QCOMPARE(savedRules().at(loss), applied);

    // The rule fires for the degraded participant at its first sample, with no page of it
    // open: the connection watches every live publisher's quality.
    QVERIFY(window.showStage(s.stageArn));
    QVERIFY(window.findChild<ui::ParticipantPage *>() == nullptr);
    QAbstractItemModel *alerts = dock->alerts();
    QPersistentModelIndex item;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int i = 0; i < alerts->rowCount() && !item.isValid(); ++i) {
                const QModelIndex rule = alerts->index(i, ui::AlertsDock::Rule);
                if (rule.data().toString().contains(QStringLiteral("≥ 10 %")))
                    item = rule.siblingAtColumn(ui::AlertsDock::Where);
            }
            return item.isValid();
        }(),
        20000);
    const QString text = item.sibling(item.row(), ui::AlertsDock::Text).data().toString();
    QVERIFY2(text.contains(QStringLiteral("Packet loss")), qPrintable(text));
    // The participant's alert, whose Where names it by user id when known: its id is the jump's.
    QCOMPARE(item.sibling(item.row(), 0).data(ui::AlertsDock::ParticipantIdRole).toString(), s.bad);

    // Elsewhere, a double click on the alert opens that participant in its session again.
    QVERIFY(window.showStage(s.stageArn));
    QTRY_VERIFY(window.findChild<ui::ParticipantPage *>() == nullptr);
    QTest::qWait(100);
    shoot(&window, QStringLiteral("alert-rules-fired.png"));
    const QRect rect = dock->list()->visualRect(item);
    QSignalSpy jumped(dock, &ui::AlertsDock::jumpRequested);
    QTest::mouseClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(dock->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(jumped.count(), 1);
    QCOMPARE(jumped.first().at(1).toString(), s.sessionId);
    QCOMPARE(jumped.first().at(2).toString(), s.bad);
    ui::ParticipantPage *page = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((page = window.findChild<ui::ParticipantPage *>()) != nullptr, 10000);
    QCOMPARE(page->scope().participantId, s.bad);
    QCOMPARE(page->scope().sessionId, s.sessionId);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0, 10000);
    // A packet-loss alert is read on the participant's charts, not its events.
    QCOMPARE(jumped.first().at(4).toString(), QStringLiteral("DownloadPacketLoss"));
    QTRY_COMPARE(page->tabs()->currentWidget(), page->chartsTab());
    QTest::qWait(200);
    shoot(&window, QStringLiteral("alert-rules-jumped.png"));
}

QTEST_MAIN(TestAlertRulesDialog)
#include "tst_alertrulesdialog.moc"
