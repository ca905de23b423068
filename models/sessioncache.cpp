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

QString SessionCache::pathFor(const QString &connectionKey, const QString &stageArn,
                              const QString &sessionId) const
{
    if (!isEnabled())
        return {};
    return QDir(m_directory)
        .filePath(hashed(connectionKey) + QLatin1Char('-') +
                  hashed(stageArn + QLatin1Char('\n') + sessionId) + QStringLiteral(".session"));
}

bool SessionCache::read(const QString &path, SessionStore *store, QString *error) const
{
    error->clear();
    QFile file(path);
    if (!file.exists())
        return false;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    in >> magic;
    if (magic != kMagic) {
        *error = QStringLiteral("%1 is not a cached session").arg(path);
        return false;
    }
    SessionStore loaded;
    if (!loaded.load(in, error)) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        return false;
    }
    *store = std::move(loaded);
    return true;
}

bool SessionCache::write(const QString &path, const SessionStore &store, QString *error) const
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic;
    store.save(out);
    if (out.status() != QDataStream::Ok || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    trim();
    return true;
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
