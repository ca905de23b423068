#pragma once
// The local IVS Real-Time service: the control plane of all 39 operations behind the same HTTP
// surface as AWS (restJson1, SigV4 verified on every request), and a simulated data plane under
// /__greenroom/ through which participants join, publish, subscribe, fail and leave.

#include "aws/expected.h"
#include "local/httpfrontend.h"

#include <memory>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

namespace gr::local
{

struct LocalServiceOptions {
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    QString region = QStringLiteral("us-east-1");
    QString account = QStringLiteral("123456789012");
    QList<std::pair<QString, QString>> accessKeys; // empty: the documented default pair
    QString stateFile;
    bool demo = false;
    bool quotas = false;
    QString faults;         // e.g. "ListStages:error=0.2:latency=100,*:drop=0.01"
    double timeScale = 1.0; // >1 runs the lifecycle timers faster
    // The data plane and fault switch (/__greenroom/) answer SigV4-signed requests only (any
    // accepted key, service "ivs"), unless opened explicitly; health is always open.
    bool openDataPlane = false;
    // HTTPS when both are given (PEM files).
    QString tlsCertificateFile;
    QString tlsKeyFile;
    HttpServerLimits limits;
};

class LocalService : public QObject
{
    Q_OBJECT
public:
    // Used when no --access-key is given; documented in README.
    static constexpr const char *kDefaultAccessKeyId = "AKIAGREENROOMLOCAL01";
    static constexpr const char *kDefaultSecretAccessKey =
        "greenroom/local/secret/key/0000000000000";

    explicit LocalService(LocalServiceOptions options, QObject *parent = nullptr);
    ~LocalService() override;

    // Loads --state, listens and starts --demo; an error naming what failed otherwise.
    aws::Expected<void> start();
    QUrl url() const;
    const LocalServiceOptions &options() const;

    // Sets per-operation faults at run time (same syntax as --faults); an Invalid error naming
    // the rule at fault on a bad spec (the faults in force are kept).
    aws::Expected<void> setFaults(const QString &spec);
    // Writes --state now. (A request that changed something is answered only once the change
    // is on disk; changes of the service's own timers are saved within 200 ms.)
    aws::Expected<void> saveState();
    // Open connections and body bytes buffered now (tests of the limits).
    int openConnections() const;
    qint64 bufferedBodyBytes() const;

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace gr::local
