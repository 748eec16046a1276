/**
 * Hollow kubelets: {@link io.kevents.kubelet.HollowNodes} starts simulated nodes that register, heartbeat and run
 * bound pods without containers, emitting the kubelet's core/v1 events; {@link io.kevents.kubelet.SeedCluster}
 * describes the seed article's cluster.
 *
 * <p>Packages: {@code node} (registration, conditions, lease, node events), {@code pod} (pod workers),
 * {@code image} (catalogue, pull policies, serial puller, back-off), {@code volume} (configmap volumes),
 * {@code status} (pod status), {@code profile} (version-dependent texts, Go formatting), {@code event} (what the
 * kubelet records), {@code loop} (per-node timers and lock), {@code api} (asynchronous writes), {@code source}
 * (shared informers).
 */
package io.kevents.kubelet;
