#pragma once
// Turns an AwsRequest into the exact HTTP request that goes on the wire, signed. Kept apart
// from the pipeline so tests can compare it with what the official SDKs build.

#include "aws/awsclient.h"
#include "aws/sigv4.h"

#include <QDateTime>
#include <QUrl>

namespace gr::aws
{

struct Credentials;

struct SignedRequest {
    QUrl url;
    QList<Header> headers; // everything to send, Authorization included
    Signature signature;
};

SignedRequest signRequest(const AwsRequest &request, const QUrl &endpoint, const QString &region,
                          const QString &service, const Credentials &credentials,
                          const QDateTime &now, SigV4Signer &signer);

} // namespace gr::aws
