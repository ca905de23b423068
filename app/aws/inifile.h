#pragma once
// The INI dialect of ~/.aws/config and ~/.aws/credentials, as botocore reads it: [section]
// headers, `key = value` lines, full-line # and ; comments, and indented sub-keys under a key
// with an empty value (e.g. `s3 =` then `  max_concurrent_requests = 10`).

#include "aws/expected.h"

#include <QMap>
#include <QString>

namespace gr::aws
{

struct IniSection {
    QMap<QString, QString> values;
    QMap<QString, QMap<QString, QString>> nested;
};

struct IniFile {
    QMap<QString, IniSection> sections; // keyed by the raw header text, e.g. "profile dev"

    // Parses `content`; a Configuration error "<file>:<line>: <what>" when it is malformed.
    static Expected<IniFile> parse(const QByteArray &content, const QString &fileName);
};

} // namespace gr::aws
