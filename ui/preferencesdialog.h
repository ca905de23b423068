#pragma once
// Preferences: the colour scheme (follow the system, light, dark) for now, on a page of its
// own so that later preferences get theirs. Saved to QSettings and applied on OK or Apply.

#include <QDialog>

class QComboBox;
class QTabWidget;

namespace gr::ui
{

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QTabWidget *pages() const { return m_pages; } // for preferences added by others

    void apply(); // saves and applies what is chosen

private:
    QTabWidget *m_pages;
    QComboBox *m_scheme;
};

} // namespace gr::ui
