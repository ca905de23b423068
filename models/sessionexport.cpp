#include "sessionexport.h"

#include "diagnosis.h"
#include "sessionsummary.h"
#include "sessiontimelinepainter.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>

using namespace gr::ivs;

namespace sessionexport
{

namespace
{

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                  : QString();
}

// Attribute values under names like these are treated as secrets too.
bool secretName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("token|secret|password|passwd|key|auth"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

// `key` names the value; inside an attributes map, a value under a secret-like key is masked.
QJsonValue maskJson(const QJsonValue &value, const QString &key = {}, bool inAttributes = false)
{
    if (value.isString())
        return inAttributes && secretName(key) ? QStringLiteral("****")
                                               : maskSecrets(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(maskJson(v));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        const bool attributes = key == QLatin1String("attributes");
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), maskJson(it.value(), it.key(), attributes));
        return out;
    }
    return value;
}

QString csvField(QString text)
{
    text = maskSecrets(text);
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
               QLatin1Char('"');
    return text;
}

QByteArray csvLine(const QStringList &fields)
{
    QStringList out;
    for (const QString &f : fields)
        out << csvField(f);
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QString xml(const QString &text)
{
    return maskSecrets(text).toHtmlEscaped();
}

gr::aws::Expected<void> save(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return gr::aws::failure(gr::aws::AwsError::Kind::File,
                                QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(maskJson(o).toObject()).toJson(QJsonDocument::Indented);
}

QJsonObject findingJson(const SessionStore &store, const Finding &f)
{
    QJsonArray evidence;
    for (quint32 i : f.evidence)
        evidence.append(encode(store.toEvent(store.events()[int(i)])));
    QJsonObject o{{QStringLiteral("rule"), f.rule},
                  {QStringLiteral("severity"), diagnosis::severityText(f.severity)},
                  {QStringLiteral("title"), f.title},
                  {QStringLiteral("explanation"), f.explanation},
                  {QStringLiteral("action"), f.action},
                  {QStringLiteral("evidence"), evidence}};
    if (f.timeMs)
        o.insert(QStringLiteral("time"), iso(f.timeMs));
    if (f.participant >= 0)
        o.insert(QStringLiteral("participantId"), store.participantId(f.participant));
    if (!f.reference.isEmpty())
        o.insert(QStringLiteral("reference"), f.reference);
    return o;
}

} // namespace

QString maskSecrets(const QString &text)
{
    // A JWT: three base64url parts, the first a JSON header ("eyJ...").
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+"));
    QString out = text;
    return out.replace(jwt, QStringLiteral("****(participant token masked)"));
}

QStringList bundleFiles()
{
    return {QStringLiteral("session.json"),     QStringLiteral("participants.json"),
            QStringLiteral("events.json"),      QStringLiteral("findings.json"),
            QStringLiteral("participants.csv"), QStringLiteral("events.csv"),
            QStringLiteral("timeline.png"),     QStringLiteral("report.html"),
            QStringLiteral("request-ids.txt")};
}

QStringList participantColumns()
{
    return {QStringLiteral("participantId"),   QStringLiteral("userId"),
            QStringLiteral("state"),           QStringLiteral("firstJoinTime"),
            QStringLiteral("published"),       QStringLiteral("recordingState"),
            QStringLiteral("replicationType"), QStringLiteral("replicationState"),
            QStringLiteral("sourceStageArn"),  QStringLiteral("sourceSessionId"),
            QStringLiteral("events"),          QStringLiteral("errors")};
}

QStringList eventColumns()
{
    return {QStringLiteral("eventTime"),
            QStringLiteral("participantId"),
            QStringLiteral("userId"),
            QStringLiteral("name"),
            QStringLiteral("remoteParticipantId"),
            QStringLiteral("errorCode"),
            QStringLiteral("replica"),
            QStringLiteral("destinationStageArn"),
            QStringLiteral("destinationSessionId")};
}

QByteArray timelinePng(const SessionStore &store, int width)
{
    SessionTimelinePainter painter(&store);
    painter.rebuild();
    const int height = std::min(painter.contentHeight() + 2, 6000);
    QImage image(width, std::max(height, 80), QImage::Format_RGB32);
    image.fill(Qt::white);
    painter.setPlotWidth(width);
    painter.fitAll();
    {
        QPainter p(&image);
        painter.paint(p, image.rect(), {});
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QByteArray reportHtml(const SessionStore &store, const QByteArray &png, const QString &stageName)
{
    // "Session st-… of town-hall" when the stage's name is known; the ARN stays in the summary.
    const QString heading =
        stageName.isEmpty() ? QStringLiteral("Session %1").arg(store.sessionId)
                            : QStringLiteral("Session %1 of %2").arg(store.sessionId, stageName);
    const QVector<Finding> findings = diagnosis::diagnoseSession(store);
    const SessionSummary summary = summarizeSession(store);
    QString h;
    h += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                        "<meta charset=\"UTF-8\"/>\n<title>%1</title>\n<style>\n"
                        "body{font-family:sans-serif;margin:2em;color:#263238}"
                        "table{border-collapse:collapse}td,th{border:1px solid #cfd8dc;"
                        "padding:4px 8px;text-align:left;vertical-align:top}"
                        ".Problem{color:#c62828}.Warning{color:#ef6c00}.Note{color:#546e7a}"
                        "img{max-width:100%;border:1px solid #cfd8dc}\n</style>\n</head>\n<body>\n")
             .arg(xml(heading));
    h += QStringLiteral("<h1>%1</h1>\n<table id=\"summary\">\n").arg(xml(heading));
    auto row = [&h](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(xml(k), xml(v));
    };
    row(QStringLiteral("Stage"), stageName.isEmpty()
                                     ? store.stageArn
                                     : QStringLiteral("%1 (%2)").arg(stageName, store.stageArn));
    row(QStringLiteral("Start (UTC)"), iso(store.startMs));
    row(QStringLiteral("End (UTC)"),
        store.isFinished() ? iso(store.endMs) : QStringLiteral("still live when exported"));
    if (store.isFinished() && store.startMs > 0)
        row(QStringLiteral("Duration"),
            QStringLiteral("%1 s").arg((store.endMs - store.startMs) / 1000));
    row(QStringLiteral("Participants"), QString::number(summary.participants));
    row(QStringLiteral("Events"), QString::number(store.events().size()));
    row(QStringLiteral("Peak connected"), QStringLiteral("%1 at %2")
                                              .arg(summary.peakParticipants)
                                              .arg(iso(summary.peakParticipantsAtMs)));
    row(QStringLiteral("Peak publishers"), QStringLiteral("%1 at %2")
                                               .arg(summary.peakPublishers)
                                               .arg(iso(summary.peakPublishersAtMs)));
    row(QStringLiteral("Joins / leaves"),
        QStringLiteral("%1 / %2").arg(summary.joins).arg(summary.leaves));
    QStringList groups;
    for (const auto &g : summary.errors)
        groups << QStringLiteral("%1 × %2").arg(g.count).arg(g.code);
    row(QStringLiteral("Errors by code"),
        groups.isEmpty() ? QStringLiteral("none") : groups.join(QStringLiteral(", ")));
    row(QStringLiteral("Replicas in / out"),
        QStringLiteral("%1 / %2").arg(summary.replicasIn.size()).arg(summary.replicasOut.size()));
    row(QStringLiteral("Exported (UTC)"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    h += QStringLiteral("</table>\n<h2>Timeline</h2>\n<p><img alt=\"Timeline of the session\" "
                        "src=\"data:image/png;base64,%1\"/></p>\n")
             .arg(QString::fromLatin1(png.toBase64()));
    h += QStringLiteral("<h2>Findings</h2>\n<table id=\"findings\">\n<tr><th>Severity</th>"
                        "<th>Time (UTC)</th><th>What happened</th><th>Why</th>"
                        "<th>What to do</th><th>Evidence</th></tr>\n");
    for (const Finding &f : findings) {
        QString evidence;
        for (quint32 i : f.evidence) {
            const SessionEvent &e = store.events()[int(i)];
            evidence += xml(QStringLiteral("%1 %2 %3 %4")
                                .arg(iso(e.timeMs), store.participantId(int(e.participant)),
                                     SessionStore::eventNameText(e.name), store.errorCodeText(e))
                                .trimmed()) +
                        QStringLiteral("<br/>");
        }
        QString action = xml(f.action);
        if (!f.reference.isEmpty())
            action += QStringLiteral(" <a href=\"%1\">%1</a>").arg(xml(f.reference));
        const QString severity = diagnosis::severityText(f.severity);
        h += QStringLiteral("<tr class=\"finding %1\"><td>%2</td><td>%3</td><td>%4</td>"
                            "<td>%5</td><td>%6</td><td>%7</td></tr>\n")
                 .arg(xml(severity), xml(severity), xml(iso(f.timeMs)), xml(f.title),
                      xml(f.explanation), action, evidence);
    }
    h += QStringLiteral("</table>\n<p>Files: session.json, participants.json and events.json use "
                        "the shapes of the IVS Real-Time API; request-ids.txt lists the calls "
                        "that fetched them.</p>\n</body>\n</html>\n");
    return h.toUtf8();
}

gr::aws::Expected<void> writeBundle(const SessionStore &store, const QString &directory,
                                    const QString &stageName)
{
    using gr::aws::AwsError;
    QDir dir(directory);
    if (dir.exists() && !dir.isEmpty())
        return gr::aws::failure(
            AwsError::Kind::Invalid,
            QObject::tr("%1 already exists and is not empty; choose a new folder").arg(directory));
    if (!QDir().mkpath(directory))
        return gr::aws::failure(AwsError::Kind::File,
                                QObject::tr("cannot create the folder %1").arg(directory));
    StageSession session;
    session.sessionId = store.sessionId;
    if (store.startMs > 0)
        session.startTime = QDateTime::fromMSecsSinceEpoch(store.startMs, Qt::UTC);
    if (store.endMs > 0)
        session.endTime = QDateTime::fromMSecsSinceEpoch(store.endMs, Qt::UTC);
    const QJsonObject sessionJson{{QStringLiteral("stageArn"), store.stageArn},
                                  {QStringLiteral("stageSession"), encode(session)}};

    QJsonArray participants;
    QByteArray participantsCsv = csvLine(participantColumns());
    for (int i = 0; i < store.participants().size(); ++i) {
        const SessionParticipant &p = store.participants()[i];
        if (!p.listed)
            continue; // known only as someone's remote: not a participant of this session
        participants.append(encode(p.summary));
        int errors = 0;
        for (quint32 e : p.events)
            errors += store.events()[int(e)].errorCode ? 1 : 0;
        const ParticipantSummary &s = p.summary;
        participantsCsv += csvLine(
            {store.participantId(i), s.userId.value_or(QString()), s.state.value_or(QString()),
             s.firstJoinTime ? s.firstJoinTime->toUTC().toString(Qt::ISODateWithMs) : QString(),
             s.published ? (*s.published ? QStringLiteral("true") : QStringLiteral("false"))
                         : QString(),
             s.recordingState.value_or(QString()), s.replicationType.value_or(QString()),
             s.replicationState.value_or(QString()), s.sourceStageArn.value_or(QString()),
             s.sourceSessionId.value_or(QString()), QString::number(p.events.size()),
             QString::number(errors)});
    }
    QJsonArray events;
    QByteArray eventsCsv = csvLine(eventColumns());
    for (quint32 i : store.eventsByTime()) {
        const SessionEvent &record = store.events()[int(i)];
        const Event e = store.toEvent(record);
        events.append(encode(e));
        eventsCsv +=
            csvLine({iso(record.timeMs), e.participantId.value_or(QString()),
                     store.userId(int(record.participant)), e.name.value_or(QString()),
                     e.remoteParticipantId.value_or(QString()), e.errorCode.value_or(QString()),
                     record.replica ? QStringLiteral("true") : QStringLiteral("false"),
                     e.destinationStageArn.value_or(QString()),
                     e.destinationSessionId.value_or(QString())});
    }
    QJsonArray findings;
    for (const Finding &f : diagnosis::diagnoseSession(store))
        findings.append(findingJson(store, f));

    const QByteArray png = timelinePng(store);
    const QList<std::pair<QString, QByteArray>> files = {
        {QStringLiteral("session.json"), json(sessionJson)},
        {QStringLiteral("participants.json"),
         json({{QStringLiteral("participants"), participants}})},
        {QStringLiteral("events.json"), json({{QStringLiteral("events"), events}})},
        {QStringLiteral("findings.json"), json({{QStringLiteral("findings"), findings}})},
        {QStringLiteral("participants.csv"), participantsCsv},
        {QStringLiteral("events.csv"), eventsCsv},
        {QStringLiteral("timeline.png"), png},
        {QStringLiteral("report.html"), reportHtml(store, png, stageName)},
        {QStringLiteral("request-ids.txt"),
         (store.requestIds.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8()}};
    for (const auto &[name, bytes] : files) {
        if (gr::aws::Expected<void> saved = save(dir.filePath(name), bytes); !saved)
            return saved;
    }
    return {};
}

} // namespace sessionexport
