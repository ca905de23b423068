#pragma once
// The red error line under a form or a pane: the plain words the user reads, selectable, with a
// "Details" link that shows what the service (or the model) said in full.

#include <functional>
#include <QString>

class QLabel;
class QWidget;

namespace gr::ui
{

// Hidden until given a text; `details` is read when the link is clicked.
QLabel *makeErrorLabel(QWidget *parent, const QString &objectName, const QString &detailsTitle,
                       std::function<QString()> details);

} // namespace gr::ui
