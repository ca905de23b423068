#pragma once
// One live connection of the console: where it points and the client stack signed for it.
// Owns the network access manager, the request log, the signed pipeline and the IVS client.

#include <memory>
#include <QHash>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace gr::aws
{
class AwsClient;
class CredentialsProvider;
class RequestLog;
} // namespace gr::aws
namespace gr::ivs
{
class IvsClient;
}
namespace gr::cloudwatch
{
class CloudWatchClient;
}
namespace gr::models
{
class AlertEngine;
class LiveMonitor;
class RateBudget;
class ResourceListModel;
struct ListSpec;
} // namespace gr::models

namespace gr::ui
{

class Connection : public QObject
{
    Q_OBJECT
public:
    // `credentials` is adopted (reparented to the connection).
    Connection(QUrl endpoint, QString region, aws::CredentialsProvider *credentials,
               QString description, QObject *parent = nullptr);
    ~Connection() override;

    QString description() const { return m_description; }
    QUrl endpoint() const { return m_endpoint; }
    QString region() const { return m_region; }
    aws::RequestLog *log() const { return m_log; }
    aws::AwsClient *transport() const { return m_transport; }
    ivs::IvsClient *client() const { return m_client; }
    // The same connection's CloudWatch, made on first use: `metricsEndpoint` when set (as the
    // profile resolved it), else monitoring.<region>.amazonaws.com for an AWS endpoint, else
    // the IVS endpoint itself (greenroom-local serves CloudWatch on the same port).
    cloudwatch::CloudWatchClient *metrics();
    void setMetricsEndpoint(const QUrl &endpoint) { m_metricsEndpoint = endpoint; }
    QUrl metricsEndpoint() const;
    // The alert rules applied to what this connection's views fetch (rules from QSettings, the
    // defaults when none are kept); made on first use.
    models::AlertEngine *alerts();
    // The one scheduler of this connection's polling (models/ratebudget), and the monitor of
    // its live stages that polls through it (feeding alerts()); made on first use.
    models::RateBudget *budget();
    models::LiveMonitor *liveMonitor();
    // The window's "Live updates": list pages on screen poll through budget() while it is on.
    void setLiveUpdates(bool on);
    bool liveUpdates() const { return m_liveUpdates; }

    // A list whose rows outlive the page showing it (compositions the service forgets after a
    // few minutes are kept as history for as long as the connection is open). One per kind
    // and input; owned by the connection.
    models::ResourceListModel *keptList(const QString &kindId, const models::ListSpec &spec);

signals:
    void liveUpdatesChanged(bool on);

private:
    QHash<QString, models::ResourceListModel *> m_keptLists;
    QUrl m_endpoint;
    QString m_region;
    QString m_description;
    QNetworkAccessManager *m_network;
    aws::RequestLog *m_log;
    aws::AwsClient *m_transport;
    ivs::IvsClient *m_client;
    aws::CredentialsProvider *m_credentials;
    QUrl m_metricsEndpoint;
    cloudwatch::CloudWatchClient *m_metrics = nullptr;
    models::AlertEngine *m_alerts = nullptr;
    models::RateBudget *m_budget = nullptr;
    models::LiveMonitor *m_monitor = nullptr;
    bool m_liveUpdates = false;
};

// A choice in the connection switcher.
struct ConnectionChoice {
    enum class Kind { Local, Profile, Endpoint, StoredKeys };
    Kind kind = Kind::Local;
    QString label;
    QString profile; // profile name, or the name of stored keys
    QString region;
    QString endpointUrl;
};

} // namespace gr::ui
