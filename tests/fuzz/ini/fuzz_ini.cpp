// ~/.aws/config and ~/.aws/credentials: the INI parser, then profile resolution over the parsed
// files (the input is the config file, up to its first NUL byte, then the credentials file).
// Properties: a parse either succeeds or says "<file>:<line>: <what>"; resolution never crashes
// and either resolves or says why. Nothing is run: credential_process is only ever configured.

#include "../fuzzmain.h"
#include "aws/credentials.h"
#include "aws/inifile.h"
#include "aws/profiles.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace gr;

namespace
{
void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    fuzz::require(file.open(QIODevice::WriteOnly | QIODevice::Truncate), path);
    file.write(content);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::app();
    static QTemporaryDir home;
    static QNetworkAccessManager network;
    static const bool made = QDir(home.path()).mkpath(QStringLiteral(".aws"));
    fuzz::require(made, QStringLiteral("temporary home"));

    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = input.indexOf('\0');
    const QByteArray config = split < 0 ? input : input.left(split);
    const QByteArray credentials = split < 0 ? QByteArray() : input.mid(split + 1);

    const aws::Expected<aws::IniFile> ini = aws::IniFile::parse(config, QStringLiteral("config"));
    const QString error = ini.message();
    if (!ini)
        fuzz::require(error.startsWith(QLatin1String("config:")) && error.size() > 8,
                      QStringLiteral("a parse error that does not name file and line: ") + error);

    write(home.path() + QStringLiteral("/.aws/config"), config);
    write(home.path() + QStringLiteral("/.aws/credentials"), credentials);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    const aws::ProfileResolver resolver(env, home.path());
    const QStringList names = resolver.profileNames().valueOr({});
    QObject owner;
    for (const QString &profile : QStringList{QString()} + names.mid(0, 4)) {
        aws::ConnectionOptions options;
        options.profile = profile;
        const aws::ResolvedConnection resolved = resolver.resolve(options, &network, &owner);
        fuzz::require(resolved.ok() || !resolved.error.trimmed().isEmpty(),
                      QStringLiteral("a failed resolution without a reason"));
        if (resolved.ok())
            fuzz::require(resolved.endpoint.isEmpty() ||
                              aws::ProfileResolver::checkEndpoint(resolved.endpoint).isEmpty(),
                          QStringLiteral("resolved an endpoint it would refuse: ") +
                              resolved.endpoint.toString());
    }
    return 0;
}
