#pragma once
// The participant list's filters: user id, publishing, state and recording state (all six).
// The service takes one per request; the list applies the rest and its status line says so.

#include "models/listspecs.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace gr::ui
{

class ParticipantFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit ParticipantFilterBar(QWidget *parent = nullptr);
    models::ParticipantFilters filters() const;
    void setFilters(const models::ParticipantFilters &filters);

signals:
    void changed();

private:
    QLineEdit *m_user;
    QComboBox *m_published;
    QComboBox *m_state;
    QComboBox *m_recording;
};

} // namespace gr::ui
