package io.kevents.recorder;

import io.kevents.recorder.broadcaster.Broadcaster;
import io.kevents.recorder.broadcaster.Watch;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.watcher.EventWatcher;
import io.kevents.recorder.watcher.LoggingWatcher;
import io.kevents.recorder.watcher.SinkWatcher;
import io.kevents.time.Clock;
import io.kevents.time.SystemClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * What both broadcasters share: the clock, the metrics, the fan-out to watchers, and the orderly close (stop
 * intake, let watchers drain into the sink watchers, then let those write within the deadline).
 */
final class Pipeline {

    private final String name;
    private final Clock clock;
    private final SystemClock ownedClock;
    private final RecorderMetrics metrics;
    private final Broadcaster broadcaster;
    private final PipelineSettings settings;
    private final List<SinkWatcher> sinkWatchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger watcherCount = new AtomicInteger();
    private volatile CloseReport closeReport;

    Pipeline(String name, String api, PipelineSettings settings) {
        this.name = name;
        this.settings = settings;
        if (settings.clock() == null) {
            this.ownedClock = new SystemClock(name + "-timers");
            this.clock = ownedClock;
        } else {
            this.ownedClock = null;
            this.clock = settings.clock();
        }
        this.metrics = new RecorderMetrics(api);
        if (settings.meterRegistry() != null) {
            metrics.bindTo(settings.meterRegistry());
        }
        this.broadcaster = new Broadcaster(settings.queueCapacity(), metrics);
    }

    Clock clock() {
        return clock;
    }

    RecorderMetrics metrics() {
        return metrics;
    }

    Broadcaster broadcaster() {
        return broadcaster;
    }

    PipelineSettings settings() {
        return settings;
    }

    /** A thread-name prefix unique within this pipeline. */
    String nextName(String role) {
        return name + "-" + role + "-" + watcherCount.incrementAndGet();
    }

    Watch startWatcher(String role, EventWatcher watcher) {
        return broadcaster.startWatcher(nextName(role), watcher);
    }

    Watch startLogging(Logger logger) {
        return startWatcher("logger", new LoggingWatcher(logger));
    }

    /** Starts {@code watcher}'s writers and feeds it recorded events; it is flushed and closed with the pipeline. */
    Watch startSinkWatcher(SinkWatcher watcher) {
        watcher.start();
        sinkWatchers.add(watcher);
        return startWatcher("sink", watcher);
    }

    /**
     * Waits until every event recorded before this call has been handled by every watcher and every write it
     * caused has been attempted (writes waiting for a retry back-off or a series timer excepted).
     */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!broadcaster.awaitHandled(timeout)) {
            return false;
        }
        for (SinkWatcher watcher : sinkWatchers) {
            if (!watcher.awaitSettled(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    synchronized CloseReport close(Duration timeout) {
        if (closeReport != null) {
            return closeReport;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long discarded = broadcaster.shutdown(timeout);
        List<UndeliveredEvent> undelivered = new ArrayList<>();
        for (SinkWatcher watcher : sinkWatchers) {
            undelivered.addAll(watcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        if (ownedClock != null) {
            ownedClock.close();
        }
        closeReport = new CloseReport(undelivered, discarded);
        return closeReport;
    }
}
