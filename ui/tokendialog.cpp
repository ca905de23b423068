#include "ui/tokendialog.h"

#include "ivs/ivsclient.h"
#include "models/format.h"
#include "ui/fieldproblem.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace gr::ui
{

TokenDialog::TokenDialog(ivs::IvsClient *client, QString stageArn, QWidget *parent)
    : QDialog(parent), m_client(client), m_stageArn(std::move(stageArn))
{
    setWindowTitle(tr("Create participant token"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *stage = new QLabel(m_stageArn, this);
    stage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_userId = new QLineEdit(this);
    m_duration = new QSpinBox(this);
    m_duration->setRange(1, 20160);
    m_duration->setValue(720);
    m_duration->setSuffix(tr(" minutes"));
    m_publish = new QCheckBox(tr("Publish"), this);
    m_subscribe = new QCheckBox(tr("Subscribe"), this);
    m_publish->setChecked(true);
    m_subscribe->setChecked(true);
    auto *caps = new QHBoxLayout;
    caps->addWidget(m_publish);
    caps->addWidget(m_subscribe);
    caps->addStretch();
    m_attributes = new QLineEdit(this);
    m_attributes->setPlaceholderText(QStringLiteral("{\"displayName\": \"Ana\"}"));
    form->addRow(tr("Stage:"), stage);
    form->addRow(tr("&User id:"), m_userId);
    form->addRow(tr("&Duration:"), m_duration);
    form->addRow(tr("Capabilities:"), caps);
    form->addRow(tr("&Attributes (JSON):"), m_attributes);
    layout->addLayout(form);
    m_create = new QPushButton(tr("Create token"), this);
    layout->addWidget(m_create, 0, Qt::AlignRight);
    // Masked by default so that it does not end up in screenshots or screen shares.
    auto *tokenRow = new QHBoxLayout;
    m_token = new QLineEdit(this);
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("The token appears here once. It is not saved anywhere."));
    m_show = new QCheckBox(tr("Show"), this);
    connect(m_show, &QCheckBox::toggled, this, [this](bool on) {
        m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_show);
    layout->addLayout(tokenRow);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("Copy token"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyToken"));
    m_copy->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_create, &QPushButton::clicked, this, &TokenDialog::create);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(token());
        m_copy->setText(tr("Copied ✓"));
        QTimer::singleShot(2000, m_copy, [copy = m_copy] { copy->setText(tr("Copy token")); });
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

TokenDialog::~TokenDialog()
{
    m_token->clear(); // the secret does not outlive the dialog
}

void TokenDialog::setValues(const QString &userId, int durationMinutes, bool publish,
                            bool subscribe, const QString &attributesJson)
{
    m_userId->setText(userId);
    m_duration->setValue(durationMinutes);
    m_publish->setChecked(publish);
    m_subscribe->setChecked(subscribe);
    m_attributes->setText(attributesJson);
}

QString TokenDialog::token() const
{
    return m_token->text();
}

QString TokenDialog::errorText() const
{
    return m_status->property("error").toBool() ? m_status->text() : QString();
}

void TokenDialog::create()
{
    auto fail = [this](const QString &text) {
        m_status->setProperty("error", true);
        m_status->setStyleSheet(QStringLiteral("color: #c01c28"));
        m_status->setText(text);
    };
    QJsonObject input{{QStringLiteral("stageArn"), m_stageArn},
                      {QStringLiteral("duration"), m_duration->value()}};
    if (!m_userId->text().isEmpty())
        input.insert(QStringLiteral("userId"), m_userId->text());
    QJsonArray capabilities;
    if (m_publish->isChecked())
        capabilities.append(QStringLiteral("PUBLISH"));
    if (m_subscribe->isChecked())
        capabilities.append(QStringLiteral("SUBSCRIBE"));
    input.insert(QStringLiteral("capabilities"), capabilities);
    if (!m_attributes->text().trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(m_attributes->text().toUtf8(), &error);
        if (!doc.isObject()) {
            fail(tr("Attributes must be a JSON object of strings, e.g. {\"role\": \"host\"} (%1).")
                     .arg(error.error == QJsonParseError::NoError ? tr("not an object")
                                                                  : error.errorString()));
            return;
        }
        input.insert(QStringLiteral("attributes"), doc.object());
    }
    m_create->setEnabled(false);
    m_status->setProperty("error", false);
    m_status->setStyleSheet({});
    m_status->setText(tr("Creating…"));
    m_client->call(
        ivs::Operation::CreateParticipantToken, input, this, [this, fail](const ivs::IvsResult &r) {
            m_create->setEnabled(true);
            if (!r.ok()) {
                // Plain words here; the service's whole answer and request id in the tip.
                fail(describeValidation(r.error().message).plain);
                m_status->setToolTip(r.error().toString());
                return;
            }
            m_status->setToolTip({});
            const QJsonObject t = r->output.value(QLatin1String("participantToken")).toObject();
            m_token->setText(t.value(QLatin1String("token")).toString());
            m_copy->setEnabled(true);
            const QDateTime expires = QDateTime::fromString(
                t.value(QLatin1String("expirationTime")).toString(), Qt::ISODateWithMs);
            m_status->setText(
                tr("Participant %1, expires %2. Copy it now: Greenroom does not keep it.")
                    .arg(t.value(QLatin1String("participantId")).toString(),
                         expires.isValid()
                             ? models::momentText(expires, QDateTime::currentDateTimeUtc())
                             : t.value(QLatin1String("expirationTime")).toString()));
            emit issued();
        });
}

} // namespace gr::ui
