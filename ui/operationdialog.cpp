#include "ui/operationdialog.h"

#include "ivs/modelvalidator.h"
#include "ui/fieldeditors.h"
#include "ui/operationform.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace gr::ui
{

QString OperationDialog::title(const QString &operation)
{
    return memberLabel(operation); // "Start participant replication"
}

// "Fields marked * are required" over a form with no * reads as a mistake: CreateStage has no
// required field, only its recording section (off until switched on) has one.
QString OperationDialog::hintText(const QString &operation, const QWidget *form)
{
    const QJsonArray required = ivs::ModelValidator::embedded()
                                    .shapes()
                                    .value(ivs::ModelValidator::embedded().inputShape(operation))
                                    .toObject()
                                    .value(QLatin1String("required"))
                                    .toArray();
    bool starred = false;
    for (const QLabel *label : form->findChildren<QLabel *>())
        starred = starred || label->text().endsWith(QLatin1String(" *"));
    for (const QGroupBox *box : form->findChildren<QGroupBox *>())
        starred = starred || box->title().endsWith(QLatin1String(" *"));
    const QString which = !required.isEmpty() ? tr("Fields marked * are required")
                          : starred ? tr("Every field is optional; a section you switch on may "
                                         "require fields, marked *")
                                    : tr("Every field is optional");
    return operation.startsWith(QLatin1String("Update"))
               ? tr("%1. Only what you change is sent, the rest stays as it is. Hover a field "
                    "for what it means.")
                     .arg(which)
               : tr("%1. Empty fields are left out, so the service's defaults apply. Hover a "
                    "field for what it means.")
                     .arg(which);
}

OperationDialog::OperationDialog(const QString &operation, const QJsonObject &prefill,
                                 QWidget *parent)
    : QDialog(parent), m_operation(operation)
{
    setWindowTitle(title(operation));
    setObjectName(operation);
    auto *layout = new QVBoxLayout(this);
    // The title bar may be hidden (tiling window managers, a maximised dialog): the dialog
    // says what it does in its own first line too.
    auto *heading =
        new QLabel(QStringLiteral("<b>%1</b>").arg(title(operation).toHtmlEscaped()), this);
    heading->setObjectName(QStringLiteral("heading"));
    layout->addWidget(heading);
    auto *hint = new QLabel(this);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // fields shrink instead
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(m_scroll);
    auto *pageLayout = new QVBoxLayout(page);
    m_form = new OperationForm(operation, page);
    hint->setText(hintText(operation, m_form));
    pageLayout->addWidget(m_form);
    pageLayout->addStretch();
    m_scroll->setWidget(page);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_form->takeErrorLabel());
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(title(operation).section(QLatin1Char(' '), 0, 0));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperationDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    setInput(prefill);
    m_form->markClean();
    // Typing goes into the first field the user can change (it went nowhere until a Tab).
    for (QWidget *w = m_form->nextInFocusChain(); w && w != m_form && m_form->isAncestorOf(w);
         w = w->nextInFocusChain()) {
        const auto *line = qobject_cast<QLineEdit *>(w);
        if ((w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && !(line && line->isReadOnly())) {
            w->setFocus();
            break;
        }
    }
    resize(640, qBound(480, m_form->sizeHint().height() + 180, 760));
}

OperationDialog::~OperationDialog() = default;

ResourceChoices *OperationDialog::choices() const
{
    return m_form->choices();
}

aws::Expected<QJsonObject> OperationDialog::input() const
{
    return m_form->input();
}

void OperationDialog::setInput(const QJsonObject &input)
{
    m_form->setInput(input);
}

void OperationDialog::expectCurrent()
{
    setBusy(true);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Loading the current values…"));
}

void OperationDialog::setCurrent(const QJsonObject &current)
{
    m_form->setCurrent(current);
    setBusy(false);
}

void OperationDialog::reject()
{
    if (m_form->isDirty()) {
        QMessageBox box(QMessageBox::Question, windowTitle(),
                        tr("Discard what you typed in this form?"), QMessageBox::NoButton, this);
        QAbstractButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        // Enter keeps the form: two Enters after a refused create had thrown it all away.
        box.setDefaultButton(box.addButton(tr("Keep editing"), QMessageBox::RejectRole));
        box.exec();
        if (box.clickedButton() != discard)
            return;
    }
    QDialog::reject();
}

void OperationDialog::submit()
{
    FieldProblem problem;
    const QJsonObject in = m_form->changes(&problem);
    if (problem.isValid())
        return;
    m_focusBeforeSubmit = focusWidget();
    setBusy(true);
    emit submitted(in);
}

void OperationDialog::finish(const QString &error)
{
    setBusy(false);
    if (error.isEmpty()) {
        accept();
        return;
    }
    m_form->showError(error);
    // Disabled while waiting, the fields had passed the focus on to Cancel. It goes back to the
    // field at fault, or else where it was, never to a button that an Enter would press.
    QWidget *focused = focusWidget();
    if ((!focused || qobject_cast<QAbstractButton *>(focused)) && m_focusBeforeSubmit &&
        m_focusBeforeSubmit->isEnabled())
        m_focusBeforeSubmit->setFocus();
}

QString OperationDialog::errorText() const
{
    return m_form->problemText();
}

QString OperationDialog::errorDetails() const
{
    return m_form->problemDetails();
}

void OperationDialog::setBusy(bool busy)
{
    m_scroll->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setToolTip(busy ? tr("Waiting for the service…") : QString());
}

} // namespace gr::ui
