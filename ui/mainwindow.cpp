#include "ui/mainwindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace gr::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Greenroom"));
    resize(1100, 700);

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_emptyState = new QLabel(central);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setText(tr("<h2>No stages to show yet</h2>"
                             "<p>Greenroom administers Amazon IVS Real-Time stages.</p>"
                             "<p>Configure AWS credentials (environment, ~/.aws or "
                             "<tt>--profile</tt>) to connect.</p>"));
    layout->addWidget(m_emptyState);
    setCentralWidget(central);

    m_connectionLabel = new QLabel(tr("Not connected"), this);
    statusBar()->addPermanentWidget(m_connectionLabel);
}

void MainWindow::setConnectionDescription(const QString &text)
{
    m_connectionLabel->setText(text);
}

} // namespace gr::ui
