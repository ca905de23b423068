#pragma once
// Checks an operation's input against every constraint of the AWS model (service-2.json):
// required members, types, lengths, patterns (unanchored, as Smithy means them), ranges, enums,
// list and map sizes. Messages follow the service's ValidationException wording.

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

namespace gr::local {

class ModelValidator
{
public:
    bool load(const QByteArray &serviceModelJson, QString *error);

    bool hasOperation(const QString &operation) const { return m_operations.contains(operation); }
    QString inputShape(const QString &operation) const { return m_operations.value(operation); }
    QStringList operations() const { return m_operations.keys(); }

    // Empty when valid; else "1 validation error detected: Value ... at 'path' failed to ...".
    QString validate(const QString &operation, const QJsonObject &input) const;

private:
    void check(const QString &shapeName, const QJsonValue &value, const QString &path,
               QStringList *errors) const;

    QJsonObject m_shapes;
    QHash<QString, QString> m_operations; // operation -> input shape
    QHash<QString, QRegularExpression> m_patterns;
};

} // namespace gr::local
