// Export session from the page of a live session: the bundle is made from the events the page
// has already loaded, and only what is newer is asked for (a participant who joined since is
// in it) — not every participant's events again. The figures are printed.

#include "localconnection.h"
#include "localharness.h"
#include "models/sessionexport.h"
#include "models/sessionloader.h"
#include "ui/mainwindow.h"
#include "ui/sessionanalysis.h"
#include "ui/sessionpage.h"

#include "aws/requestlog.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gr;

class TestExportReuse : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void liveExportFetchesOnlyWhatIsNewer();
};

namespace
{
int countOf(const aws::RequestLog *log, const QString &operation, size_t from)
{
    int n = 0;
    const auto &entries = log->entries();
    for (size_t i = from; i < entries.size(); ++i)
        n += entries[i].operation == operation;
    return n;
}
} // namespace

void TestExportReuse::liveExportFetchesOnlyWhatIsNewer()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage = h.createStage(QStringLiteral("town-hall"));
    const auto host = h.join(stage, QStringLiteral("host"), true);
    constexpr int kViewers = 8;
    for (int i = 0; i < kViewers; ++i)
        h.join(stage, QStringLiteral("viewer-%1").arg(i));

    ui::MainWindow window({localChoice()}, localConnectionFactory(h.service()->url()));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConnection(0);
    QVERIFY(window.showSession(stage, host.sessionId));
    SessionLoader *loader = window.sessionPage()->analysis()->loader();
    QTRY_VERIFY_WITH_TIMEOUT(
        !loader->isRunning() && loader->store().participants().size() == kViewers + 1, 20000);
    const aws::RequestLog *log = window.connection()->log();
    const int firstLoad = countOf(log, QStringLiteral("ListParticipantEvents"), 0);
    QVERIFY(firstLoad >= kViewers + 1);

    // Someone joins after the page loaded; then the user exports.
    const auto late = h.join(stage, QStringLiteral("latecomer"));
    const size_t before = log->entries().size();
    QTemporaryDir out;
    const QString bundle = out.filePath(QStringLiteral("bundle"));
    QString result = QStringLiteral("pending");
    window.exportSession(stage, host.sessionId, bundle,
                         [&](const aws::Expected<void> &r) { result = r.error().toString(); });
    QTRY_VERIFY_WITH_TIMEOUT(result != QLatin1String("pending"), 20000);
    QVERIFY2(result.isEmpty(), qPrintable(result));
    const int exportEvents = countOf(log, QStringLiteral("ListParticipantEvents"), before);
    qInfo("events requests: first load %d, export of the live session %d (a fresh load: >= %d)",
          firstLoad, exportEvents, kViewers + 2);
    QVERIFY2(
        exportEvents < kViewers + 2,
        qPrintable(QStringLiteral("%1 ListParticipantEvents: everything again").arg(exportEvents)));
    QFile events(QDir(bundle).filePath(QStringLiteral("events.json")));
    QVERIFY(events.open(QIODevice::ReadOnly));
    const QByteArray json = events.readAll();
    QVERIFY2(json.contains(late.participantId.toLatin1()), "the latecomer's events are missing");
    QVERIFY(json.contains(host.participantId.toLatin1()));
}

QTEST_MAIN(TestExportReuse)
#include "tst_exportreuse.moc"
