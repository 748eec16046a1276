package io.kevents.scheduler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.Fabric8EventSink;
import io.kevents.recorder.sink.PatchFormat;
import io.kevents.scheduler.binder.Binder;
import io.kevents.scheduler.binder.Fabric8Binder;
import io.kevents.scheduler.binder.Fabric8PodStatusWriter;
import io.kevents.scheduler.binder.PodStatusWriter;
import io.kevents.scheduler.cache.SchedulerCache;
import io.kevents.scheduler.framework.Framework;
import io.kevents.scheduler.framework.SchedulingAlgorithm;
import io.kevents.scheduler.plugins.DefaultPlugins;
import io.kevents.scheduler.queue.QueueingPolicy;
import io.kevents.scheduler.queue.QueuedPodInfo;
import io.kevents.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kube-scheduler for the kevents API server (or any Kubernetes API server): it watches pods and nodes, schedules
 * every pending pod that names this scheduler (or none), binds it through {@code pods/binding}, and reports through
 * events.k8s.io/v1 events ({@code FailedScheduling}, {@code Scheduled}) in the chosen Kubernetes version's words.
 * <pre>{@code
 * SchedulerConfig config = SchedulerConfig.defaults(VersionProfile.forVersion("1.20"), clock);
 * try (Scheduler scheduler = Scheduler.create(client, config)) {
 *     scheduler.start();   // returns once pods and nodes are listed; scheduling runs on its own thread
 *     ...
 * }
 * }</pre>
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final SchedulerConfig config;
    private final ClusterSource source;
    private final ClusterEventHandlers handlers;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final SchedulingLoop loop;
    private final EventBroadcaster ownedBroadcaster;
    private final ExecutorService callbacks;
    private final Thread thread;
    private volatile boolean started;
    private volatile boolean closed;

    private Scheduler(SchedulerConfig config, ClusterSource source, Binder binder, PodStatusWriter statusWriter,
                      EventRecorder recorder, EventBroadcaster ownedBroadcaster) {
        this.config = config;
        this.source = source;
        this.ownedBroadcaster = ownedBroadcaster;
        Framework framework = DefaultPlugins.framework(config.profile());
        this.cache = new SchedulerCache();
        this.queue = new SchedulingQueue(config.clock(), config.backoff(), config.profile().maxUnschedulableAge(),
                QueueingPolicy.of(config.profile().queueing(), framework));
        this.handlers = new ClusterEventHandlers(config.schedulerName(), cache, queue);
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(framework,
                DefaultPlugins.postFilter(config.profile(), framework), config.percentageOfNodesToScore(),
                config.random());
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> {
            Thread callbackThread = new Thread(runnable, "kevents-scheduler-binding");
            callbackThread.setDaemon(true);
            return callbackThread;
        });
        this.loop = new SchedulingLoop(config.profile(), queue, cache, algorithm, binder, statusWriter, recorder,
                config.clock(), callbacks);
        this.thread = new Thread(this::run, "kevents-scheduler");
        this.thread.setDaemon(true);
    }

    /**
     * A scheduler on {@code client} (which the caller keeps and closes after the scheduler): informers on pods and
     * nodes, bindings and status writes over HTTP, and its own events.k8s.io/v1 broadcaster writing through
     * {@link Fabric8EventSink}, recording as {@code <schedulerName>} with instance {@code <schedulerName>-<host>}.
     */
    public static Scheduler create(KubernetesClient client, SchedulerConfig config) {
        EventBroadcaster broadcaster = EventBroadcaster.create(PipelineSettings.defaults().withClock(config.clock()),
                SeriesOptions.defaults());
        broadcaster.startRecordingToSink(new Fabric8EventSink(client, PatchFormat.STRATEGIC_MERGE));
        EventRecorder recorder = broadcaster.newRecorder(config.schedulerName());
        return new Scheduler(config, new Fabric8ClusterSource(client),
                new Fabric8Binder(client, config.maxInFlightWrites()),
                new Fabric8PodStatusWriter(client, config.maxInFlightWrites()), recorder, broadcaster);
    }

    /**
     * A scheduler on explicit parts: tests feed the cluster, catch bindings and read events without an API server.
     * The recorder's broadcaster stays the caller's.
     */
    public static Scheduler create(SchedulerConfig config, ClusterSource source, Binder binder,
                                   PodStatusWriter statusWriter, EventRecorder recorder) {
        return new Scheduler(config, source, binder, statusWriter, recorder, null);
    }

    /**
     * Lists and starts watching pods and nodes, then starts scheduling on its own thread.
     *
     * @throws IllegalStateException if the cluster cannot be listed within the configured timeout
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        source.start(handlers, config.cacheSyncTimeout());
        queue.start();
        thread.start();
        started = true;
        LOG.info("scheduler {} started, imitating Kubernetes {}", config.schedulerName(), config.profile().version());
    }

    private void run() {
        while (!closed) {
            Optional<QueuedPodInfo> next;
            try {
                next = queue.pop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            try {
                loop.scheduleOne(next.get());
            } catch (RuntimeException e) {
                // The edge of the scheduling thread: a bug must not stop scheduling of other pods.
                LOG.error("scheduling {} failed", next.get().key(), e);
                queue.addBackoff(next.get());
            }
        }
    }

    /** Counters since start. */
    public SchedulerStats stats() {
        return loop.stats();
    }

    /** The configuration. */
    public SchedulerConfig config() {
        return config;
    }

    /**
     * Stops scheduling and watching, waits (up to 10 s) for bindings in flight, and, when this scheduler owns its
     * event broadcaster, flushes the events.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.close();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (loop.pendingBinds() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedBroadcaster != null) {
            ownedBroadcaster.close(CLOSE_TIMEOUT);
        }
    }
}
