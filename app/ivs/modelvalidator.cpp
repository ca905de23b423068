#include "ivs/modelvalidator.h"

#include <cmath>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

// Q_INIT_RESOURCE must be called outside any namespace.
static void initIvsResources()
{
    Q_INIT_RESOURCE(ivs);
}

namespace gr::ivs
{

namespace
{

QString describe(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().left(200);
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    return QString::fromUtf8(value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
        .left(200);
}

// A limit as the service's Java validator prints it: 8500000, not QString::arg's "8.5e+06".
QString limitText(double limit)
{
    return std::trunc(limit) == limit && qAbs(limit) < 1e15
               ? QString::number(static_cast<qint64>(limit))
               : QString::number(limit, 'g', 17);
}

QString fail(const QJsonValue &value, const QString &path, const QString &constraint)
{
    return QStringLiteral("Value '%1' at '%2' failed to satisfy constraint: %3")
        .arg(describe(value), path, constraint);
}

// Smithy string length counts Unicode scalar values.
qsizetype codePoints(const QString &s)
{
    return s.toUcs4().size();
}

} // namespace

aws::Expected<void> ModelValidator::load(const QByteArray &serviceModelJson)
{
    QJsonParseError parseError;
    const QJsonObject model = QJsonDocument::fromJson(serviceModelJson, &parseError).object();
    if (model.isEmpty())
        return aws::failure(aws::AwsError::Kind::Decode,
                            QStringLiteral("service model: %1").arg(parseError.errorString()));
    m_shapes = model.value(QLatin1String("shapes")).toObject();
    const QJsonObject operations = model.value(QLatin1String("operations")).toObject();
    for (auto it = operations.begin(); it != operations.end(); ++it) {
        const QJsonObject operation = it->toObject();
        m_operations.insert(it.key(), operation.value(QLatin1String("input"))
                                          .toObject()
                                          .value(QLatin1String("shape"))
                                          .toString());
        m_outputs.insert(it.key(), operation.value(QLatin1String("output"))
                                       .toObject()
                                       .value(QLatin1String("shape"))
                                       .toString());
    }
    for (auto it = m_shapes.begin(); it != m_shapes.end(); ++it) {
        QString pattern = it->toObject().value(QLatin1String("pattern")).toString();
        if (pattern.isEmpty())
            continue;
        // The model's ResourceArn pattern has `[a-z-]/` where the resource type is; no real ARN
        // matches it and the service does not enforce it. Use the evident intent.
        if (it.key() == QLatin1String("ResourceArn"))
            pattern.replace(QLatin1String(":[a-z-]/"), QLatin1String(":[a-z-]+/"));
        // Smithy patterns are unanchored, which makes `[a-zA-Z0-9-_]*` accept anything; the
        // service rejects names like "bad name!", so a value must match the pattern whole.
        QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
        if (!re.isValid())
            return aws::failure(
                aws::AwsError::Kind::Decode,
                QStringLiteral("service model: pattern of %1: %2").arg(it.key(), re.errorString()));
        re.optimize();
        m_patterns.insert(it.key(), re);
    }
    return {};
}

QString ModelValidator::validate(const QString &operation, const QJsonObject &input) const
{
    const QString shape = m_operations.value(operation);
    if (shape.isEmpty())
        return {};
    QStringList errors;
    check(shape, input, QString(), true, &errors);
    if (errors.isEmpty())
        return {};
    return QStringLiteral("%1 validation error%2 detected: %3")
        .arg(errors.size())
        .arg(errors.size() == 1 ? QString() : QStringLiteral("s"))
        .arg(errors.join(QStringLiteral("; ")));
}

QString ModelValidator::checkOutput(const QString &operation, const QJsonObject &output) const
{
    const QString shape = m_outputs.value(operation);
    if (shape.isEmpty())
        return {};
    QStringList errors;
    check(shape, output, QString(), false, &errors);
    return errors.join(QStringLiteral("; "));
}

const ModelValidator &ModelValidator::embedded()
{
    static const ModelValidator model = [] {
        initIvsResources();
        ModelValidator m;
        QFile file(QStringLiteral(":/greenroom/ivs/service-2.json"));
        const aws::Expected<void> loaded =
            file.open(QIODevice::ReadOnly)
                ? m.load(file.readAll())
                : aws::failure(aws::AwsError::Kind::File, file.errorString());
        if (!loaded)
            qFatal("the embedded IVS service model is unreadable: %s",
                   qPrintable(loaded.message()));
        return m;
    }();
    return model;
}

void ModelValidator::check(const QString &shapeName, const QJsonValue &value, const QString &path,
                           bool constraints, QStringList *errors) const
{
    const QJsonObject shape = m_shapes.value(shapeName).toObject();
    const QString type = shape.value(QLatin1String("type")).toString();
    const QJsonValue min = shape.value(QLatin1String("min"));
    const QJsonValue max = shape.value(QLatin1String("max"));
    const QString where = path.isEmpty() ? QStringLiteral("input") : path;

    auto checkSize = [&](qsizetype size, const char *what) {
        if (!constraints)
            return;
        if (!min.isUndefined() && size < min.toInteger())
            errors->append(fail(value, where,
                                QStringLiteral("Member must have %1 greater than or equal to %2")
                                    .arg(QLatin1String(what))
                                    .arg(min.toInteger())));
        if (!max.isUndefined() && size > max.toInteger())
            errors->append(fail(value, where,
                                QStringLiteral("Member must have %1 less than or equal to %2")
                                    .arg(QLatin1String(what))
                                    .arg(max.toInteger())));
    };

    if (type == QLatin1String("structure")) {
        if (!value.isObject()) {
            errors->append(fail(value, where, QStringLiteral("Member must be an object")));
            return;
        }
        const QJsonObject object = value.toObject();
        const QJsonObject members = shape.value(QLatin1String("members")).toObject();
        for (const QJsonValue &required : shape.value(QLatin1String("required")).toArray()) {
            if (!constraints &&
                members.value(required.toString()).toObject().contains(QLatin1String("location")))
                continue; // an output member bound to a header, not the JSON body
            const QString name = required.toString();
            if (!object.contains(name) || object.value(name).isNull())
                errors->append(QStringLiteral("Value null at '%1' failed to satisfy constraint: "
                                              "Member must not be null")
                                   .arg(path.isEmpty() ? name : path + QLatin1Char('.') + name));
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!members.contains(it.key()) || it->isNull())
                continue; // unknown members are ignored, as by the service
            check(members.value(it.key()).toObject().value(QLatin1String("shape")).toString(), *it,
                  path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), constraints,
                  errors);
        }
        return;
    }
    if (type == QLatin1String("string")) {
        if (!value.isString()) {
            errors->append(fail(value, where, QStringLiteral("Member must be a string")));
            return;
        }
        const QString s = value.toString();
        checkSize(codePoints(s), "length");
        if (!constraints)
            return;
        const QJsonArray allowed = shape.value(QLatin1String("enum")).toArray();
        if (!allowed.isEmpty() && !allowed.contains(s)) {
            QStringList names;
            for (const QJsonValue &v : allowed)
                names << v.toString();
            errors->append(fail(value, where,
                                QStringLiteral("Member must satisfy enum value set: [%1]")
                                    .arg(names.join(QStringLiteral(", ")))));
        }
        const auto re = m_patterns.constFind(shapeName);
        if (re != m_patterns.constEnd() && !re->match(s).hasMatch())
            errors->append(fail(value, where,
                                QStringLiteral("Member must satisfy regular expression pattern: %1")
                                    .arg(shape.value(QLatin1String("pattern")).toString())));
        return;
    }
    if (type == QLatin1String("integer") || type == QLatin1String("long") ||
        type == QLatin1String("float") || type == QLatin1String("double")) {
        const bool integral = type == QLatin1String("integer") || type == QLatin1String("long");
        if (!value.isDouble() || (integral && std::trunc(value.toDouble()) != value.toDouble())) {
            errors->append(fail(value, where,
                                integral ? QStringLiteral("Member must be an integer")
                                         : QStringLiteral("Member must be a number")));
            return;
        }
        const double v = value.toDouble();
        if (!constraints)
            return;
        if (!min.isUndefined() && v < min.toDouble())
            errors->append(fail(value, where,
                                QStringLiteral("Member must have value greater than or equal to %1")
                                    .arg(limitText(min.toDouble()))));
        if (!max.isUndefined() && v > max.toDouble())
            errors->append(fail(value, where,
                                QStringLiteral("Member must have value less than or equal to %1")
                                    .arg(limitText(max.toDouble()))));
        return;
    }
    if (type == QLatin1String("boolean")) {
        if (!value.isBool())
            errors->append(fail(value, where, QStringLiteral("Member must be a boolean")));
        return;
    }
    if (type == QLatin1String("timestamp")) {
        if (!value.isString() && !value.isDouble())
            errors->append(fail(value, where, QStringLiteral("Member must be a timestamp")));
        return;
    }
    if (type == QLatin1String("list")) {
        if (!value.isArray()) {
            errors->append(fail(value, where, QStringLiteral("Member must be a list")));
            return;
        }
        const QJsonArray array = value.toArray();
        checkSize(array.size(), "length");
        const QString memberShape = shape.value(QLatin1String("member"))
                                        .toObject()
                                        .value(QLatin1String("shape"))
                                        .toString();
        for (qsizetype i = 0; i < array.size(); ++i)
            check(memberShape, array.at(i), QStringLiteral("%1.%2.member").arg(where).arg(i + 1),
                  constraints, errors);
        return;
    }
    if (type == QLatin1String("map")) {
        if (!value.isObject()) {
            errors->append(fail(value, where, QStringLiteral("Member must be a map")));
            return;
        }
        const QJsonObject map = value.toObject();
        checkSize(map.size(), "length");
        const QString keyShape =
            shape.value(QLatin1String("key")).toObject().value(QLatin1String("shape")).toString();
        const QString valueShape =
            shape.value(QLatin1String("value")).toObject().value(QLatin1String("shape")).toString();
        for (auto it = map.begin(); it != map.end(); ++it) {
            check(keyShape, it.key(), where + QStringLiteral(".key"), constraints, errors);
            check(valueShape, *it, where + QLatin1Char('.') + it.key(), constraints, errors);
        }
    }
}

} // namespace gr::ivs
