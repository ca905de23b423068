#pragma once
// The fields of one write operation's input, built from the AWS model (see fieldeditors.h),
// with what forms and editing panes share: the resource as it is now, only what changed sent,
// the input checked against the model, and a problem shown at its field in plain words (the
// model's or service's own text one click away).

#include "aws/expected.h"
#include "ui/fieldproblem.h"

#include <memory>
#include <QJsonObject>
#include <QWidget>

class QLabel;

namespace gr::ui
{

class FieldEditor;
class ResourceChoices;

class OperationForm : public QWidget
{
    Q_OBJECT
public:
    explicit OperationForm(const QString &operation, QWidget *parent = nullptr);
    ~OperationForm() override;

    QString operation() const { return m_operation; }
    ResourceChoices *choices() const { return m_choices; }

    // The input as the fields hold it; an Invalid error naming the first field that cannot be
    // read ("video.width: \"wide\" is not a whole number").
    aws::Expected<QJsonObject> input() const;
    void setInput(const QJsonObject &input);
    // The resource as it is now: shown, and the baseline for isDirty() and changes().
    void setCurrent(const QJsonObject &current);
    const QJsonObject &current() const { return m_current; }
    // Makes what was typed the baseline (a form opened with a prefill is not "typed").
    void markClean();
    bool isDirty() const;
    // What to send: the members that differ from the current resource and the required ones.
    // Empty, with `problem` set (and shown), when a field is unreadable or the model refuses.
    QJsonObject changes(FieldProblem *problem);
    // Shows a problem at its field (highlighted, scrolled to) and in words under the fields.
    void showProblem(const FieldProblem &problem);
    void showError(const QString &validationOrServiceText);
    void clearProblem();
    QString problemText() const;
    QString problemDetails() const { return m_problem.raw; }
    // The problem's line, out of the form's layout, for a dialog to keep in sight below its
    // scrolled fields (under them, a long form hid it: a refused create showed no reason).
    QLabel *takeErrorLabel();
    // Fields that are not the user's to change here (an editing pane's ARN).
    void setReadOnlyMember(const QString &path);

signals:
    void edited();

private:
    void watchEdits();
    void guardWheel();
    QWidget *fieldWidget(const QString &path) const;

    QString m_operation;
    std::unique_ptr<FieldEditor> m_editor;
    ResourceChoices *m_choices;
    QLabel *m_error;
    QJsonObject m_current;
    QJsonObject m_baseline;
    FieldProblem m_problem;
    QWidget *m_highlighted = nullptr;
    QObject *m_wheelGuard = nullptr;
};

} // namespace gr::ui
