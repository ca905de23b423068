#pragma once
// The one error convention of Greenroom, from app/aws up to ui/.
//
// Anything that can fail returns an Expected<T>: either the value, or an AwsError that says
// what went wrong. There are no `QString *error` out-parameters, no bool-plus-out-parameter
// parsers and no empty-string-means-valid in a public API. The same AwsError travels from the
// wire (kind, HTTP status, the service's type and text, the request id) to the window, which
// shows plain words where the user acted and keeps the raw text and request id one click away
// (AwsError::toString()). Failures that never touched the network use the same carrier with a
// kind that says so (Invalid for a bad input, File for the disk, Configuration for settings),
// so a caller handles every failure one way.
//
//     aws::Expected<Credentials> c = parseOutput(json);
//     if (!c)
//         return c.error();          // pass it up, kind and request id intact
//     use(*c);
//
// Expected<void> is the shape of "it worked, or here is why not".

#include "aws/awserror.h"

#include <optional>
#include <utility>

namespace gr::aws
{

// An error of `kind` whose message is `message` (plain words: what is wrong, and where).
inline AwsError failure(AwsError::Kind kind, const QString &message)
{
    AwsError error;
    error.kind = kind;
    error.message = message;
    return error;
}

template <typename T> class [[nodiscard]] Expected
{
public:
    Expected(T value) : m_value(std::move(value)) {}
    // An error that is not an error (Kind::None) would read as a success with no value: a bug
    // of the caller, reported as a Decode error rather than undefined behaviour.
    Expected(AwsError error) : m_error(std::move(error))
    {
        if (!m_error.isError())
            m_error.kind = AwsError::Kind::Decode;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }

    // Kind::None when ok().
    const AwsError &error() const { return m_error; }
    // The error's message, empty when ok(): for places that show one line of text.
    QString message() const { return m_error.message; }

private:
    std::optional<T> m_value;
    AwsError m_error;
};

template <> class [[nodiscard]] Expected<void>
{
public:
    Expected() = default;
    // Kind::None is a success here: `return call.error();` passes a clean call through.
    Expected(AwsError error) : m_error(std::move(error)) {}
    // "Success" spelled out where a function returns early.
    static Expected success() { return {}; }

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    const AwsError &error() const { return m_error; }
    QString message() const { return m_error.message; }

private:
    AwsError m_error;
};

} // namespace gr::aws
