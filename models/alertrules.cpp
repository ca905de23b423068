#include "models/alertrules.h"

#include <QSettings>

namespace gr::models
{

namespace
{
const struct {
    AlertRule::Kind kind;
    const char *name;
} kKinds[] = {{AlertRule::Kind::ErrorEvent, "ErrorEvent"},
              {AlertRule::Kind::DisconnectedByError, "DisconnectedByError"},
              {AlertRule::Kind::RecordingFailed, "RecordingFailed"},
              {AlertRule::Kind::CompositionFailed, "CompositionFailed"},
              {AlertRule::Kind::DestinationTrouble, "DestinationTrouble"},
              {AlertRule::Kind::PublishersAtLeast, "PublishersAtLeast"},
              {AlertRule::Kind::PacketLossAbove, "PacketLossAbove"},
              {AlertRule::Kind::BitrateBelow, "BitrateBelow"}};

QString shortId(const QString &arn)
{
    return arn.mid(arn.lastIndexOf(QLatin1Char('/')) + 1);
}
} // namespace

QString AlertRule::kindName(Kind kind)
{
    for (const auto &k : kKinds) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

bool AlertRule::kindFromName(const QString &name, Kind *kind)
{
    for (const auto &k : kKinds) {
        if (name == QLatin1String(k.name)) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

QString AlertRule::describe() const
{
    switch (kind) {
    case Kind::ErrorEvent:
        return QObject::tr("a participant error event (*_ERROR)");
    case Kind::DisconnectedByError:
        return QObject::tr("a participant disconnected by an error");
    case Kind::RecordingFailed:
        return QObject::tr("a participant recording FAILED");
    case Kind::CompositionFailed:
        return QObject::tr("a composition FAILED");
    case Kind::DestinationTrouble:
        return QObject::tr("a composition destination RECONNECTING or FAILED");
    case Kind::PublishersAtLeast:
        return QObject::tr("publishers on a stage ≥ %1").arg(threshold);
    case Kind::PacketLossAbove:
        return QObject::tr("packet loss ≥ %1 % for %2 s").arg(threshold).arg(forSeconds);
    case Kind::BitrateBelow:
        return QObject::tr("published bitrate below %1 kb/s for %2 s")
            .arg(threshold / 1000)
            .arg(forSeconds);
    }
    return {};
}

AlertEngine::AlertEngine(QObject *parent) : QObject(parent)
{
    m_rules = defaultRules();
}

QList<AlertRule> AlertEngine::defaultRules()
{
    using K = AlertRule::Kind;
    return {{K::ErrorEvent, true, 0, 0, {}},         {K::DisconnectedByError, true, 0, 0, {}},
            {K::RecordingFailed, true, 0, 0, {}},    {K::CompositionFailed, true, 0, 0, {}},
            {K::DestinationTrouble, true, 0, 0, {}}, {K::PublishersAtLeast, false, 12, 0, {}},
            {K::PacketLossAbove, true, 5, 10, {}},   {K::BitrateBelow, false, 300000, 10, {}}};
}

QString AlertEngine::stageLabel(const QString &stageArn) const
{
    const QString name = m_stageName ? m_stageName(stageArn) : QString();
    return name.isEmpty() ? shortId(stageArn) : name;
}

void AlertEngine::setRules(QList<AlertRule> rules)
{
    m_rules = std::move(rules);
    m_episodes.clear();
    m_lastByKey.clear();
}

bool AlertEngine::applies(const AlertRule &rule, const QString &stageArn) const
{
    return rule.enabled && (rule.stageArn.isEmpty() || rule.stageArn == stageArn);
}

void AlertEngine::raise(int ruleIndex, Alert alert, const QString &foldKey)
{
    alert.ruleIndex = ruleIndex;
    alert.rule = m_rules.at(ruleIndex).describe();
    if (m_userIdOf && !alert.participantId.isEmpty())
        alert.userId = m_userIdOf(alert.stageArn, alert.participantId);
    const QString key = QString::number(ruleIndex) + QLatin1Char('|') + foldKey;
    const auto last = m_lastByKey.constFind(key);
    if (last != m_lastByKey.constEnd() && *last < m_alerts.size()) {
        Alert &previous = m_alerts[*last];
        if (alert.firstMs - previous.lastMs <= m_foldMs) {
            ++previous.count;
            previous.lastMs = std::max(previous.lastMs, alert.firstMs);
            emit alertFolded(*last);
            return;
        }
    }
    alert.lastMs = alert.firstMs;
    m_alerts.append(alert);
    m_lastByKey.insert(key, int(m_alerts.size() - 1));
    emit alertRaised(int(m_alerts.size() - 1));
}

bool AlertEngine::episode(int ruleIndex, const QString &subject, bool breached, qint64 ms)
{
    Episode &e = m_episodes[QString::number(ruleIndex) + QLatin1Char('|') + subject];
    if (!breached) {
        e = {};
        return false;
    }
    if (e.sinceMs < 0)
        e.sinceMs = ms;
    if (e.fired || ms - e.sinceMs < qint64(m_rules[ruleIndex].forSeconds) * 1000)
        return false;
    e.fired = true;
    return true;
}

QString AlertEngine::participantLabel(const QString &userId, const QString &participantId)
{
    return userId.isEmpty() ? participantId
                            : QStringLiteral("%1 (%2)").arg(userId, shortForm(participantId, 4));
}

QString AlertEngine::who(const QString &stageArn, const QString &participantId) const
{
    return participantLabel(m_userIdOf ? m_userIdOf(stageArn, participantId) : QString(),
                            participantId);
}

QString AlertEngine::shortForm(const QString &id, int keep)
{
    // Cutting off fewer than three characters saves nothing over the ellipsis.
    return id.size() <= keep + 2 ? id : id.left(keep) + QChar(0x2026);
}

void AlertEngine::observeEvent(const QString &stageArn, const QString &sessionId,
                               const QString &participantId, const QString &name,
                               const QString &errorCode, qint64 ms)
{
    const QString identity = participantId + QLatin1Char('|') + name + QLatin1Char('|') +
                             QString::number(ms) + QLatin1Char('|') + errorCode;
    if (m_heardEvents.contains(identity))
        return;
    m_heardEvents.insert(identity, ms);
    m_newestEventMs = std::max(m_newestEventMs, ms);
    constexpr qsizetype kTrimAbove = 20000;
    constexpr qint64 kKeepMs = 24 * 3600 * 1000;
    if (m_heardEvents.size() > kTrimAbove) {
        m_heardEvents.removeIf(
            [this](const auto &e) { return e.value() < m_newestEventMs - kKeepMs; });
    }
    for (int i = 0; i < m_rules.size(); ++i) {
        const AlertRule &rule = m_rules[i];
        if (!applies(rule, stageArn))
            continue;
        Alert a = Alert::at(ms, {}, {});
        a.stageArn = stageArn;
        a.sessionId = sessionId;
        a.participantId = participantId;
        if (rule.kind == AlertRule::Kind::ErrorEvent && name.endsWith(QLatin1String("_ERROR"))) {
            a.title = errorCode.isEmpty() ? name : name + QStringLiteral(": ") + errorCode;
            a.errorCode = errorCode;
            a.text = tr("%1 on participant %2 (stage %3)")
                         .arg(a.title, who(stageArn, participantId), stageLabel(stageArn));
            raise(i, a, stageArn + participantId + name + errorCode);
        } else if (rule.kind == AlertRule::Kind::DisconnectedByError &&
                   name == QLatin1String("DISCONNECTED") && !errorCode.isEmpty()) {
            a.title = tr("Disconnected: %1").arg(errorCode);
            a.errorCode = errorCode;
            a.text = tr("Participant %1 was disconnected by %2 (stage %3)")
                         .arg(who(stageArn, participantId), errorCode, stageLabel(stageArn));
            raise(i, a, stageArn + participantId);
        }
    }
}

void AlertEngine::observeRecording(const QString &stageArn, const QString &sessionId,
                                   const QString &participantId, const QString &state, qint64 ms)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const AlertRule &rule = m_rules[i];
        if (rule.kind != AlertRule::Kind::RecordingFailed || !applies(rule, stageArn))
            continue;
        if (episode(i, stageArn + participantId, state == QLatin1String("FAILED"), ms)) {
            Alert a = Alert::at(ms, tr("Recording FAILED"),
                                tr("The recording of participant %1 failed (stage %2)")
                                    .arg(who(stageArn, participantId), stageLabel(stageArn)));
            a.stageArn = stageArn;
            a.sessionId = sessionId;
            a.participantId = participantId;
            raise(i, a, stageArn + participantId);
        }
    }
}

void AlertEngine::observeComposition(const QString &compositionArn, const QString &stageArn,
                                     const QString &state,
                                     const QHash<QString, QString> &destinations, qint64 ms)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const AlertRule &rule = m_rules[i];
        if (!applies(rule, stageArn))
            continue;
        if (rule.kind == AlertRule::Kind::CompositionFailed &&
            episode(i, compositionArn, state == QLatin1String("FAILED"), ms)) {
            Alert a = Alert::at(ms, tr("Composition FAILED"),
                                tr("Composition %1 of stage %2 failed")
                                    .arg(shortId(compositionArn), stageLabel(stageArn)));
            a.stageArn = stageArn;
            a.resourceArn = compositionArn;
            raise(i, a, compositionArn);
        }
        if (rule.kind != AlertRule::Kind::DestinationTrouble)
            continue;
        for (auto it = destinations.begin(); it != destinations.end(); ++it) {
            const bool trouble = it.value() == QLatin1String("RECONNECTING") ||
                                 it.value() == QLatin1String("FAILED");
            if (!episode(i, compositionArn + it.key() + it.value(), trouble, ms))
                continue;
            Alert a = Alert::at(ms, tr("Destination %1").arg(it.value()),
                                tr("Destination %1 of composition %2 is %3")
                                    .arg(it.key(), shortId(compositionArn), it.value()));
            a.stageArn = stageArn;
            a.resourceArn = compositionArn;
            raise(i, a, compositionArn + it.key());
        }
    }
}

void AlertEngine::observePublishers(const QString &stageArn, int publishers, qint64 ms)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const AlertRule &rule = m_rules[i];
        if (rule.kind != AlertRule::Kind::PublishersAtLeast || !applies(rule, stageArn))
            continue;
        if (!episode(i, stageArn, publishers >= rule.threshold, ms))
            continue;
        Alert a = Alert::at(ms, tr("%1 publishers").arg(publishers),
                            tr("Stage %1 has %2 publishers (rule: %3)")
                                .arg(stageLabel(stageArn))
                                .arg(publishers)
                                .arg(rule.describe()));
        a.stageArn = stageArn;
        raise(i, a, stageArn);
    }
}

void AlertEngine::observeMetric(const QString &stageArn, const QString &participantId,
                                const QString &metricName, double value, qint64 ms,
                                const QString &sessionId)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const AlertRule &rule = m_rules[i];
        if (!applies(rule, stageArn))
            continue;
        bool breached = false;
        QString title;
        if (rule.kind == AlertRule::Kind::PacketLossAbove &&
            metricName == QLatin1String("DownloadPacketLoss")) {
            breached = value >= rule.threshold;
            title = tr("Packet loss %1 %").arg(value, 0, 'f', 1);
        } else if (rule.kind == AlertRule::Kind::BitrateBelow &&
                   metricName == QLatin1String("PublishBitrate")) {
            breached = value < rule.threshold;
            title = tr("Bitrate %1 kb/s").arg(value / 1000, 0, 'f', 0);
        } else {
            continue;
        }
        if (!episode(i, stageArn + participantId, breached, ms))
            continue;
        Alert a = Alert::at(
            ms, title,
            tr("Participant %1 (stage %2): %3")
                .arg(who(stageArn, participantId), stageLabel(stageArn), rule.describe()));
        a.stageArn = stageArn;
        a.sessionId = sessionId;
        a.participantId = participantId;
        a.metric = metricName;
        raise(i, a, stageArn + participantId);
    }
}

void AlertEngine::saveRules(QSettings &settings, const QList<AlertRule> &rules)
{
    settings.beginGroup(QStringLiteral("alerts"));
    settings.remove(QString());
    settings.beginWriteArray(QStringLiteral("rules"), int(rules.size()));
    for (int i = 0; i < rules.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("kind"), AlertRule::kindName(rules[i].kind));
        settings.setValue(QStringLiteral("enabled"), rules[i].enabled);
        settings.setValue(QStringLiteral("threshold"), rules[i].threshold);
        settings.setValue(QStringLiteral("forSeconds"), rules[i].forSeconds);
        settings.setValue(QStringLiteral("stageArn"), rules[i].stageArn);
    }
    settings.endArray();
    settings.endGroup();
}

gr::aws::Expected<QList<AlertRule>> AlertEngine::loadRules(QSettings &settings)
{
    QList<AlertRule> out;
    QString error;
    settings.beginGroup(QStringLiteral("alerts"));
    const int n = settings.beginReadArray(QStringLiteral("rules"));
    for (int i = 0; i < n && error.isEmpty(); ++i) {
        settings.setArrayIndex(i);
        AlertRule rule;
        const QString kind = settings.value(QStringLiteral("kind")).toString();
        bool number = true, seconds = true;
        rule.threshold = settings.value(QStringLiteral("threshold"), 0).toDouble(&number);
        rule.forSeconds = settings.value(QStringLiteral("forSeconds"), 0).toInt(&seconds);
        rule.enabled = settings.value(QStringLiteral("enabled"), true).toBool();
        rule.stageArn = settings.value(QStringLiteral("stageArn")).toString();
        if (!AlertRule::kindFromName(kind, &rule.kind))
            error =
                QObject::tr("alerts/rules/%1/kind: '%2' is not a rule kind").arg(i + 1).arg(kind);
        else if (!number || rule.threshold < 0)
            error = QObject::tr("alerts/rules/%1/threshold must be a number ≥ 0").arg(i + 1);
        else if (!seconds || rule.forSeconds < 0 || rule.forSeconds > 86400)
            error = QObject::tr("alerts/rules/%1/forSeconds must be 0 to 86400").arg(i + 1);
        out.append(rule);
    }
    settings.endArray();
    settings.endGroup();
    if (!error.isEmpty()) // all or nothing: a bad entry gives no rules at all
        return gr::aws::failure(gr::aws::AwsError::Kind::Configuration, error);
    return out;
}

} // namespace gr::models
