package io.kevents.storage.rocksdb;

import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM writes with many threads and is killed with SIGKILL; every write it acknowledged must be there after
 * reopening. Real process, real files, real kill.
 */
class EmbeddedCrashTest {

    @TempDir
    Path dir;

    private record Ack(long revision, String value) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), "16")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Ack> acked = new HashMap<>();
        long maxRevision = 0;
        long killAfter = 3000 + new java.util.Random().nextInt(5000);
        int ackLines = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("READY");
            String line;
            while ((line = lines.readLine()) != null) {
                if (++ackLines == killAfter) {
                    // SIGKILL on Linux: no shutdown hooks, no flushing, nothing the store could do about it. (Through
                    // the handle: Process.destroyForcibly would also close the pipe we still read acks from.)
                    child.toHandle().destroyForcibly();
                }
                String[] parts = line.split(" ", 4);
                assertThat(parts[0]).isEqualTo("ACK");
                long revision = Long.parseLong(parts[2]);
                acked.merge(parts[1], new Ack(revision, parts[3]), (a, b) -> a.revision() >= b.revision() ? a : b);
                maxRevision = Math.max(maxRevision, revision);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        // The kill came in the middle of the writing, not after a failure of the child.
        assertThat(ackLines).isGreaterThanOrEqualTo((int) killAfter);
        assertThat(acked.size()).isGreaterThan(2000);

        try (KeyValueStore store = EmbeddedStore.open(dir, new ManualClock(),
                MvccOptions.DEFAULTS.withCompactionInterval(Duration.ZERO), new RocksOptions(32 << 20, 16 << 20))) {
            assertThat(store.currentRevision().get()).isGreaterThanOrEqualTo(maxRevision);
            for (Map.Entry<String, Ack> e : acked.entrySet()) {
                Optional<KeyValue> kv = store.get(e.getKey()).get(10, TimeUnit.SECONDS);
                assertThat(kv).as("acknowledged %s", e.getKey()).isPresent();
                if (e.getKey().startsWith("/registry/counters/")) {
                    // A later, unacknowledged update may also have made it; never an older one.
                    assertThat(kv.get().modRevision()).isGreaterThanOrEqualTo(e.getValue().revision());
                    assertThat(Long.parseLong(new String(kv.get().value(), StandardCharsets.UTF_8)))
                            .isGreaterThanOrEqualTo(Long.parseLong(e.getValue().value()));
                } else {
                    assertThat(kv.get().modRevision()).isEqualTo(e.getValue().revision());
                    assertThat(new String(kv.get().value(), StandardCharsets.UTF_8)).isEqualTo(e.getValue().value());
                }
            }
            // The attribute index came back with the data.
            List<KeyValue> thread3 = store.list("/registry/events/crash/",
                    ListOptions.withAttributes(Map.of("thread", "3"))).get(10, TimeUnit.SECONDS).items();
            long acked3 = acked.keySet().stream().filter(k -> k.startsWith("/registry/events/crash/t3-")).count();
            assertThat((long) thread3.size()).isGreaterThanOrEqualTo(acked3);
        }
    }
}
