#include "ui/alertrulesdialog.h"

#include "ivs/ivsclient.h"
#include "models/alertrulecheck.h"
#include "ui/connection.h"

#include <QBrush>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

using Kind = models::AlertRule::Kind;

struct KindText {
    Kind kind;
    const char *text;
};
const KindText kKindTexts[] = {
    {Kind::ErrorEvent, QT_TRANSLATE_NOOP("AlertRulesDialog", "A new participant error event")},
    {Kind::DisconnectedByError,
     QT_TRANSLATE_NOOP("AlertRulesDialog", "A participant disconnected by an error")},
    {Kind::RecordingFailed,
     QT_TRANSLATE_NOOP("AlertRulesDialog", "A participant's recording FAILED")},
    {Kind::CompositionFailed, QT_TRANSLATE_NOOP("AlertRulesDialog", "A composition FAILED")},
    {Kind::DestinationTrouble,
     QT_TRANSLATE_NOOP("AlertRulesDialog", "A composition destination RECONNECTING or FAILED")},
    {Kind::PublishersAtLeast, QT_TRANSLATE_NOOP("AlertRulesDialog", "Publishers on a stage ≥ N")},
    {Kind::PacketLossAbove,
     QT_TRANSLATE_NOOP("AlertRulesDialog", "Download packet loss ≥ X % for T seconds")},
    {Kind::BitrateBelow,
     QT_TRANSLATE_NOOP("AlertRulesDialog", "Published bitrate below Y kb/s for T seconds")},
};

// The threshold as the user reads it: bit rates in kb/s, the rule keeps bits/s.
double shownThreshold(const models::AlertRule &rule)
{
    return rule.kind == Kind::BitrateBelow ? rule.threshold / 1000 : rule.threshold;
}

models::AlertRule defaultOf(Kind kind)
{
    for (const models::AlertRule &rule : models::AlertEngine::defaultRules()) {
        if (rule.kind == kind)
            return rule;
    }
    models::AlertRule rule;
    rule.kind = kind;
    return rule;
}

} // namespace

AlertRulesDialog::AlertRulesDialog(Connection *connection, QWidget *parent)
    : QDialog(parent), m_connection(connection)
{
    setObjectName(QStringLiteral("alertRulesDialog"));
    setWindowTitle(tr("Alert rules"));
    if (connection) {
        m_rules = connection->alerts()->rules();
    } else {
        QSettings settings;
        m_rules = models::AlertEngine::loadRules(settings).valueOr({});
        if (m_rules.isEmpty())
            m_rules = models::AlertEngine::defaultRules();
    }

    auto *layout = new QVBoxLayout(this);
    auto *body = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("alertRules"));
    m_list->setAccessibleName(tr("Alert rules; the check box turns a rule on or off"));
    m_list->setMinimumWidth(340);
    left->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addRule"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeRule"));
    auto *defaults = new QPushButton(tr("Restore &defaults"), this);
    defaults->setObjectName(QStringLiteral("defaultRules"));
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(defaults);
    left->addLayout(buttons);
    body->addLayout(left, 2);
    body->addWidget(buildEditor(), 3);
    layout->addLayout(body, 1);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("alertRulesNote"));
    m_note->setWordWrap(true);
    m_note->setText(connection ? tr("The rules are kept for every connection; OK applies them "
                                    "to %1 at once.")
                                     .arg(connection->description().toHtmlEscaped())
                               : tr("The rules are kept for every connection; no connection is "
                                    "open to apply them to now."));
    layout->addWidget(m_note);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlertRulesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AlertRulesDialog::reject);

    connect(add, &QPushButton::clicked, this, &AlertRulesDialog::addRule);
    connect(m_remove, &QPushButton::clicked, this, &AlertRulesDialog::removeRule);
    connect(defaults, &QPushButton::clicked, this, [this] {
        m_rules = models::AlertEngine::defaultRules();
        fillList();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &AlertRulesDialog::showRule);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (m_showing || row < 0 || row >= m_rules.size())
            return;
        m_rules[row].enabled = item->checkState() == Qt::Checked;
        showProblems();
    });
    fillList();
    listStages();
    resize(900, 420);
}

AlertRulesDialog *AlertRulesDialog::edit(Connection *connection, QWidget *parent)
{
    auto *dialog = new AlertRulesDialog(connection, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QPushButton *AlertRulesDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QWidget *AlertRulesDialog::buildEditor()
{
    auto *editor = new QWidget(this);
    editor->setObjectName(QStringLiteral("ruleEditor"));
    auto *form = new QFormLayout(editor);
    form->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(editor);
    m_kind->setObjectName(QStringLiteral("ruleKind"));
    for (const KindText &k : kKindTexts)
        m_kind->addItem(tr(k.text), int(k.kind));
    form->addRow(tr("&When"), m_kind);

    m_threshold = new QDoubleSpinBox(editor);
    m_threshold->setObjectName(QStringLiteral("ruleThreshold"));
    m_thresholdLabel = new QLabel(tr("&Threshold"), editor);
    m_thresholdLabel->setBuddy(m_threshold);
    // Its text follows the kind; the form's label column must not shrink under the longest.
    int longest = 0;
    for (const QString &text :
         {tr("Publishers at least"), tr("Packet loss at least"), tr("Bitrate below")})
        longest = qMax(longest, m_thresholdLabel->fontMetrics().horizontalAdvance(text));
    m_thresholdLabel->setMinimumWidth(longest + 4);
    form->addRow(m_thresholdLabel, m_threshold);
    m_thresholdProblem = new QLabel(editor);
    m_thresholdProblem->setObjectName(QStringLiteral("ruleThresholdProblem"));
    form->addRow(QString(), m_thresholdProblem);

    m_seconds = new QSpinBox(editor);
    m_seconds->setObjectName(QStringLiteral("ruleSeconds"));
    m_seconds->setRange(0, 86400);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setToolTip(tr("How long the value must stay past the threshold before the alert "
                             "fires (0: at the first sample)"));
    m_secondsLabel = new QLabel(tr("For at &least"), editor);
    m_secondsLabel->setBuddy(m_seconds);
    form->addRow(m_secondsLabel, m_seconds);

    m_stage = new QComboBox(editor);
    m_stage->setObjectName(QStringLiteral("ruleStage"));
    m_stage->setEditable(true);
    m_stage->setInsertPolicy(QComboBox::NoInsert);
    // A typed ARN must not widen the form until the labels are cut.
    m_stage->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stage->setMinimumContentsLength(24);
    m_stage->setToolTip(tr("Every stage, one of the connection's stages, or a stage ARN"));
    m_stage->addItem(tr("Every stage"), QString());
    form->addRow(tr("On &stage"), m_stage);
    m_stageProblem = new QLabel(editor);
    m_stageProblem->setObjectName(QStringLiteral("ruleStageProblem"));
    form->addRow(QString(), m_stageProblem);
    for (QLabel *problem : {m_thresholdProblem, m_stageProblem}) {
        problem->setWordWrap(true);
        problem->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
        problem->hide();
    }

    m_summary = new QLabel(editor);
    m_summary->setObjectName(QStringLiteral("ruleSummary"));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(
        QStringLiteral("QLabel { background: palette(alternate-base); padding: 6px; }"));
    form->addRow(m_summary);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (m_showing || m_list->currentRow() < 0)
            return;
        // A new kind starts from its own default threshold and seconds.
        models::AlertRule &rule = m_rules[m_list->currentRow()];
        const models::AlertRule fresh = defaultOf(Kind(m_kind->currentData().toInt()));
        rule.kind = fresh.kind;
        rule.threshold = fresh.threshold;
        rule.forSeconds = fresh.forSeconds;
        showRule(m_list->currentRow());
    });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AlertRulesDialog::editRule);
    connect(m_seconds, &QSpinBox::valueChanged, this, &AlertRulesDialog::editRule);
    connect(m_stage, &QComboBox::currentTextChanged, this, &AlertRulesDialog::editRule);
    return editor;
}

void AlertRulesDialog::listStages()
{
    if (!m_connection)
        return;
    // One page of the connection's stages to choose from by name; any ARN can still be typed.
    m_connection->client()->call(
        ivs::Operation::ListStages, {{QStringLiteral("maxResults"), 100}}, this,
        [this](const ivs::IvsResult &result) {
            if (!result.ok()) {
                m_stage->setToolTip(tr("Type a stage ARN (the stages could not be listed: %1)")
                                        .arg(result.error().message));
                return;
            }
            const bool wasShowing = std::exchange(m_showing, true);
            for (const QJsonValue &v : result->output.value(QLatin1String("stages")).toArray()) {
                const QString arn = v.toObject().value(QLatin1String("arn")).toString();
                QString name = v.toObject().value(QLatin1String("name")).toString();
                if (name.isEmpty())
                    name = arn.mid(arn.lastIndexOf(QLatin1Char('/')) + 1);
                m_stageNames.insert(arn, name);
                m_stage->addItem(name, arn);
                m_stage->setItemData(m_stage->count() - 1, arn, Qt::ToolTipRole);
            }
            m_showing = wasShowing;
            // A rule shown by its ARN before the names arrived is now shown by its name.
            showRule(m_list->currentRow());
            for (int i = 0; i < m_list->count(); ++i)
                m_list->item(i)->setText(itemText(m_rules[i]));
        });
}

QString AlertRulesDialog::stageLabel(const QString &stageArn) const
{
    if (stageArn.isEmpty())
        return tr("every stage");
    return m_stageNames.value(stageArn, stageArn);
}

QString AlertRulesDialog::stageArnOf(const QString &text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const int item = m_stage->findText(trimmed);
    return item >= 0 ? m_stage->itemData(item).toString() : trimmed;
}

QString AlertRulesDialog::itemText(const models::AlertRule &rule) const
{
    return rule.stageArn.isEmpty()
               ? rule.describe()
               : tr("%1 — on %2").arg(rule.describe(), stageLabel(rule.stageArn));
}

QString AlertRulesDialog::sentence(const models::AlertRule &rule, const QString &stageName)
{
    const QString where =
        rule.stageArn.isEmpty()
            ? tr("on every stage")
            : tr("on stage %1").arg(stageName.isEmpty() ? rule.stageArn : stageName);
    return rule.enabled ? tr("Alert when %1, %2.").arg(rule.describe(), where)
                        : tr("Off: would alert when %1, %2.").arg(rule.describe(), where);
}

QWidget *AlertRulesDialog::fieldOf(models::AlertRuleProblem::Field field) const
{
    switch (field) {
    case models::AlertRuleProblem::Field::Seconds:
        return m_seconds;
    case models::AlertRuleProblem::Field::Stage:
        return m_stage;
    default:
        return m_threshold;
    }
}

void AlertRulesDialog::fillList()
{
    const int current = m_list->currentRow();
    m_showing = true;
    m_list->clear();
    for (const models::AlertRule &rule : m_rules) {
        auto *item = new QListWidgetItem(itemText(rule), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_showing = false;
    m_list->setCurrentRow(qBound(0, current, int(m_rules.size()) - 1));
    showRule(m_list->currentRow());
}

void AlertRulesDialog::showRule(int row)
{
    const bool valid = row >= 0 && row < m_rules.size();
    m_kind->parentWidget()->setEnabled(valid);
    m_remove->setEnabled(valid);
    if (!valid) {
        m_summary->setText(tr("No rule: Add one, or Restore defaults."));
        showProblems();
        return;
    }
    const models::AlertRule &rule = m_rules[row];
    m_showing = true;
    m_kind->setCurrentIndex(m_kind->findData(int(rule.kind)));
    const bool threshold = models::ruleUsesThreshold(rule.kind),
               seconds = models::ruleUsesSeconds(rule.kind);
    m_thresholdLabel->setVisible(threshold);
    m_threshold->setVisible(threshold);
    m_secondsLabel->setVisible(seconds);
    m_seconds->setVisible(seconds);
    switch (rule.kind) {
    case Kind::PublishersAtLeast:
        m_thresholdLabel->setText(tr("&Publishers at least"));
        m_threshold->setDecimals(0);
        m_threshold->setRange(0, 1000);
        m_threshold->setSuffix(tr(" publishers"));
        break;
    case Kind::PacketLossAbove:
        m_thresholdLabel->setText(tr("&Packet loss at least"));
        m_threshold->setDecimals(1);
        m_threshold->setRange(0, 100);
        m_threshold->setSuffix(tr(" %"));
        break;
    case Kind::BitrateBelow:
        m_thresholdLabel->setText(tr("&Bitrate below"));
        m_threshold->setDecimals(0);
        m_threshold->setRange(0, 100000);
        m_threshold->setSuffix(tr(" kb/s"));
        break;
    default:
        break;
    }
    m_threshold->setValue(shownThreshold(rule));
    m_seconds->setValue(rule.forSeconds);
    const int stageItem = m_stage->findData(rule.stageArn);
    if (stageItem >= 0)
        m_stage->setCurrentIndex(stageItem);
    else
        m_stage->setEditText(rule.stageArn);
    m_showing = false;
    showProblems();
}

void AlertRulesDialog::editRule()
{
    const int row = m_list->currentRow();
    if (m_showing || row < 0 || row >= m_rules.size())
        return;
    models::AlertRule &rule = m_rules[row];
    if (models::ruleUsesThreshold(rule.kind))
        rule.threshold =
            rule.kind == Kind::BitrateBelow ? m_threshold->value() * 1000 : m_threshold->value();
    if (models::ruleUsesSeconds(rule.kind))
        rule.forSeconds = m_seconds->value();
    rule.stageArn = stageArnOf(m_stage->currentText());
    showProblems();
}

void AlertRulesDialog::showProblems()
{
    const int row = m_list->currentRow();
    m_thresholdProblem->hide();
    m_stageProblem->hide();
    bool allRight = true;
    for (int i = 0; i < m_rules.size(); ++i) {
        const models::AlertRuleProblem problem = models::checkAlertRule(m_rules[i]);
        const bool right = !problem.isProblem();
        allRight = allRight && right;
        if (QListWidgetItem *item = m_list->item(i)) {
            const QSignalBlocker blocker(m_list);
            item->setText(itemText(m_rules[i]));
            item->setForeground(right ? QBrush() : QBrush(QColor(0xc0, 0x39, 0x2b)));
            item->setToolTip(problem.text);
        }
    }
    if (row >= 0 && row < m_rules.size()) {
        const models::AlertRuleProblem problem = models::checkAlertRule(m_rules[row]);
        QLabel *at = problem.field == models::AlertRuleProblem::Field::Stage ? m_stageProblem
                                                                             : m_thresholdProblem;
        if (problem.isProblem()) {
            at->setText(problem.text);
            at->show();
        }
        m_summary->setText(sentence(m_rules[row], m_stageNames.value(m_rules[row].stageArn)));
    }
    okButton()->setToolTip(allRight ? QString() : tr("A rule in red needs a change first"));
}

void AlertRulesDialog::addRule()
{
    models::AlertRule rule = defaultOf(Kind::PacketLossAbove);
    rule.enabled = true;
    m_rules.append(rule);
    fillList();
    m_list->setCurrentRow(int(m_rules.size()) - 1);
    m_kind->setFocus();
}

void AlertRulesDialog::removeRule()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_rules.size())
        return;
    m_rules.removeAt(row);
    fillList();
}

void AlertRulesDialog::accept()
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const models::AlertRuleProblem problem = models::checkAlertRule(m_rules[i]);
        if (!problem.isProblem())
            continue;
        // The first wrong rule is shown with its problem at its field; nothing is saved.
        m_list->setCurrentRow(i);
        fieldOf(problem.field)->setFocus();
        return;
    }
    QSettings settings;
    models::AlertEngine::saveRules(settings, m_rules);
    if (m_connection)
        m_connection->alerts()->setRules(m_rules);
    QDialog::accept();
}

} // namespace gr::ui
