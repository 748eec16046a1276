package io.kevents.storage.mvcc;

import io.kevents.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Discards history. A compaction first moves the compaction revision (one tiny write), then this class feeds the
 * writer one chunk of discarding at a time, so, like expiry, it rides along with callers' writes.
 *
 * <p>With a non-zero interval it also compacts on its own, as the Kubernetes API server does for etcd: every
 * interval it compacts up to the revision it saw one interval earlier, so clients always have at least one
 * interval to read list pages and resume watches.
 */
final class Compactor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final Clock clock;
    private final Executor maintenance;
    private final Consumer<WriteOp> writer;
    private final Revisions revisions;
    private final Duration interval;
    private final int chunk;
    private final AtomicBoolean discarding = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private volatile boolean closed;
    private volatile Clock.Timer timer;
    /** The visible revision at the previous tick: the next automatic compaction target. */
    private long seenAtLastTick;

    Compactor(Clock clock, Executor maintenance, Consumer<WriteOp> writer, Revisions revisions, Duration interval,
              int chunk) {
        this.clock = clock;
        this.maintenance = maintenance;
        this.writer = writer;
        this.revisions = revisions;
        this.interval = interval;
        this.chunk = chunk;
    }

    /** Starts automatic compaction (if configured) and finishes a compaction interrupted by a restart. */
    void start() {
        seenAtLastTick = revisions.visible();
        if (!interval.isZero()) {
            timer = clock.schedule(interval, this::tick);
        }
        discardHistory();
    }

    private void tick() {
        if (closed) {
            return;
        }
        long target = seenAtLastTick;
        seenAtLastTick = revisions.visible();
        if (target > revisions.compacted()) {
            compact(target).whenComplete((v, failure) -> {
                if (failure != null) {
                    log.warn("kevents storage: automatic compaction to {} failed", target, failure);
                }
            });
        }
        if (!closed) {
            timer = clock.schedule(interval, this::tick);
        }
    }

    /** Compacts up to {@code revision}; completes once the compaction revision moved (history goes soon after). */
    CompletableFuture<Void> compact(long revision) {
        CompletableFuture<Void> moved = new CompletableFuture<>();
        writer.accept(new WriteOp.Compact(revision, moved));
        return moved.thenRun(this::discardHistory);
    }

    /** Feeds chunks of discarding to the writer until the history up to the compaction revision is gone. */
    private void discardHistory() {
        again.set(true);
        if (!closed && discarding.compareAndSet(false, true)) {
            again.set(false);
            nextChunk();
        }
    }

    private void nextChunk() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        done.whenComplete((more, failure) -> {
            if (failure == null && more && !closed) {
                execute(this::nextChunk);
                return;
            }
            if (failure != null && !closed) {
                log.warn("kevents storage: discarding compacted history failed; will retry with the next compaction",
                        failure);
            }
            discarding.set(false);
            if (again.get() && failure == null) {
                discardHistory();
            }
        });
        writer.accept(new WriteOp.CompactChunk(chunk, done));
    }

    private void execute(Runnable task) {
        try {
            maintenance.execute(task);
        } catch (RuntimeException e) {
            discarding.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        Clock.Timer t = timer;
        if (t != null) {
            t.cancel();
        }
    }
}
