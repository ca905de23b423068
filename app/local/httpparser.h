#pragma once
// The request side of HTTP/1.1 as greenroom-local speaks it: a pure function from the bytes
// received so far to a request head (or a refusal), so limits are decided before a body is
// read, and fuzz targets can call it without a socket.

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace gr::local
{

struct HttpLimits {
    int maxHeaderBytes = 32 * 1024; // request line and headers together
    int maxHeaderCount = 100;
    // Far above any legitimate IVS request (the largest, ImportPublicKey and TagResource, are a
    // few KiB) and CloudWatch's 1 MB PutMetricData limit.
    qint64 maxBodyBytes = 4 * 1024 * 1024;
};

struct HttpRequestHead {
    QByteArray method;
    QByteArray path;  // raw, percent-encoded as received
    QByteArray query; // raw, without '?'
    QList<std::pair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0;
    bool keepAlive = true;
    bool expectContinue = false;
};

struct HttpHeadParse {
    enum Status { Incomplete, Complete, Refused };
    Status status = Incomplete;
    int headBytes = 0; // with Complete: where the body starts
    HttpRequestHead head;
    // With Refused: the answer (400, 411, 413, 431, 501, 505) and why, in plain words.
    int refusal = 0;
    QString reason;
};

// Parses the head at the start of `received`. Incomplete while more bytes may complete it
// within the limits; Refused as soon as they are exceeded or the head is malformed.
HttpHeadParse parseRequestHead(QByteArrayView received, const HttpLimits &limits = {});

// The standard reason phrase of `status` ("Payload Too Large"); "Unknown" when not known.
QByteArray reasonPhrase(int status);

} // namespace gr::local
