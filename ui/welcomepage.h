#pragma once
// The first-run page, shown when there is no AWS configuration: it says the console is on the
// embedded local service with demo data, offers what to try, and how to connect a profile.

#include <QWidget>

class QLabel;

namespace gr::ui
{

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // Why the console is on the local service, when it is not just "nothing configured": an
    // AWS configuration error (a file and line) or a missing profile. Empty hides it.
    void setConfigurationProblem(const QString &problem);

signals:
    void stagesRequested();      // "Browse the demo stages"
    void liveRequested();        // "Watch who is on a stage"
    void eventsRequested();      // "Read a participant's events"
    void createStageRequested(); // "Create a stage"
    void connectRequested();     // "Connect to AWS…"

private:
    QWidget *m_problem;
    QLabel *m_problemText;
};

} // namespace gr::ui
