#include "ui/operationdialog.h"

#include "ivs/modelvalidator.h"
#include "ui/fieldeditors.h"

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
    : QDialog(parent), m_operation(operation), m_choices(new ResourceChoices(this))
{
    setWindowTitle(title(operation));
    setObjectName(operation);
    const ivs::ModelValidator &model = ivs::ModelValidator::embedded();
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
    m_form = makeFieldEditor(model.shapes(), model.inputShape(operation), QString(), page);
    pageLayout->addWidget(m_form->widget());
    pageLayout->addStretch();
    m_scroll->setWidget(page);
    layout->addWidget(m_scroll, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(title(operation).section(QLatin1Char(' '), 0, 0));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperationDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    setInput(prefill);
    m_initial = input(nullptr);
    resize(640, qBound(480, m_form->widget()->sizeHint().height() + 180, 760));
}

OperationDialog::~OperationDialog() = default;

QJsonObject OperationDialog::input(QString *error) const
{
    QString why;
    const QJsonObject input = m_form->value(&why).value_or(QJsonValue(QJsonObject())).toObject();
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return {};
    }
    return input;
}

void OperationDialog::setInput(const QJsonObject &input)
{
    m_form->setValue(input);
}

void OperationDialog::expectCurrent()
{
    setBusy(true);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Loading the current values…"));
}

void OperationDialog::setCurrent(const QJsonObject &current)
{
    m_current = current;
    QJsonObject shown = input(nullptr); // the context it was opened with, under the current values
    for (auto it = current.begin(); it != current.end(); ++it)
        shown.insert(it.key(), it.value());
    setInput(shown);
    m_initial = input(nullptr);
    setBusy(false);
}

void OperationDialog::reject()
{
    QString unreadable;
    const QJsonObject now = input(&unreadable);
    if (now != m_initial || !unreadable.isEmpty()) {
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
    QString error;
    QJsonObject in = input(&error);
    if (error.isEmpty() && !m_current.isEmpty()) {
        QStringList required;
        const QJsonObject shape =
            ivs::ModelValidator::embedded()
                .shapes()
                .value(ivs::ModelValidator::embedded().inputShape(m_operation))
                .toObject();
        for (const QJsonValue &r : shape.value(QLatin1String("required")).toArray())
            required << r.toString();
        for (const QString &member : in.keys()) {
            if (!required.contains(member) && in.value(member) == m_current.value(member))
                in.remove(member);
        }
    }
    if (error.isEmpty())
        error = ivs::ModelValidator::embedded().validate(m_operation, in);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    m_error->hide();
    setBusy(true);
    emit submitted(in);
}

void OperationDialog::finish(const QString &error)
{
    setBusy(false);
    if (error.isEmpty())
        accept();
    else
        showError(error);
}

QString OperationDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void OperationDialog::setBusy(bool busy)
{
    m_scroll->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setToolTip(busy ? tr("Waiting for the service…") : QString());
}

void OperationDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace gr::ui
