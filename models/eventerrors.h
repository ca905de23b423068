#pragma once
// What each participant event error code means, in words an operator can act on
// (resources/error-codes.json).

#include <QString>

namespace gr::models
{

QString explainEventError(const QString &errorCode);

// Failures that never become events; shown where a user looks for them in the timeline.
QString eventsNotInTimelineNote();

} // namespace gr::models
