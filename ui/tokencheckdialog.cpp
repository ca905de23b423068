#include "tokencheckdialog.h"

#include "models/format.h"
#include "models/tokeninspector.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

TokenCheckDialog::TokenCheckDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Check a participant token"));
    setObjectName(QStringLiteral("tokenCheckDialog"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password); // a secret: never on screen, never in screenshots
    m_token->setPlaceholderText(tr("Paste the token (eyJ…)"));
    m_key = new QPlainTextEdit(this);
    m_key->setObjectName(QStringLiteral("publicKey"));
    m_key->setPlaceholderText(
        tr("Optional: the public key that signed it (-----BEGIN PUBLIC KEY-----)"));
    m_key->setMaximumHeight(110);
    m_stage = new QLineEdit(this);
    m_stage->setObjectName(QStringLiteral("stageArn"));
    m_stage->setPlaceholderText(tr("Optional: the stage ARN it is meant for"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setTextFormat(Qt::RichText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumWidth(520);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *form = new QFormLayout;
    form->addRow(tr("Token"), m_token);
    form->addRow(tr("Public key"), m_key);
    form->addRow(tr("Stage"), m_stage);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result, 1);
    layout->addWidget(buttons);

    connect(m_token, &QLineEdit::textChanged, this, &TokenCheckDialog::check);
    connect(m_key, &QPlainTextEdit::textChanged, this, &TokenCheckDialog::check);
    connect(m_stage, &QLineEdit::textChanged, this, &TokenCheckDialog::check);
    check();
    resize(680, 600); // room for the claims and the problems without scrolling
}

TokenCheckDialog::~TokenCheckDialog()
{
    m_token->clear();
}

void TokenCheckDialog::setExpectedStage(const QString &stageArn)
{
    m_stage->setText(stageArn);
}

void TokenCheckDialog::setPublicKey(const QByteArray &pem)
{
    m_key->setPlainText(QString::fromLatin1(pem));
}

QString TokenCheckDialog::resultText() const
{
    return m_result->text();
}

void TokenCheckDialog::done(int result)
{
    m_token->clear(); // nothing of the token outlives the dialog
    QDialog::done(result);
}

void TokenCheckDialog::check()
{
    if (m_token->text().trimmed().isEmpty()) {
        m_result->setText(tr("Paste a token to see its claims. It is checked here, on this "
                             "computer: nothing is sent, logged or kept."));
        return;
    }
    const TokenInspection t =
        inspectToken(m_token->text(), m_key->toPlainText().toLatin1(), m_stage->text().trimmed());
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    QString html;
    if (!t.decoded) {
        m_result->setText(
            QStringLiteral("<p style='color:#c62828'><b>%1</b></p>").arg(esc(t.decodeError)));
        return;
    }
    html += t.usable ? QStringLiteral("<p style='color:#2e7d32'><b>%1</b></p>")
                           .arg(tr("Usable: the service would accept this token."))
                     : QStringLiteral("<p style='color:#c62828'><b>%1</b></p>")
                           .arg(t.problems.isEmpty()
                                    ? tr("Not usable.")
                                    : tr("Not usable: %1").arg(esc(t.problems.first())));
    html += QStringLiteral("<table cellspacing='4'>");
    auto row = [&](const QString &k, const QString &v) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    row(tr("Stage"), t.stageArn);
    row(tr("Participant id"), t.participantId);
    row(tr("User id"), t.userId.isEmpty() ? tr("(none)") : t.userId);
    row(tr("Capabilities"),
        t.capabilities.isEmpty() ? tr("(none)") : t.capabilities.join(QStringLiteral(", ")));
    QStringList attributes;
    for (auto it = t.attributes.begin(); it != t.attributes.end(); ++it)
        attributes << it.key() + QStringLiteral(" = ") + it.value();
    row(tr("Attributes"),
        attributes.isEmpty() ? tr("(none)") : attributes.join(QStringLiteral("; ")));
    row(tr("Issued"), t.issuedAt.isValid()
                          ? t.issuedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QString());
    row(tr("Expires"), gr::models::momentText(t.expiresAt, QDateTime::currentDateTimeUtc()) +
                           (t.expired ? tr(" — expired") : QString()));
    QString signature;
    switch (t.signature) {
    case TokenInspection::Signature::NotChecked:
        signature = tr("not checked (add the public key)");
        break;
    case TokenInspection::Signature::Valid:
        signature = tr("valid (%1)").arg(t.algorithm);
        break;
    case TokenInspection::Signature::Invalid:
        signature = tr("INVALID");
        break;
    case TokenInspection::Signature::KeyUnusable:
        signature = tr("cannot check: %1").arg(t.signatureDetail);
        break;
    }
    row(tr("Signature"), signature);
    if (!t.keyId.isEmpty())
        row(tr("Key id"), t.keyId);
    html += QStringLiteral("</table>");
    if (!t.problems.isEmpty()) {
        html += QStringLiteral("<ul style='color:#c62828'>");
        for (const QString &p : t.problems)
            html += QStringLiteral("<li>%1</li>").arg(esc(p));
        html += QStringLiteral("</ul>");
    }
    m_result->setText(html);
}
