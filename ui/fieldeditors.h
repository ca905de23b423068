#pragma once
// Editors for the members of an operation's input, built from the AWS model's shapes: a line
// for strings and numbers, a choice for enums and booleans, check boxes for lists of enums,
// "key=value" lines for maps, a group for structures and a growable list of groups for lists
// of structures. An empty editor means "leave it out", so the service's defaults apply.

#include "aws/expected.h"

#include <memory>
#include <optional>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QSet>
#include <QString>

class QWidget;

namespace gr::ui
{

class FieldEditor
{
public:
    virtual ~FieldEditor() = default;
    virtual QWidget *widget() const = 0;
    // nullopt when left empty; on text that is not a value of the member's type, an Invalid
    // error that says which member and why (the first such member of a structure or list).
    virtual aws::Expected<std::optional<QJsonValue>> value() const = 0;
    // What can be read, the members that cannot left out: a list rebuilds its other items from
    // it when one is removed, so nothing readable that was typed there is lost.
    virtual std::optional<QJsonValue> readableValue() const
    {
        const aws::Expected<std::optional<QJsonValue>> v = value();
        return v ? *v : std::nullopt;
    }
    virtual void setValue(const QJsonValue &value) = 0;
};

// `path` names the member ("video.width", "destinations[0].name"): it becomes the widgets'
// objectName (tests find them by it) and prefixes errors. `shapes` must outlive the editor.
// `required`: a required string whose pattern allows "" (a stage's recording storage ARN, where
// "" turns recording off) sends "" when left empty instead of leaving the member out.
std::unique_ptr<FieldEditor> makeFieldEditor(const QJsonObject &shapes, const QString &shapeName,
                                             const QString &path, QWidget *parent,
                                             bool required = false);

// Existing resources a form offers for its ARN members ("stageArn": the stages), filled in by
// whoever opens the form, possibly after it shows. An ARN field finds them through its window
// when its chooser opens, so fields added later (a new destination) get them too.
class ResourceChoices : public QObject
{
    Q_OBJECT
public:
    struct Choice {
        QString label, arn;
    };
    using QObject::QObject;
    void set(const QStringList &members, const QList<Choice> &choices);
    QList<Choice> forMember(const QString &member) const { return m_choices.value(member); }

private:
    QHash<QString, QList<Choice>> m_choices;
};

// Every member name under a shape, at any depth ("stageArn", "storageConfigurationArn"...).
QSet<QString> memberNames(const QJsonObject &shapes, const QString &shapeName);

// "storageConfigurationArn" -> "Storage configuration ARN".
QString memberLabel(const QString &member);
// The model's HTML documentation as plain text.
QString plainDocumentation(const QString &html);

} // namespace gr::ui
