#pragma once
// The API call rate quotas of the service itself, per operation, as `--quotas` enforces them:
// the emulator's own table, not the client's pacing (app/aws/requestpacer.h), so a wrong rate
// on one side shows up against the other (tests/local/quotas).

#include "ivs/operations.h"

namespace gr::local
{

// Calls per second the service accepts for `operation` per account and region.
int callRateQuota(ivs::Operation operation);

} // namespace gr::local
