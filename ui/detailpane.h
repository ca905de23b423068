#pragma once
// Every field of the selected resource, as a tree and as raw JSON, with copy actions.

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QTableView;
class QAbstractItemModel;

namespace gr::ui
{

class DetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);

    void showResource(const QString &title, const QJsonObject &json, const QString &identity);
    void clear(const QString &message = {});
    QString identity() const { return m_identity; }
    QTreeWidget *fields() const { return m_fields; }
    // The Tags tab shows this model (the selected resource's tags).
    void setTagsModel(QAbstractItemModel *model);

public slots:
    void copyIdentity();

private:
    void addFields(QTreeWidgetItem *parent, const QJsonValue &value);

    QLabel *m_title;
    QTreeWidget *m_fields;
    QPlainTextEdit *m_raw;
    QTableView *m_tags;
    QString m_identity;
};

} // namespace gr::ui
