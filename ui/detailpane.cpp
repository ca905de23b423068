#include "ui/detailpane.h"

#include "models/format.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    auto *copy = new QPushButton(tr("Copy ARN/ID"), this);
    copy->setToolTip(tr("Copy the selected resource's ARN or id (Ctrl+Shift+C)"));
    connect(copy, &QPushButton::clicked, this, &DetailPane::copyIdentity);
    header->addWidget(m_title, 1);
    header->addWidget(copy);
    layout->addLayout(header);

    auto *tabs = new QTabWidget(this);
    m_fields = new QTreeWidget(tabs);
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->setAlternatingRowColors(true);
    m_raw = new QPlainTextEdit(tabs);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    tabs->addTab(m_fields, tr("Fields"));
    tabs->addTab(m_raw, tr("Raw JSON"));
    m_tags = new QTableView(tabs);
    m_tags->horizontalHeader()->setStretchLastSection(true);
    m_tags->verticalHeader()->hide();
    tabs->addTab(m_tags, tr("Tags"));
    layout->addWidget(tabs, 1);
    clear();
}

void DetailPane::setTagsModel(QAbstractItemModel *model)
{
    m_tags->setModel(model);
}

void DetailPane::clear(const QString &message)
{
    m_identity.clear();
    m_title->setText(message.isEmpty() ? tr("<i>Select a resource to see its fields.</i>")
                                       : message);
    m_fields->clear();
    m_raw->clear();
}

void DetailPane::showResource(const QString &title, const QJsonObject &json,
                              const QString &identity)
{
    m_identity = identity;
    m_title->setText(QStringLiteral("<b>%1</b><br><small>%2</small>")
                         .arg(title.toHtmlEscaped(), identity.toHtmlEscaped()));
    m_fields->clear();
    const QJsonObject safe = masked(json).toObject();
    addFields(m_fields->invisibleRootItem(), safe);
    m_fields->expandToDepth(1);
    m_raw->setPlainText(QString::fromUtf8(QJsonDocument(safe).toJson(QJsonDocument::Indented)));
}

void DetailPane::addFields(QTreeWidgetItem *parent, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            auto *item = new QTreeWidgetItem(parent, {it.key()});
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
    if (!m_identity.isEmpty())
        QApplication::clipboard()->setText(m_identity);
}

} // namespace gr::ui
