#pragma once
// The Alerts dock: a log of the alerts the connection's AlertEngine raised (time, rule, where,
// text; a folded burst shows its count). A double click asks to jump to where it happened. A
// desktop notification goes through the system tray when there is one. "Rules…" asks for the
// rules dialog.

#include <functional>
#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QSystemTrayIcon;
class QTreeWidget;

namespace gr::models
{
class AlertEngine;
}

namespace gr::ui
{

class AlertsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit AlertsDock(QWidget *parent = nullptr);

    // The engine of the current connection (nullptr: none); its alerts so far are listed.
    void setEngine(models::AlertEngine *engine);
    // How a stage ARN is named in the Where column ("town-hall"); empty → the ARN's id.
    void setStageNames(std::function<QString(const QString &stageArn)> nameOf)
    {
        m_stageName = std::move(nameOf);
    }
    QTreeWidget *list() const { return m_list; }
    QPushButton *rulesButton() const { return m_rules; }
    bool notifiesDesktop() const { return m_tray != nullptr; }

signals:
    void jumpRequested(const QString &stageArn, const QString &sessionId,
                       const QString &participantId);
    // The user asked to edit the alert rules (the window opens AlertRulesDialog).
    void rulesRequested();

private:
    std::function<QString(const QString &)> m_stageName;
    void showAlert(int index, bool notify);

    QPointer<models::AlertEngine> m_engine;
    QTreeWidget *m_list;
    QLabel *m_note;
    QPushButton *m_rules;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace gr::ui
