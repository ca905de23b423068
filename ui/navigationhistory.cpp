#include "ui/navigationhistory.h"

namespace gr::ui
{

void NavigationHistory::visit(const Place &place)
{
    if (const Place *here = current(); here && *here == place)
        return;
    m_places.resize(m_current + 1); // going somewhere new forgets the way forward
    m_places.append(place);
    if (m_places.size() > kMaxPlaces)
        m_places.removeFirst();
    m_current = int(m_places.size()) - 1;
}

void NavigationHistory::replaceCurrent(const Place &place)
{
    if (m_current < 0) {
        visit(place);
        return;
    }
    const int tab = m_places[m_current].tab;
    m_places[m_current] = place;
    if (place.tab < 0)
        m_places[m_current].tab = tab;
}

} // namespace gr::ui
