#pragma once
// Issues a participant token for a stage and shows it once, to copy. The token is a secret:
// it is never logged, saved or kept after the dialog closes.

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace gr::ivs
{
class IvsClient;
}

namespace gr::ui
{

class TokenDialog : public QDialog
{
    Q_OBJECT
public:
    TokenDialog(ivs::IvsClient *client, QString stageArn, QWidget *parent = nullptr);
    ~TokenDialog() override;

    // For tests: fill the form and press Create.
    void setValues(const QString &userId, int durationMinutes, bool publish, bool subscribe,
                   const QString &attributesJson);
    void create();
    QString token() const;
    QString errorText() const;

signals:
    void issued();

private:
    ivs::IvsClient *m_client;
    QString m_stageArn;
    QLineEdit *m_userId;
    QSpinBox *m_duration;
    QCheckBox *m_publish, *m_subscribe;
    QLineEdit *m_attributes;
    QPushButton *m_create, *m_copy;
    QLineEdit *m_token; // masked unless the user asks to see it
    QCheckBox *m_show;
    QLabel *m_status;
};

} // namespace gr::ui
