#pragma once
// A ValidationException (the model's check before sending, or the service's answer) told in
// plain words for the field it is about: "Name may only contain letters, digits, - and _",
// with the model's own text (the regular expression) kept for the tool tip.

#include <QString>

namespace gr::ui
{

struct FieldProblem {
    QString path;  // the member path as the form names its fields ("video.width"); may be empty
    QString plain; // what a user reads
    QString raw;   // the validator's or service's text
    bool isValid() const { return !plain.isEmpty(); }
};

// The first violation in a "1 validation error detected: Value … at 'name' failed to satisfy
// constraint: …" text; a text of another form comes back as it is, without a path.
FieldProblem describeValidation(const QString &validationText);

// Why a tag key cannot be used, before anything is sent; empty when it can. AWS reserves the
// "aws:" prefix in any letter case.
QString reservedTagKeyProblem(const QString &key);

// "[a-zA-Z0-9-_]*" -> "letters, digits, - and _"; empty when the pattern is not one class.
QString describeCharacterClass(const QString &pattern);

} // namespace gr::ui
