#pragma once
// Writing a file so that it is on disk when the call returns, readable by its owner only
// (0600: the state file holds the service's private key and ingest stream keys): a temporary
// beside it, fsync, rename over the old one, fsync of the folder. A crash leaves the old file
// or the new one, never a mix.

#include "aws/expected.h"

#include <QByteArray>
#include <QString>

namespace gr::local
{

// A File error naming the step and the path ("cannot write /x/state.json.tmp: No space left").
aws::Expected<void> writeFileDurably(const QString &path, const QByteArray &bytes);

} // namespace gr::local
