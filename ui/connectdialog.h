#pragma once
// Connect to AWS: the profiles of ~/.aws/config and ~/.aws/credentials, each usable (its
// region and where its credentials come from) or not, and why (a malformed file with its name
// and line, a missing key or region). The files are read on a worker thread: the GUI thread
// never waits on the disk.

#include "aws/profiles.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace gr::ui
{

struct ProfileStatus {
    QString name;
    QString region;
    QString credentials; // where they come from: "profile x", "credential_process"...
    QString problem;     // why it cannot be used; empty when it can
    bool usable() const { return problem.isEmpty(); }
};

struct ProfileSurvey {
    QList<ProfileStatus> profiles;
    QString filesProblem; // "<file>:<line>: <what>" when a file is malformed
    QString configPath;
    QString credentialsPath;
};

// Reads the files and resolves every profile (no request is sent). Blocking: call it off the
// GUI thread (ConnectDialog does).
ProfileSurvey surveyProfiles(const aws::ProfileResolver &resolver);

class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    // Starts surveying `resolver`'s profiles on a worker thread; the list fills when done.
    explicit ConnectDialog(const aws::ProfileResolver &resolver, QWidget *parent = nullptr);

    void setSurvey(const ProfileSurvey &survey);
    QString selectedProfile() const; // empty unless a usable profile is selected

signals:
    void surveyed(); // the list is filled

private:
    void updateButtons();

    QLabel *m_status;
    QTreeWidget *m_list;
    QPushButton *m_connect;
};

} // namespace gr::ui
