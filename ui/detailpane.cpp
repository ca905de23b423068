#include "ui/detailpane.h"

#include "ivs/ivsclient.h"
#include "models/format.h"
#include "ui/connection.h"
#include "ui/errorlabel.h"
#include "ui/fieldeditors.h"
#include "ui/fieldproblem.h"
#include "ui/operationform.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gr::ui
{

namespace
{
// Members that are secrets: shown masked, never copied into the raw view.
bool isSecret(const QString &key)
{
    return key == QLatin1String("token") || key == QLatin1String("streamKey") ||
           key == QLatin1String("secretAccessKey") || key == QLatin1String("sessionToken");
}

QJsonValue masked(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            *it = isSecret(it.key()) ? QJsonValue(QStringLiteral("•••• (hidden)")) : masked(*it);
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = masked(a[i]);
        return a;
    }
    return value;
}
} // namespace

DetailPane::DetailPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    auto *copy = new QPushButton(tr("Copy ARN/ID"), this);
    copy->setToolTip(tr("Copy the shown resource's ARN or id"));
    connect(copy, &QPushButton::clicked, this, &DetailPane::copyIdentity);
    header->addWidget(m_title, 1);
    header->addWidget(copy);
    layout->addLayout(header);

    m_tabs = new QTabWidget(this);
    m_fieldStack = new QStackedWidget(m_tabs);
    m_fields = new QTreeWidget(m_fieldStack);
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->setAlternatingRowColors(true);
    m_fieldStack->addWidget(m_fields);
    auto *scroll = new QScrollArea(m_fieldStack);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded); // long ARNs stay reachable
    scroll->setFrameShape(QFrame::NoFrame);
    m_formPage = new QWidget(scroll);
    auto *formLayout = new QVBoxLayout(m_formPage);
    formLayout->addStretch();
    scroll->setWidget(m_formPage);
    m_fieldStack->addWidget(scroll);
    m_tabs->addTab(m_fieldStack, tr("Fields"));

    m_raw = new QPlainTextEdit(m_tabs);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_raw, tr("Raw JSON"));

    m_tagsPage = new QWidget(m_tabs);
    auto *tagsLayout = new QVBoxLayout(m_tagsPage);
    tagsLayout->setContentsMargins(0, 0, 0, 0);
    m_tags = new QTableWidget(0, 2, m_tagsPage);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_tags->horizontalHeader()->setStretchLastSection(true);
    m_tags->verticalHeader()->hide();
    m_tags->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_tags, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        updateDirty();
        // A key just typed: its value is next, in the same row (never another tag's value).
        if (item->column() == 0 && !item->text().isEmpty() && m_tags->item(item->row(), 1) &&
            m_tags->item(item->row(), 1)->text().isEmpty()) {
            const int row = item->row();
            QTimer::singleShot(0, m_tags, [this, row] {
                if (row < m_tags->rowCount()) {
                    m_tags->setCurrentCell(row, 1);
                    m_tags->editItem(m_tags->item(row, 1));
                }
            });
        }
    });
    auto *tagButtons = new QHBoxLayout;
    m_addTag = new QPushButton(tr("Add tag"), m_tagsPage);
    m_addTag->setObjectName(QStringLiteral("addTag"));
    m_removeTag = new QPushButton(tr("Remove tag"), m_tagsPage);
    m_removeTag->setObjectName(QStringLiteral("removeTag"));
    connect(m_addTag, &QPushButton::clicked, this, [this] {
        addTag(QString(), QString());
        const int row = m_tags->rowCount() - 1;
        m_tags->setFocus();
        m_tags->setCurrentCell(row, 0);
        // After the table has laid out the new row, or the editor opens nowhere.
        QTimer::singleShot(0, m_tags, [this, row] {
            if (row < m_tags->rowCount())
                m_tags->editItem(m_tags->item(row, 0));
        });
    });
    connect(m_removeTag, &QPushButton::clicked, this, [this] {
        const int row = m_tags->currentRow();
        if (row >= 0) {
            m_tags->removeRow(row);
            updateDirty();
        }
    });
    tagButtons->addWidget(m_addTag);
    tagButtons->addWidget(m_removeTag);
    tagButtons->addStretch();
    tagsLayout->addWidget(m_tags, 1);
    tagsLayout->addLayout(tagButtons);
    m_tabs->addTab(m_tagsPage, tr("Tags"));
    layout->addWidget(m_tabs, 1);

    m_error = makeErrorLabel(this, QStringLiteral("paneError"), tr("What the service said"),
                             [this] { return m_errorDetails; });
    layout->addWidget(m_error);
    m_changedOnService = new QLabel(
        tr("Changed on the service while you were editing: Apply sends your edits over it, "
           "Revert shows what is there now."),
        this);
    m_changedOnService->setObjectName(QStringLiteral("changedOnService"));
    m_changedOnService->setWordWrap(true);
    m_changedOnService->setStyleSheet(QStringLiteral("color: #b35c00;"));
    m_changedOnService->hide();
    layout->addWidget(m_changedOnService);

    auto *buttons = new QHBoxLayout;
    m_duplicate = new QPushButton(tr("Duplicate as new…"), this);
    m_duplicate->setObjectName(QStringLiteral("duplicate"));
    m_duplicate->setToolTip(
        tr("This kind of resource cannot be changed once made: make a new one from it"));
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName(QStringLiteral("revert"));
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("apply"));
    m_apply->setDefault(true);
    m_apply->setToolTip(tr("Send what changed (Ctrl+Return)"));
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_apply, &QPushButton::clicked, this, &DetailPane::apply);
    connect(m_revert, &QPushButton::clicked, this, &DetailPane::revert);
    connect(m_duplicate, &QPushButton::clicked, this, [this] {
        if (!m_kind || !m_kind->create)
            return;
        QJsonObject prefill = m_resource;
        const QString name = prefill.value(QLatin1String("name")).toString();
        prefill.insert(QStringLiteral("name"),
                       name.isEmpty() ? QString() : name + QStringLiteral("-copy"));
        emit duplicateRequested(QLatin1String(ivs::operationInfo(*m_kind->create).name), prefill);
    });
    buttons->addWidget(m_duplicate);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    layout->addLayout(buttons);
    clear();
}

DetailPane::~DetailPane() = default;

void DetailPane::setConnection(Connection *connection)
{
    m_connection = connection;
    clear();
}

void DetailPane::clear(const QString &message)
{
    ++m_generation;
    if (m_call)
        std::exchange(m_call, nullptr)->cancel();
    m_kind = nullptr;
    m_key.clear();
    m_resource = {};
    m_changedOnService->hide();
    m_tagsBaseline = {};
    m_title_text.clear();
    m_title->setText(message.isEmpty() ? tr("<i>Select a resource to see its fields.</i>")
                                       : message);
    m_fields->clear();
    m_raw->clear();
    m_tags->setRowCount(0);
    delete std::exchange(m_form, nullptr);
    m_fieldStack->setCurrentIndex(0);
    m_error->hide();
    m_tagsPage->setEnabled(false);
    m_apply->hide();
    m_revert->hide();
    m_duplicate->hide();
    m_wasDirty = false;
}

void DetailPane::showJson(const QString &title, const QJsonObject &json, const QString &identity)
{
    clear();
    m_key = identity;
    m_title_text = title;
    present(json);
}

void DetailPane::showResource(const models::ResourceKind &kind, const models::Scope &scope,
                              const QString &key, const QJsonObject &row)
{
    clear();
    m_kind = &kind;
    m_scope = scope;
    m_key = key;
    m_title_text = QStringLiteral("%1 %2").arg(kind.singular, kind.displayName(row)).trimmed();
    if (!row.isEmpty())
        present(row);
    fetch();
}

void DetailPane::rowChanged(const QString &key, const QJsonObject &row)
{
    if (!m_kind || key.isEmpty() || key != m_key)
        return;
    if (m_call) {
        // The Get on its way may have been answered before this change: ask again after it.
        m_rowChangedWhileLoading = true;
        return;
    }
    QJsonObject updated = m_resource;
    for (auto it = row.begin(); it != row.end(); ++it)
        updated.insert(it.key(), it.value());
    if (updated == m_resource)
        return;
    const bool editing = isDirty();
    present(updated);
    if (editing)
        m_changedOnService->show();
}

bool DetailPane::showsChangedOnService() const
{
    return !m_changedOnService->isHidden();
}

void DetailPane::reload()
{
    if (m_kind && !m_key.isEmpty())
        fetch();
}

void DetailPane::fetch()
{
    if (!m_connection || !m_kind || !m_kind->get)
        return;
    if (m_call)
        std::exchange(m_call, nullptr)->cancel();
    const quint64 generation = ++m_generation;
    m_rowChangedWhileLoading = false;
    m_call = m_connection->client()->call(
        *m_kind->get, m_kind->inputFor(m_scope, m_key), this,
        [this, generation](const ivs::IvsResult &result) {
            if (generation != m_generation)
                return; // an answer for something no longer shown
            m_call = nullptr;
            if (!result.ok()) {
                if (result.error().kind == aws::AwsError::Kind::Cancelled)
                    return;
                showError(tr("Could not load this %1: %2")
                              .arg(m_kind->singular.toLower(), result.error().message),
                          result.error().toString());
                return;
            }
            present(result->output.value(m_kind->getOutput).toObject());
            if (std::exchange(m_rowChangedWhileLoading, false))
                fetch();
        });
}

void DetailPane::present(const QJsonObject &resource)
{
    // A refetch never throws away what the user is typing.
    const bool keepEdits = isDirty();
    if (!keepEdits)
        m_changedOnService->hide();
    m_resource = resource;
    if (m_kind && m_title_text.isEmpty())
        m_title_text = m_kind->singular;
    if (m_kind && !m_kind->displayName(resource).isEmpty())
        m_title_text = QStringLiteral("%1 %2").arg(m_kind->singular, m_kind->displayName(resource));
    const QJsonObject safe = masked(resource).toObject();
    m_fields->clear();
    addFields(m_fields->invisibleRootItem(), safe);
    m_fields->expandToDepth(1);
    m_raw->setPlainText(QString::fromUtf8(QJsonDocument(safe).toJson(QJsonDocument::Indented)));

    const bool editable = m_kind && m_kind->update;
    const bool taggable = m_kind && m_kind->taggable;
    if (!keepEdits) {
        if (editable)
            rebuildForm();
        setTags(resource.value(QLatin1String("tags")).toObject());
    }
    m_fieldStack->setCurrentIndex(editable ? 1 : 0);
    m_tagsPage->setEnabled(taggable);
    m_apply->setVisible(editable || taggable);
    m_revert->setVisible(editable || taggable);
    m_duplicate->setVisible(m_kind && !editable && m_kind->create &&
                            m_kind->kind != models::Kind::Composition);
    updateDirty();
}

bool DetailPane::startEditing()
{
    if (!m_kind || m_busy)
        return false;
    if (m_form && m_fieldStack->currentIndex() == 1) {
        m_tabs->setCurrentWidget(m_fieldStack);
        for (QWidget *w = m_form->nextInFocusChain(); w && m_form->isAncestorOf(w);
             w = w->nextInFocusChain()) {
            const auto *line = qobject_cast<QLineEdit *>(w);
            if ((w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && w->isVisible() &&
                !(line && line->isReadOnly())) {
                w->setFocus(Qt::ShortcutFocusReason);
                return true;
            }
        }
    }
    if (m_kind->taggable && m_tagsPage->isEnabled()) {
        m_tabs->setCurrentWidget(m_tagsPage);
        m_tags->setFocus(Qt::ShortcutFocusReason);
        if (m_tags->rowCount() > 0)
            m_tags->setCurrentCell(0, 0);
        return true;
    }
    return false;
}

void DetailPane::rebuildForm()
{
    delete std::exchange(m_form, nullptr);
    const QString operation = QLatin1String(ivs::operationInfo(*m_kind->update).name);
    m_form = new OperationForm(operation, m_formPage);
    static_cast<QVBoxLayout *>(m_formPage->layout())->insertWidget(0, m_form);
    m_form->setCurrent(m_resource);
    m_form->setReadOnlyMember(QStringLiteral("arn"));
    connect(m_form, &OperationForm::edited, this, &DetailPane::updateDirty);
}

void DetailPane::setTags(const QJsonObject &tags)
{
    const QSignalBlocker blocker(m_tags);
    m_tags->setRowCount(0);
    for (auto it = tags.begin(); it != tags.end(); ++it)
        addTag(it.key(), it->toString());
    m_tagsBaseline = tags;
}

void DetailPane::addTag(const QString &key, const QString &value)
{
    const int row = m_tags->rowCount();
    m_tags->insertRow(row);
    m_tags->setItem(row, 0, new QTableWidgetItem(key));
    m_tags->setItem(row, 1, new QTableWidgetItem(value));
    updateDirty();
}

aws::Expected<QJsonObject> DetailPane::tagsInTable() const
{
    QJsonObject tags;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const QString key =
            m_tags->item(row, 0) ? m_tags->item(row, 0)->text().trimmed() : QString();
        const QString value = m_tags->item(row, 1) ? m_tags->item(row, 1)->text() : QString();
        if (key.isEmpty()) {
            if (value.isEmpty())
                continue; // an added row left empty
            return aws::failure(aws::AwsError::Kind::Invalid,
                                tr("Tag %1 has a value but no key.").arg(row + 1));
        }
        if (const QString reserved = reservedTagKeyProblem(key); !reserved.isEmpty()) {
            return aws::failure(aws::AwsError::Kind::Invalid,
                                tr("Tag %1: %2.").arg(row + 1).arg(reserved));
        }
        if (tags.contains(key)) {
            return aws::failure(aws::AwsError::Kind::Invalid,
                                tr("The tag key “%1” is there twice.").arg(key));
        }
        tags.insert(key, value);
    }
    return tags;
}

bool DetailPane::isDirty() const
{
    if (m_form && m_form->isDirty())
        return true;
    const aws::Expected<QJsonObject> tags = tagsInTable();
    return !tags || *tags != m_tagsBaseline;
}

void DetailPane::updateDirty()
{
    const bool dirty = isDirty();
    m_title->setText(
        QStringLiteral("<b>%1</b>%2<br><small>%3</small>")
            .arg(m_title_text.toHtmlEscaped(),
                 dirty ? tr(" <span style='color:#b5651d'>● modified</span>") : QString(),
                 m_key.toHtmlEscaped()));
    m_apply->setEnabled(dirty && !m_busy);
    m_revert->setEnabled(dirty && !m_busy);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        emit dirtyChanged(dirty);
    }
}

bool DetailPane::confirmLeave()
{
    if (!isDirty())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unapplied changes"),
                    tr("%1 has changes that were not applied. Discard them?").arg(m_title_text),
                    QMessageBox::NoButton, this);
    QAbstractButton *discard = box.addButton(tr("Discard changes"), QMessageBox::DestructiveRole);
    box.setDefaultButton(box.addButton(tr("Keep editing"), QMessageBox::RejectRole));
    box.exec();
    if (box.clickedButton() != discard)
        return false;
    revert();
    return true;
}

void DetailPane::revert()
{
    if (m_form) {
        m_form->setCurrent(m_resource);
        m_form->clearProblem();
    }
    setTags(m_tagsBaseline);
    m_error->hide();
    m_changedOnService->hide();
    updateDirty();
}

void DetailPane::setBusy(bool busy)
{
    m_busy = busy;
    m_fieldStack->setEnabled(!busy);
    m_tagsPage->setEnabled(!busy && m_kind && m_kind->taggable);
    updateDirty();
}

void DetailPane::showError(const QString &message, const QString &details)
{
    m_errorDetails = details;
    m_error->setText(message.toHtmlEscaped() +
                     (details.isEmpty() || details == message
                          ? QString()
                          : QStringLiteral(" <a href='#details'>%1</a>").arg(tr("Details"))));
    m_error->setToolTip(details);
    m_error->show();
}

void DetailPane::apply()
{
    if (!m_connection || !m_kind || m_busy || !isDirty())
        return;
    m_error->hide();
    // Everything is checked before anything is sent.
    QJsonObject update;
    if (m_form && m_form->isDirty()) {
        FieldProblem problem;
        update = m_form->changes(&problem);
        if (problem.isValid()) {
            m_tabs->setCurrentIndex(0);
            return;
        }
    }
    const aws::Expected<QJsonObject> inTable = tagsInTable();
    if (!inTable) {
        m_tabs->setCurrentWidget(m_tagsPage);
        showError(inTable.message());
        return;
    }
    const QJsonObject &tags = *inTable;
    QJsonObject toTag;
    QJsonArray toUntag;
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (m_tagsBaseline.value(it.key()) != it.value())
            toTag.insert(it.key(), it.value());
    }
    for (auto it = m_tagsBaseline.begin(); it != m_tagsBaseline.end(); ++it) {
        if (!tags.contains(it.key()))
            toUntag.append(it.key());
    }

    // The steps, in order; each goes on only if the one before succeeded.
    struct Step {
        ivs::Operation operation;
        QJsonObject input;
        bool tags;
    };
    auto steps = std::make_shared<QList<Step>>();
    if (!update.isEmpty() && m_form)
        steps->append({*m_kind->update, update, false});
    const QString arn = m_resource.value(QLatin1String("arn")).toString(m_key);
    if (!toTag.isEmpty())
        steps->append({ivs::Operation::TagResource,
                       {{QStringLiteral("resourceArn"), arn}, {QStringLiteral("tags"), toTag}},
                       true});
    if (!toUntag.isEmpty())
        steps->append({ivs::Operation::UntagResource,
                       {{QStringLiteral("resourceArn"), arn}, {QStringLiteral("tagKeys"), toUntag}},
                       true});
    if (steps->isEmpty()) {
        revert(); // typed back to what it was
        return;
    }
    setBusy(true);
    m_fieldsApplied = false;
    auto next = std::make_shared<std::function<void()>>();
    QPointer<DetailPane> self(this);
    // The pending call's callback keeps the chain alive; the chain refers to itself weakly, so
    // it is freed with the last callback (a strong self-reference leaked it: LeakSanitizer).
    *next = [self, steps, weak = std::weak_ptr<std::function<void()>>(next)] {
        const auto chain = weak.lock();
        if (!self || !chain)
            return;
        if (steps->isEmpty()) {
            self->finishApply({}, false);
            return;
        }
        const Step step = steps->takeFirst();
        self->m_connection->client()->call(
            step.operation, step.input, self, [self, step, chain](const ivs::IvsResult &result) {
                if (!self)
                    return;
                if (!result.ok()) {
                    self->finishApply(result.error().toString(), step.tags);
                    return;
                }
                if (!step.tags)
                    self->m_fieldsApplied = true;
                (*chain)();
            });
    };
    (*next)();
}

void DetailPane::finishApply(const QString &error, bool tagsError)
{
    setBusy(false);
    if (!error.isEmpty()) {
        // What was typed stays; the problem is shown where it is.
        if (!tagsError && m_form) {
            m_tabs->setCurrentIndex(0);
            m_form->showError(error);
        } else {
            m_tabs->setCurrentWidget(m_tagsPage);
            const FieldProblem problem = describeValidation(error);
            // Two calls cannot be one: say which half holds, and keep only the tags to apply.
            if (m_fieldsApplied && m_form)
                m_form->markClean();
            showError(m_fieldsApplied
                          ? tr("The fields were saved; the tags were not: %1").arg(problem.plain)
                          : problem.plain,
                      error);
        }
        // Whatever did succeed before the failure is shown as the service has it now.
        emit written(m_kind ? m_kind->id : QString(), m_key);
        return;
    }
    if (m_form)
        m_form->markClean();
    m_tagsBaseline = tagsInTable().valueOr(QJsonObject());
    updateDirty();
    emit written(m_kind ? m_kind->id : QString(), m_key);
    fetch();
}

void DetailPane::addFields(QTreeWidgetItem *parent, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            auto *item = new QTreeWidgetItem(parent, {memberLabel(it.key())});
            item->setToolTip(0, it.key());
            if (it->isObject() || it->isArray()) {
                item->setText(1, it->isArray()
                                     ? tr("%n item(s)", nullptr, int(it->toArray().size()))
                                     : QString());
                addFields(item, *it);
            } else {
                const bool time = it.key().endsWith(QLatin1String("Time"));
                item->setText(1, models::displayText(*it, time ? models::Format::Time
                                                               : models::Format::Text));
                item->setToolTip(1, it->toVariant().toString());
            }
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            auto *item = new QTreeWidgetItem(parent, {QStringLiteral("[%1]").arg(i)});
            if (a[i].isObject() || a[i].isArray())
                addFields(item, a[i]);
            else
                item->setText(1, models::displayText(a[i], models::Format::Text));
        }
    }
}

void DetailPane::copyIdentity()
{
    if (!m_key.isEmpty())
        QApplication::clipboard()->setText(m_key);
}

} // namespace gr::ui
