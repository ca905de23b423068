// The participant page's findings (from the session's diagnosis) and selecting an event by
// its time, for jumps from the timeline, the Summary and the Problems list.
#include "models/resourcelistmodel.h"
#include "ui/listpage.h"
#include "ui/participantpage.h"

#include <QDateTime>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace gr::ui
{

void ParticipantPage::setFindings(const QString &html)
{
    if (!m_findings) {
        m_findings = new QLabel(this);
        m_findings->setObjectName(QStringLiteral("participantFindings"));
        m_findings->setWordWrap(true);
        m_findings->setTextFormat(Qt::RichText);
        m_findings->setTextInteractionFlags(Qt::TextBrowserInteraction);
        m_findings->setOpenExternalLinks(true);
        m_findings->setStyleSheet(
            QStringLiteral("QLabel { background: palette(alternate-base); padding: 4px; }"));
        static_cast<QVBoxLayout *>(layout())->insertWidget(0, m_findings);
    }
    m_findings->setText(html.isEmpty() ? QString() : tr("<b>Diagnosis</b>") + html);
    m_findings->setVisible(!html.isEmpty());
}

void ParticipantPage::addPanel(QWidget *panel)
{
    auto *box = static_cast<QVBoxLayout *>(layout());
    box->insertWidget(m_findings ? 1 : 0, panel);
}

void ParticipantPage::selectEventAt(qint64 timeMs)
{
    if (timeMs <= 0)
        return;
    models::ResourceListModel *events = model();
    // Rows are compared through the view's sort proxy (the display proxy keeps rows as is).
    auto trySelect = [this, events]() {
        QSortFilterProxyModel *proxy = m_events->proxy();
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const int row = proxy->mapToSource(proxy->index(r, 0)).row();
            const QString time = events->rowJson(row).value(QLatin1String("eventTime")).toString();
            if (QDateTime::fromString(time, Qt::ISODateWithMs).toMSecsSinceEpoch() ==
                m_pendingEventMs) {
                m_events->table()->selectRow(r);
                m_events->table()->scrollTo(proxy->index(r, 0));
                m_pendingEventMs = 0;
                return true;
            }
        }
        return false;
    };
    const bool waiting = m_pendingEventMs != 0;
    m_pendingEventMs = timeMs;
    if (trySelect() || waiting)
        return;
    connect(events, &models::ResourceListModel::statusChanged, this, [this, trySelect] {
        if (m_pendingEventMs)
            trySelect();
    });
}

} // namespace gr::ui
