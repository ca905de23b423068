#include "ui/typedconfirmdialog.h"

#include "ui/icons.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace gr::ui
{

DestructiveAction DestructiveAction::fromArn(const QString &verb, const QString &resourceKind,
                                             const QString &resourceName,
                                             const QString &resourceArn)
{
    DestructiveAction action{verb, resourceKind, resourceName, resourceArn, {}, {}};
    const QStringList parts = resourceArn.split(QLatin1Char(':'));
    if (parts.size() >= 6 && parts.at(0) == QLatin1String("arn")) {
        action.region = parts.at(3);
        action.accountId = parts.at(4);
        if (action.resourceName.isEmpty())
            action.resourceName = parts.mid(5).join(QLatin1Char(':')).section(QLatin1Char('/'), -1);
    }
    return action;
}

TypedConfirmDialog::TypedConfirmDialog(const DestructiveAction &action,
                                       const ConnectionIdentity &identity, QWidget *parent)
    : QDialog(parent), m_action(action), m_typed(new QLineEdit)
{
    setObjectName(QStringLiteral("typedConfirmDialog"));
    setWindowTitle(tr("%1 %2 on %3").arg(action.verb, action.resourceKind, identity.label));

    auto *badge = new ConnectionBadge;
    badge->setIdentity(identity);
    auto *warning = new QLabel;
    warning->setPixmap(icon(IconId::Warning).pixmap(32));
    auto *header = new QHBoxLayout;
    header->addWidget(warning);
    header->addWidget(badge);
    header->addStretch();

    auto *where = new QLabel(
        tr("<p>%1 %2 <b>%3</b> in <b>account %4</b>, region <b>%5</b>, through the production "
           "connection “%6”.</p><p>This cannot be undone.</p>")
            .arg(action.verb, action.resourceKind, action.resourceName.toHtmlEscaped(),
                 action.accountId.isEmpty() ? tr("(unknown)") : action.accountId.toHtmlEscaped(),
                 action.region.isEmpty() ? tr("(unknown)") : action.region.toHtmlEscaped(),
                 identity.connectionName.toHtmlEscaped()));
    where->setObjectName(QStringLiteral("where"));
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *arn = new QLabel(action.resourceArn.toHtmlEscaped());
    arn->setObjectName(QStringLiteral("arn"));
    arn->setTextInteractionFlags(Qt::TextSelectableByMouse);
    arn->setForegroundRole(QPalette::PlaceholderText);

    auto *prompt =
        new QLabel(tr("Type <b>%1</b> to confirm:").arg(action.resourceName.toHtmlEscaped()));
    prompt->setBuddy(m_typed);
    m_typed->setObjectName(QStringLiteral("typedName"));
    m_typed->setAccessibleName(
        tr("Name of the %1 to %2").arg(action.resourceKind, action.verb.toLower()));
    m_typed->setPlaceholderText(tr("type the name shown above"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_ok = buttons->addButton(tr("%1 %2").arg(action.verb, action.resourceKind),
                              QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("confirm"));
    m_ok->setIcon(icon(IconId::Delete));
    m_ok->setEnabled(false);
    // Enter confirms once the name matches and does nothing before (a disabled default
    // button); Escape cancels.
    m_ok->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(m_typed, &QLineEdit::textChanged, this, [this] { m_ok->setEnabled(matches()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (matches()) // Enter in the field must not get past a mismatch
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(where);
    layout->addWidget(arn);
    layout->addWidget(prompt);
    layout->addWidget(m_typed);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    m_typed->setFocus();
}

bool TypedConfirmDialog::matches() const
{
    return !m_action.resourceName.isEmpty() && m_typed->text().trimmed() == m_action.resourceName;
}

bool TypedConfirmDialog::confirm(QWidget *parent, const DestructiveAction &action,
                                 const ConnectionIdentity &identity)
{
    if (!required(identity))
        return true;
    TypedConfirmDialog dialog(action, identity, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace gr::ui
