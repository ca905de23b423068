#pragma once
// The AWS model (service-2.json, embedded): checks an operation's input against every
// constraint (required members, types, lengths, patterns, ranges, enums, list and map sizes) the
// way the service does, with its ValidationException wording; and checks an output's types and
// required members, the way a strict client decodes it.

#include "aws/expected.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

namespace gr::ivs
{

class ModelValidator
{
public:
    // A Decode error when the text is not a service model.
    aws::Expected<void> load(const QByteArray &serviceModelJson);
    // The embedded model, loaded once.
    static const ModelValidator &embedded();

    bool hasOperation(const QString &operation) const { return m_operations.contains(operation); }
    QString inputShape(const QString &operation) const { return m_operations.value(operation); }
    QStringList operations() const { return m_operations.keys(); }
    // Every shape of the model by name, as in service-2.json (forms are built from them).
    const QJsonObject &shapes() const { return m_shapes; }

    // Empty when valid; else "1 validation error detected: Value ... at 'path' failed to ...".
    QString validate(const QString &operation, const QJsonObject &input) const;
    // Empty when the output has the model's types and required members (unknown members and
    // values outside documented ranges are accepted: newer service versions may send them).
    QString checkOutput(const QString &operation, const QJsonObject &output) const;

private:
    void check(const QString &shapeName, const QJsonValue &value, const QString &path,
               bool constraints, QStringList *errors) const;

    QJsonObject m_shapes;
    QHash<QString, QString> m_operations; // operation -> input shape
    QHash<QString, QString> m_outputs;    // operation -> output shape
    QHash<QString, QRegularExpression> m_patterns;
};

} // namespace gr::ivs
