#include "ui/connectionidentity.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QUrl>

namespace gr::ui
{

namespace
{

// Distinct on light and dark backgrounds, with white text readable on each.
const QRgb kColors[] = {0x2e7d32, 0x1565c0, 0x6a1b9a, 0x00838f,
                        0xad5700, 0x5d4037, 0x37474f, 0xc2185b};

quint32 stableHash(const QString &text) // FNV-1a: the same colour on every run and machine
{
    quint32 hash = 2166136261u;
    for (QChar c : text) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return hash;
}

} // namespace

QString ConnectionIdentity::windowTitle(const QString &base) const
{
    QString title = QStringLiteral("%1 — %2").arg(base, label);
    if (production)
        title += QObject::tr(" [production]");
    return title;
}

ConnectionIdentity ConnectionIdentity::defaultsFor(const QString &connectionName)
{
    ConnectionIdentity identity;
    identity.connectionName = connectionName;
    identity.label = connectionName;
    identity.color = QColor(kColors[stableHash(connectionName) % std::size(kColors)]);
    identity.production = connectionName.contains(QLatin1String("prod"), Qt::CaseInsensitive);
    return identity;
}

ConnectionIdentityStore::ConnectionIdentityStore(QSettings *settings) : m_settings(settings) {}

QString ConnectionIdentityStore::groupFor(const QString &connectionName) const
{
    // Names may hold '/' or ':', which QSettings would read as groups.
    return QStringLiteral("connections/%1/")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(connectionName)));
}

ConnectionIdentity ConnectionIdentityStore::identity(const QString &connectionName) const
{
    QSettings fallback;
    const QSettings &settings = m_settings ? *m_settings : fallback;
    const QString group = groupFor(connectionName);
    ConnectionIdentity identity = ConnectionIdentity::defaultsFor(connectionName);
    const QString label = settings.value(group + QLatin1String("label")).toString().trimmed();
    if (!label.isEmpty())
        identity.label = label;
    const QColor color(settings.value(group + QLatin1String("color")).toString());
    if (color.isValid())
        identity.color = color;
    const QVariant production = settings.value(group + QLatin1String("production"));
    if (production.isValid())
        identity.production = production.toBool();
    return identity;
}

void ConnectionIdentityStore::save(const ConnectionIdentity &identity)
{
    QSettings fallback;
    QSettings &settings = m_settings ? *m_settings : fallback;
    const QString group = groupFor(identity.connectionName);
    settings.setValue(group + QLatin1String("label"), identity.label);
    settings.setValue(group + QLatin1String("color"), identity.color.name(QColor::HexRgb));
    settings.setValue(group + QLatin1String("production"), identity.production);
}

void ConnectionIdentityStore::forget(const QString &connectionName)
{
    QSettings fallback;
    QSettings &settings = m_settings ? *m_settings : fallback;
    QString group = groupFor(connectionName);
    group.chop(1);
    settings.remove(group);
}

ConnectionBadge::ConnectionBadge(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("connectionBadge"));
    setAlignment(Qt::AlignCenter);
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
}

void ConnectionBadge::setIdentity(const ConnectionIdentity &identity)
{
    m_color = identity.color;
    setText(identity.production ? tr("%1 · PRODUCTION").arg(identity.label) : identity.label);
    setAccessibleName(
        tr("Connection: %1%2")
            .arg(identity.label, identity.production ? tr(" (production)") : QString()));
    setToolTip(identity.production
                   ? tr("Connection “%1”, marked production: deletes, stops and disconnects ask "
                        "for the resource's name.")
                         .arg(identity.connectionName)
                   : tr("Connection “%1”").arg(identity.connectionName));
    updateGeometry();
    update();
}

QSize ConnectionBadge::sizeHint() const
{
    const QSize text = fontMetrics().size(Qt::TextSingleLine, this->text());
    return {text.width() + 2 * fontMetrics().height(), text.height() + 6};
}

void ConnectionBadge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF pill = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_color.isValid() ? m_color : palette().color(QPalette::Mid));
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    // White or black text, whichever reads on the colour.
    painter.setPen(m_color.lightness() > 150 ? Qt::black : Qt::white);
    painter.drawText(rect(), Qt::AlignCenter, text());
}

ConnectionIdentityDialog::ConnectionIdentityDialog(const ConnectionIdentity &identity,
                                                   QWidget *parent)
    : QDialog(parent), m_identity(identity), m_label(new QLineEdit(identity.label)),
      m_color(new QPushButton), m_production(new QCheckBox(tr("&Production"))),
      m_preview(new ConnectionBadge)
{
    setWindowTitle(tr("Connection identity: %1").arg(identity.connectionName));
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setAccessibleName(tr("Label"));
    m_color->setObjectName(QStringLiteral("color"));
    m_color->setAccessibleName(tr("Colour"));
    m_production->setObjectName(QStringLiteral("production"));
    m_production->setChecked(identity.production);
    m_production->setToolTip(tr("Deletes, stops and disconnects on this connection ask for "
                                "the resource's name to be typed."));
    setColor(identity.color);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Colour:"), m_color);
    form->addRow(QString(), m_production);
    form->addRow(tr("Preview:"), m_preview);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);

    // Room for the longer, production text from the start: ticking Production must not make
    // the dialog grow under the mouse.
    auto refresh = [this] {
        ConnectionIdentity longest = this->identity();
        longest.production = true;
        m_preview->setIdentity(longest);
        m_preview->setMinimumWidth(static_cast<QWidget *>(m_preview)->sizeHint().width());
        m_preview->setIdentity(this->identity());
    };
    connect(m_label, &QLineEdit::textChanged, this, refresh);
    connect(m_production, &QCheckBox::toggled, this, refresh);
    connect(m_color, &QPushButton::clicked, this, [this] {
        const QColor chosen = QColorDialog::getColor(m_identity.color, this, tr("Colour"));
        if (chosen.isValid())
            setColor(chosen);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // An empty label would leave the title bar saying nothing about the account.
    connect(m_label, &QLineEdit::textChanged, this, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    refresh();
}

void ConnectionIdentityDialog::setColor(const QColor &color)
{
    m_identity.color = color;
    QPixmap swatch(24, 14);
    swatch.fill(color);
    m_color->setIcon(QIcon(swatch));
    m_color->setText(color.name());
    m_preview->setIdentity(identity());
}

ConnectionIdentity ConnectionIdentityDialog::identity() const
{
    ConnectionIdentity result = m_identity;
    result.label = m_label->text().trimmed();
    result.production = m_production->isChecked();
    return result;
}

} // namespace gr::ui
