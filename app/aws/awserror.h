#pragma once
// An AWS error as the user should see it, decoded from a reply as the SDKs do for restJson1;
// also the error of every Expected<T> (aws/expected.h), so all failures travel one way.

#include <QByteArray>
#include <QList>
#include <QString>

namespace gr::aws
{

struct AwsError {
    enum class Kind {
        None,
        Service, // the service answered with an error status
        Network, // no (complete) answer: refused, reset, TLS, truncated
        Timeout,
        Credentials, // no credentials could be had
        Decode,      // the answer did not have the expected shape
        Cancelled,
        Configuration, // settings, profiles, certificates: the user's setup is wrong
        Invalid,       // an input the user typed or a file they chose does not fit
        File,          // a file could not be read or written
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString type;      // e.g. ResourceNotFoundException
    QString message;   // exceptionMessage, message or Message; or a network description
    QString requestId; // x-amzn-RequestId

    bool isError() const { return kind != Kind::None; }
    // "ResourceNotFoundException: Stage not found (HTTP 404, request id ...)"
    QString toString() const;
};

using RawHeaders = QList<std::pair<QByteArray, QByteArray>>;

QByteArray headerValue(const RawHeaders &headers, QByteArrayView name);

// Header x-amzn-ErrorType, else body `code`, else `__type`; the part before ':' and after '#'.
// The message from exceptionMessage, message or Message.
AwsError decodeServiceError(int httpStatus, const RawHeaders &headers, const QByteArray &body);

} // namespace gr::aws
