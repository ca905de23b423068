#include "ui/welcomepage.h"

#include "ui/icons.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{

QLabel *paragraph(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *heading(const QString &text, double scale)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * scale);
    label->setFont(font);
    return label;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent), m_problem(new QWidget), m_problemText(paragraph(QString()))
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *logo = new QLabel;
    logo->setPixmap(applicationIcon().pixmap(64));
    auto *title = new QHBoxLayout;
    title->addWidget(logo);
    title->addWidget(heading(tr("Welcome to Greenroom"), 1.6), 1);

    auto *intro = paragraph(
        tr("No AWS configuration was found, so Greenroom is running on its <b>embedded local "
           "IVS Real-Time service</b> with demo data: four stages kept busy by participants who "
           "join, publish, subscribe, fail and leave, with recordings and a composition. It "
           "answers as AWS "
           "does, with signed requests; nothing you do here reaches AWS or costs anything."));
    intro->setObjectName(QStringLiteral("intro"));

    auto *warning = new QLabel;
    warning->setPixmap(icon(IconId::Warning).pixmap(16));
    auto *problemRow = new QHBoxLayout(m_problem);
    problemRow->setContentsMargins(0, 0, 0, 0);
    problemRow->addWidget(warning, 0, Qt::AlignTop);
    problemRow->addWidget(m_problemText, 1);
    m_problemText->setObjectName(QStringLiteral("configurationProblem"));
    m_problem->setVisible(false);

    // What to try: each a button that goes there.
    auto *tries = new QGridLayout;
    struct Try {
        IconId icon;
        QString button;
        QString text;
        void (WelcomePage::*signal)();
        const char *name;
    };
    const Try items[] = {
        {IconId::Stage, tr("Browse the stages"),
         tr("Stages, compositions and configurations, in tables that page in, sort and filter."),
         &WelcomePage::stagesRequested, "tryStages"},
        {IconId::Live, tr("Watch a stage live"),
         tr("Stage → session → participant: who publishes and who subscribes, updated every "
            "few seconds."),
         &WelcomePage::liveRequested, "tryLive"},
        {IconId::Event, tr("Read a participant's events"),
         tr("Joins, publishes, subscriptions and errors in time order, errors explained."),
         &WelcomePage::eventsRequested, "tryEvents"},
        {IconId::New, tr("Create a stage"),
         tr("Every write operation has a form built from the AWS model; try one here safely."),
         &WelcomePage::createStageRequested, "tryCreateStage"},
    };
    int row = 0;
    for (const Try &item : items) {
        auto *button = new QPushButton(icon(item.icon), item.button);
        button->setObjectName(QLatin1String(item.name));
        connect(button, &QPushButton::clicked, this, item.signal);
        tries->addWidget(button, row, 0);
        tries->addWidget(paragraph(item.text), row, 1);
        ++row;
    }
    tries->setColumnStretch(1, 1);

    auto *how = paragraph(
        tr("<p>Greenroom reads your AWS profiles as the AWS CLI does: <tt>~/.aws/config</tt> "
           "and <tt>~/.aws/credentials</tt>, and the <tt>AWS_*</tt> variables. Add a profile "
           "with a region in a terminal (or use <tt>aws configure sso</tt>):</p>"
           "<pre>aws configure --profile NAME</pre>"
           "<p>then connect to it here, or start Greenroom on it:</p>"
           "<pre>greenroom --profile NAME</pre>"));
    auto *connectButton = new QPushButton(icon(IconId::Connect), tr("&Connect to AWS…"));
    connectButton->setObjectName(QStringLiteral("connectToAws"));
    connect(connectButton, &QPushButton::clicked, this, &WelcomePage::connectRequested);
    auto *connectRow = new QHBoxLayout;
    connectRow->addWidget(connectButton);
    connectRow->addStretch();

    auto *column = new QVBoxLayout;
    column->addLayout(title);
    column->addWidget(m_problem);
    column->addWidget(intro);
    column->addSpacing(8);
    column->addWidget(heading(tr("Things to try"), 1.15));
    column->addLayout(tries);
    column->addSpacing(8);
    column->addWidget(heading(tr("Connect to your AWS account"), 1.15));
    column->addWidget(how);
    column->addLayout(connectRow);
    column->addStretch();

    // A readable measure on a wide window: the text column stays at most ~90 characters wide.
    // In a scroll area: on a short page (the docks take the window's lower half) the wrapped
    // paragraphs would otherwise be squeezed below their height and cut.
    auto *centred = new QWidget;
    auto *outer = new QHBoxLayout(centred);
    auto *content = new QWidget;
    content->setLayout(column);
    content->setMaximumWidth(fontMetrics().averageCharWidth() * 90);
    outer->addStretch();
    outer->addWidget(content, 4);
    outer->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("welcomeScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(centred);
    auto *page = new QVBoxLayout(this);
    page->setContentsMargins(0, 0, 0, 0);
    page->addWidget(scroll);
}

void WelcomePage::setConfigurationProblem(const QString &problem)
{
    m_problemText->setText(
        tr("The AWS configuration could not be used: %1").arg(problem.toHtmlEscaped()));
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace gr::ui
