#pragma once
// Item data roles shared by Greenroom's models.

#include <Qt>

namespace gr::models
{

enum Role {
    // Unformatted value, for sorting (QDateTime, qint64, bool, QString).
    RawValueRole = Qt::UserRole + 1,
    KeyRole,      // the row's identity: ARN, session id, participant id
    JsonRole,     // the row's whole JSON object
    StateRole,    // the state text that drives colours (ACTIVE, FAILED, ...)
    NodeTypeRole, // tree models: what the node is
    VanishedRole, // true for rows kept after the service stopped listing them
};

} // namespace gr::models
