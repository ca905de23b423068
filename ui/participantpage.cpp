#include "ui/participantpage.h"

#include "models/eventerrors.h"
#include "models/roles.h"
#include "ui/listpage.h"
#include "ui/participantmetrics.h"

#include <QIdentityProxyModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

// Shows "alice (pid)" for a remote participant id, as the session's list names it.
class RemoteNameProxy : public QIdentityProxyModel
{
public:
    RemoteNameProxy(int column, std::function<QString(const QString &)> userOf, QObject *parent)
        : QIdentityProxyModel(parent), m_column(column), m_userOf(std::move(userOf))
    {
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        QVariant value = QIdentityProxyModel::data(index, role);
        if (index.column() != m_column || !m_userOf ||
            (role != Qt::DisplayRole && role != Qt::ToolTipRole))
            return value;
        const QString id = value.toString();
        const QString user = id.isEmpty() ? QString() : m_userOf(id);
        if (user.isEmpty())
            return value;
        return role == Qt::ToolTipRole
                   ? tr("%1 (%2): Enter or double-click opens this participant").arg(user, id)
                   : QStringLiteral("%1 (%2)").arg(user, id);
    }

private:
    int m_column;
    std::function<QString(const QString &)> m_userOf;
};

} // namespace

ParticipantPage::ParticipantPage(Connection *connection, models::Scope scope, const QString &title,
                                 std::function<QString(const QString &)> userOf, QWidget *parent)
    : QWidget(parent), m_scope(std::move(scope))
{
    setObjectName(QStringLiteral("page-participant"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_events = new ListPage(connection, models::resourceKind(models::Kind::Event), m_scope, this);
    m_events->setTitle(title);
    layout->addWidget(m_events, 1);
    layout->insertWidget(0, new ParticipantMetrics(connection, m_scope, m_events, this), 1);
    m_help = new QLabel(models::eventsNotInTimelineNote(), this);
    m_help->setObjectName(QStringLiteral("eventHelp"));
    m_help->setWordWrap(true);
    m_help->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_help);

    // The remote participant column names users; the sort/filter proxy reads through it.
    const models::ListSpec &spec = m_events->model()->spec();
    int remoteColumn = -1;
    for (int c = 0; c < spec.columns.size(); ++c) {
        if (spec.columns[c].field == QLatin1String("remoteParticipantId"))
            remoteColumn = c;
    }
    m_events->setDisplayProxy(new RemoteNameProxy(remoteColumn, std::move(userOf), this));

    connect(m_events->model(), &models::ResourceListModel::statusChanged, this,
            &ParticipantPage::onStatus);
    connect(m_events, &ListPage::currentChanged, this,
            [this](const QJsonObject &event) { onCurrent(event); });
    connect(m_events, &ListPage::activated, this, [this](const QJsonObject &event) {
        const QString remote = event.value(QLatin1String("remoteParticipantId")).toString();
        if (!remote.isEmpty())
            emit participantRequested(remote);
    });
}

QTableView *ParticipantPage::table() const
{
    return m_events->table();
}

models::ResourceListModel *ParticipantPage::model() const
{
    return m_events->model();
}

void ParticipantPage::refresh()
{
    m_events->refresh();
}

void ParticipantPage::onStatus()
{
    // Every event, in time order: keep paging until the last.
    models::ResourceListModel *model = m_events->model();
    if (model->canFetchMore({}))
        model->fetchMore({});
    if (!m_events->keepsColumnWidths())
        m_events->table()->resizeColumnsToContents();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString code = model->rowJson(r).value(QLatin1String("errorCode")).toString();
        if (!code.isEmpty())
            m_help->setText(tr("<b>%1</b>: %2<br><small>%3</small>")
                                .arg(code, models::explainEventError(code).toHtmlEscaped(),
                                     models::eventsNotInTimelineNote().toHtmlEscaped()));
    }
}

void ParticipantPage::onCurrent(const QJsonObject &event)
{
    const QString code = event.value(QLatin1String("errorCode")).toString();
    const QString name = event.value(QLatin1String("name")).toString();
    if (code.isEmpty()) {
        m_help->setText(tr("%1 at %2.")
                            .arg(name, models::displayText(event.value(QLatin1String("eventTime")),
                                                           models::Format::Time)));
        return;
    }
    m_help->setText(
        tr("<b>%1</b> (%2): %3").arg(code, name, models::explainEventError(code).toHtmlEscaped()));
}

} // namespace gr::ui
