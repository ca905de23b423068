// The session page's analysis tabs wired to its participants: a pick on the timeline selects
// the participant (the detail pane follows); a pick in the Summary or Problems opens it with
// its events on the Participants tab.
#include "models/resourcelistmodel.h"
#include "models/sessionerrors.h"
#include "models/sessionloader.h"
#include "ui/connection.h"
#include "ui/listpage.h"
#include "ui/participantpage.h"
#include "ui/replicaspanel.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"

#include <QPushButton>
#include <QTabWidget>

namespace gr::ui
{

void SessionPage::addAnalysis()
{
    m_analysis = new SessionAnalysis(m_connection, m_scope, m_tabs);
    connect(m_analysis, &SessionAnalysis::participantRequested, this,
            [this](const QString &participantId, qint64 eventTimeMs) {
                const bool fromTimeline = m_tabs->currentIndex() == 1;
                showParticipant(participantId);
                if (m_participant)
                    m_participant->selectEventAt(eventTimeMs);
                if (!fromTimeline)
                    m_tabs->setCurrentIndex(0);
            });
    // Export from the page itself, beside the timeline's Reload.
    auto *exportButton = new QPushButton(tr("Export session…"), m_tabs);
    exportButton->setToolTip(tr("Write the incident bundle: JSON, CSV, the report and the "
                                "request ids, no secret"));
    m_tabs->setCornerWidget(exportButton);
    connect(exportButton, &QPushButton::clicked, this, &SessionPage::exportRequested);
    connect(m_analysis, &SessionAnalysis::updated, this, [this] {
        showErrors();
        showFindings();
    });
}

void SessionPage::showFindings()
{
    if (!m_participant || !m_analysis)
        return;
    int count = -1;
    const QString html =
        m_analysis->participantFindingsHtml(m_participant->scope().participantId, &count);
    m_participant->setFindings(html, count);
}

void SessionPage::showErrors()
{
    const models::SessionErrors errors =
        models::SessionErrors::count(m_analysis->loader()->store());
    m_errors = errors.channel();
    if (models::ResourceListModel *model = m_participants->model())
        model->setChannel(QLatin1String(models::SessionErrors::kChannel), m_errors);
    if (models::SessionErrorIndex *index = models::SessionErrorIndex::of(m_connection->client()))
        index->set(m_scope.stageArn, m_scope.sessionId, errors.total);
}

void SessionPage::addReplicas(const QString &participantId, const QJsonObject &row)
{
    QJsonObject listed = row;
    models::ResourceListModel *model = m_participants->model();
    if (listed.isEmpty() && model) {
        const int index = model->rowOfKey(participantId);
        if (index >= 0)
            listed = model->rowJson(index);
    }
    if (listed.isEmpty() && model) {
        // Opened by id before the list arrived (Find, Go to source): once the row is listed.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(model, &models::ResourceListModel::statusChanged, m_participant,
                        [this, model, participantId, once] {
                            const int index = model->rowOfKey(participantId);
                            if (index < 0)
                                return;
                            disconnect(*once);
                            addReplicas(participantId, model->rowJson(index));
                        });
        return;
    }
    auto *panel = new ReplicasPanel(m_connection, m_scope.stageArn, listed, m_participant);
    // A replica's one line (and Go to source) stays above the tabs; a source's replicas get a
    // tab; other participants' panel stays hidden.
    if (panel->goToSource() || panel->replicas())
        m_participant->addPanel(panel, panel->replicas() ? tr("&Replicas") : QString());
    connect(panel, &ReplicasPanel::sessionRequested, this, &SessionPage::sessionRequested);
}

} // namespace gr::ui
