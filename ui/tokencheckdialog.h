// Check a token: paste a participant token (masked as it is typed: it is a secret) and,
// optionally, the public key that should have signed it and the stage it is meant for; the
// claims, the signature check and whether it is still usable show as you type. The token is
// never logged or kept: the field is cleared when the dialog closes.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

class TokenCheckDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TokenCheckDialog(QWidget *parent = nullptr);
    ~TokenCheckDialog() override;

    void setExpectedStage(const QString &stageArn);
    void setPublicKey(const QByteArray &pem);
    QString resultText() const; // what the result area shows (tests)

protected:
    void done(int result) override;

private:
    void check();

    QLineEdit *m_token;
    QPlainTextEdit *m_key;
    QLineEdit *m_stage;
    QLabel *m_result;
};
