#include "ui/issuedtokensdialog.h"

#include "models/format.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gr::ui
{

IssuedTokensDialog::IssuedTokensDialog(const QString &stageName,
                                       const QJsonArray &participantTokens, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Participant tokens of %1").arg(stageName));
    auto *layout = new QVBoxLayout(this);
    auto *note = new QLabel(tr("The stage was created with these participant tokens. They are "
                               "shown only now and are not saved: copy each one you need before "
                               "closing."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_table = new QTableWidget(int(participantTokens.size()), 5, this);
    m_table->setHorizontalHeaderLabels(
        {tr("User ID"), tr("Participant ID"), tr("Capabilities"), tr("Expires"), tr("Token")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < participantTokens.size(); ++row) {
        const QJsonObject token = participantTokens[row].toObject();
        QStringList capabilities;
        for (const QJsonValue &c : token.value(QLatin1String("capabilities")).toArray())
            capabilities << c.toString();
        const QStringList cells = {token.value(QLatin1String("userId")).toString(),
                                   token.value(QLatin1String("participantId")).toString(),
                                   capabilities.join(QStringLiteral(", ")),
                                   models::displayText(token.value(QLatin1String("expirationTime")),
                                                       models::Format::Time)};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
        m_tokens << token.value(QLatin1String("token")).toString();
        auto *copy = new QPushButton(tr("Copy token"), m_table);
        copy->setObjectName(QStringLiteral("copy%1").arg(row));
        copy->setEnabled(!m_tokens.last().isEmpty());
        connect(copy, &QPushButton::clicked, this,
                [this, row] { QApplication::clipboard()->setText(m_tokens.value(row)); });
        m_table->setCellWidget(row, 4, copy);
    }
    m_table->resizeColumnsToContents();
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(this, &QDialog::finished, this, [this] { m_tokens.clear(); });
    resize(760, 320);
}

IssuedTokensDialog::~IssuedTokensDialog() = default;

} // namespace gr::ui
