// "Copy as AWS CLI command": the exact `aws ivs-realtime <op> --…` line for an operation and
// its input, so a selection can be handed to someone with the AWS CLI.
#pragma once

#include "ivs/operations.h"

#include <QJsonObject>
#include <QString>

struct CliContext {
    QString region;      // --region, when set
    QString profile;     // --profile, when set
    QString endpointUrl; // --endpoint-url, when not the service's own endpoint
};

// Operation names in kebab case (ListParticipantEvents -> list-participant-events), members as
// --kebab-case options: strings quoted for a POSIX shell, booleans as --x / --no-x, numbers as
// they are, lists of strings as separate words, maps and structures as JSON. For paginated
// operations the CLI pages by itself: nextToken becomes --starting-token and maxResults
// --page-size, as the CLI names them.
QString awsCliCommand(gr::ivs::Operation operation, const QJsonObject &input,
                      const CliContext &context = {});

// camelCase / PascalCase -> kebab-case.
QString kebabCase(const QString &name);
// Quotes a word for a POSIX shell when it needs quoting.
QString shellQuote(const QString &word);
