package io.kevents.storage.etcd;

import java.time.Duration;

/**
 * Tuning of an {@link EtcdStore}.
 *
 * @param maxOpsPerTxn       most writes grouped into one etcd transaction (etcd's {@code --max-txn-ops}, 128 by
 *                           default, limits the operations of each branch)
 * @param maxTxnBytes        most value bytes in one transaction, below etcd's {@code --max-request-bytes}
 *                           (1.5 MiB by default)
 * @param maxTxnsInFlight    transactions sent but not answered; beyond the first, only full groups are sent
 * @param leaseReuse         longest time one lease is reused for new writes, as the Kubernetes API server's
 *                           {@code --lease-reuse-duration-seconds} (60 s); also capped at 5% of the TTL
 * @param leaseMaxObjects    most writes attached to one lease before a new one is granted (Kubernetes: 1,000)
 * @param requestTimeout     how long one request to etcd may take before it fails as unavailable
 * @param linger             after a group is answered, how long to wait for its writers to come back before
 *                           sending a smaller group (see {@link TxnBatcher}); {@link Duration#ZERO} never waits
 */
public record EtcdOptions(int maxOpsPerTxn, int maxTxnBytes, int maxTxnsInFlight, Duration leaseReuse,
                          int leaseMaxObjects, Duration requestTimeout, Duration linger) {

    /** The defaults: etcd's limits and the Kubernetes API server's lease reuse. */
    public static final EtcdOptions DEFAULTS = new EtcdOptions(128, 1 << 20, 4, Duration.ofSeconds(60), 1000,
            Duration.ofSeconds(30), Duration.ofNanos(500_000));

    public EtcdOptions {
        if (maxOpsPerTxn < 1 || maxTxnBytes < 1 || maxTxnsInFlight < 1 || leaseMaxObjects < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (leaseReuse.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero() || linger.isNegative()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** These options with a different number of transactions in flight. */
    public EtcdOptions withMaxTxnsInFlight(int inFlight) {
        return new EtcdOptions(maxOpsPerTxn, maxTxnBytes, inFlight, leaseReuse, leaseMaxObjects, requestTimeout,
                linger);
    }

    /** These options with a different group size. */
    public EtcdOptions withMaxOpsPerTxn(int ops) {
        return new EtcdOptions(ops, maxTxnBytes, maxTxnsInFlight, leaseReuse, leaseMaxObjects, requestTimeout,
                linger);
    }

    /** These options with a different linger. */
    public EtcdOptions withLinger(Duration linger) {
        return new EtcdOptions(maxOpsPerTxn, maxTxnBytes, maxTxnsInFlight, leaseReuse, leaseMaxObjects,
                requestTimeout, linger);
    }
}
