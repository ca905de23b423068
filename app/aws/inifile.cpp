#include "aws/inifile.h"

#include <QList>

namespace gr::aws
{

Expected<IniFile> IniFile::parse(const QByteArray &content, const QString &fileName)
{
    IniFile result;
    IniSection *section = nullptr;
    QString lastKey; // the key whose indented sub-keys may follow
    int lineNumber = 0;
    auto fail = [&](const QString &what) {
        return failure(AwsError::Kind::Configuration,
                       QStringLiteral("%1:%2: %3").arg(fileName).arg(lineNumber).arg(what));
    };

    const QList<QByteArray> lines = content.split('\n');
    for (const QByteArray &rawLine : lines) {
        ++lineNumber;
        const QString line = QString::fromUtf8(rawLine).remove(QLatin1Char('\r'));
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')) ||
            trimmed.startsWith(QLatin1Char(';')))
            continue;
        const bool indented = line.front().isSpace();

        if (!indented && trimmed.startsWith(QLatin1Char('['))) {
            if (!trimmed.endsWith(QLatin1Char(']')))
                return fail(QStringLiteral("section header is missing its closing ']'"));
            const QString name = trimmed.mid(1, trimmed.size() - 2).simplified();
            if (name.isEmpty())
                return fail(QStringLiteral("empty section name"));
            section = &result.sections[name];
            lastKey.clear();
            continue;
        }

        const qsizetype eq = trimmed.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (indented && section && !lastKey.isEmpty())
                return fail(QStringLiteral("expected 'key = value' in the settings under '%1'")
                                .arg(lastKey));
            return fail(QStringLiteral("expected '[section]' or 'key = value', found '%1'")
                            .arg(trimmed.left(40)));
        }
        if (!section)
            return fail(QStringLiteral("'%1' appears before any [section] header")
                            .arg(trimmed.left(eq).trimmed()));
        const QString key = trimmed.left(eq).trimmed();
        const QString value = trimmed.mid(eq + 1).trimmed();

        if (indented && !lastKey.isEmpty() && section->values.value(lastKey).isEmpty()) {
            section->nested[lastKey].insert(key, value);
            continue;
        }
        section->values.insert(key, value);
        lastKey = key;
    }
    return result;
}

} // namespace gr::aws
