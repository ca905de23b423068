#pragma once
// The confirmation of a delete, stop or disconnect on a production connection: it names the
// account id and region the action hits, and OK is enabled only once the resource's name has
// been typed. (On other connections the window's ordinary question is enough:
// TypedConfirmDialog::required() says which.)

#include "ui/connectionidentity.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace gr::ui
{

struct DestructiveAction {
    QString verb;         // as on the button: "Delete", "Stop", "Disconnect"
    QString resourceKind; // "stage", "composition", "participant"...
    QString resourceName; // what the user types; the resource id when it has no name
    QString resourceArn;
    QString accountId;
    QString region;

    // Account and region from the ARN (arn:aws:ivs:<region>:<account>:<type>/<id>); an empty
    // name becomes the id, the ARN's last path segment.
    static DestructiveAction fromArn(const QString &verb, const QString &resourceKind,
                                     const QString &resourceName, const QString &resourceArn);
};

class TypedConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    TypedConfirmDialog(const DestructiveAction &action, const ConnectionIdentity &identity,
                       QWidget *parent = nullptr);

    static bool required(const ConnectionIdentity &identity) { return identity.production; }

    // Asks when required (modal), else returns true at once.
    static bool confirm(QWidget *parent, const DestructiveAction &action,
                        const ConnectionIdentity &identity);

    QString expectedText() const { return m_action.resourceName; }
    bool matches() const;

private:
    DestructiveAction m_action;
    QLineEdit *m_typed;
    QPushButton *m_ok;
};

} // namespace gr::ui
