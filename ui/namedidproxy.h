#pragma once
// Shows an id column by the name it stands for: "town-hall" where a list has only the stage's
// ARN (the ARN in the tool tip), or "alice (id)" for a short id. The raw value stays under
// RawValueRole and the key is unchanged, so sorting, filtering and selection still work on the id.
// Unknown ids are shown as they are.

#include <functional>
#include <QIdentityProxyModel>

namespace gr::ui
{

class NamedIdProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using NameOf = std::function<QString(const QString &id)>;
    // `display` and `toolTip` may hold %1 (the name) and %2 (the id).
    NamedIdProxy(int column, NameOf nameOf, QString display, QString toolTip,
                 QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;
    // The names changed (the list they come from was refreshed): repaint the column.
    void namesChanged();

private:
    int m_column;
    NameOf m_nameOf;
    QString m_display;
    QString m_toolTip;
};

} // namespace gr::ui
