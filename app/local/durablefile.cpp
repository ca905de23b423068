#include "local/durablefile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QFile>
#include <QFileInfo>
#include <sys/stat.h>
#include <unistd.h>

namespace gr::local
{

namespace
{

bool fail(QString *error, const QString &what, const QString &path)
{
    *error =
        QStringLiteral("cannot %1 %2: %3").arg(what, path, QString::fromLocal8Bit(strerror(errno)));
    return false;
}

} // namespace

bool writeFileDurably(const QString &path, const QByteArray &bytes, QString *error)
{
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temporary = target + ".tmp";
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(error, QStringLiteral("create"), QFile::decodeName(temporary));
    // An existing temporary keeps its mode through O_CREAT: set it.
    ::fchmod(fd, 0600);
    for (qsizetype written = 0; written < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fail(error, QStringLiteral("write"), QFile::decodeName(temporary));
            ::close(fd);
            ::unlink(temporary.constData());
            return false;
        }
        written += n;
    }
    if (::fsync(fd) != 0) {
        fail(error, QStringLiteral("sync"), QFile::decodeName(temporary));
        ::close(fd);
        ::unlink(temporary.constData());
        return false;
    }
    ::close(fd);
    if (::rename(temporary.constData(), target.constData()) != 0) {
        fail(error, QStringLiteral("replace"), path);
        ::unlink(temporary.constData());
        return false;
    }
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

} // namespace gr::local
