// The participant page's findings (from the session's diagnosis) in the Diagnosis tab, panels
// (replication), and selecting an event by its time, for jumps from the timeline, the Summary
// and the Problems list.
#include "models/format.h"
#include "models/resourcelistmodel.h"
#include "ui/listpage.h"
#include "ui/participantpage.h"

#include <QDateTime>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gr::ui
{

void ParticipantPage::setFindings(const QString &html, int count)
{
    const int tab = m_tabs->indexOf(m_diagnosis);
    if (count < 0) {
        m_findings->setText(tr("The diagnosis follows once the session's events are loaded."));
        m_tabs->setTabText(tab, tr("&Diagnosis"));
        return;
    }
    // Only findings about this participant are here; where it is only evidence, Problems says.
    const QString elsewhere =
        tr("<p><i>Findings about other participants that cite this one (a subscriber that could "
           "not find it, the publishers counted when another was refused) are on the session's "
           "Problems tab.</i></p>");
    m_findings->setText((html.isEmpty()
                             ? tr("Nothing found about this participant in the session's events.")
                             : html) +
                        elsewhere);
    m_tabs->setTabText(tab, count > 0 ? tr("&Diagnosis (%1)").arg(count) : tr("&Diagnosis"));
    m_tabs->setTabIcon(tab, count > 0 ? models::stateIcon(QStringLiteral("FAILED")) : QIcon());
}

void ParticipantPage::addPanel(QWidget *panel, const QString &tabTitle)
{
    if (tabTitle.isEmpty()) {
        static_cast<QVBoxLayout *>(layout())->insertWidget(0, panel);
        return;
    }
    // In a tab the panel keeps its height at the top; the room left stays below it.
    auto *tab = new QWidget(m_tabs);
    tab->setObjectName(panel->objectName() + QStringLiteral("Tab"));
    auto *box = new QVBoxLayout(tab);
    box->addWidget(panel);
    box->addStretch(1);
    m_tabs->addTab(tab, tabTitle);
    restoreTab();
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
    {
        const QScopedValueRollback<bool> internal(m_switching, true); // not the user's choice
        m_tabs->setCurrentIndex(0); // the event is on the Events tab
    }
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
