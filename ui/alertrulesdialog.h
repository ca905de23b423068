#pragma once
// Alert rules, edited: the list of rules (each enabled or not, in words: "packet loss ≥ 5 % for
// 10 s, on every stage"), Add, Remove, Restore defaults; the selected rule's kind, threshold
// and seconds with their units, and its stage scope (the connection's stages, or any stage
// ARN). A wrong value is named at its field and OK stays until it is right. OK saves the rules
// to QSettings and applies them to the open connection's engine; Cancel changes nothing.

#include "models/alertrulecheck.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace gr::ui
{

class Connection;

class AlertRulesDialog : public QDialog
{
    Q_OBJECT
public:
    // The rules of `connection`'s engine (or those saved, when there is no connection).
    explicit AlertRulesDialog(Connection *connection, QWidget *parent = nullptr);

    // Opens the dialog (window-modal, deleted on close) and returns at once.
    static AlertRulesDialog *edit(Connection *connection, QWidget *parent);

    const QList<models::AlertRule> &rules() const { return m_rules; }
    // "Alert when packet loss ≥ 5 % for 10 s, on every stage."
    static QString sentence(const models::AlertRule &rule, const QString &stageName = {});

    QListWidget *list() const { return m_list; }
    QComboBox *kind() const { return m_kind; }
    QDoubleSpinBox *threshold() const { return m_threshold; }
    QSpinBox *seconds() const { return m_seconds; }
    QComboBox *stage() const { return m_stage; }
    QLabel *summary() const { return m_summary; }
    QPushButton *okButton() const;

    void accept() override;

private:
    QWidget *buildEditor();
    void listStages();
    void fillList();
    void showRule(int row);
    void editRule();
    void showProblems();
    void addRule();
    void removeRule();
    QString stageArnOf(const QString &text) const;
    QString stageLabel(const QString &stageArn) const;
    QString itemText(const models::AlertRule &rule) const;
    QWidget *fieldOf(models::AlertRuleProblem::Field field) const;

    QPointer<Connection> m_connection;
    QList<models::AlertRule> m_rules;
    QHash<QString, QString> m_stageNames; // stage ARN -> name, as ListStages gave them
    QListWidget *m_list;
    QComboBox *m_kind;
    QLabel *m_thresholdLabel;
    QDoubleSpinBox *m_threshold;
    QLabel *m_thresholdProblem;
    QLabel *m_secondsLabel;
    QSpinBox *m_seconds;
    QComboBox *m_stage;
    QLabel *m_stageProblem;
    QLabel *m_summary;
    QLabel *m_note;
    QPushButton *m_remove;
    QDialogButtonBox *m_buttons;
    bool m_showing = false; // the editor is being filled from a rule: not an edit
};

} // namespace gr::ui
