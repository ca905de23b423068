#include "ui/participantfilterbar.h"

#include "ivs/modelvalidator.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>

namespace gr::ui
{

ParticipantFilterBar::ParticipantFilterBar(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("filterUser"));
    m_user->setPlaceholderText(tr("user id"));
    m_user->setClearButtonEnabled(true);
    m_published = new QComboBox(this);
    m_published->setObjectName(QStringLiteral("filterPublished"));
    m_published->addItem(tr("published: any"), QString());
    m_published->addItem(tr("has published"), QStringLiteral("yes"));
    m_published->addItem(tr("never published"), QStringLiteral("no"));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("filterState"));
    m_state->addItem(tr("state: any"), QString());
    m_recording = new QComboBox(this);
    m_recording->setObjectName(QStringLiteral("filterRecording"));
    m_recording->addItem(tr("recording: any"), QString());
    // The states as the model lists them: six for recording (the service's filter takes five;
    // DISABLED is filtered here).
    const QJsonObject &shapes = ivs::ModelValidator::embedded().shapes();
    for (const QJsonValue &v : shapes.value(QLatin1String("ParticipantState"))
                                   .toObject()
                                   .value(QLatin1String("enum"))
                                   .toArray())
        m_state->addItem(v.toString(), v.toString());
    for (const QJsonValue &v : shapes.value(QLatin1String("ParticipantRecordingState"))
                                   .toObject()
                                   .value(QLatin1String("enum"))
                                   .toArray())
        m_recording->addItem(v.toString(), v.toString());
    row->addWidget(new QLabel(tr("Filter:"), this));
    row->addWidget(m_user, 1);
    row->addWidget(m_published);
    row->addWidget(m_state);
    row->addWidget(m_recording);
    connect(m_user, &QLineEdit::editingFinished, this, &ParticipantFilterBar::changed);
    for (QComboBox *box : {m_published, m_state, m_recording})
        connect(box, &QComboBox::activated, this, &ParticipantFilterBar::changed);
}

models::ParticipantFilters ParticipantFilterBar::filters() const
{
    models::ParticipantFilters filters;
    filters.userId = m_user->text().trimmed();
    const QString published = m_published->currentData().toString();
    if (!published.isEmpty())
        filters.published = published == QLatin1String("yes");
    filters.state = m_state->currentData().toString();
    filters.recordingState = m_recording->currentData().toString();
    return filters;
}

void ParticipantFilterBar::setFilters(const models::ParticipantFilters &filters)
{
    m_user->setText(filters.userId);
    m_published->setCurrentIndex(!filters.published ? 0 : *filters.published ? 1 : 2);
    m_state->setCurrentIndex(std::max(0, m_state->findData(filters.state)));
    m_recording->setCurrentIndex(std::max(0, m_recording->findData(filters.recordingState)));
}

} // namespace gr::ui
