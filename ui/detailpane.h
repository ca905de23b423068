#pragma once
// The selected resource, whole: its fields, raw JSON and tags, fetched with its Get and
// fetched again after every write, so nothing on screen is stale. Resources the API can update
// (stages, ingest configurations) are edited in place: a form built from the AWS model, a
// dirty marker, Apply (only what changed is sent) and Revert, tags edited inline (sent as the
// TagResource / UntagResource difference), problems shown at their field. Resources the API
// cannot update show read-only fields and offer "Duplicate as new…". Secrets are masked.

#include "aws/expected.h"
#include "models/resourcekinds.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QTabWidget;

namespace gr::aws
{
class AwsCall;
}

namespace gr::ui
{

class Connection;
class OperationForm;

class DetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;

    void setConnection(Connection *connection);
    // Shows a resource: the row at once, then what its Get returns (a newer selection wins).
    void showResource(const models::ResourceKind &kind, const models::Scope &scope,
                      const QString &key, const QJsonObject &row = {});
    // Shows JSON as it is, with nothing to fetch or edit (an event).
    void showJson(const QString &title, const QJsonObject &json, const QString &identity);
    // Fetches the shown resource again (after a write elsewhere).
    void reload();
    // The list's row for `key` changed (a refresh saw it): when it is the one shown, its values
    // show at once; while the user edits, the edits stay and the pane says "Changed on the
    // service".
    void rowChanged(const QString &key, const QJsonObject &row);
    bool showsChangedOnService() const;
    void clear(const QString &message = {});

    QString identity() const { return m_key; }
    const models::ResourceKind *kind() const { return m_kind; }
    const QJsonObject &resource() const { return m_resource; }
    bool isLoading() const { return m_call != nullptr; }

    bool isDirty() const;
    // Before the pane shows something else: true when nothing typed would be lost (or the
    // user chose to discard it), false to stay.
    bool confirmLeave();
    // Edit selected (Ctrl+E): the focus in the first field that can be changed, or in the tags
    // of a resource that only tags change. False, with the focus left alone, when nothing can.
    bool startEditing();
    // Sends what changed: the update, then tags added or changed, then tags removed.
    void apply();
    void revert();

    // What tests and keyboard users reach.
    QTreeWidget *fields() const { return m_fields; }
    OperationForm *form() const { return m_form; }
    QTableWidget *tagsTable() const { return m_tags; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *revertButton() const { return m_revert; }
    QPushButton *duplicateButton() const { return m_duplicate; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *errorLabel() const { return m_error; }
    void addTag(const QString &key, const QString &value);

public slots:
    void copyIdentity();

signals:
    // After a successful Apply: whoever lists the resource fetches it again.
    void written(const QString &kindId, const QString &key);
    void duplicateRequested(const QString &operation, const QJsonObject &prefill);
    void dirtyChanged(bool dirty);

private:
    void fetch();
    void present(const QJsonObject &resource);
    void setTags(const QJsonObject &tags);
    // The tags as the table holds them; an Invalid error for a value without a key or a key twice.
    aws::Expected<QJsonObject> tagsInTable() const;
    void updateDirty();
    void setBusy(bool busy);
    void showError(const QString &message, const QString &details = {});
    void finishApply(const QString &error, bool tagsError);
    void addFields(QTreeWidgetItem *parent, const QJsonValue &value);
    void rebuildForm();

    QPointer<Connection> m_connection;
    const models::ResourceKind *m_kind = nullptr;
    models::Scope m_scope;
    QString m_key;
    QString m_title_text;
    QJsonObject m_resource;
    QJsonObject m_tagsBaseline;
    quint64 m_generation = 0;
    QPointer<aws::AwsCall> m_call;
    bool m_rowChangedWhileLoading = false; // the Get on its way may be older: fetch again
    bool m_busy = false;
    bool m_fieldsApplied = false; // this Apply's update succeeded (its tag calls may not)
    bool m_wasDirty = false;
    QString m_errorDetails;

    QLabel *m_title;
    QTabWidget *m_tabs;
    QStackedWidget *m_fieldStack;
    QTreeWidget *m_fields;
    QWidget *m_formPage;
    OperationForm *m_form = nullptr;
    QPlainTextEdit *m_raw;
    QWidget *m_tagsPage;
    QTableWidget *m_tags;
    QPushButton *m_addTag;
    QPushButton *m_removeTag;
    QLabel *m_error;
    QLabel *m_changedOnService;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QPushButton *m_duplicate;
};

} // namespace gr::ui
