#include "aws/credentials.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

namespace gr::aws
{

void CredentialsProvider::get(QObject *context, Callback callback)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_cached.isValid() && !m_cached.expiresWithin(kRefreshMarginSecs, now)) {
        callback(m_cached, {});
        return;
    }
    m_waiters.append({context, std::move(callback)});
    if (m_refreshing)
        return;
    m_refreshing = true;
    refresh();
}

void CredentialsProvider::finishRefresh(const Credentials &credentials, const QString &error)
{
    m_refreshing = false;
    QString message = error;
    if (message.isEmpty() && !credentials.isValid())
        message = tr("%1 gave no access key").arg(description());
    if (message.isEmpty() && credentials.expiresWithin(0, QDateTime::currentDateTimeUtc()))
        message = tr("%1 gave credentials that expired at %2")
                      .arg(description(), credentials.expiration.toString(Qt::ISODate));
    m_cached = message.isEmpty() ? credentials : Credentials{};
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.callback(m_cached, message);
    }
}

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials, QString description,
                                                     QObject *parent)
    : CredentialsProvider(parent), m_credentials(std::move(credentials)),
      m_description(std::move(description))
{
}

void StaticCredentialsProvider::refresh()
{
    finishRefresh(m_credentials, {});
}

ProcessCredentialsProvider::ProcessCredentialsProvider(QString command, QString description,
                                                       QObject *parent)
    : CredentialsProvider(parent), m_command(std::move(command)),
      m_description(std::move(description))
{
}

Expected<Credentials> ProcessCredentialsProvider::parseOutput(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        return failure(AwsError::Kind::Decode, parseError.error != QJsonParseError::NoError
                                                   ? tr("output is not JSON (%1 at offset %2)")
                                                         .arg(parseError.errorString())
                                                         .arg(parseError.offset)
                                                   : tr("output is not a JSON object"));
    }
    const QJsonObject object = doc.object();
    if (object.value(QLatin1String("Version")).toInt(-1) != 1) {
        return failure(AwsError::Kind::Decode,
                       tr("output lacks \"Version\": 1 (the only version there is)"));
    }
    Credentials credentials;
    for (const auto &[field, target] :
         {std::pair{QLatin1String("AccessKeyId"), &credentials.accessKeyId},
          std::pair{QLatin1String("SecretAccessKey"), &credentials.secretAccessKey}}) {
        const QJsonValue value = object.value(field);
        if (!value.isString() || value.toString().isEmpty()) {
            return failure(AwsError::Kind::Decode, tr("output lacks \"%1\"").arg(field));
        }
        *target = value.toString();
    }
    // Optional members of the wrong type are refused, not read as empty: a token silently
    // dropped would fail every call with a less helpful error.
    const QJsonValue token = object.value(QLatin1String("SessionToken"));
    if (!token.isUndefined() && !token.isNull() && !token.isString()) {
        return failure(AwsError::Kind::Decode,
                       tr("output has a \"SessionToken\" that is not a string"));
    }
    credentials.sessionToken = token.toString();
    const QJsonValue expiration = object.value(QLatin1String("Expiration"));
    if (!expiration.isUndefined() && !expiration.isNull()) {
        credentials.expiration =
            expiration.isString() ? QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs)
                                  : QDateTime();
        if (!credentials.expiration.isValid()) {
            return failure(AwsError::Kind::Decode,
                           tr("output has an \"Expiration\" that is not an ISO 8601 time"));
        }
    }
    return credentials;
}

void ProcessCredentialsProvider::refresh()
{
    QStringList arguments = QProcess::splitCommand(m_command);
    if (arguments.isEmpty()) {
        finishRefresh({}, tr("%1: credential_process is empty").arg(m_description));
        return;
    }
    const QString program = arguments.takeFirst();
    auto *process = new QProcess(this);
    process->setProgram(program);
    process->setArguments(arguments);
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [process] { process->kill(); });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // a crash or kill also ends in finished()
        process->deleteLater();
        finishRefresh({}, tr("%1: credential_process '%2' could not start (%3)")
                              .arg(m_description, process->program(), process->errorString()));
    });
    connect(
        process, &QProcess::finished, this,
        [this, process, timeout](int code, QProcess::ExitStatus st) {
            process->deleteLater();
            const bool timedOut = !timeout->isActive();
            if (st != QProcess::NormalExit || code != 0) {
                const QString stderrText = QString::fromUtf8(process->readAllStandardError())
                                               .trimmed()
                                               .section(QLatin1Char('\n'), 0, 0);
                const QString why = timedOut ? tr("timed out after 60 s")
                                    : st != QProcess::NormalExit
                                        ? tr("crashed")
                                        : tr("exited with code %1").arg(code);
                finishRefresh(
                    {},
                    tr("%1: credential_process %2%3")
                        .arg(m_description, why,
                             stderrText.isEmpty() ? QString() : QStringLiteral(": ") + stderrText));
                return;
            }
            const Expected<Credentials> credentials = parseOutput(process->readAllStandardOutput());
            if (!credentials) {
                finishRefresh(
                    {}, tr("%1: credential_process %2").arg(m_description, credentials.message()));
                return;
            }
            finishRefresh(*credentials, {});
        });
    timeout->start(60 * 1000);
    process->start(QIODevice::ReadOnly);
}

} // namespace gr::aws
