#pragma once
// Which account a window acts on, at a glance: each connection has a colour and a short label
// (for the title bar and the status bar) and may be marked production, which makes deletes,
// stops and disconnects ask for the resource's name to be typed (TypedConfirmDialog). Kept in
// QSettings under "connections/<name>/" by connection name; nothing secret is stored.

#include <QColor>
#include <QDialog>
#include <QLabel>
#include <QString>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QSettings;

namespace gr::ui
{

struct ConnectionIdentity {
    QString connectionName; // the key: the name the connection is listed under
    QString label;          // shown in the title and status bar
    QColor color;
    bool production = false;

    // "<base> — <label>" (and "[production]") for a window title.
    QString windowTitle(const QString &base) const;

    // Until the user says otherwise: the name as the label, a colour chosen from the name
    // (stable across runs), production when the name says "prod".
    static ConnectionIdentity defaultsFor(const QString &connectionName);
};

class ConnectionIdentityStore
{
public:
    // Reads and writes `settings`, or the application's QSettings when null.
    explicit ConnectionIdentityStore(QSettings *settings = nullptr);

    ConnectionIdentity identity(const QString &connectionName) const; // saved, else defaults
    void save(const ConnectionIdentity &identity);
    void forget(const QString &connectionName);

private:
    QString groupFor(const QString &connectionName) const;
    QSettings *m_settings;
};

// The connection's colour and label as a pill, for the status bar (and the toolbar).
class ConnectionBadge : public QLabel
{
    Q_OBJECT
public:
    explicit ConnectionBadge(QWidget *parent = nullptr);
    void setIdentity(const ConnectionIdentity &identity);

private:
    void paintEvent(QPaintEvent *event) override;
    QSize sizeHint() const override;
    QColor m_color;
};

// Edits one connection's label, colour and production flag.
class ConnectionIdentityDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionIdentityDialog(const ConnectionIdentity &identity,
                                      QWidget *parent = nullptr);
    ConnectionIdentity identity() const;

private:
    void setColor(const QColor &color);

    ConnectionIdentity m_identity;
    QLineEdit *m_label;
    QPushButton *m_color;
    QCheckBox *m_production;
    ConnectionBadge *m_preview;
};

} // namespace gr::ui
