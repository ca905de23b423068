#pragma once
// Back and Forward through the places the user went (a kind's list, a stage, a session or one
// of its participants, and the tabs the user chose on those pages), as a browser does: going
// somewhere new drops the forward entries; a place equal to the current one is not recorded
// twice. QtCore only; MainWindow navigates.

#include <QList>
#include <QString>

namespace gr::ui
{

struct Place {
    enum class Type { Kind, Stage, Session, LiveWall };
    Type type = Type::Kind;
    int kind = 0; // models::Kind, for Type::Kind
    QString stageArn, sessionId, participantId;
    QString title; // what the user saw ("Sessions of demo-1"), for the buttons' tool tips
    // The tab of the page that was open (a session page's Participants, Timeline, Summary or
    // Problems), so Back returns to it; -1: the page's first. Not part of where a place is.
    int tab = -1;
    // The participant page's tab (Events, Charts, Diagnosis, …) likewise; -1: as it opens.
    int participantTab = -1;
    bool operator==(const Place &o) const
    {
        return type == o.type && kind == o.kind && stageArn == o.stageArn &&
               sessionId == o.sessionId && participantId == o.participantId;
    }
};

class NavigationHistory
{
public:
    // Bounded so a long day of clicking does not grow without end.
    static constexpr int kMaxPlaces = 100;

    // The user arrived at `place` by ordinary navigation.
    void visit(const Place &place);
    // Same place, new details (a participant chosen on the session page replaces the entry;
    // the tab it had is kept unless `place` names one).
    void replaceCurrent(const Place &place);
    // The current place's page now shows this tab (a change the program made, or the tab a
    // page opened on): no step of its own.
    void setCurrentTab(int tab)
    {
        if (m_current >= 0)
            m_places[m_current].tab = tab;
    }
    void setCurrentParticipantTab(int tab)
    {
        if (m_current >= 0)
            m_places[m_current].participantTab = tab;
    }
    // The user chose another tab of the page in view: the same place with other tabs is a step
    // of its own, so Back returns to the tab before. Nothing when the tabs are the same.
    void stepTab(int tab, int participantTab);
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_places.size(); }
    // The place to go to; the caller navigates and then calls moved() when it got there.
    const Place *back() const { return canGoBack() ? &m_places[m_current - 1] : nullptr; }
    const Place *forward() const { return canGoForward() ? &m_places[m_current + 1] : nullptr; }
    void moved(int steps)
    {
        m_current = qBound(0, int(m_current + steps), int(m_places.size()) - 1);
    }
    const Place *current() const { return m_current >= 0 ? &m_places[m_current] : nullptr; }
    void clear()
    {
        m_places.clear();
        m_current = -1;
    }
    qsizetype size() const { return m_places.size(); }

private:
    // After the current entry, dropping those forward of it.
    void append(const Place &place);

    QList<Place> m_places;
    int m_current = -1;
};

} // namespace gr::ui
