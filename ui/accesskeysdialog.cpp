#include "ui/accesskeysdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace gr::ui
{

AccessKeysDialog::AccessKeysDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Add access keys"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. production"));
    m_keyId = new QLineEdit(this);
    m_keyId->setPlaceholderText(QStringLiteral("AKIA…"));
    m_secret = new QLineEdit(this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_region = new QLineEdit(QStringLiteral("us-east-1"), this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Access &key ID:"), m_keyId);
    form->addRow(tr("&Secret access key:"), m_secret);
    form->addRow(tr("&Region:"), m_region);
    layout->addLayout(form);
    auto *note = new QLabel(
        tr("The keys are kept in the system keychain, never in settings or files."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c01c28"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AccessKeysDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_error->hide();
    setMinimumWidth(440);
}

QString AccessKeysDialog::name() const
{
    return m_name->text().trimmed();
}
QString AccessKeysDialog::accessKeyId() const
{
    return m_keyId->text().trimmed();
}
QString AccessKeysDialog::secretAccessKey() const
{
    return m_secret->text();
}
QString AccessKeysDialog::region() const
{
    return m_region->text().trimmed();
}

void AccessKeysDialog::setValues(const QString &name, const QString &keyId, const QString &secret,
                                 const QString &region)
{
    m_name->setText(name);
    m_keyId->setText(keyId);
    m_secret->setText(secret);
    m_region->setText(region);
}

void AccessKeysDialog::accept()
{
    QString problem;
    if (!QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{1,64}$")).match(name()).hasMatch())
        problem = tr("The name must be 1 to 64 letters, digits, '-' or '_'.");
    else if (!QRegularExpression(QStringLiteral("^[A-Z0-9]{16,128}$"))
                  .match(accessKeyId())
                  .hasMatch())
        problem = tr("The access key ID must be 16 to 128 upper-case letters and digits (it starts "
                     "with AKIA or ASIA).");
    else if (secretAccessKey().size() < 16)
        problem = tr("The secret access key is too short (40 characters is usual).");
    else if (!QRegularExpression(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d$"))
                  .match(region())
                  .hasMatch())
        problem = tr("'%1' is not a region name like us-east-1.").arg(region());
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    adjustSize();
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace gr::ui
