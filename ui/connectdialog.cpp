#include "ui/connectdialog.h"

#include "aws/credentials.h"
#include "ui/icons.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gr::ui
{

ProfileSurvey surveyProfiles(const aws::ProfileResolver &resolver)
{
    ProfileSurvey survey;
    survey.configPath = resolver.configPath();
    survey.credentialsPath = resolver.credentialsPath();
    const aws::Expected<QStringList> listed = resolver.profileNames();
    survey.filesProblem = listed.message();
    const QStringList names = listed.valueOr({});
    for (const QString &name : names) {
        QObject owner; // the providers resolve() makes, dropped with it: nothing is fetched
        const aws::ResolvedConnection resolved = resolver.resolve({name, {}, {}}, nullptr, &owner);
        ProfileStatus status{name, resolved.region, {}, resolved.error};
        if (resolved.credentials)
            status.credentials = resolved.credentials->description();
        else if (status.problem.isEmpty())
            status.problem = QObject::tr("no credentials: neither keys, credential_process nor "
                                         "role_arn");
        survey.profiles.append(status);
    }
    return survey;
}

ConnectDialog::ConnectDialog(const aws::ProfileResolver &resolver, QWidget *parent)
    : QDialog(parent), m_status(new QLabel(tr("Reading the AWS configuration…"))),
      m_list(new QTreeWidget)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to AWS"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setObjectName(QStringLiteral("profiles"));
    m_list->setAccessibleName(tr("AWS profiles"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Profile"), tr("Region"), tr("Credentials or problem")});
    m_list->header()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setIcon(icon(IconId::Connect));
    m_connect->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!selectedProfile().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ConnectDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (!selectedProfile().isEmpty())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(640, 320);

    auto *watcher = new QFutureWatcher<ProfileSurvey>(this);
    connect(watcher, &QFutureWatcher<ProfileSurvey>::finished, this, [this, watcher] {
        setSurvey(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([resolver] { return surveyProfiles(resolver); }));
}

void ConnectDialog::setSurvey(const ProfileSurvey &survey)
{
    m_list->clear();
    int usable = 0;
    for (const ProfileStatus &profile : survey.profiles) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, profile.name);
        item->setText(1, profile.region);
        item->setText(2, profile.usable() ? profile.credentials : profile.problem);
        item->setToolTip(2, item->text(2));
        item->setIcon(0, icon(profile.usable() ? IconId::Connected : IconId::Error));
        item->setData(0, Qt::UserRole, profile.usable());
        if (!profile.usable()) {
            item->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
            item->setForeground(1, palette().color(QPalette::Disabled, QPalette::Text));
        } else {
            ++usable;
        }
    }
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);

    QStringList lines;
    if (!survey.filesProblem.isEmpty())
        lines << tr("<b>A file could not be read:</b> %1").arg(survey.filesProblem.toHtmlEscaped());
    if (!survey.filesProblem.isEmpty() && survey.profiles.isEmpty())
        lines << tr("Fix it, then open this dialog again.");
    else if (survey.profiles.isEmpty())
        lines << tr("No profiles in %1 or %2. Add one with <tt>aws configure --profile NAME</tt>.")
                     .arg(survey.configPath.toHtmlEscaped(),
                          survey.credentialsPath.toHtmlEscaped());
    else
        lines << tr("%1, %2 usable, in %3 and %4.")
                     .arg(survey.profiles.size() == 1
                              ? tr("1 profile found")
                              : tr("%1 profiles found").arg(survey.profiles.size()))
                     .arg(usable)
                     .arg(survey.configPath.toHtmlEscaped(),
                          survey.credentialsPath.toHtmlEscaped());
    m_status->setText(lines.join(QStringLiteral("<br>")));

    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toBool()) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            break;
        }
    updateButtons();
    emit surveyed();
}

QString ConnectDialog::selectedProfile() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item && item->data(0, Qt::UserRole).toBool() ? item->text(0) : QString();
}

void ConnectDialog::updateButtons()
{
    m_connect->setEnabled(!selectedProfile().isEmpty());
}

} // namespace gr::ui
