#pragma once
// A one-line status that never wraps and never widens its row: what does not fit is elided,
// and the whole text is in the tool tip (after any details the owner gives).

#include <QLabel>

namespace gr::ui
{

class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // The whole text; text() is what fits.
    void setFullText(const QString &text);
    QString fullText() const { return m_full; }
    // Said first in the tool tip (the service's words for a failure), whether elided or not.
    void setDetails(const QString &details);
    bool isElided() const { return text() != m_full; }

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refit();

    QString m_full;
    QString m_details;
};

} // namespace gr::ui
