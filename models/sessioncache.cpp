#include "sessioncache.h"

#include "sessionstore.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace
{
constexpr quint32 kMagic = 0x47525353; // "GRSS"

QString hashed(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}
} // namespace

SessionCache::SessionCache(QString directory, qint64 maxBytes)
    : m_directory(std::move(directory)), m_maxBytes(maxBytes)
{
}

QVector<SessionCache::Participant> SessionCache::participants(const QString &connectionKey) const
{
    QVector<Participant> out;
    if (!isEnabled())
        return out;
    const QFileInfoList files =
        QDir(m_directory)
            .entryInfoList({hashed(connectionKey) + QStringLiteral("-*.session")}, QDir::Files,
                           QDir::Time);
    for (const QFileInfo &info : files) {
        const gr::aws::Expected<std::optional<SessionStore>> cached = read(info.absoluteFilePath());
        if (!cached || !cached->has_value())
            continue;
        const SessionStore &store = **cached;
        for (int i = 0; i < store.participants().size(); ++i) {
            if (store.participants()[i].listed)
                out.append({store.stageArn, store.sessionId, store.participantId(i),
                            store.userId(i), store.startMs});
        }
    }
    return out;
}

QString SessionCache::pathFor(const QString &connectionKey, const QString &stageArn,
                              const QString &sessionId) const
{
    if (!isEnabled())
        return {};
    return QDir(m_directory)
        .filePath(hashed(connectionKey) + QLatin1Char('-') +
                  hashed(stageArn + QLatin1Char('\n') + sessionId) + QStringLiteral(".session"));
}

gr::aws::Expected<std::optional<SessionStore>> SessionCache::read(const QString &path) const
{
    using gr::aws::AwsError;
    QFile file(path);
    if (!file.exists())
        return std::optional<SessionStore>();
    if (!file.open(QIODevice::ReadOnly))
        return gr::aws::failure(AwsError::Kind::File,
                                QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    in >> magic;
    if (magic != kMagic)
        return gr::aws::failure(AwsError::Kind::Decode,
                                QStringLiteral("%1 is not a cached session").arg(path));
    std::optional<SessionStore> loaded(std::in_place);
    if (const gr::aws::Expected<void> decoded = loaded->load(in); !decoded) {
        AwsError error = decoded.error();
        error.message = QStringLiteral("%1: %2").arg(path, error.message);
        return error;
    }
    return loaded;
}

gr::aws::Expected<void> SessionCache::write(const QString &path, const SessionStore &store) const
{
    using gr::aws::AwsError;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return gr::aws::failure(
            AwsError::Kind::File,
            QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return gr::aws::failure(
            AwsError::Kind::File,
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic;
    store.save(out);
    if (out.status() != QDataStream::Ok || !file.commit())
        return gr::aws::failure(
            AwsError::Kind::File,
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    trim();
    return {};
}

void SessionCache::trim() const
{
    if (!isEnabled())
        return;
    QFileInfoList files =
        QDir(m_directory)
            .entryInfoList({QStringLiteral("*.session")}, QDir::Files, QDir::Time); // newest first
    qint64 total = 0;
    for (const QFileInfo &info : files) {
        total += info.size();
        if (total > m_maxBytes)
            QFile::remove(info.absoluteFilePath());
    }
}
