#include "ui/operationdialog.h"

#include "ivs/modelvalidator.h"
#include "ui/fieldeditors.h"
#include "ui/operationform.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
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

OperationDialog::OperationDialog(const QString &operation, const QJsonObject &prefill,
                                 QWidget *parent)
    : QDialog(parent), m_operation(operation)
{
    setWindowTitle(title(operation));
    setObjectName(operation);
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(
        operation.startsWith(QLatin1String("Update"))
            ? tr("Fields marked * are required; only what you change is sent, the rest stays as "
                 "it is. Hover a field for what it means.")
            : tr("Fields marked * are required; empty fields are left out, so the service's "
                 "defaults apply. Hover a field for what it means."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // fields shrink instead
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(m_scroll);
    auto *pageLayout = new QVBoxLayout(page);
    m_form = new OperationForm(operation, page);
    pageLayout->addWidget(m_form);
    pageLayout->addStretch();
    m_scroll->setWidget(page);
    layout->addWidget(m_scroll, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(title(operation).section(QLatin1Char(' '), 0, 0));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperationDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    setInput(prefill);
    m_form->markClean();
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
        box.addButton(tr("Keep editing"), QMessageBox::RejectRole);
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
    setBusy(true);
    emit submitted(in);
}

void OperationDialog::finish(const QString &error)
{
    setBusy(false);
    if (error.isEmpty())
        accept();
    else
        m_form->showError(error);
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
