// greenroom-local's --state loader, through the public service API only (so it follows the
// loader wherever it moves). Properties: a refused file is refused with a reason and left as it
// was; an accepted file, saved and loaded again, saves to the same bytes (nothing is lost or
// changes meaning over a restart).

#include "../fuzzmain.h"
#include "local/localservice.h"

#include <QFile>
#include <QTemporaryDir>

using namespace gr;

namespace
{
QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    fuzz::require(file.open(QIODevice::WriteOnly | QIODevice::Truncate), path);
    file.write(content);
}

// Loads `path` and saves it again; the saved bytes, or empty when the file was refused.
QByteArray loadAndSave(const QString &path, QString *error)
{
    local::LocalServiceOptions options;
    options.stateFile = path;
    options.host = QHostAddress::LocalHost;
    local::LocalService service(options);
    if (const auto started = service.start(); !started) {
        *error = started.message();
        return {};
    }
    const auto saved = service.saveState();
    fuzz::require(saved.ok(), QStringLiteral("save failed: ") + saved.message());
    return read(path);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    write(path, input);

    QString error;
    const QByteArray first = loadAndSave(path, &error);
    if (first.isEmpty()) {
        fuzz::require(!error.isEmpty(), QStringLiteral("refused without a reason"));
        fuzz::require(read(path) == input, QStringLiteral("a refused state file was changed"));
        return 0;
    }
    const QByteArray second = loadAndSave(path, &error);
    fuzz::require(!second.isEmpty(), QStringLiteral("its own saved state is refused: ") + error);
    fuzz::require(second == first, QStringLiteral("a state file changes over a restart"));
    return 0;
}
