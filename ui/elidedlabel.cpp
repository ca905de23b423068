#include "ui/elidedlabel.h"

#include <QFontMetrics>

namespace gr::ui
{

ElidedLabel::ElidedLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    if (text == m_full)
        return;
    m_full = text;
    refit();
}

void ElidedLabel::setDetails(const QString &details)
{
    if (details == m_details)
        return;
    m_details = details;
    refit();
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {0, QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    refit();
}

void ElidedLabel::refit()
{
    const QString shown = fontMetrics().elidedText(m_full, Qt::ElideRight, contentsRect().width());
    if (shown != text())
        setText(shown);
    QStringList tip;
    if (!m_details.isEmpty())
        tip << m_details;
    if (shown != m_full)
        tip << m_full;
    setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace gr::ui
