#pragma once
// ES384 signing at the speed greenroom-local needs: every CreateParticipantToken is one
// signature, and OpenSSL 3.0's constant-time P-384 ladder manages ~870-1,500 per second per core.
//
// Two things make it fast. The nonce point k*G uses a precomputed table of generator multiples
// (variable-time wNAF, ~5x faster than the ladder). And since everything but the last step of
// ECDSA is independent of the message, a worker thread keeps a pool of "presignatures"
// (k^-1 mod n, r): signing a token then costs one modular multiply-add on the caller's thread.
// Timing side channels do not matter here: the key only signs a local test service's tokens.

#include <condition_variable>
#include <mutex>
#include <QByteArray>
#include <thread>
#include <vector>

typedef struct bignum_st BIGNUM;

namespace gr::local
{

class Es384Signer
{
public:
    // `privateKey` is the P-384 private scalar; copied. The worker starts on the first sign();
    // a capacity of 0 means no worker: every signature is presigned inline.
    explicit Es384Signer(const BIGNUM *privateKey, int poolCapacity = 512);
    ~Es384Signer();
    Es384Signer(const Es384Signer &) = delete;
    Es384Signer &operator=(const Es384Signer &) = delete;

    // Raw JWS signature r||s (96 bytes) of SHA-384(data); empty on failure. Thread-safe.
    QByteArray sign(const QByteArray &data);

    // Presignatures ready now (tests and benchmarks).
    int pooled() const;

private:
    struct Presignature {
        unsigned char kInverse[48];
        unsigned char r[48];
    };
    static bool presign(Presignature *out);
    void refill();

    BIGNUM *m_privateKey;
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<Presignature> m_pool; // each one is used once, then erased
    bool m_stopping = false;
    std::thread m_worker;
};

} // namespace gr::local
