package io.kevents.storage.mvcc;

import io.kevents.storage.mvcc.OrderedKv.Cursor;
import io.kevents.storage.mvcc.OrderedKv.Space;
import io.kevents.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Deletes keys whose TTL ran out. It reads the expiry index (outside the writer), then asks the writer to delete
 * one chunk of due keys; only when that chunk is done does it look for the next. So at most one chunk of expiry
 * work is queued at any time, interleaved with callers' writes: a million keys falling due at once slows writers
 * down by one chunk per commit, never stalls them.
 *
 * <p>Time comes from the injected {@link Clock}, so tests drive expiry with a manual clock.
 */
final class TtlReaper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TtlReaper.class);

    private final OrderedKv kv;
    private final Clock clock;
    private final Executor maintenance;
    private final Consumer<WriteOp> writer;
    private final Duration interval;
    private final int chunk;

    private volatile boolean closed;
    private volatile Clock.Timer timer;
    /**
     * Where the next scan starts (maintenance thread only): after a full chunk, the expiry time reached, so
     * scans do not wade again through the tombstones of entries just deleted. Reset to 0 whenever a scan finds
     * nothing, so an entry that an earlier scan could have skipped is found on the next round.
     */
    private long scanFrom;

    TtlReaper(OrderedKv kv, Clock clock, Executor maintenance, Consumer<WriteOp> writer, Duration interval,
              int chunk) {
        this.kv = kv;
        this.clock = clock;
        this.maintenance = maintenance;
        this.writer = writer;
        this.interval = interval;
        this.chunk = chunk;
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        if (!closed) {
            timer = clock.schedule(interval, () -> runSoon());
        }
    }

    private void runSoon() {
        try {
            maintenance.execute(this::reapOnce);
        } catch (RuntimeException e) {
            // The store is closing and its maintenance thread is gone.
        }
    }

    private void reapOnce() {
        if (closed) {
            return;
        }
        List<WriteOp.ExpiryCandidate> due;
        try {
            due = findDue(clock.now().toEpochMilli());
        } catch (RuntimeException e) {
            log.warn("kevents storage: reading the expiry index failed; retrying in {}", interval, e);
            scheduleNext();
            return;
        }
        if (due.isEmpty()) {
            scanFrom = 0;
            scheduleNext();
            return;
        }
        scanFrom = due.get(due.size() - 1).expiresAtMillis();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        done.whenComplete((count, failure) -> {
            if (failure != null || due.size() < chunk) {
                scheduleNext();
            } else {
                runSoon();
            }
        });
        writer.accept(new WriteOp.Expire(due, done));
    }

    private List<WriteOp.ExpiryCandidate> findDue(long nowMillis) {
        List<WriteOp.ExpiryCandidate> due = new ArrayList<>();
        byte[] from = Codec.longBytes(scanFrom);
        byte[] to = Codec.longBytes(nowMillis + 1);
        try (Cursor c = kv.cursor(Space.EXPIRY, from, to)) {
            for (c.seek(from); c.valid() && due.size() < chunk; c.next()) {
                byte[] k = c.key();
                due.add(new WriteOp.ExpiryCandidate(Codec.expiryUserKey(k), Codec.expiryMillis(k)));
            }
        }
        return due;
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
