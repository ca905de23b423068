#pragma once
// The participant tokens a new stage was created with (CreateStage's participantTokens): shown
// once, never in clear, each with a Copy button. The service cannot give them again, so they
// are offered before they are lost; they are not kept after the dialog closes.

#include <QDialog>
#include <QJsonArray>

class QTableWidget;

namespace gr::ui
{

class IssuedTokensDialog : public QDialog
{
    Q_OBJECT
public:
    IssuedTokensDialog(const QString &stageName, const QJsonArray &participantTokens,
                       QWidget *parent = nullptr);
    ~IssuedTokensDialog() override;

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
    QStringList m_tokens; // row -> token; cleared on close
};

} // namespace gr::ui
