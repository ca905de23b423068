#include "ui/errorlabel.h"

#include <QLabel>
#include <QMessageBox>

namespace gr::ui
{

QLabel *makeErrorLabel(QWidget *parent, const QString &objectName, const QString &detailsTitle,
                       std::function<QString()> details)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    // Rich text always: an escaped message with no tag ("&quot;owner&quot;") is otherwise shown
    // as it is written.
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->hide();
    QObject::connect(label, &QLabel::linkActivated, label,
                     [label, detailsTitle, details = std::move(details)] {
                         QMessageBox::information(label->window(), detailsTitle, details());
                     });
    return label;
}

} // namespace gr::ui
