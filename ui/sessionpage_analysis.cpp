// The session page's analysis tabs wired to its participants: a pick on the timeline selects
// the participant (the detail pane follows); a pick in the Summary or Problems opens it with
// its events on the Participants tab.
#include "ui/listpage.h"
#include "ui/participantpage.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"

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
    connect(m_analysis, &SessionAnalysis::updated, this, [this] {
        if (m_participant)
            m_participant->setFindings(
                m_analysis->participantFindingsHtml(m_participant->scope().participantId));
    });
}

} // namespace gr::ui
