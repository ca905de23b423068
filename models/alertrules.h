#pragma once
// Alert rules and the engine that applies them to what the console observes: participant
// events, recording and composition states, stage publisher counts and CloudWatch samples.
// A burst of the same alert (same rule, same subject, within the fold window) is folded into
// one alert with a count, not repeated; threshold rules fire once per episode and re-arm when
// the value recovers. Rules are kept in QSettings. QtCore only; the window shows the alerts.

#include "aws/expected.h"

#include <functional>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QSettings;

namespace gr::models
{

struct AlertRule {
    enum class Kind {
        ErrorEvent,          // a new *_ERROR participant event
        DisconnectedByError, // a participant DISCONNECTED with an error code
        RecordingFailed,     // a participant's recording state FAILED
        CompositionFailed,   // a composition FAILED
        DestinationTrouble,  // a composition destination RECONNECTING or FAILED
        PublishersAtLeast,   // a stage's publishers >= threshold
        PacketLossAbove,     // DownloadPacketLoss >= threshold % for forSeconds
        BitrateBelow,        // PublishBitrate < threshold bits/s for forSeconds
    };
    Kind kind = Kind::ErrorEvent;
    bool enabled = true;
    double threshold = 0;
    int forSeconds = 0;
    QString stageArn; // empty: every stage

    // "packet loss >= 5 % for 10 s"
    QString describe() const;
    static QString kindName(Kind kind); // stable, for settings: "ErrorEvent", ...
    static bool kindFromName(const QString &name, Kind *kind);
    bool operator==(const AlertRule &o) const
    {
        return kind == o.kind && enabled == o.enabled && threshold == o.threshold &&
               forSeconds == o.forSeconds && stageArn == o.stageArn;
    }
};

struct Alert {
    int ruleIndex = -1; // in the engine's rules when it fired (they may change since)
    QString title;      // "PUBLISH_ERROR: BITRATE_EXCEEDED"
    QString text;       // plain words, with the subject
    QString stageArn, sessionId, participantId, resourceArn; // what to jump to
    qint64 firstMs = 0, lastMs = 0;
    int count = 1;     // folded repeats
    QString errorCode; // an error event's or disconnect's code ("PUBLISHER_NOT_FOUND")
    QString rule;      // the rule as it read when it fired: "packet loss ≥ 5 % for 10 s"
    QString metric;    // a metric rule's CloudWatch metric ("DownloadPacketLoss"), else empty
    QString userId;    // the participant's user id when known ("alice"), else empty

    // One occurrence at `ms`; the other members are set by name after it, so a new member can
    // never take another's value as positional brace-initialisation could.
    static Alert at(qint64 ms, const QString &title, const QString &text)
    {
        Alert alert;
        alert.firstMs = alert.lastMs = ms;
        alert.title = title;
        alert.text = text;
        return alert;
    }
};

class AlertEngine : public QObject
{
    Q_OBJECT
public:
    explicit AlertEngine(QObject *parent = nullptr);

    // Rules a new user starts with.
    static QList<AlertRule> defaultRules();
    void setRules(QList<AlertRule> rules);
    const QList<AlertRule> &rules() const { return m_rules; }
    void setFoldWindowMs(qint64 ms) { m_foldMs = ms; }
    // How alert texts name a stage ("town-hall"); unset or empty: the ARN's resource id.
    void setStageNames(std::function<QString(const QString &stageArn)> nameOf)
    {
        m_stageName = std::move(nameOf);
    }
    QString stageLabel(const QString &stageArn) const;
    // Who a participant is (the live monitor knows the user ids of those it met); unset or empty:
    // alerts name the participant by id alone.
    void setParticipantNames(
        std::function<QString(const QString &stageArn, const QString &participantId)> userIdOf)
    {
        m_userIdOf = std::move(userIdOf);
    }
    // "alice (pBq3…)" with a user id; the participant id alone without.
    static QString participantLabel(const QString &userId, const QString &participantId);
    // A long id cut to its first `keep` characters and "…" ("st-8Hj2…"); a short one whole.
    static QString shortForm(const QString &id, int keep);
    // A session as lists name it beside its stage: its id's short form.
    static QString sessionLabel(const QString &sessionId) { return shortForm(sessionId, 7); }

    // A participant event. The same event (participant, name, eventTime, error code) heard
    // again — the monitor re-reading a participant's events, a participant page reading them
    // too — changes nothing: an alert's count is of events, not of reads.
    void observeEvent(const QString &stageArn, const QString &sessionId,
                      const QString &participantId, const QString &name, const QString &errorCode,
                      qint64 ms);
    void observeRecording(const QString &stageArn, const QString &sessionId,
                          const QString &participantId, const QString &state, qint64 ms);
    void observeComposition(const QString &compositionArn, const QString &stageArn,
                            const QString &state, const QHash<QString, QString> &destinations,
                            qint64 ms);
    void observePublishers(const QString &stageArn, int publishers, qint64 ms);
    // CloudWatch samples: DownloadPacketLoss (Percent), PublishBitrate (Bits/Second).
    // The session, when known, is where the alert's jump-to goes.
    void observeMetric(const QString &stageArn, const QString &participantId,
                       const QString &metricName, double value, qint64 ms,
                       const QString &sessionId = {});

    const QList<Alert> &alerts() const { return m_alerts; }
    void clearAlerts() { m_alerts.clear(); }

    static void saveRules(QSettings &settings, const QList<AlertRule> &rules);
    // The rules saved by saveRules; a Configuration error naming the key that is wrong.
    static gr::aws::Expected<QList<AlertRule>> loadRules(QSettings &settings);

signals:
    void alertRaised(int index); // a new row in alerts(): notify the user
    void alertFolded(int index); // an existing alert repeated: count and lastMs changed

private:
    void raise(int ruleIndex, Alert alert, const QString &foldKey);
    // Threshold rules: true when `breached` has held for the rule's seconds in this episode
    // and the episode has not fired yet.
    bool episode(int ruleIndex, const QString &subject, bool breached, qint64 ms);
    bool applies(const AlertRule &rule, const QString &stageArn) const;
    QString who(const QString &stageArn, const QString &participantId) const;

    std::function<QString(const QString &)> m_stageName;
    std::function<QString(const QString &, const QString &)> m_userIdOf;
    QList<AlertRule> m_rules;
    QList<Alert> m_alerts;
    qint64 m_foldMs = 60000;
    QHash<QString, int> m_lastByKey; // fold key -> alert index
    // Events already heard, by identity -> their time; trimmed to a day before the newest.
    QHash<QString, qint64> m_heardEvents;
    qint64 m_newestEventMs = 0;
    struct Episode {
        qint64 sinceMs = -1; // breached since, or -1
        bool fired = false;
    };
    QHash<QString, Episode> m_episodes;
};

} // namespace gr::models
