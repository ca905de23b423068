// The incident bundle: a folder with the session, its participants and events as JSON (in the
// AWS model's shapes) and CSV, the findings, a self-contained XHTML report (summary, the
// timeline as an embedded PNG, the findings) and the request ids of the calls that fetched
// them. No secret: JWT-like strings and attributes named like secrets are masked.
#pragma once

#include "aws/expected.h"

#include "sessionstore.h"

#include <QString>
#include <QStringList>

namespace sessionexport
{

// The files a bundle holds, in the order they are written.
QStringList bundleFiles();

// Writes the bundle into `directory`, which must not exist or be empty. Every file is written
// atomically; a failure (Invalid for a folder in use, File for the disk) says which file and why.
// `stageName` (the stage's name as the caller knows it; may be empty) heads the report, so a
// reader need not decode the ARN.
gr::aws::Expected<void> writeBundle(const SessionStore &store, const QString &directory,
                                    const QString &stageName = {});

// Masks what could be a credential: JWTs (participant tokens) anywhere in the text.
QString maskSecrets(const QString &text);

// CSV columns of the two tables.
QStringList participantColumns();
QStringList eventColumns();

// The report alone (XHTML, the PNG embedded), for tests and previews.
QByteArray reportHtml(const SessionStore &store, const QByteArray &timelinePng);
QByteArray timelinePng(const SessionStore &store, int width = 1400);

} // namespace sessionexport
