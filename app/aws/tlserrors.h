#pragma once
// TLS as the AWS CLI does it: certificates checked against the system store, or only against a
// CA bundle (AWS_CA_BUNDLE, else the profile's ca_bundle); and certificate failures said in
// plain words, naming the certificate's subject and issuer.

#include "aws/expected.h"

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace gr::aws
{

struct CaBundle {
    QString path;   // empty: the system store
    QString origin; // "AWS_CA_BUNDLE" or "ca_bundle of profile dev", for messages
    QList<QSslCertificate> certificates;
};

// Reads a PEM bundle; a Configuration error naming the file when it is unreadable or holds no
// certificate.
Expected<CaBundle> loadCaBundle(const QString &path, const QString &origin);

// "the certificate of localhost expired on 2020-01-01 (subject CN=..., issuer CN=...)"; one
// sentence per distinct problem, joined. `trustedBy` names what was trusted ("the system's
// certificate store" or the bundle).
QString describeTlsErrors(const QList<QSslError> &errors, const QString &host,
                          const QString &trustedBy);

} // namespace gr::aws
