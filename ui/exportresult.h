#pragma once
// What *Export session…* says when it is done: a box naming the folder written, with *Show
// folder* (opens it in the desktop's file manager; where none opens, the box says so and shows
// the path, selectable, with *Copy path*); or, when it failed, what failed in plain
// words (the folder, the file or the call) with the raw error and request id under Details.
// A cancelled export says so in the status bar only: the user chose it.

#include "aws/expected.h"

#include <QString>

#include <functional>

class QMessageBox;
class QStatusBar;
class QUrl;
class QWidget;

namespace gr::ui
{

// Opens the box (not modal to the application, deleted on close) and returns it; null for a
// cancelled export, which is said in `status`. `open` opens the folder (QDesktopServices's
// openUrl when empty); false: nothing opened it.
QMessageBox *showExportResult(QWidget *parent, QStatusBar *status, const QString &sessionId,
                              const QString &directory, const aws::Expected<void> &result,
                              const std::function<bool(const QUrl &)> &open = {});

} // namespace gr::ui
