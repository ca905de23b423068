#pragma once
// Asks for an access key pair to keep in the system keychain (never in settings or files).

#include <QDialog>

class QLineEdit;
class QLabel;

namespace gr::ui
{

class AccessKeysDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccessKeysDialog(QWidget *parent = nullptr);

    QString name() const;
    QString accessKeyId() const;
    QString secretAccessKey() const;
    QString region() const;

    // For tests: fill the fields as a user would type them.
    void setValues(const QString &name, const QString &keyId, const QString &secret,
                   const QString &region);

    void accept() override;

private:
    QLineEdit *m_name, *m_keyId, *m_secret, *m_region;
    QLabel *m_error;
};

} // namespace gr::ui
