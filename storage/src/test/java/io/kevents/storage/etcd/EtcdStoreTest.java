package io.kevents.storage.etcd;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.WriteResult;
import io.kevents.storage.testing.EtcdCluster;
import io.kevents.storage.testing.EtcdProcess;
import io.kevents.time.SystemClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** etcd-specific behaviour: the Kubernetes key layout, lease reuse, grouping, and losing a cluster member. */
class EtcdStoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreStoredAsKubernetesLaysThemOutAndWritesWithATtlShareLeases() {
        try (EtcdProcess etcd = EtcdProcess.start();
             SystemClock clock = new SystemClock("etcd-store-test");
             EtcdStore store = EtcdStore.connect(List.of(etcd.clientUrl()), clock)) {
            List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                writes.add(store.create("/registry/events/default/nginx." + i, bytes("{\"kind\":\"Event\"}"),
                        Attributes.NONE, Duration.ofHours(1)));
            }
            writes.add(store.create("/registry/pods/default/nginx", bytes("{\"kind\":\"Pod\"}"), Attributes.NONE,
                    Duration.ZERO));
            Set<Long> revisions = new HashSet<>();
            for (CompletableFuture<WriteResult> w : writes) {
                revisions.add(((WriteResult.Written) join(w)).kv().modRevision());
            }
            // Concurrent writes went out in a few transactions, not 301.
            assertThat(revisions.size()).isLessThan(100);

            String keys = etcd.etcdctl("get", "--prefix", "/registry/events/default/", "--keys-only");
            assertThat(keys.lines().filter(l -> !l.isBlank()).count()).isEqualTo(300);
            assertThat(keys).contains("/registry/events/default/nginx.0", "/registry/events/default/nginx.299");
            assertThat(etcd.etcdctl("get", "/registry/pods/default/nginx", "--print-value-only").trim())
                    .isEqualTo("{\"kind\":\"Pod\"}");

            // One lease for all 300 events (the API server's lease manager: up to 1,000 per lease).
            String leases = etcd.etcdctl("lease", "list");
            assertThat(leases).startsWith("found 1 leases");
            String leaseId = leases.lines().skip(1).findFirst().orElseThrow().trim();
            String ttl = etcd.etcdctl("lease", "timetolive", leaseId, "--keys");
            assertThat(ttl).contains("attached keys").contains("/registry/events/default/nginx.7");
        }
    }

    @Test
    void aThreeMemberClusterKeepsServingWhenOneMemberStops() {
        try (EtcdCluster cluster = EtcdCluster.start(3);
             SystemClock clock = new SystemClock("etcd-cluster-test");
             KeyValueStore store = EtcdStore.connect(cluster.clientUrls(), clock)) {
            List<KeyValue> before = writeEvents(store, "before", 50);
            cluster.stopMember(1);
            assertThat(cluster.member(1).isAlive()).isFalse();
            List<KeyValue> during = writeEvents(store, "during", 200);
            cluster.restartMember(1);
            List<KeyValue> after = writeEvents(store, "after", 50);

            assertThat(during.get(0).modRevision()).isGreaterThan(before.get(before.size() - 1).modRevision());
            assertThat(after.get(0).modRevision()).isGreaterThan(during.get(during.size() - 1).modRevision());
            assertThat(join(store.list("/registry/events/ha/", ListOptions.ALL)).items()).hasSize(300);
            // The restarted member caught up with what was written while it was down (read locally, serializable).
            await().atMost(PATIENCE).until(() -> cluster.member(1).etcdctl("get", "--prefix",
                    "/registry/events/ha/during-", "--keys-only", "--consistency=s").lines()
                    .filter(l -> !l.isBlank()).count() == 200);
        }
    }

    private static List<KeyValue> writeEvents(KeyValueStore store, String tag, int count) {
        List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writes.add(store.create("/registry/events/ha/" + tag + "-" + String.format("%04d", i), bytes(tag),
                    Attributes.NONE, Duration.ofHours(1)));
        }
        List<KeyValue> written = new ArrayList<>();
        for (CompletableFuture<WriteResult> w : writes) {
            written.add(((WriteResult.Written) join(w)).kv());
        }
        written.sort((a, b) -> Long.compare(a.modRevision(), b.modRevision()));
        return written;
    }
}
