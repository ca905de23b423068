#include "ui/connection.h"

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "aws/requestlog.h"
#include "cloudwatch/cloudwatchclient.h"
#include "ivs/ivsclient.h"
#include "ivs/quotas.h"
#include "models/alertrules.h"
#include "models/budgets.h"
#include "models/livemonitor.h"
#include "models/ratebudget.h"
#include "models/resourcelistmodel.h"

#include <QJsonDocument>
#include <QSettings>

#include <QNetworkAccessManager>

namespace gr::ui
{

Connection::Connection(QUrl endpoint, QString region, aws::CredentialsProvider *credentials,
                       QString description, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_region(std::move(region)),
      m_description(std::move(description)), m_network(new QNetworkAccessManager(this)),
      m_log(new aws::RequestLog(this)), m_credentials(credentials)
{
    if (credentials)
        credentials->setParent(this);
    m_transport = new aws::AwsClient(m_network, m_endpoint, m_region, QStringLiteral("ivs"),
                                     credentials, m_log, this);
    ivs::applyQuotas(m_transport->pacer()); // never faster than the service accepts
    m_client = new ivs::IvsClient(m_transport, this);
}

Connection::~Connection() = default;

QUrl Connection::metricsEndpoint() const
{
    if (m_metricsEndpoint.isValid())
        return m_metricsEndpoint;
    if (m_endpoint.host().endsWith(QLatin1String(".amazonaws.com")))
        return QUrl(QStringLiteral("https://monitoring.%1.amazonaws.com").arg(m_region));
    return m_endpoint;
}

cloudwatch::CloudWatchClient *Connection::metrics()
{
    if (!m_metrics) {
        aws::AwsClient *transport = cloudwatch::CloudWatchClient::createTransport(
            m_network, metricsEndpoint(), m_region, m_credentials, m_log, this);
        m_metrics = new cloudwatch::CloudWatchClient(transport, this);
    }
    return m_metrics;
}

models::ResourceListModel *Connection::keptList(const QString &kindId, const models::ListSpec &spec)
{
    const QString key = kindId + QLatin1Char('|') +
                        QString::fromUtf8(QJsonDocument(spec.input).toJson(QJsonDocument::Compact));
    models::ResourceListModel *&model = m_keptLists[key];
    if (!model)
        model = new models::ResourceListModel(m_client, spec, this);
    return model;
}

} // namespace gr::ui

namespace gr::ui
{

models::AlertEngine *Connection::alerts()
{
    if (!m_alerts) {
        m_alerts = new models::AlertEngine(this);
        QSettings settings;
        QList<models::AlertRule> rules = models::AlertEngine::loadRules(settings).valueOr({});
        if (rules.isEmpty())
            rules = models::AlertEngine::defaultRules();
        m_alerts->setRules(rules);
    }
    return m_alerts;
}

models::RateBudget *Connection::budget()
{
    if (!m_budget) {
        m_budget = new models::RateBudget(this);
        models::budgets::applyRates(m_budget); // the same quota tables as the pacers
        models::budgets::watchPacer(m_budget, m_transport->pacer());
    }
    return m_budget;
}

void Connection::setLiveUpdates(bool on)
{
    if (m_liveUpdates == on)
        return;
    m_liveUpdates = on;
    emit liveUpdatesChanged(on);
}

models::LiveMonitor *Connection::liveMonitor()
{
    if (!m_monitor) {
        m_monitor = new models::LiveMonitor(m_client, budget(), this);
        m_monitor->setAlertEngine(alerts());
    }
    return m_monitor;
}

} // namespace gr::ui
