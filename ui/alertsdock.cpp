#include "ui/alertsdock.h"

#include "models/alertrules.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{
enum Column { Time, Rule, Where, Text, Count };
constexpr int kAlertIndexRole = Qt::UserRole + 1;
} // namespace

AlertsDock::AlertsDock(QWidget *parent) : QDockWidget(tr("Alerts"), parent)
{
    setObjectName(QStringLiteral("alertsDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list = new QTreeWidget(body);
    m_list->setObjectName(QStringLiteral("alertsList"));
    m_list->setAccessibleName(tr("Alerts fired, newest first"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Time"), tr("Rule"), tr("Where"), tr("Alert"), tr("Count")});
    layout->addWidget(m_list);
    auto *bar = new QHBoxLayout;
    m_note = new QLabel(body);
    m_note->setObjectName(QStringLiteral("alertsNote"));
    m_note->setWordWrap(true);
    bar->addWidget(m_note, 1);
    m_rules = new QPushButton(tr("Rules…"), body);
    m_rules->setObjectName(QStringLiteral("alertRulesButton"));
    m_rules->setToolTip(tr("Choose what raises an alert, with its thresholds and stages"));
    connect(m_rules, &QPushButton::clicked, this, &AlertsDock::rulesRequested);
    bar->addWidget(m_rules);
    layout->addLayout(bar);
    setWidget(body);

    // Offscreen and on desktops without a tray there is no notification area: say so.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->show();
        m_note->setText(tr("Double-click an alert to open where it happened."));
    } else {
        m_note->setText(tr("Double-click an alert to open where it happened. No desktop "
                           "notifications: this desktop has no system tray."));
    }
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const int index = item->data(Time, kAlertIndexRole).toInt();
        if (!m_engine || index < 0 || index >= m_engine->alerts().size())
            return;
        const models::Alert &alert = m_engine->alerts().at(index);
        emit jumpRequested(alert.stageArn, alert.sessionId, alert.participantId);
    });
}

void AlertsDock::setEngine(models::AlertEngine *engine)
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    m_list->clear();
    if (!engine)
        return;
    for (int i = 0; i < engine->alerts().size(); ++i)
        showAlert(i, false);
    connect(engine, &models::AlertEngine::alertRaised, this,
            [this](int index) { showAlert(index, true); });
    connect(engine, &models::AlertEngine::alertFolded, this,
            [this](int index) { showAlert(index, false); });
}

void AlertsDock::showAlert(int index, bool notify)
{
    const models::Alert &alert = m_engine->alerts().at(index);
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_list->topLevelItemCount() && !item; ++i) {
        if (m_list->topLevelItem(i)->data(Time, kAlertIndexRole).toInt() == index)
            item = m_list->topLevelItem(i);
    }
    if (!item) {
        item = new QTreeWidgetItem;
        item->setData(Time, kAlertIndexRole, index);
        m_list->insertTopLevelItem(0, item); // newest first
    }
    const QList<models::AlertRule> &rules = m_engine->rules();
    item->setText(
        Time, QDateTime::fromMSecsSinceEpoch(alert.lastMs).toString(QStringLiteral("HH:mm:ss")));
    item->setText(Rule, alert.ruleIndex >= 0 && alert.ruleIndex < rules.size()
                            ? rules.at(alert.ruleIndex).describe()
                            : QString());
    QString stageId = m_stageName ? m_stageName(alert.stageArn) : QString();
    if (stageId.isEmpty())
        stageId = alert.stageArn.mid(alert.stageArn.lastIndexOf(QLatin1Char('/')) + 1);
    item->setText(Where, alert.participantId.isEmpty()
                             ? stageId
                             : QStringLiteral("%1 / %2").arg(stageId, alert.participantId));
    // The title once: most texts already contain it ("PUBLISH_ERROR: X on participant ...").
    item->setText(Text, alert.title.isEmpty() || alert.text.contains(alert.title)
                            ? alert.text
                            : alert.title + QStringLiteral(": ") + alert.text);
    item->setToolTip(Text, alert.title + QLatin1Char('\n') + alert.text);
    item->setText(Count, alert.count > 1 ? QStringLiteral("×%1").arg(alert.count) : QString());
    for (int c = Time; c <= Count; ++c)
        m_list->resizeColumnToContents(c);
    if (notify && m_tray)
        m_tray->showMessage(alert.title, alert.text);
}

} // namespace gr::ui
