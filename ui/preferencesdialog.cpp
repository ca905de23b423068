#include "ui/preferencesdialog.h"

#include "ui/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gr::ui
{

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_pages(new QTabWidget(this)), m_scheme(new QComboBox)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));

    auto *appearance = new QWidget;
    auto *form = new QFormLayout(appearance);
    m_scheme->setObjectName(QStringLiteral("colorScheme"));
    m_scheme->setAccessibleName(tr("Colour scheme"));
    m_scheme->addItem(tr("Follow the system"), int(ColorScheme::System));
    m_scheme->addItem(tr("Light"), int(ColorScheme::Light));
    m_scheme->addItem(tr("Dark"), int(ColorScheme::Dark));
    m_scheme->setCurrentIndex(m_scheme->findData(int(Theme::savedScheme())));
    form->addRow(tr("&Colour scheme:"), m_scheme);
    auto *note = new QLabel(tr("“Follow the system” uses the desktop's palette: light or dark as "
                               "the desktop is when Greenroom starts."));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(note);
    m_pages->addTab(appearance, tr("&Appearance"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                         QDialogButtonBox::Apply);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &PreferencesDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    resize(460, 220);
}

void PreferencesDialog::apply()
{
    const auto scheme = ColorScheme(m_scheme->currentData().toInt());
    Theme::saveScheme(scheme);
    Theme::instance()->apply(scheme);
}

} // namespace gr::ui
