#include "testca.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace
{
EVP_PKEY *newKey()
{
    return EVP_EC_gen("P-256");
}

QByteArray certificatePem(X509 *x)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

QByteArray keyPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

void addExtension(X509 *x, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, x, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    X509_add_ext(x, extension, -1);
    X509_EXTENSION_free(extension);
}

X509 *newCertificate(const QString &commonName, EVP_PKEY *key, qint64 fromSecs, qint64 toSecs)
{
    static long serial = 1;
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), ++serial);
    X509_gmtime_adj(X509_getm_notBefore(x), long(fromSecs));
    X509_gmtime_adj(X509_getm_notAfter(x), long(toSecs));
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Greenroom tests"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    return x;
}
} // namespace

TestCa::TestCa(const QString &commonName)
{
    EVP_PKEY *key = newKey();
    m_key = key;
    X509 *x = newCertificate(commonName, key, -86400, 10 * 86400);
    X509_set_issuer_name(x, X509_get_subject_name(x));
    addExtension(x, x, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(x, x, NID_subject_key_identifier, "hash");
    X509_sign(x, key, EVP_sha256());
    m_certificate = QSslCertificate(certificatePem(x), QSsl::Pem);
    X509_free(x);
}

TestCa::~TestCa()
{
    EVP_PKEY_free(static_cast<EVP_PKEY *>(m_key));
}

TestCa::Issued TestCa::issue(const QString &commonName, const QStringList &hosts, qint64 fromSecs,
                             qint64 toSecs) const
{
    const QByteArray caPem = m_certificate.toPem();
    BIO *bio = BIO_new_mem_buf(caPem.constData(), int(caPem.size()));
    X509 *ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);

    EVP_PKEY *key = newKey();
    X509 *x = newCertificate(commonName, key, fromSecs, toSecs);
    X509_set_issuer_name(x, X509_get_subject_name(ca));
    QStringList names;
    for (const QString &host : hosts)
        names << (host.front().isDigit() ? QStringLiteral("IP:") : QStringLiteral("DNS:")) + host;
    addExtension(x, ca, NID_subject_alt_name, names.join(QLatin1Char(',')).toUtf8());
    addExtension(x, ca, NID_basic_constraints, "critical,CA:FALSE");
    addExtension(x, ca, NID_ext_key_usage, "serverAuth");
    addExtension(x, ca, NID_authority_key_identifier, "keyid:always");
    X509_sign(x, static_cast<EVP_PKEY *>(m_key), EVP_sha256());

    Issued issued;
    issued.certificate = QSslCertificate(certificatePem(x), QSsl::Pem);
    issued.key = QSslKey(keyPem(key), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    X509_free(x);
    X509_free(ca);
    EVP_PKEY_free(key);
    return issued;
}

QSslConfiguration TestCa::Issued::serverConfiguration() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}
