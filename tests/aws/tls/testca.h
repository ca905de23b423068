#pragma once
// A throwaway certificate authority made in the test (OpenSSL API): a CA certificate and server
// certificates for chosen host names and validity, so TLS can be tested without any file from
// outside the test.

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

class TestCa
{
public:
    explicit TestCa(const QString &commonName = QStringLiteral("Greenroom Test CA"));
    ~TestCa();
    TestCa(const TestCa &) = delete;
    TestCa &operator=(const TestCa &) = delete;

    QSslCertificate certificate() const { return m_certificate; }
    QByteArray pem() const { return m_certificate.toPem(); }

    struct Issued {
        QSslCertificate certificate;
        QSslKey key;
        // A server configuration presenting this certificate.
        QSslConfiguration serverConfiguration() const;
    };
    // A server certificate for `hosts` (DNS names or IP addresses), valid from `fromSecs` to
    // `toSecs` seconds from now.
    Issued issue(const QString &commonName, const QStringList &hosts, qint64 fromSecs = -3600,
                 qint64 toSecs = 86400) const;

private:
    void *m_key = nullptr; // EVP_PKEY
    QSslCertificate m_certificate;
};
