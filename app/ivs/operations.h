#pragma once
// IVS Real-Time requests on the wire: the generated operation table (operationtable.h) plus the
// quota lane each operation waits in (quotas.h), turned into a restJson1 request.

#include "aws/awsclient.h"
#include "ivs/operationtable.h"
#include "ivs/quotas.h"

#include <QJsonObject>

namespace gr::ivs
{

// restJson1: members bound to URI labels go in the path (percent-encoded as one segment),
// query-bound members in the query string (lists repeat the key), the rest in a JSON body.
// Bodiless methods (GET, DELETE) send no body and no Content-Type, as the SDKs do.
aws::AwsRequest buildRequest(Operation operation, const QJsonObject &input);

} // namespace gr::ivs
