#pragma once
// Small helpers shared by the benchmarks: start greenroom-local, read memory, wait.

#include <cstdio>
#include <malloc.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

namespace bench
{

// Resident set size of a process in KiB (Linux /proc).
inline qint64 rssKiB(qint64 pid = 0)
{
    QFile status(pid ? QStringLiteral("/proc/%1/status").arg(pid)
                     : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression re(QStringLiteral("VmRSS:\\s+(\\d+)"));
    return re.match(QString::fromLatin1(status.readAll())).captured(1).toLongLong();
}

// Bytes in use on this process's heap (glibc), unlike RSS blind to reuse of freed memory.
inline qint64 heapBytes()
{
    return qint64(mallinfo2().uordblks);
}

template <typename Predicate> bool waitFor(Predicate done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

// The greenroom-local binary: the last argument, or the one built beside the benchmarks.
inline QString localBinary(const QStringList &args)
{
    return args.size() > 1 && !args.last().startsWith(QLatin1String("--"))
               ? args.last()
               : QCoreApplication::applicationDirPath() +
                     QStringLiteral("/../../app/local/greenroom-local");
}

// Starts greenroom-local and returns its URL, or an empty URL.
inline QUrl startLocal(QProcess *process, const QString &binary, const QStringList &extra = {})
{
    process->setProgram(binary);
    process->setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + extra);
    process->start();
    if (!process->waitForReadyRead(10000))
        return {};
    const QString line = QString::fromLatin1(process->readLine()).trimmed();
    const QString prefix = QStringLiteral("listening on ");
    return line.startsWith(prefix) ? QUrl(line.mid(prefix.size())) : QUrl();
}

// The start every benchmark of greenroom-local shares: --quick from the arguments, the binary
// (the last argument, or the build's), and the process that runs it.
struct LocalRun {
    explicit LocalRun(const QStringList &args)
        : quick(args.contains(QStringLiteral("--quick"))), binary(localBinary(args))
    {
    }
    bool quick;
    QString binary;
    QProcess service;
};

} // namespace bench
