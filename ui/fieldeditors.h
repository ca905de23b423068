#pragma once
// Editors for the members of an operation's input, built from the AWS model's shapes: a line
// for strings and numbers, a choice for enums and booleans, check boxes for lists of enums,
// "key=value" lines for maps, a group for structures and a growable list of groups for lists
// of structures. An empty editor means "leave it out", so the service's defaults apply.

#include <memory>
#include <optional>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

class QWidget;

namespace gr::ui
{

class FieldEditor
{
public:
    virtual ~FieldEditor() = default;
    virtual QWidget *widget() const = 0;
    // nullopt when left empty; on text that is not a value of the member's type, nullopt and
    // `error` says which member and why.
    virtual std::optional<QJsonValue> value(QString *error) const = 0;
    virtual void setValue(const QJsonValue &value) = 0;
};

// `path` names the member ("video.width", "destinations[0].name"): it becomes the widgets'
// objectName (tests find them by it) and prefixes errors. `shapes` must outlive the editor.
std::unique_ptr<FieldEditor> makeFieldEditor(const QJsonObject &shapes, const QString &shapeName,
                                             const QString &path, QWidget *parent);

// "storageConfigurationArn" -> "Storage configuration ARN".
QString memberLabel(const QString &member);
// The model's HTML documentation as plain text.
QString plainDocumentation(const QString &html);

} // namespace gr::ui
