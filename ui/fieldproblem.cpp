#include "ui/fieldproblem.h"

#include "ui/fieldeditors.h"

#include <cmath>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace gr::ui
{

namespace
{

QString tr(const char *text)
{
    return QCoreApplication::translate("gr::ui::FieldProblem", text);
}

} // namespace

QString describeCharacterClass(const QString &pattern)
{
    static const QRegularExpression oneClass(
        QStringLiteral(R"(^\^?\[([^\]]+)\](?:\*|\+|\{\d*,?\d*\})\$?$)"));
    const QRegularExpressionMatch m = oneClass.match(pattern);
    if (!m.hasMatch())
        return {};
    QString set = m.captured(1);
    QStringList parts;
    auto take = [&](const QString &range, const QString &words) {
        if (set.contains(range)) {
            set.remove(range);
            parts << words;
        }
    };
    if (set.contains(QLatin1String("a-z")) && set.contains(QLatin1String("A-Z"))) {
        set.remove(QLatin1String("a-z"));
        set.remove(QLatin1String("A-Z"));
        parts << tr("letters");
    }
    take(QStringLiteral("a-z"), tr("lower-case letters"));
    take(QStringLiteral("A-Z"), tr("capital letters"));
    take(QStringLiteral("0-9"), tr("digits"));
    set.remove(QLatin1Char('\\'));
    for (const QChar c : std::as_const(set))
        parts << (c == QLatin1Char(' ') ? tr("spaces") : QString(c));
    if (parts.isEmpty())
        return {};
    if (parts.size() == 1)
        return parts.first();
    const QString last = parts.takeLast();
    return tr("%1 and %2").arg(parts.join(QStringLiteral(", ")), last);
}

QString reservedTagKeyProblem(const QString &key)
{
    if (key.startsWith(QLatin1String("aws:"), Qt::CaseInsensitive))
        return tr("the tag key “%1” starts with “aws:”, which AWS reserves for its own tags")
            .arg(key);
    return {};
}

FieldProblem describeValidation(const QString &text)
{
    FieldProblem problem;
    problem.raw = text;
    static const QRegularExpression violation(QStringLiteral(
        R"(Value (?:'(?:[^']|'')*'|\S+) at '([^']+)' failed to satisfy constraint: ([^;]+))"));
    const QRegularExpressionMatch m = violation.match(text);
    if (!m.hasMatch()) {
        problem.plain = text;
        return problem;
    }
    // "destinations.member.1.s3.storageConfigurationArn" is "destinations[0].s3.…" in a form.
    QString path = m.captured(1);
    static const QRegularExpression member(QStringLiteral(R"(\.member\.(\d+))"));
    for (QRegularExpressionMatch mm = member.match(path); mm.hasMatch(); mm = member.match(path))
        path.replace(mm.capturedStart(), mm.capturedLength(),
                     QStringLiteral("[%1]").arg(mm.captured(1).toInt() - 1));
    problem.path = path;
    const QString name =
        memberLabel(path.section(QLatin1Char('.'), -1).section(QLatin1Char('['), 0, 0));
    const QString constraint = m.captured(2).trimmed();

    // A limit may come as 8500000 or, from another validator, as 8.5E+06: shown in full either way.
    static const QRegularExpression number(
        QStringLiteral(R"((-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$)"));
    const QString limitMatch = number.match(constraint).captured(1);
    bool numeric = false;
    const double limitValue = limitMatch.toDouble(&numeric);
    const QString limit = numeric && std::trunc(limitValue) == limitValue && qAbs(limitValue) < 1e15
                              ? QString::number(static_cast<qint64>(limitValue))
                              : limitMatch;
    if (constraint.contains(QLatin1String("must not be null"))) {
        problem.plain = tr("%1 is required.").arg(name);
    } else if (constraint.contains(QLatin1String("length less than or equal"))) {
        problem.plain = tr("%1 can be at most %2 characters long.").arg(name, limit);
    } else if (constraint.contains(QLatin1String("length greater than or equal"))) {
        problem.plain = tr("%1 must be at least %2 characters long.").arg(name, limit);
    } else if (constraint.contains(QLatin1String("value less than or equal"))) {
        problem.plain = tr("%1 can be at most %2.").arg(name, limit);
    } else if (constraint.contains(QLatin1String("value greater than or equal"))) {
        problem.plain = tr("%1 must be at least %2.").arg(name, limit);
    } else if (constraint.contains(QLatin1String("enum value set"))) {
        problem.plain = tr("%1 must be one of %2.")
                            .arg(name, constraint.section(QLatin1Char(':'), 1).trimmed());
    } else if (constraint.contains(QLatin1String("regular expression pattern"))) {
        const QString pattern = constraint.section(QStringLiteral("pattern:"), 1).trimmed();
        const QString allowed = describeCharacterClass(pattern);
        if (pattern.contains(QLatin1String("arn:")))
            problem.plain = tr("%1 must be an ARN, such as "
                               "arn:aws:ivs:us-east-1:123456789012:stage/AbCdEf123456.")
                                .arg(name);
        else if (!allowed.isEmpty())
            problem.plain = tr("%1 may only contain %2.").arg(name, allowed);
        else
            problem.plain = tr("%1 is not in a form the service accepts.").arg(name);
    } else {
        problem.plain = tr("%1: %2").arg(name, constraint);
    }
    return problem;
}

} // namespace gr::ui
