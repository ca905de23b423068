#pragma once
// A form for one write operation of the API (create, update, start, stop, import, tag), built
// from the AWS model: every member of the input, with the model's documentation as tool tips.
// The input is checked against the model before it is sent; the service's answer, if it is an
// error, is shown in the dialog, which stays open with everything typed in it.

#include "aws/expected.h"

#include <memory>
#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QScrollArea;

namespace gr::ui
{

class OperationForm;
class ResourceChoices;

class OperationDialog : public QDialog
{
    Q_OBJECT
public:
    OperationDialog(const QString &operation, const QJsonObject &prefill,
                    QWidget *parent = nullptr);
    ~OperationDialog() override;

    QString operation() const { return m_operation; }
    // What the ARN fields offer; fill it in as lists arrive.
    ResourceChoices *choices() const;
    OperationForm *form() const { return m_form; }
    // The input as the form holds it now; an error naming the first field that cannot be read.
    aws::Expected<QJsonObject> input() const;
    void setInput(const QJsonObject &input);

    // For updates: the resource as it is now. The form shows it, and only the members that
    // differ from it are sent (with the required ones, such as the ARN), so changing a stage's
    // name does not also re-send its recording settings. Until it arrives the form is read-only.
    void expectCurrent();
    void setCurrent(const QJsonObject &current);

    // Checks the form and, when it is good, emits submitted() and waits for finish().
    void submit();
    // The service's answer: an error keeps the dialog open and shows it; success closes it.
    void finish(const QString &error);
    // The problem in plain words, as shown; errorDetails() is the model's or service's text.
    QString errorText() const;
    QString errorDetails() const;

    // "Create encoder configuration" for "CreateEncoderConfiguration".
    static QString title(const QString &operation);
    // The line above the fields: what is required, what is sent.
    static QString hintText(const QString &operation, const QWidget *form);

    // Cancel and Escape ask before throwing away what was typed.
    void reject() override;

signals:
    void submitted(const QJsonObject &input);

private:
    void setBusy(bool busy);

    QString m_operation;
    OperationForm *m_form;
    QScrollArea *m_scroll;
    QDialogButtonBox *m_buttons;
    QPointer<QWidget> m_focusBeforeSubmit;
};

} // namespace gr::ui
