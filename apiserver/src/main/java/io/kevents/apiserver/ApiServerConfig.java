package io.kevents.apiserver;

import io.kevents.time.Clock;
import java.time.Duration;

/**
 * How to run the server.
 *
 * @param host              address to listen on (loopback by default)
 * @param port              port, 0 for any free one
 * @param kubernetesVersion what {@code /version} reports, e.g. {@code 1.32.0} (kubectl's version dispatcher picks its
 *                          binary by the minor version)
 * @param minWatchTimeout   watches without {@code timeoutSeconds} end after a random time in [min, 2 × min]
 *                          (kube-apiserver: 30 min)
 * @param workerThreads     threads that run request handlers (storage calls block them, not the event loop)
 * @param watchBufferBytes  bytes of a watch accepted and not yet written to its socket, at most: a client
 *                          reading slower than its watch is written has its watch ended (it watches again from the
 *                          last resourceVersion it saw) instead of holding the server's memory
 * @param clock             time for timestamps, ages and watch timeouts
 */
public record ApiServerConfig(String host, int port, String kubernetesVersion, Duration minWatchTimeout,
                              int workerThreads, int watchBufferBytes, Clock clock) {

    /** Loopback, the given port, Kubernetes 1.32.0, 30-minute watches, 64 workers, 16 MiB per watch. */
    public static ApiServerConfig defaults(int port, Clock clock) {
        return new ApiServerConfig("127.0.0.1", port, "1.32.0", Duration.ofMinutes(30), 64, 16 * 1024 * 1024, clock);
    }

    /** These settings reporting another Kubernetes version. */
    public ApiServerConfig withKubernetesVersion(String version) {
        return new ApiServerConfig(host, port, version, minWatchTimeout, workerThreads, watchBufferBytes, clock);
    }

    /** These settings with another minimum watch duration. */
    public ApiServerConfig withMinWatchTimeout(Duration timeout) {
        return new ApiServerConfig(host, port, kubernetesVersion, timeout, workerThreads, watchBufferBytes, clock);
    }

    /** These settings with another limit on a watch's unwritten bytes. */
    public ApiServerConfig withWatchBufferBytes(int bytes) {
        return new ApiServerConfig(host, port, kubernetesVersion, minWatchTimeout, workerThreads, bytes, clock);
    }
}
