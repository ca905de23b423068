#pragma once

#include <QMainWindow>

class QLabel;

namespace gr::ui {

// The console's window: navigator, table, detail pane; for now the empty state that tells the
// user what to connect to.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void setConnectionDescription(const QString &text);

private:
    QLabel *m_emptyState = nullptr;
    QLabel *m_connectionLabel = nullptr;
};

} // namespace gr::ui
