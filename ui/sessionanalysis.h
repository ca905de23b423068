#pragma once
// The session page's Timeline, Summary and Problems tabs: every event of the session loaded
// once (SessionLoader through the connection's paced client, finished sessions cached on disk,
// a live one followed), drawn on the timeline, summed up and diagnosed. Asks the session page
// to open a participant (and an event) when the user picks one here.

#include "models/resourcekinds.h"
#include "ui/elidedlabel.h"
#include "ui/sessiontimeline.h"

#include <QObject>
#include <QPointer>

class DiagnosisModel;
class SessionCache;
class SessionLoader;

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace gr::ui
{

class Connection;

class SessionAnalysis : public QObject
{
    Q_OBJECT
public:
    // Adds its tabs to `tabs` and starts loading.
    SessionAnalysis(Connection *connection, models::Scope scope, QTabWidget *tabs);
    ~SessionAnalysis() override;

    // Where finished sessions are cached for this connection (the key names the connection by
    // where it points and how it is called, never by its keys); Find searches there too.
    static SessionCache sessionCache();
    static QString cacheKey(const Connection *connection);

    SessionLoader *loader() const { return m_loader; }
    SessionTimeline *timeline() const { return m_timeline; }
    QTableView *problems() const { return m_problemsView; }
    DiagnosisModel *problemsModel() const { return m_problems; }
    QTextBrowser *summary() const { return m_summary; }
    QTextBrowser *problemDetail() const { return m_problemDetail; }
    // One line: elided when it does not fit, the whole text in its tip.
    ElidedLabel *status() const { return m_status; }
    // The line under the timeline that describes its selected event (or how to select one).
    QLabel *selectionInfo() const { return m_selectionInfo; }
    // Selects a participant's event at this time (ms since the epoch) on the timeline, as a
    // pick elsewhere (the Events list) does; false when the store holds no such event.
    bool selectEvent(const QString &participantId, qint64 timeMs);

    // The findings about one participant as rich text (empty when none), and how many; -1
    // when the session is not loaded yet.
    QString participantFindingsHtml(const QString &participantId, int *count) const;
    bool isLoaded() const { return m_loaded; }

    // Loads every event again; the user asked, so a large session is loaded whole too.
    void reload();

    // Sessions with more listed participants than this wait for the user's "Load all events"
    // before their events are listed (each participant costs at least one request of the
    // shared 5 TPS Get/List quota); cached sessions load whatever their size.
    static constexpr int kAutoLoadParticipants = 100;
    // At most this many of the loader's requests wait in the client's pacer at once, so the
    // other views' requests are never queued far behind a long load.
    static constexpr int kLoaderInFlight = 2;
    QPushButton *loadAllButton() const { return m_loadAll; }

signals:
    // The user picked a participant (and an event time in ms since the epoch, 0: none).
    void participantRequested(const QString &participantId, qint64 eventTimeMs);
    // The store grew: the participant page's findings and counts may have changed.
    void updated();

private:
    QWidget *buildTimelineTab();
    QWidget *buildProblemsTab();
    void onEvents();
    void onFinished();
    // "N events of M participants", and whether a live session's edge is followed.
    void showLoadedStatus();
    void updateSummary();
    void showProblem(int row);
    void listCompositions();
    void start(bool askedByUser);
    void onProgress(int done, int known);
    void showSelection(int event);

    Connection *m_connection;
    models::Scope m_scope;
    SessionLoader *m_loader;
    QPointer<SessionTimeline> m_timeline; // a tab: it may go before this object
    DiagnosisModel *m_problems = nullptr;
    QTableView *m_problemsView = nullptr;
    QTextBrowser *m_problemDetail = nullptr;
    QTextBrowser *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_loadAll = nullptr;
    bool m_wholeSessionAsked = false; // the user asked for every event, whatever the size
    ElidedLabel *m_status = nullptr;
    QLabel *m_selectionInfo = nullptr;
    QString m_compositionsHtml;
    bool m_loaded = false;
    bool m_sawLive = false; // loaded while live: its end is news, said in the status line
};

} // namespace gr::ui
