#include "ui/operationform.h"

#include "ivs/modelvalidator.h"
#include "ui/errorlabel.h"
#include "ui/fieldeditors.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

// A wheel turned to scroll a long form must not change the choice or number the pointer
// passes over (the walkthrough's "Record participant replicas" became false unseen): such
// fields take the wheel only once they have the focus; until then it scrolls the form.
class WheelOnlyWhenFocused : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel && !static_cast<QWidget *>(watched)->hasFocus()) {
            event->ignore(); // unaccepted, it goes on to the scroll area
            return true;
        }
        return false;
    }
};

} // namespace

OperationForm::OperationForm(const QString &operation, QWidget *parent)
    : QWidget(parent), m_operation(operation), m_choices(new ResourceChoices(this))
{
    const ivs::ModelValidator &model = ivs::ModelValidator::embedded();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_editor = makeFieldEditor(model.shapes(), model.inputShape(operation), QString(), this);
    layout->addWidget(m_editor->widget());
    m_error = makeErrorLabel(this, QStringLiteral("error"), tr("What the service or model said"),
                             [this] { return m_problem.raw; });
    layout->addWidget(m_error);
    watchEdits();
    guardWheel();
    // "Add destination" and the like grow new fields: they are watched and guarded too.
    connect(this, &OperationForm::edited, this, [this] {
        watchEdits();
        guardWheel();
    });
}

void OperationForm::guardWheel()
{
    if (!m_wheelGuard)
        m_wheelGuard = new WheelOnlyWhenFocused(this);
    QList<QWidget *> spinning;
    for (auto *w : findChildren<QComboBox *>())
        spinning << w;
    for (auto *w : findChildren<QAbstractSpinBox *>())
        spinning << w;
    for (QWidget *w : std::as_const(spinning)) {
        w->setFocusPolicy(Qt::StrongFocus); // not WheelFocus: a wheel does not take the focus
        w->removeEventFilter(m_wheelGuard);
        w->installEventFilter(m_wheelGuard);
    }
}

OperationForm::~OperationForm() = default;

aws::Expected<QJsonObject> OperationForm::input() const
{
    const aws::Expected<std::optional<QJsonValue>> value = m_editor->value();
    if (!value)
        return value.error();
    return value->value_or(QJsonValue(QJsonObject())).toObject();
}

void OperationForm::setInput(const QJsonObject &input)
{
    m_editor->setValue(input);
    watchEdits(); // list editors may have grown new fields
    guardWheel();
}

void OperationForm::setCurrent(const QJsonObject &current)
{
    m_current = current;
    // The context it was opened with, under the values.
    QJsonObject shown = input().valueOr(QJsonObject());
    for (auto it = current.begin(); it != current.end(); ++it)
        shown.insert(it.key(), it.value());
    setInput(shown);
    markClean();
}

void OperationForm::markClean()
{
    m_baseline = input().valueOr(QJsonObject());
}

bool OperationForm::isDirty() const
{
    const aws::Expected<QJsonObject> now = input();
    return !now || *now != m_baseline;
}

QJsonObject OperationForm::changes(FieldProblem *problem)
{
    const aws::Expected<QJsonObject> read = input();
    const QString error = read.message();
    QJsonObject in = read.valueOr(QJsonObject());
    if (error.isEmpty() && !m_current.isEmpty()) {
        const QJsonObject shape =
            ivs::ModelValidator::embedded()
                .shapes()
                .value(ivs::ModelValidator::embedded().inputShape(m_operation))
                .toObject();
        QStringList required;
        for (const QJsonValue &r : shape.value(QLatin1String("required")).toArray())
            required << r.toString();
        for (const QString &member : in.keys()) {
            if (!required.contains(member) && in.value(member) == m_current.value(member))
                in.remove(member);
        }
    }
    FieldProblem found;
    if (!error.isEmpty()) {
        // "video.width: 'wide' is not a number": already in words, and names its field.
        found.plain = error;
        found.raw = error;
        found.path = error.section(QLatin1Char(':'), 0, 0).section(QLatin1Char(','), 0, 0);
    } else {
        const QString refused = ivs::ModelValidator::embedded().validate(m_operation, in);
        if (!refused.isEmpty())
            found = describeValidation(refused);
    }
    if (problem)
        *problem = found;
    if (found.isValid()) {
        showProblem(found);
        return {};
    }
    clearProblem();
    return in;
}

QWidget *OperationForm::fieldWidget(const QString &path) const
{
    // The field, or the nearest enclosing one ("tags" for "tags.key").
    for (QString p = path; !p.isEmpty();) {
        if (auto *w = findChild<QWidget *>(p))
            return w;
        const int cut = std::max(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0)
            break;
        p.truncate(cut);
    }
    return nullptr;
}

void OperationForm::showProblem(const FieldProblem &problem)
{
    clearProblem();
    m_problem = problem;
    const bool hasDetails = problem.raw != problem.plain && !problem.raw.isEmpty();
    m_error->setText(
        problem.plain.toHtmlEscaped() +
        (hasDetails ? QStringLiteral(" <a href='#details'>%1</a>").arg(tr("Details")) : QString()));
    m_error->setToolTip(problem.raw);
    m_error->show();
    if (QWidget *field = fieldWidget(problem.path)) {
        m_highlighted = field;
        field->setProperty("problem", true);
        field->setStyleSheet(QStringLiteral("border: 2px solid #c01c28;"));
        // Plain words at the field; the service's text is behind the error line's Details.
        field->setToolTip(problem.plain);
        field->setFocus();
    }
    // The field in sight, or else the problem's line (when it is still inside the form).
    QWidget *shown = m_highlighted ? m_highlighted : m_error;
    for (QWidget *w = shown->parentWidget(); w; w = w->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            scroll->ensureWidgetVisible(shown);
            break;
        }
    }
}

void OperationForm::showError(const QString &text)
{
    showProblem(describeValidation(text));
}

void OperationForm::clearProblem()
{
    if (m_highlighted) {
        m_highlighted->setStyleSheet(QString());
        m_highlighted->setProperty("problem", false);
        m_highlighted = nullptr;
    }
    m_problem = {};
    m_error->hide();
    m_error->clear();
}

QLabel *OperationForm::takeErrorLabel()
{
    layout()->removeWidget(m_error);
    return m_error;
}

QString OperationForm::problemText() const
{
    return m_error->isHidden() ? QString() : m_problem.plain;
}

void OperationForm::setReadOnlyMember(const QString &path)
{
    if (auto *edit = findChild<QLineEdit *>(path))
        edit->setReadOnly(true);
}

void OperationForm::watchEdits()
{
    const auto edited = &OperationForm::edited; // a member: UniqueConnection works on it
    for (auto *w : findChildren<QLineEdit *>())
        connect(w, &QLineEdit::textEdited, this, edited, Qt::UniqueConnection);
    for (auto *w : findChildren<QPlainTextEdit *>())
        connect(w, &QPlainTextEdit::textChanged, this, edited, Qt::UniqueConnection);
    for (auto *w : findChildren<QComboBox *>())
        connect(w, &QComboBox::activated, this, edited, Qt::UniqueConnection);
    for (auto *w : findChildren<QAbstractButton *>())
        connect(w, &QAbstractButton::clicked, this, edited, Qt::UniqueConnection);
    for (auto *w : findChildren<QSpinBox *>())
        connect(w, &QSpinBox::valueChanged, this, edited, Qt::UniqueConnection);
    // An optional section ticked on or off is an edit too (dirtiness is computed, so a
    // toggle made while loading values does no harm).
    for (auto *w : findChildren<QGroupBox *>())
        connect(w, &QGroupBox::toggled, this, edited, Qt::UniqueConnection);
}

} // namespace gr::ui
