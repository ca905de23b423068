#pragma once
// Shared by the fuzz targets: a QCoreApplication for the whole run (some code under test needs
// an event loop or the application's thread), and a check that names what broke before aborting
// so libFuzzer keeps the input.

#include <cstdio>
#include <cstdlib>
#include <QCoreApplication>
#include <QString>

namespace gr::fuzz
{

inline QCoreApplication *app()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *instance = new QCoreApplication(argc, argv);
    return instance;
}

inline void require(bool condition, const QString &what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz property broken: %s\n", qPrintable(what));
    std::abort();
}

} // namespace gr::fuzz
