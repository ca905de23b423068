#include "ui/navigationhistory.h"

namespace gr::ui
{

void NavigationHistory::visit(const Place &place)
{
    if (const Place *here = current(); here && *here == place)
        return;
    append(place);
}

void NavigationHistory::append(const Place &place)
{
    m_places.resize(m_current + 1); // going somewhere new forgets the way forward
    m_places.append(place);
    if (m_places.size() > kMaxPlaces)
        m_places.removeFirst();
    m_current = int(m_places.size()) - 1;
}

void NavigationHistory::stepTab(int tab, int participantTab)
{
    if (m_current < 0)
        return;
    Place step = m_places[m_current];
    if (step.tab == tab && step.participantTab == participantTab)
        return;
    step.tab = tab;
    step.participantTab = participantTab;
    append(step);
}

void NavigationHistory::replaceCurrent(const Place &place)
{
    if (m_current < 0) {
        visit(place);
        return;
    }
    const Place before = m_places[m_current];
    m_places[m_current] = place;
    if (place.tab < 0)
        m_places[m_current].tab = before.tab;
    if (place.participantTab < 0 && place.participantId == before.participantId)
        m_places[m_current].participantTab = before.participantTab;
}

} // namespace gr::ui
