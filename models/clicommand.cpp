#include "clicommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

QString kebabCase(const QString &name)
{
    QString out;
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (c.isUpper()) {
            // A new word starts at an upper-case letter after a lower-case one or a digit, or
            // before a lower-case one inside a run of capitals (ARNs -> arns, not a-r-ns).
            const bool afterLower = i > 0 && (name[i - 1].isLower() || name[i - 1].isDigit());
            const bool beforeLower =
                i > 0 && name[i - 1].isUpper() && i + 1 < name.size() && name[i + 1].isLower();
            if (afterLower || beforeLower)
                out += QLatin1Char('-');
            out += c.toLower();
        } else {
            out += c;
        }
    }
    return out;
}

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_/:.,=@+%-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString awsCliCommand(gr::ivs::Operation operation, const QJsonObject &input,
                      const CliContext &context)
{
    const gr::ivs::OperationInfo &info = gr::ivs::operationInfo(operation);
    const bool paginated = info.resultKey && *info.resultKey;
    QStringList words{QStringLiteral("aws"), QStringLiteral("ivs-realtime"),
                      kebabCase(QString::fromLatin1(info.name))};
    // QJsonObject iterates its keys sorted: the same input always gives the same line.
    for (auto it = input.begin(); it != input.end(); ++it) {
        QString option = kebabCase(it.key());
        if (paginated && it.key() == QLatin1String("nextToken"))
            option = QStringLiteral("starting-token");
        else if (paginated && it.key() == QLatin1String("maxResults"))
            option = QStringLiteral("page-size");
        const QJsonValue v = it.value();
        if (v.isBool()) {
            words << (v.toBool() ? QStringLiteral("--") + option
                                 : QStringLiteral("--no-") + option);
        } else if (v.isDouble()) {
            words << QStringLiteral("--") + option << QString::number(v.toInteger());
        } else if (v.isString()) {
            words << QStringLiteral("--") + option << shellQuote(v.toString());
        } else if (v.isArray() && std::all_of(v.toArray().begin(), v.toArray().end(),
                                              [](const QJsonValue &x) { return x.isString(); })) {
            words << QStringLiteral("--") + option;
            for (const QJsonValue &x : v.toArray())
                words << shellQuote(x.toString());
        } else if (v.isArray() || v.isObject()) {
            const QByteArray json =
                v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
            words << QStringLiteral("--") + option << shellQuote(QString::fromUtf8(json));
        }
    }
    if (!context.region.isEmpty())
        words << QStringLiteral("--region") << shellQuote(context.region);
    if (!context.profile.isEmpty())
        words << QStringLiteral("--profile") << shellQuote(context.profile);
    if (!context.endpointUrl.isEmpty())
        words << QStringLiteral("--endpoint-url") << shellQuote(context.endpointUrl);
    return words.join(QLatin1Char(' '));
}
