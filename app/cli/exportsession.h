// `greenroom export-session`: the incident bundle from the command line, for scripts and
// support runbooks. Connects as the console does (--profile, --region, --endpoint-url, the
// AWS environment variables), loads every event, writes the bundle; no window. Progress and
// errors on stderr; exit status 0 on success, 1 on failure, 2 on bad usage. The bundle itself
// is models/sessionexport's; this is only the command line around it.
#pragma once

namespace sessionexport
{
int commandLineMain(int argc, char **argv);
}
