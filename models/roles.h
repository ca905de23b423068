#pragma once
// Item data roles shared by Greenroom's models.

#include <Qt>

namespace gr::models
{

enum Role {
    RawValueRole =
        Qt::UserRole + 1, // unformatted value, for sorting (QDateTime, qint64, bool, QString)
    KeyRole,              // the row's identity: ARN, session id, participant id
    JsonRole,             // the row's whole JSON object
    StateRole,            // the state text that drives colours (ACTIVE, FAILED, ...)
    NodeTypeRole,         // tree models: what the node is
};

} // namespace gr::models
