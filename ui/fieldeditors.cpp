#include "ui/fieldeditors.h"

#include "ivs/shapes.h"
#include "ui/fieldproblem.h"

#include <algorithm>
#include <functional>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHash>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QStyleOptionGroupBox>
#include <QtConcurrent>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>
#include <vector>

namespace gr::ui
{

QString memberLabel(const QString &member)
{
    static const QHash<QString, QString> acronyms = {
        {QStringLiteral("arn"), QStringLiteral("ARN")},
        {QStringLiteral("arns"), QStringLiteral("ARNs")},
        {QStringLiteral("id"), QStringLiteral("ID")},
        {QStringLiteral("hls"), QStringLiteral("HLS")},
        {QStringLiteral("s3"), QStringLiteral("S3")},
        {QStringLiteral("pip"), QStringLiteral("PiP")},
        {QStringLiteral("rtmp"), QStringLiteral("RTMP")}};
    QStringList words;
    QString word;
    for (const QChar c : member) {
        if (c.isUpper() && !word.isEmpty()) {
            words << word;
            word.clear();
        }
        word += c.toLower();
    }
    if (!word.isEmpty())
        words << word;
    for (QString &w : words)
        w = acronyms.value(w, w);
    QString label = words.join(QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

QString plainDocumentation(const QString &html)
{
    return QTextDocumentFragment::fromHtml(html).toPlainText().simplified();
}

void ResourceChoices::set(const QStringList &members, const QList<Choice> &choices)
{
    for (const QString &member : members)
        m_choices.insert(member, choices);
}

QSet<QString> memberNames(const QJsonObject &shapes, const QString &shapeName)
{
    QSet<QString> names;
    QSet<QString> seen;
    QStringList pending{shapeName};
    while (!pending.isEmpty()) {
        const QString name = pending.takeLast();
        if (seen.contains(name))
            continue;
        seen.insert(name);
        const QJsonObject shape = shapes.value(name).toObject();
        const QJsonObject members = shape.value(QLatin1String("members")).toObject();
        for (auto it = members.begin(); it != members.end(); ++it) {
            names.insert(it.key());
            pending << it.value().toObject().value(QLatin1String("shape")).toString();
        }
        for (const char *part : {"member", "key", "value"}) {
            const QString inner = shape.value(QLatin1String(part))
                                      .toObject()
                                      .value(QLatin1String("shape"))
                                      .toString();
            if (!inner.isEmpty())
                pending << inner;
        }
    }
    return names;
}

namespace
{

// What a screen reader says for a field: the member's label ("Storage configuration ARN").
QString accessibleLabel(const QString &path)
{
    return memberLabel(path.section(QLatin1Char('.'), -1).section(QLatin1Char('['), 0, 0));
}

// For ARN members: a field with a button that offers the existing resources of that kind
// (see ResourceChoices); picking one calls `pick` with its ARN.
QWidget *withChooser(QWidget *field, const QString &path, const std::function<void(QString)> &pick,
                     QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    field->setParent(box);
    row->addWidget(field, 1);
    auto *button = new QToolButton(box);
    button->setObjectName(path + QStringLiteral(".choose"));
    button->setAccessibleName(
        QObject::tr("Choose %1 from the existing ones").arg(accessibleLabel(path)));
    button->setArrowType(Qt::DownArrow);
    button->setToolTip(QObject::tr("Choose an existing one"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    button->setMenu(menu);
    row->addWidget(button, 0, Qt::AlignTop);
    box->setFocusProxy(field);
    const QString member = path.section(QLatin1Char('.'), -1);
    QObject::connect(menu, &QMenu::aboutToShow, menu, [button, menu, member, pick] {
        menu->clear();
        // The menu is a window of its own: the form's window is the button's.
        const auto *choices = button->window()->findChild<ResourceChoices *>();
        const QList<ResourceChoices::Choice> list =
            choices ? choices->forMember(member) : QList<ResourceChoices::Choice>();
        for (const ResourceChoices::Choice &choice : list)
            menu->addAction(choice.label, menu, [pick, arn = choice.arn] { pick(arn); });
        if (list.isEmpty())
            menu->addAction(QObject::tr("(none found)"))->setEnabled(false);
    });
    return box;
}

// For PEM members: the field with "From file…" under it. The file is read off the GUI thread
// and only if it is small (a P-384 public key's PEM is under 300 bytes).
QWidget *withFileButton(QPlainTextEdit *edit, const QString &path, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    edit->setParent(box);
    column->addWidget(edit);
    auto *button = new QPushButton(QObject::tr("From file…"), box);
    button->setObjectName(path + QStringLiteral(".fromFile"));
    button->setToolTip(QObject::tr("Read a .pem file into this field"));
    column->addWidget(button, 0, Qt::AlignLeft);
    box->setFocusProxy(edit);
    QObject::connect(button, &QPushButton::clicked, edit, [edit, button] {
        const QString file = QFileDialog::getOpenFileName(
            edit->window(), QObject::tr("Public key file"), QString(),
            QObject::tr("PEM files (*.pem *.pub *.crt *.txt);;All files (*)"));
        if (file.isEmpty())
            return;
        button->setEnabled(false);
        auto *watcher = new QFutureWatcher<QPair<QString, QString>>(edit);
        QObject::connect(watcher, &QFutureWatcherBase::finished, edit, [edit, button, watcher] {
            const auto [text, problem] = watcher->result();
            watcher->deleteLater();
            button->setEnabled(true);
            if (!problem.isEmpty()) {
                QMessageBox::warning(edit->window(), QObject::tr("Public key file"), problem);
                return;
            }
            edit->setPlainText(text);
        });
        watcher->setFuture(QtConcurrent::run([file]() -> QPair<QString, QString> {
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                return {{}, QObject::tr("Could not read %1: %2").arg(file, in.errorString())};
            const QByteArray bytes = in.read(65537);
            if (bytes.size() > 65536)
                return {{}, QObject::tr("%1 is larger than 64 KB: not a PEM public key").arg(file)};
            if (!bytes.contains("-----BEGIN PUBLIC KEY-----"))
                return {{},
                        QObject::tr("%1 holds no \"-----BEGIN PUBLIC KEY-----\" block: "
                                    "export the public half of the key pair (openssl ec -in "
                                    "key.pem -pubout).")
                            .arg(file)};
            return {QString::fromUtf8(bytes).trimmed(), {}};
        }));
    });
    return box;
}

using FieldValue = aws::Expected<std::optional<QJsonValue>>;

FieldValue given(QJsonValue value)
{
    return std::optional<QJsonValue>(std::move(value));
}

aws::AwsError notAValue(const QString &message)
{
    return aws::failure(aws::AwsError::Kind::Invalid, message);
}

// Strings and numbers: one line. Numbers are checked here, everything else by the validator.
class LineEditor : public FieldEditor
{
public:
    LineEditor(const QJsonObject &shape, const QString &path, bool required, QWidget *parent)
        : m_type(shape.value(QLatin1String("type")).toString()), m_path(path),
          m_emptyIsValue(
              required &&
              shape.value(QLatin1String("pattern")).toString().startsWith(QLatin1String("^$|"))),
          m_edit(new QLineEdit(parent)), m_widget(m_edit)
    {
        if (m_emptyIsValue)
            m_edit->setPlaceholderText(QObject::tr("empty: none"));
        m_edit->setObjectName(path);
        m_edit->setAccessibleName(accessibleLabel(path));
        if (m_type == QLatin1String("string") && path.endsWith(QLatin1String("Arn")))
            m_widget = withChooser(
                m_edit, path, [edit = m_edit](const QString &arn) { edit->setText(arn); }, parent);
        const QJsonValue min = shape.value(QLatin1String("min")),
                         max = shape.value(QLatin1String("max"));
        const QLocale locale;
        const auto number = [&](const QJsonValue &v) {
            return locale.toString(v.toDouble(), 'g', 12);
        };
        if (m_type == QLatin1String("string"))
            return;
        if (!min.isUndefined() && !max.isUndefined())
            m_edit->setPlaceholderText(QStringLiteral("%1 – %2").arg(number(min), number(max)));
        else if (!min.isUndefined())
            m_edit->setPlaceholderText(QStringLiteral("≥ %1").arg(number(min)));
        else if (!max.isUndefined())
            m_edit->setPlaceholderText(QStringLiteral("≤ %1").arg(number(max)));
    }
    QWidget *widget() const override { return m_widget; }
    FieldValue value() const override
    {
        const QString text = m_edit->text();
        if (text.trimmed().isEmpty())
            return m_emptyIsValue ? std::optional<QJsonValue>(QString()) : std::nullopt;
        if (m_type == QLatin1String("string"))
            return given(QJsonValue(text));
        bool ok = false;
        if (m_type == QLatin1String("integer") || m_type == QLatin1String("long")) {
            const qlonglong number = text.trimmed().toLongLong(&ok);
            if (ok)
                return given(QJsonValue(number));
            return notAValue(QObject::tr("%1: \"%2\" is not a whole number").arg(m_path, text));
        }
        const double number = text.trimmed().toDouble(&ok);
        if (ok)
            return given(QJsonValue(number));
        return notAValue(QObject::tr("%1: \"%2\" is not a number").arg(m_path, text));
    }
    void setValue(const QJsonValue &value) override
    {
        // Whole numbers in full and other numbers in their shortest exact form: the default
        // six significant digits turned a bitrate of 8500000 into "8.5e+06".
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble() &&
                 (m_type == QLatin1String("integer") || m_type == QLatin1String("long")))
            text = QString::number(value.toInteger());
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        m_edit->setText(text);
    }

private:
    QString m_type, m_path;
    bool m_emptyIsValue; // "" is a value here (it means "none"), not "leave it out"
    QLineEdit *m_edit;
    QWidget *m_widget; // the line, or the line and its chooser
};

// Enums and booleans: a choice whose first entry leaves the member out.
class ChoiceEditor : public FieldEditor
{
public:
    ChoiceEditor(const QStringList &choices, bool isBoolean, bool required, const QString &path,
                 QWidget *parent)
        : m_isBoolean(isBoolean), m_box(new QComboBox(parent))
    {
        m_box->setObjectName(path);
        m_box->setAccessibleName(accessibleLabel(path));
        // A required member has no default: the first entry asks for a choice instead.
        m_box->addItem(required ? QObject::tr("(choose)") : QObject::tr("(default)"));
        m_box->addItems(choices);
    }
    QWidget *widget() const override { return m_box; }
    FieldValue value() const override
    {
        if (m_box->currentIndex() <= 0)
            return std::optional<QJsonValue>();
        if (m_isBoolean)
            return given(QJsonValue(m_box->currentText() == QLatin1String("true")));
        return given(QJsonValue(m_box->currentText()));
    }
    void setValue(const QJsonValue &value) override
    {
        const QString text =
            value.isBool() ? QLatin1String(value.toBool() ? "true" : "false") : value.toString();
        m_box->setCurrentIndex(std::max(0, m_box->findText(text)));
    }

private:
    bool m_isBoolean;
    QComboBox *m_box;
};

// A list of enum values: one check box each; none checked leaves the member out.
class EnumListEditor : public FieldEditor
{
public:
    EnumListEditor(const QStringList &choices, const QString &path, QWidget *parent)
        : m_row(new QWidget(parent))
    {
        m_row->setObjectName(path);
        auto *layout = new QHBoxLayout(m_row);
        layout->setContentsMargins(0, 0, 0, 0);
        for (const QString &choice : choices) {
            auto *box = new QCheckBox(choice, m_row);
            box->setObjectName(path + QLatin1Char('.') + choice);
            layout->addWidget(box);
            m_boxes.push_back(box);
        }
        layout->addStretch();
    }
    QWidget *widget() const override { return m_row; }
    FieldValue value() const override
    {
        QJsonArray checked;
        for (QCheckBox *box : m_boxes) {
            if (box->isChecked())
                checked.append(box->text());
        }
        return checked.isEmpty() ? std::nullopt : std::optional<QJsonValue>(checked);
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonArray values = value.toArray();
        for (QCheckBox *box : m_boxes)
            box->setChecked(values.contains(box->text()));
    }

private:
    QWidget *m_row;
    std::vector<QCheckBox *> m_boxes;
};

// Several lines of text: a multi-line string (a PEM key), a list of strings (one per line), a
// string map ("key=value" lines), or anything else the model holds, as JSON.
class LinesEditor : public FieldEditor
{
public:
    enum class Kind { Text, StringList, StringMap, Json };
    LinesEditor(Kind kind, const QString &path, QWidget *parent)
        : m_kind(kind), m_path(path), m_edit(new QPlainTextEdit(parent)), m_widget(m_edit)
    {
        m_edit->setObjectName(path);
        m_edit->setAccessibleName(accessibleLabel(path));
        if (kind == Kind::StringList && path.endsWith(QLatin1String("Arns")))
            m_widget = withChooser(
                m_edit, path,
                [edit = m_edit](const QString &arn) {
                    const QString text = edit->toPlainText().trimmed();
                    edit->setPlainText(text.isEmpty() ? arn : text + QLatin1Char('\n') + arn);
                },
                parent);
        if (kind == Kind::Text && path.endsWith(QLatin1String("publicKeyMaterial")))
            m_widget = withFileButton(m_edit, path, parent);
        m_edit->setTabChangesFocus(true);
        m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
        m_edit->setPlaceholderText(kind == Kind::Text         ? QString()
                                   : kind == Kind::StringList ? QObject::tr("one per line")
                                   : kind == Kind::StringMap
                                       ? QObject::tr("key=value, one per line")
                                       : QObject::tr("JSON"));
        if (kind == Kind::Json || kind == Kind::Text)
            m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        if (kind == Kind::StringList) // ARNs, mostly: one to a line, unbroken
            m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    QWidget *widget() const override { return m_widget; }
    FieldValue value() const override
    {
        const QString text = m_edit->toPlainText();
        if (text.trimmed().isEmpty())
            return std::optional<QJsonValue>();
        if (m_kind == Kind::Text)
            return given(QJsonValue(text));
        if (m_kind == Kind::Json) {
            QJsonParseError parseError;
            const QJsonDocument doc =
                QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8(), &parseError);
            if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1)
                return notAValue(QObject::tr("%1: not valid JSON").arg(m_path));
            return given(doc.array().first());
        }
        const QStringList lines = text.split(QLatin1Char('\n'));
        QJsonArray list;
        QJsonObject map;
        for (int i = 0; i < lines.size(); ++i) {
            const QString line = lines[i].trimmed();
            if (line.isEmpty())
                continue;
            if (m_kind == Kind::StringList) {
                list.append(line);
                continue;
            }
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return notAValue(QObject::tr("%1, line %2: \"%3\" is not key=value")
                                     .arg(m_path)
                                     .arg(i + 1)
                                     .arg(line));
            const QString key = line.left(eq).trimmed();
            const QString reserved = m_path.section(QLatin1Char('.'), -1) == QLatin1String("tags")
                                         ? reservedTagKeyProblem(key)
                                         : QString();
            if (!reserved.isEmpty())
                return notAValue(
                    QObject::tr("%1, line %2: %3").arg(m_path).arg(i + 1).arg(reserved));
            map.insert(key, line.mid(eq + 1).trimmed());
        }
        return given(m_kind == Kind::StringList ? QJsonValue(list) : QJsonValue(map));
    }
    void setValue(const QJsonValue &value) override
    {
        QStringList lines;
        if (m_kind == Kind::Text) {
            lines << value.toString();
        } else if (m_kind == Kind::StringList) {
            for (const QJsonValue &v : value.toArray())
                lines << v.toString();
        } else if (m_kind == Kind::StringMap) {
            const QJsonObject map = value.toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                lines << it.key() + QLatin1Char('=') + it.value().toString();
        } else if (!value.isUndefined() && !value.isNull()) {
            const QJsonDocument doc =
                value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
            lines << QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
        }
        m_edit->setPlainText(lines.join(QLatin1Char('\n')));
    }

private:
    Kind m_kind;
    QString m_path;
    QPlainTextEdit *m_edit;
    QWidget *m_widget; // the text, or the text and its chooser
};

// The members of a structure in the model's order (the order its authors chose: width before
// height), which QJsonObject's sorted keys lose; the generated code keeps it.
QStringList modelOrder(const QString &shapeName)
{
    static const QHash<QString, QStringList> orders = [] {
        QHash<QString, QStringList> result;
        for (const ivs::ShapeMembers &shape : ivs::generatedShapes()) {
            QStringList &members = result[QLatin1String(shape.shape)];
            for (const char *member : shape.members)
                members << QLatin1String(member);
        }
        return result;
    }();
    return orders.value(shapeName);
}

bool isStructList(const QJsonObject &shapes, const QJsonObject &shape)
{
    if (shape.value(QLatin1String("type")) != QLatin1String("list"))
        return false;
    const QString item =
        shape.value(QLatin1String("member")).toObject().value(QLatin1String("shape")).toString();
    return shapes.value(item).toObject().value(QLatin1String("type")) == QLatin1String("structure");
}

class StructListEditor;

// A structure: its members in a form, required ones first (marked *), tags last.
class StructEditor : public FieldEditor
{
public:
    // Without a title: the top level. With one: a group; an optional group can be ticked on or
    // off (off leaves it out, on with nothing filled in sends {}: "this, with its defaults",
    // which is how a composition's layout picks grid or picture-in-picture).
    StructEditor(const QJsonObject &shapes, const QString &shapeName, const QString &path,
                 const QString &title, bool optional, QWidget *parent);
    QWidget *widget() const override { return m_widget; }
    FieldValue value() const override
    {
        if (isSwitchedOff())
            return switchedOffValue();
        QJsonObject object;
        for (const auto &[member, editor] : m_members) {
            const FieldValue v = editor->value();
            if (!v)
                return v.error();
            if (*v)
                object.insert(member, **v);
        }
        // Ticked on with its switch-off member left empty would send "off" under an "on" tick
        // (a new stage saved with recording off and nothing said): refused, in words. Emptying
        // it in a section that came on is how a user turns it off, as the API does.
        const bool cameOn =
            m_loaded.isObject() && !m_loaded.toObject().value(m_offMember).toString().isEmpty();
        if (!m_offMember.isEmpty() && m_group && m_group->isCheckable() && !cameOn &&
            object.value(m_offMember).toString().isEmpty())
            return notAValue(QObject::tr("%1.%2: required while “%3” is ticked; untick it to "
                                         "leave it off")
                                 .arg(m_widget->objectName(), m_offMember,
                                      QString(m_group->title()).remove(QStringLiteral(" *"))));
        return present(object);
    }
    std::optional<QJsonValue> readableValue() const override
    {
        if (isSwitchedOff())
            return switchedOffValue();
        QJsonObject object;
        for (const auto &[member, editor] : m_members) {
            if (const std::optional<QJsonValue> v = editor->readableValue())
                object.insert(member, *v);
        }
        return present(object);
    }
    bool isSwitchedOff() const
    {
        return m_group && m_group->isCheckable() && !m_group->isChecked();
    }
    // A section the service switches off with an empty member: off is sent as that (or as it
    // came, when it came off), since leaving it out means "no change".
    std::optional<QJsonValue> switchedOffValue() const
    {
        if (m_offMember.isEmpty() || !m_loaded.isObject())
            return std::nullopt;
        if (m_loaded.toObject().value(m_offMember).toString().isEmpty())
            return m_loaded;
        return QJsonValue(QJsonObject{{m_offMember, QString()}});
    }
    std::optional<QJsonValue> present(const QJsonObject &object) const
    {
        if (object.isEmpty() && !(m_group && m_group->isCheckable()))
            return std::nullopt;
        return QJsonValue(object);
    }
    void setValue(const QJsonValue &value) override
    {
        m_loaded = value;
        const QJsonObject object = value.toObject();
        // Auto-recording with no storage configuration is how the service says "off".
        if (m_group && m_group->isCheckable())
            m_group->setChecked(
                value.isObject() &&
                (m_offMember.isEmpty() || !object.value(m_offMember).toString().isEmpty()));
        for (const auto &[member, editor] : m_members)
            editor->setValue(object.value(member));
    }

private:
    QWidget *m_widget = nullptr;
    QGroupBox *m_group = nullptr;
    std::vector<std::pair<QString, std::unique_ptr<FieldEditor>>> m_members;
    // The required member whose empty string switches the section off (the model documents
    // it: "To disable …, set this to \"\""); empty when the section has no such member.
    QString m_offMember;
    QJsonValue m_loaded; // as last set, to send an unchanged "off" back as it came
};

// A list of structures (destinations, token configurations): a group per item, with Add and
// Remove. Removing rebuilds the items so their paths stay numbered in order.
class StructListEditor : public FieldEditor
{
public:
    StructListEditor(const QJsonObject &shapes, const QJsonObject &listShape, const QString &path,
                     const QString &title, QWidget *parent)
        : m_shapes(shapes), m_itemShape(listShape.value(QLatin1String("member"))
                                            .toObject()
                                            .value(QLatin1String("shape"))
                                            .toString()),
          m_path(path), m_widget(new QGroupBox(title, parent))
    {
        m_widget->setObjectName(path);
        m_layout = new QVBoxLayout(m_widget);
        // "Destinations *" -> "Add destination".
        QString singular = memberLabel(path.section(QLatin1Char('.'), -1)).toLower();
        if (singular.endsWith(QLatin1Char('s')))
            singular.chop(1);
        m_add = new QPushButton(QObject::tr("Add %1").arg(singular), m_widget);
        m_add->setObjectName(path + QStringLiteral(".add"));
        m_layout->addWidget(m_add, 0, Qt::AlignLeft);
        QObject::connect(m_add, &QPushButton::clicked, m_widget, [this] { addItem({}); });
    }
    QWidget *widget() const override { return m_widget; }
    FieldValue value() const override
    {
        if (m_items.empty())
            return std::optional<QJsonValue>();
        QJsonArray items;
        for (const Item &item : m_items) {
            const FieldValue v = item.editor->value();
            if (!v)
                return v.error();
            items.append(v->value_or(QJsonObject()));
        }
        return std::optional<QJsonValue>(items);
    }
    std::optional<QJsonValue> readableValue() const override
    {
        if (m_items.empty())
            return std::nullopt;
        QJsonArray items;
        for (const Item &item : m_items)
            items.append(item.editor->readableValue().value_or(QJsonObject()));
        return QJsonValue(items);
    }
    void setValue(const QJsonValue &value) override
    {
        clear();
        for (const QJsonValue &item : value.toArray())
            addItem(item);
    }

private:
    struct Item {
        QWidget *frame;
        std::unique_ptr<FieldEditor> editor;
    };
    void addItem(const QJsonValue &value)
    {
        const int index = int(m_items.size());
        auto *frame = new QWidget(m_widget);
        auto *row = new QHBoxLayout(frame);
        row->setContentsMargins(0, 0, 0, 0);
        const QString itemPath = QStringLiteral("%1[%2]").arg(m_path).arg(index);
        QString singular = memberLabel(m_path.section(QLatin1Char('.'), -1));
        if (singular.endsWith(QLatin1Char('s')))
            singular.chop(1);
        auto editor = std::make_unique<StructEditor>(
            m_shapes, m_itemShape, itemPath, QStringLiteral("%1 %2").arg(singular).arg(index + 1),
            false, frame);
        editor->setValue(value);
        row->addWidget(editor->widget(), 1);
        auto *remove = new QPushButton(QObject::tr("Remove"), frame);
        remove->setObjectName(itemPath + QStringLiteral(".remove"));
        row->addWidget(remove, 0, Qt::AlignTop);
        QObject::connect(remove, &QPushButton::clicked, m_widget, [this, index] {
            QJsonArray keep;
            for (int i = 0; i < int(m_items.size()); ++i) {
                if (i != index)
                    keep.append(m_items[size_t(i)].editor->readableValue().value_or(QJsonObject()));
            }
            setValue(keep);
        });
        m_layout->insertWidget(m_layout->count() - 1, frame);
        m_items.push_back({frame, std::move(editor)});
    }
    void clear()
    {
        for (Item &item : m_items) {
            item.editor.reset();
            item.frame->hide();
            item.frame->setParent(nullptr); // out of the form now: findChild sees the new items
            item.frame->deleteLater();      // later: the Remove button that got us here is inside
        }
        m_items.clear();
    }

    const QJsonObject &m_shapes;
    QString m_itemShape, m_path;
    QGroupBox *m_widget;
    QVBoxLayout *m_layout;
    QPushButton *m_add;
    std::vector<Item> m_items;
};

StructEditor::StructEditor(const QJsonObject &shapes, const QString &shapeName, const QString &path,
                           const QString &title, bool optional, QWidget *parent)
{
    QFormLayout *form = nullptr;
    QWidget *content = nullptr;
    if (title.isEmpty()) {
        m_widget = new QWidget(parent);
        content = m_widget;
    } else {
        m_group = new QGroupBox(title, parent);
        m_widget = m_group;
        auto *groupLayout = new QVBoxLayout(m_group);
        content = new QWidget(m_group);
        groupLayout->addWidget(content);
        if (optional) {
            m_group->setCheckable(true);
            m_group->setChecked(false);
            // Off: just its title, no empty frame under it, so a long form stays short. The
            // group is cut under its title (the style says where that ends).
            const QMargins margins = groupLayout->contentsMargins();
            const auto show = [group = m_group, groupLayout, content, margins](bool on) {
                content->setVisible(on);
                groupLayout->setContentsMargins(on ? margins : QMargins());
                group->setFlat(!on);
                QStyleOptionGroupBox option;
                option.initFrom(group);
                option.text = group->title();
                option.lineWidth = 1;
                option.textAlignment = group->alignment();
                option.subControls = QStyle::SC_GroupBoxFrame | QStyle::SC_GroupBoxCheckBox |
                                     QStyle::SC_GroupBoxLabel;
                option.features =
                    group->isFlat() ? QStyleOptionFrame::Flat : QStyleOptionFrame::None;
                const QStyle *style = group->style();
                const int titleBottom =
                    std::max(style
                                 ->subControlRect(QStyle::CC_GroupBox, &option,
                                                  QStyle::SC_GroupBoxCheckBox, group)
                                 .bottom(),
                             style
                                 ->subControlRect(QStyle::CC_GroupBox, &option,
                                                  QStyle::SC_GroupBoxLabel, group)
                                 .bottom());
                group->setMaximumHeight(on ? QWIDGETSIZE_MAX : titleBottom + 1);
            };
            show(false);
            QObject::connect(m_group, &QGroupBox::toggled, content, show);
        }
    }
    form = new QFormLayout(content);
    form->setContentsMargins(0, 0, 0, 0);
    m_widget->setObjectName(path.isEmpty() ? QStringLiteral("input") : path);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QJsonObject shape = shapes.value(shapeName).toObject();
    const QJsonObject members = shape.value(QLatin1String("members")).toObject();
    QStringList required;
    for (const QJsonValue &r : shape.value(QLatin1String("required")).toArray())
        required << r.toString();
    if (optional && required.size() == 1) {
        const QString doc = members.value(required.first())
                                .toObject()
                                .value(QLatin1String("documentation"))
                                .toString();
        if (doc.contains(QLatin1String("To disable")) &&
            doc.contains(QLatin1String("<code>\"\"</code>")))
            m_offMember = required.first();
    }
    QStringList order = modelOrder(shapeName);
    if (order.size() != members.size()) // a model newer than the generated code
        order = members.keys();
    // Required fields, the name, other fields; then sections and lists (required first); tags.
    const auto rank = [&](const QString &m) {
        const QJsonObject memberShape =
            shapes.value(members.value(m).toObject().value(QLatin1String("shape")).toString())
                .toObject();
        const bool wide = memberShape.value(QLatin1String("type")) == QLatin1String("structure") ||
                          isStructList(shapes, memberShape);
        if (m == QLatin1String("tags"))
            return 6;
        if (wide)
            return required.contains(m) ? 3 : 4;
        return required.contains(m) ? 0 : m == QLatin1String("name") ? 1 : 2;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const QString &a, const QString &b) { return rank(a) < rank(b); });
    for (const QString &member : order) {
        const QJsonObject ref = members.value(member).toObject();
        const QString childPath = path.isEmpty() ? member : path + QLatin1Char('.') + member;
        const QString childShapeName = ref.value(QLatin1String("shape")).toString();
        const QJsonObject childShape = shapes.value(childShapeName).toObject();
        const bool isStruct = childShape.value(QLatin1String("type")) == QLatin1String("structure");
        const bool isWide = isStruct || isStructList(shapes, childShape);
        const QString label =
            memberLabel(member) + (required.contains(member) ? QStringLiteral(" *") : QString());
        auto child = isStruct ? std::unique_ptr<FieldEditor>(
                                    new StructEditor(shapes, childShapeName, childPath, label,
                                                     !required.contains(member), content))
                     : isWide ? std::unique_ptr<FieldEditor>(new StructListEditor(
                                    shapes, childShape, childPath, label, content))
                              : makeFieldEditor(shapes, childShapeName, childPath, content,
                                                required.contains(member));
        const QString doc =
            plainDocumentation(ref.value(QLatin1String("documentation")).toString());
        child->widget()->setToolTip(doc);
        if (isWide) {
            form->addRow(child->widget());
        } else {
            auto *labelWidget = new QLabel(label, content);
            labelWidget->setToolTip(doc);
            labelWidget->setBuddy(child->widget());
            form->addRow(labelWidget, child->widget());
        }
        m_members.emplace_back(member, std::move(child));
    }
    // Sections of which the service takes one (its model says so in words only: "Either a
    // channel or an s3 must be specified"; a layout is grid or pip, not both): ticking one
    // unticks the others, so the form cannot be sent with two.
    static const QHash<QString, QStringList> oneOf{
        {QStringLiteral("LayoutConfiguration"), {QStringLiteral("grid"), QStringLiteral("pip")}},
        {QStringLiteral("DestinationConfiguration"),
         {QStringLiteral("channel"), QStringLiteral("s3")}}};
    const QStringList exclusive = oneOf.value(shapeName);
    QList<QGroupBox *> sections;
    for (const auto &[member, editor] : m_members) {
        auto *box = qobject_cast<QGroupBox *>(editor->widget());
        if (exclusive.contains(member) && box && box->isCheckable())
            sections << box;
    }
    for (QGroupBox *box : std::as_const(sections)) {
        box->setToolTip(box->toolTip() +
                        QObject::tr("\n\nOne of %1: ticking one unticks the other.")
                            .arg(exclusive.join(QObject::tr(" or "))));
        QObject::connect(box, &QGroupBox::toggled, box, [box, sections](bool on) {
            if (!on)
                return;
            for (QGroupBox *other : sections) {
                if (other != box)
                    other->setChecked(false);
            }
        });
    }
}

QStringList enumValues(const QJsonObject &shape)
{
    QStringList values;
    for (const QJsonValue &v : shape.value(QLatin1String("enum")).toArray())
        values << v.toString();
    return values;
}

} // namespace

std::unique_ptr<FieldEditor> makeFieldEditor(const QJsonObject &shapes, const QString &shapeName,
                                             const QString &path, QWidget *parent, bool required)
{
    const QJsonObject shape = shapes.value(shapeName).toObject();
    const QString type = shape.value(QLatin1String("type")).toString();
    if (type == QLatin1String("structure"))
        return std::make_unique<StructEditor>(shapes, shapeName, path, QString(), false, parent);
    if (type == QLatin1String("boolean"))
        return std::make_unique<ChoiceEditor>(
            QStringList{QStringLiteral("true"), QStringLiteral("false")}, true, required, path,
            parent);
    if (type == QLatin1String("string") && shape.contains(QLatin1String("enum")))
        return std::make_unique<ChoiceEditor>(enumValues(shape), false, required, path, parent);
    // Strings whose pattern spans lines (a PEM public key) need a box, not a line: a line edit
    // would fold the pasted newlines away and the key would no longer parse.
    if (type == QLatin1String("string") &&
        shape.value(QLatin1String("pattern")).toString().contains(QLatin1String("\\n")))
        return std::make_unique<LinesEditor>(LinesEditor::Kind::Text, path, parent);
    if (type == QLatin1String("string") || type == QLatin1String("integer") ||
        type == QLatin1String("long") || type == QLatin1String("float") ||
        type == QLatin1String("double"))
        return std::make_unique<LineEditor>(shape, path, required, parent);
    if (type == QLatin1String("list")) {
        const QString itemName = shape.value(QLatin1String("member"))
                                     .toObject()
                                     .value(QLatin1String("shape"))
                                     .toString();
        const QJsonObject item = shapes.value(itemName).toObject();
        const QString itemType = item.value(QLatin1String("type")).toString();
        if (itemType == QLatin1String("string") && item.contains(QLatin1String("enum")))
            return std::make_unique<EnumListEditor>(enumValues(item), path, parent);
        if (itemType == QLatin1String("string"))
            return std::make_unique<LinesEditor>(LinesEditor::Kind::StringList, path, parent);
        if (itemType == QLatin1String("structure"))
            return std::make_unique<StructListEditor>(
                shapes, shape, path, memberLabel(path.section(QLatin1Char('.'), -1)), parent);
    }
    if (type == QLatin1String("map")) {
        const auto typeOf = [&](const char *part) {
            return shapes
                .value(shape.value(QLatin1String(part))
                           .toObject()
                           .value(QLatin1String("shape"))
                           .toString())
                .toObject()
                .value(QLatin1String("type"))
                .toString();
        };
        if (typeOf("key") == QLatin1String("string") && typeOf("value") == QLatin1String("string"))
            return std::make_unique<LinesEditor>(LinesEditor::Kind::StringMap, path, parent);
    }
    return std::make_unique<LinesEditor>(LinesEditor::Kind::Json, path, parent);
}

} // namespace gr::ui
