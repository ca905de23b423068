#include "ui/replicaspanel.h"

#include "models/roles.h"
#include "models/sessionreplicas.h"
#include "ui/connection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace gr::ui
{

ReplicasPanel::ReplicasPanel(Connection *connection, const QString &stageArn,
                             const QJsonObject &row, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("replicasPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    const QString participantId = row.value(QLatin1String("participantId")).toString();
    if (const auto source = sessionreplicas::sourceOf(row)) {
        auto *line = new QHBoxLayout;
        m_label->setText(tr("<b>Replica</b> of participant %1 in session %2 of %3.")
                             .arg(source->participantId.toHtmlEscaped(),
                                  source->sessionId.toHtmlEscaped(),
                                  source->stageArn.toHtmlEscaped()));
        m_goToSource = new QPushButton(tr("Go to source"), this);
        m_goToSource->setToolTip(tr("Open the session and participant this replica comes from"));
        connect(m_goToSource, &QPushButton::clicked, this, [this, s = *source] {
            emit sessionRequested(s.stageArn, s.sessionId, s.participantId);
        });
        line->addWidget(m_label, 1);
        line->addWidget(m_goToSource);
        layout->addLayout(line);
        return;
    }
    if (row.value(QLatin1String("replicationType")).toString() != QLatin1String("SOURCE") ||
        !connection) {
        hide();
        return;
    }
    m_label->setText(tr("<b>Replicas</b> — double-click opens one"));
    layout->addWidget(m_label);
    m_model = new models::ResourceListModel(
        connection->client(), sessionreplicas::participantReplicasSpec(stageArn, participantId),
        this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("replicas"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMaximumHeight(110);
    layout->addWidget(m_table);
    connect(m_table, &QTableView::activated, this, [this, participantId](const QModelIndex &index) {
        const QJsonObject replica = index.data(models::JsonRole).toJsonObject();
        emit sessionRequested(replica.value(QLatin1String("destinationStageArn")).toString(),
                              replica.value(QLatin1String("destinationSessionId")).toString(),
                              participantId);
    });
}

} // namespace gr::ui
