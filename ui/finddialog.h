// Find (Ctrl+K): type a stage name, user id, participant id, session id or stage ARN; results
// come as they are found (FindModel); Enter or a double-click picks one and emits where it is.
#pragma once

#include <QDialog>

class FindModel;
class QLabel;
class QLineEdit;
class QListView;
namespace gr::ivs
{
class IvsClient;
}

class FindDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FindDialog(gr::ivs::IvsClient *client, QWidget *parent = nullptr);

    FindModel *model() const { return m_model; }
    QLineEdit *queryField() const { return m_query; }
    // Says where user and participant ids are looked for (the newest sessions of each stage,
    // and the sessions cached on this computer when the model searches them).
    QLabel *scopeLabel() const { return m_scope; }
    QListView *resultsView() const { return m_list; }
    // Where the dialog goes: its preferred size, no larger than `bounds` less a margin,
    // centred over `over` and moved back inside `bounds`.
    static QRect placement(const QRect &bounds, const QRect &over);

signals:
    // kind: 0 stage, 1 session, 2 participant (FindModel::Kind).
    void chosen(int kind, const QString &stageArn, const QString &sessionId,
                const QString &participantId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void choose(int row);
    void showScope();
    void placeInsideWindow();

    FindModel *m_model;
    QLineEdit *m_query;
    QListView *m_list;
    QLabel *m_status;
    QLabel *m_scope; // where ids are looked for
};
