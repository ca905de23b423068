#include "aws/tlserrors.h"

#include <QCoreApplication>
#include <QFile>

namespace gr::aws
{

namespace
{
QString tr(const char *text)
{
    return QCoreApplication::translate("Tls", text);
}

QString names(const QSslCertificate &certificate, QSslCertificate::SubjectInfo what, bool issuer)
{
    const QStringList values =
        issuer ? certificate.issuerInfo(what) : certificate.subjectInfo(what);
    return values.join(QLatin1Char('/'));
}

QString distinguished(const QSslCertificate &certificate, bool issuer)
{
    QStringList parts;
    for (const auto &[key, label] :
         {std::pair{QSslCertificate::CommonName, "CN"}, {QSslCertificate::Organization, "O"}}) {
        const QString value = names(certificate, key, issuer);
        if (!value.isEmpty())
            parts << QLatin1String(label) + QLatin1Char('=') + value;
    }
    return parts.isEmpty() ? tr("(no name)") : parts.join(QStringLiteral(", "));
}

QString about(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QStringLiteral(" (subject %1; issuer %2)")
        .arg(distinguished(certificate, false), distinguished(certificate, true));
}

QString alternativeNames(const QSslCertificate &certificate)
{
    QStringList hosts;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        hosts << it.value();
    if (hosts.isEmpty())
        hosts = certificate.subjectInfo(QSslCertificate::CommonName);
    return hosts.isEmpty() ? tr("no host name") : hosts.join(QStringLiteral(", "));
}
} // namespace

Expected<CaBundle> loadCaBundle(const QString &path, const QString &origin)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(
            AwsError::Kind::Configuration,
            tr("the CA bundle %1 (%2) cannot be read: %3").arg(path, origin, file.errorString()));
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return failure(AwsError::Kind::Configuration,
                       tr("the CA bundle %1 (%2) holds no PEM certificate").arg(path, origin));
    return CaBundle{path, origin, certificates};
}

QString describeTlsErrors(const QList<QSslError> &errors, const QString &host,
                          const QString &trustedBy)
{
    QStringList sentences; // one per distinct problem: OpenSSL reports some twice
    for (const QSslError &e : errors) {
        const QSslCertificate c = e.certificate();
        switch (e.error()) {
        case QSslError::CertificateExpired:
            sentences << tr("the certificate of %1 expired on %2%3")
                             .arg(host, c.expiryDate().toString(Qt::ISODate), about(c));
            break;
        case QSslError::CertificateNotYetValid:
            sentences << tr("the certificate of %1 is not valid before %2%3")
                             .arg(host, c.effectiveDate().toString(Qt::ISODate), about(c));
            break;
        case QSslError::HostNameMismatch:
            sentences << tr("the certificate is for %1, not for %2%3")
                             .arg(alternativeNames(c), host, about(c));
            break;
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            sentences << tr("the certificate of %1 is issued by %2, which is not trusted by %3%4")
                             .arg(host,
                                  c.isNull() ? tr("an unknown issuer") : distinguished(c, true),
                                  trustedBy, about(c));
            break;
        case QSslError::CertificateRevoked:
            sentences << tr("the certificate of %1 has been revoked%2").arg(host, about(c));
            break;
        default:
            sentences << tr("the certificate of %1 was refused: %2%3")
                             .arg(host, e.errorString(), about(c));
            break;
        }
    }
    sentences.removeDuplicates();
    return sentences.join(QStringLiteral("; "));
}

} // namespace gr::aws
