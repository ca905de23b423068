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

aws::AwsError failure(const QString &what, const QString &path)
{
    return aws::failure(aws::AwsError::Kind::File,
                        QStringLiteral("cannot %1 %2: %3")
                            .arg(what, path, QString::fromLocal8Bit(strerror(errno))));
}

} // namespace

aws::Expected<void> writeFileDurably(const QString &path, const QByteArray &bytes)
{
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temporary = target + ".tmp";
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return failure(QStringLiteral("create"), QFile::decodeName(temporary));
    // An existing temporary keeps its mode through O_CREAT: set it.
    ::fchmod(fd, 0600);
    for (qsizetype written = 0; written < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const aws::AwsError error =
                failure(QStringLiteral("write"), QFile::decodeName(temporary));
            ::close(fd);
            ::unlink(temporary.constData());
            return error;
        }
        written += n;
    }
    if (::fsync(fd) != 0) {
        const aws::AwsError error = failure(QStringLiteral("sync"), QFile::decodeName(temporary));
        ::close(fd);
        ::unlink(temporary.constData());
        return error;
    }
    ::close(fd);
    if (::rename(temporary.constData(), target.constData()) != 0) {
        const aws::AwsError error = failure(QStringLiteral("replace"), path);
        ::unlink(temporary.constData());
        return error;
    }
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

} // namespace gr::local
