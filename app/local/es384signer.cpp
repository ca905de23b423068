// The precomputed-generator path only exists in OpenSSL's low-level EC API, deprecated in 3.0
// but still shipped; OpenSSL 3.0 offers no other way to a fast fixed-base multiplication.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "local/es384signer.h"

#include <chrono>
#include <memory>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>

namespace gr::local
{

namespace
{

struct BnCtxFree {
    void operator()(BN_CTX *ctx) const { BN_CTX_free(ctx); }
};
struct BnFree {
    void operator()(BIGNUM *bn) const { BN_clear_free(bn); }
};
struct PointFree {
    void operator()(EC_POINT *point) const { EC_POINT_free(point); }
};
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using PointPtr = std::unique_ptr<EC_POINT, PointFree>;

// P-384 with its table of generator multiples, built once (~2 ms) and only read afterwards.
const EC_GROUP *precomputedP384()
{
    static EC_GROUP *const group = [] {
        EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_secp384r1);
        BnCtxPtr ctx(BN_CTX_new());
        EC_GROUP_precompute_mult(g, ctx.get());
        return g;
    }();
    return group;
}

constexpr int kLowWater = 2; // refill when the pool falls to 1/kLowWater of its capacity

} // namespace

Es384Signer::Es384Signer(const BIGNUM *privateKey, int poolCapacity)
    : m_privateKey(BN_dup(privateKey)), m_capacity(poolCapacity)
{
}

Es384Signer::~Es384Signer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
    OPENSSL_cleanse(m_pool.data(), m_pool.size() * sizeof(Presignature));
    BN_clear_free(m_privateKey);
}

int Es384Signer::pooled() const
{
    std::lock_guard lock(m_mutex);
    return int(m_pool.size());
}

bool Es384Signer::presign(Presignature *out)
{
    const EC_GROUP *group = precomputedP384();
    const BIGNUM *order = EC_GROUP_get0_order(group);
    BnCtxPtr ctx(BN_CTX_new());
    BnPtr k(BN_new()), kInverse(BN_new()), r(BN_new()), zero(BN_new());
    PointPtr point(EC_POINT_new(group));
    BN_zero(zero.get());
    // EC_POINTs_mul with the generator as an extra point (scalar 0) takes the wNAF path, which
    // uses the group's precomputed table; EC_POINT_mul(k, NULL) would take the ladder.
    const EC_POINT *extraPoints[1] = {EC_GROUP_get0_generator(group)};
    const BIGNUM *extraScalars[1] = {zero.get()};
    for (int attempt = 0; attempt < 8; ++attempt) {
        if (!BN_priv_rand_range(k.get(), order) || BN_is_zero(k.get()))
            continue;
        if (!EC_POINTs_mul(group, point.get(), k.get(), 1, extraPoints, extraScalars, ctx.get()) ||
            !EC_POINT_get_affine_coordinates(group, point.get(), r.get(), nullptr, ctx.get()) ||
            !BN_nnmod(r.get(), r.get(), order, ctx.get()) || BN_is_zero(r.get()) ||
            !BN_mod_inverse(kInverse.get(), k.get(), order, ctx.get()))
            continue;
        BN_bn2binpad(kInverse.get(), out->kInverse, 48);
        BN_bn2binpad(r.get(), out->r, 48);
        return true;
    }
    return false;
}

void Es384Signer::refill()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait(lock,
                    [this] { return m_stopping || int(m_pool.size()) <= m_capacity / kLowWater; });
        while (!m_stopping && int(m_pool.size()) < m_capacity) {
            lock.unlock();
            Presignature next;
            const bool ok = presign(&next);
            lock.lock();
            if (!ok) {
                // Signing falls back to presigning inline, which reports the failure; retry
                // later rather than spin.
                m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
                break;
            }
            m_pool.push_back(next);
        }
    }
}

QByteArray Es384Signer::sign(const QByteArray &data)
{
    Presignature pre;
    bool fromPool = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_capacity > 0 && !m_worker.joinable() && !m_stopping)
            m_worker = std::thread([this] { refill(); });
        if (!m_pool.empty()) {
            pre = m_pool.back();
            OPENSSL_cleanse(&m_pool.back(), sizeof(Presignature));
            m_pool.pop_back();
            fromPool = true;
        }
        if (m_capacity > 0 && int(m_pool.size()) <= m_capacity / kLowWater)
            m_wake.notify_one();
    }
    if (!fromPool && !presign(&pre))
        return {};

    unsigned char digest[SHA384_DIGEST_LENGTH];
    SHA384(reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), digest);
    const BIGNUM *order = EC_GROUP_get0_order(precomputedP384());
    BnCtxPtr ctx(BN_CTX_new());
    // The order is 384 bits, as long as the digest: z is the whole digest.
    BnPtr z(BN_bin2bn(digest, sizeof digest, nullptr)), r(BN_bin2bn(pre.r, 48, nullptr)),
        kInverse(BN_bin2bn(pre.kInverse, 48, nullptr)), s(BN_new());
    OPENSSL_cleanse(&pre, sizeof pre);
    // s = k^-1 (z + r d) mod n; s == 0 has probability 2^-384, but is refused all the same.
    if (!BN_mod_mul(s.get(), r.get(), m_privateKey, order, ctx.get()) ||
        !BN_mod_add(s.get(), s.get(), z.get(), order, ctx.get()) ||
        !BN_mod_mul(s.get(), s.get(), kInverse.get(), order, ctx.get()) || BN_is_zero(s.get()))
        return {};
    QByteArray raw(96, Qt::Uninitialized);
    BN_bn2binpad(r.get(), reinterpret_cast<unsigned char *>(raw.data()), 48);
    BN_bn2binpad(s.get(), reinterpret_cast<unsigned char *>(raw.data()) + 48, 48);
    return raw;
}

} // namespace gr::local
