package io.kevents.recorder.adapter;

import io.kevents.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which event API to use, and keeps finding out. client-go's adapter asks discovery once, when it is built,
 * and a single failed request pins it to core/v1 for the life of the process; this selector treats a failed probe
 * as "unknown", uses core/v1 meanwhile (every server has it), and asks again with growing back-off until it gets an
 * answer. A server without events.k8s.io/v1 is asked again every {@code recheckInterval}, in case it was upgraded.
 *
 * <p>{@link #current()} is a volatile read: recorders consult it on every call without waiting.
 */
public final class ApiSelector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSelector.class);

    private final EventsApiProbe probe;
    private final Clock clock;
    private final Duration initialRetry;
    private final Duration maxRetry;
    private final Duration recheckInterval;
    private final ExecutorService prober;
    private volatile EventsApi current = EventsApi.CORE_V1;
    private volatile boolean known;
    private Duration nextRetry;
    private Clock.Timer timer;
    private boolean closed;

    /**
     * @param initialRetry    first delay after a failed probe (doubling up to {@code maxRetry})
     * @param recheckInterval delay before asking a server without events.k8s.io/v1 again
     */
    public ApiSelector(EventsApiProbe probe, Clock clock, Duration initialRetry, Duration maxRetry,
                       Duration recheckInterval) {
        this.probe = probe;
        this.clock = clock;
        this.initialRetry = initialRetry;
        this.maxRetry = maxRetry;
        this.recheckInterval = recheckInterval;
        this.nextRetry = initialRetry;
        this.prober = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kevents-events-api-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Retries after 1 s doubling to 5 min; re-checks a server without events.k8s.io/v1 every 10 min. */
    public ApiSelector(EventsApiProbe probe, Clock clock) {
        this(probe, clock, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /** The API to write through now. */
    public EventsApi current() {
        return current;
    }

    /** Whether a probe has answered yet. */
    public boolean isKnown() {
        return known;
    }

    /** Probes on the calling thread (once, at start-up), then keeps probing in the background as needed. */
    public void probeNow() {
        EventsApi answer;
        try {
            answer = probe.servesEventsV1() ? EventsApi.EVENTS_V1 : EventsApi.CORE_V1;
        } catch (RuntimeException e) {
            Duration delay;
            synchronized (this) {
                delay = nextRetry;
                nextRetry = nextRetry.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : nextRetry.multipliedBy(2);
            }
            LOG.warn("Could not ask the API server whether it serves events.k8s.io/v1 ({}); writing core/v1 "
                    + "events meanwhile and asking again in {}", e.getMessage(), delay);
            scheduleProbe(delay);
            return;
        }
        if (answer != current || !known) {
            LOG.info("Writing events through {}", answer == EventsApi.EVENTS_V1 ? "events.k8s.io/v1" : "core/v1");
        }
        current = answer;
        known = true;
        synchronized (this) {
            nextRetry = initialRetry;
        }
        if (answer == EventsApi.CORE_V1) {
            scheduleProbe(recheckInterval);
        }
    }

    /** Called when events.k8s.io/v1 writes fail as if the API were gone: switch to core/v1 and ask again. */
    public void reportEventsV1Unavailable() {
        if (current == EventsApi.EVENTS_V1) {
            current = EventsApi.CORE_V1;
            scheduleProbe(initialRetry);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
        prober.shutdownNow();
    }

    private synchronized void scheduleProbe(Duration delay) {
        if (closed) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        // The timer only hands over: probing is network I/O and must not hold up the clock's other timers.
        timer = clock.schedule(delay, () -> {
            synchronized (ApiSelector.this) {
                if (!closed) {
                    prober.execute(this::probeNow);
                }
            }
        });
    }
}
