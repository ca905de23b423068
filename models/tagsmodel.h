#pragma once
// The tags of one resource (ListTagsForResource) as a key/value table, reloaded in place.

#include "ivs/ivsclient.h"

#include <QAbstractTableModel>
#include <vector>

namespace gr::models
{

class TagsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit TagsModel(ivs::IvsClient *client, QObject *parent = nullptr);

    // Lists the tags of `resourceArn` (empty: no resource) and merges them in.
    void load(const QString &resourceArn);
    QString resourceArn() const { return m_arn; }
    QString errorText() const { return m_error; }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded();

private:
    void merge(const std::vector<std::pair<QString, QString>> &fresh);

    ivs::IvsClient *m_client;
    QString m_arn;
    std::vector<std::pair<QString, QString>> m_tags; // sorted by key
    QString m_error;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace gr::models
