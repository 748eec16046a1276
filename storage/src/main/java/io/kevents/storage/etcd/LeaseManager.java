package io.kevents.storage.etcd;

import io.etcd.jetcd.Lease;
import io.kevents.time.Clock;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands out etcd leases for writes with a TTL, reusing one lease for many writes as the Kubernetes API server
 * does, so etcd holds one lease per minute of writes instead of one per event.
 *
 * <p>For a TTL {@code t} the reuse window is {@code r = min(5% of t, leaseReuse)}. A lease is granted for
 * {@code t + r} and reused while it still has between {@code t} and {@code t + r} to live and has fewer than
 * {@code leaseMaxObjects} writes attached, so every key expires between {@code t} and {@code t + r} after its last
 * write (for one hour: between 60 and 61 minutes). Concurrent writes that need a new lease share one grant.
 */
final class LeaseManager {

    private final Lease leases;
    private final Clock clock;
    private final Duration maxReuse;
    private final int maxObjects;
    /** One cached lease per TTL in seconds, since events and other resources may use different TTLs. */
    private final Map<Long, Cached> byTtl = new HashMap<>();

    LeaseManager(Lease leases, Clock clock, Duration maxReuse, int maxObjects) {
        this.leases = leases;
        this.clock = clock;
        this.maxReuse = maxReuse;
        this.maxObjects = maxObjects;
    }

    /** A lease id under which a key written now lives for about {@code ttl}. */
    synchronized CompletableFuture<Long> leaseFor(Duration ttl) {
        long ttlSeconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        long reuseNanos = Math.min(ttl.toNanos() / 20, maxReuse.toNanos());
        long now = clock.nanoTime();
        Cached cached = byTtl.get(ttlSeconds);
        long wantedExpiry = now + ttl.toNanos();
        if (cached != null && cached.attached < maxObjects && wantedExpiry < cached.expiresAtNanos
                && wantedExpiry + reuseNanos > cached.expiresAtNanos && !cached.lease.isCompletedExceptionally()) {
            cached.attached++;
            return cached.lease;
        }
        long grantSeconds = ttlSeconds + (reuseNanos + 999_999_999L) / 1_000_000_000L;
        CompletableFuture<Long> lease = leases.grant(grantSeconds).thenApply(r -> r.getID());
        // The expiry counts from the request, which is no later than etcd's grant: a safe under-estimate.
        byTtl.put(ttlSeconds, new Cached(lease, now + grantSeconds * 1_000_000_000L));
        return lease;
    }

    /** Forgets every cached lease, so the next write with a TTL gets a fresh one. */
    synchronized void forget() {
        byTtl.clear();
    }

    private static final class Cached {
        final CompletableFuture<Long> lease;
        final long expiresAtNanos;
        int attached = 1;

        Cached(CompletableFuture<Long> lease, long expiresAtNanos) {
            this.lease = lease;
            this.expiresAtNanos = expiresAtNanos;
        }
    }
}
