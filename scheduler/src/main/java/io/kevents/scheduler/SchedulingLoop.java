package io.kevents.scheduler;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.kevents.model.KubeTime;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.scheduler.binder.ApiResult;
import io.kevents.scheduler.binder.Binder;
import io.kevents.scheduler.binder.PodStatusWriter;
import io.kevents.scheduler.cache.SchedulerCache;
import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.NodeStatus;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.ScheduleResult;
import io.kevents.scheduler.framework.SchedulingAlgorithm;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.FailureMessages;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.scheduler.queue.QueuedPodInfo;
import io.kevents.scheduler.queue.SchedulingQueue;
import io.kevents.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scheduling cycle per popped pod (Kubernetes' {@code scheduleOne}): choose a node on a snapshot of the cache,
 * assume the pod there, and bind it asynchronously; or, when nothing fits, record {@code FailedScheduling}, write
 * the {@code PodScheduled=False} condition and park the pod in the queue.
 *
 * <p>{@link #scheduleOne} runs on the single scheduling thread; binding results arrive on {@code callbacks}.
 */
public final class SchedulingLoop {

    /** The pod condition reason for a pod no node fits. */
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    /** The pod condition reason for other failures (binding, internal errors). */
    public static final String REASON_SCHEDULER_ERROR = "SchedulerError";
    static final String FAILED_SCHEDULING = "FailedScheduling";
    static final String SCHEDULED = "Scheduled";

    private enum Failure { REJECTION, ALGORITHM_ERROR, BIND_ERROR }

    private final VersionProfile profile;
    private final FailureMessages messages;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final SchedulingAlgorithm algorithm;
    private final Binder binder;
    private final PodStatusWriter statusWriter;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Executor callbacks;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong unschedulable = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong pendingBinds = new AtomicLong();

    /**
     * @param profile      the version whose texts and queueing rules apply
     * @param queue        where pods come from and go back to
     * @param cache        the cluster, where chosen pods are assumed
     * @param algorithm    filters and scores
     * @param binder       POSTs bindings
     * @param statusWriter writes the PodScheduled condition
     * @param recorder     records FailedScheduling and Scheduled
     * @param clock        time for condition timestamps
     * @param callbacks    where binding results are handled (not the HTTP client's I/O threads)
     */
    public SchedulingLoop(VersionProfile profile, SchedulingQueue queue, SchedulerCache cache,
                          SchedulingAlgorithm algorithm, Binder binder, PodStatusWriter statusWriter,
                          EventRecorder recorder, Clock clock, Executor callbacks) {
        this.profile = profile;
        this.messages = profile.failureMessages();
        this.queue = queue;
        this.cache = cache;
        this.algorithm = algorithm;
        this.binder = binder;
        this.statusWriter = statusWriter;
        this.recorder = recorder;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    /** Schedules one popped pod. */
    public void scheduleOne(QueuedPodInfo queued) {
        PodInfo pod = queued.pod();
        attempts.incrementAndGet();
        if (pod.isDeleting()) {
            recorder.eventf(pod.pod(), null, EventType.WARNING, FAILED_SCHEDULING, "Scheduling",
                    profile.texts().skipDeleting(pod.namespace(), pod.name()));
            queue.done(pod.key());
            return;
        }
        if (cache.isAssumed(pod.key())) {
            // A newer copy of a pod we already placed: its binding is under way.
            queue.done(pod.key());
            return;
        }
        ScheduleResult result = algorithm.schedule(pod, cache.snapshot());
        if (result instanceof ScheduleResult.Feasible feasible) {
            assumeAndBind(queued, feasible.nodeName());
        } else if (result instanceof ScheduleResult.Unfit unfit) {
            List<Status> statuses = unfit.diagnosis().nodeStatuses().stream().map(NodeStatus::status).toList();
            String message = messages.fitError(unfit.diagnosis().numAllNodes(), statuses,
                    unfit.diagnosis().postFilterMessage());
            fail(queued, message, Failure.REJECTION, unfit.diagnosis().unschedulablePlugins());
        } else if (result instanceof ScheduleResult.NoNodes) {
            fail(queued, profile.texts().noNodes(), Failure.REJECTION, Set.of());
        } else if (result instanceof ScheduleResult.Failed failed) {
            fail(queued, failed.status().message(), Failure.ALGORITHM_ERROR, Set.of());
        }
    }

    private void assumeAndBind(QueuedPodInfo queued, String nodeName) {
        PodInfo assumed = queued.pod().withNodeName(nodeName);
        if (!cache.assume(assumed)) {
            queue.done(assumed.key());
            return;
        }
        pendingBinds.incrementAndGet();
        binder.bind(assumed, nodeName).whenCompleteAsync((result, unexpected) -> {
            try {
                ApiResult outcome = result != null ? result
                        : new ApiResult.Failed(0, String.valueOf(unexpected));
                finishBinding(queued, assumed, nodeName, outcome);
            } finally {
                pendingBinds.decrementAndGet();
            }
        }, callbacks);
    }

    private void finishBinding(QueuedPodInfo queued, PodInfo assumed, String nodeName, ApiResult outcome) {
        if (outcome instanceof ApiResult.Failed failed) {
            cache.forget(assumed.key());
            // The room the pod was holding is free again.
            queue.onClusterEvent(ClusterEvent.assignedPodDeleted(assumed));
            fail(queued, profile.texts().bindFailed(failed.message()), Failure.BIND_ERROR, Set.of());
            return;
        }
        scheduled.incrementAndGet();
        recorder.eventf(assumed.pod(), null, EventType.NORMAL, SCHEDULED, "Binding",
                "Successfully assigned %s/%s to %s", assumed.namespace(), assumed.name(), nodeName);
        queue.done(assumed.key());
    }

    private void fail(QueuedPodInfo queued, String message, Failure failure, Set<String> rejectors) {
        PodInfo pod = queued.pod();
        boolean rejection = failure == Failure.REJECTION;
        if (rejection) {
            unschedulable.incrementAndGet();
        } else {
            errors.incrementAndGet();
        }
        if (rejection || profile.errorsAreUnschedulable()) {
            queue.addUnschedulable(queued, rejectors);
        } else {
            queue.addBackoff(queued);
        }
        recorder.eventf(pod.pod(), null, EventType.WARNING, FAILED_SCHEDULING, "Scheduling",
                messages.eventNote(message));
        String reason = rejection || failure == Failure.ALGORITHM_ERROR && profile.errorsAreUnschedulable()
                ? REASON_UNSCHEDULABLE : REASON_SCHEDULER_ERROR;
        writeCondition(pod, reason, message);
    }

    /** Writes PodScheduled=False unless the pod already carries exactly this condition. */
    private void writeCondition(PodInfo pod, String reason, String message) {
        PodCondition existing = podScheduledCondition(pod);
        Instant transition = clock.now();
        if (existing != null && "False".equals(existing.getStatus())) {
            if (reason.equals(existing.getReason()) && message.equals(existing.getMessage())) {
                return;
            }
            transition = parseOr(existing.getLastTransitionTime(), transition);
        }
        // The answer needs no handling: a deleted pod needs no condition, and the next attempt writes again.
        statusWriter.setUnschedulable(pod, reason, message, transition);
    }

    private static Instant parseOr(String time, Instant fallback) {
        if (time == null) {
            return fallback;
        }
        try {
            return KubeTime.parse(time);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    private static PodCondition podScheduledCondition(PodInfo pod) {
        var status = pod.pod().getStatus();
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (PodCondition condition : status.getConditions()) {
            if ("PodScheduled".equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }

    /** Counters since start. */
    public SchedulerStats stats() {
        return new SchedulerStats(attempts.get(), scheduled.get(), unschedulable.get(), errors.get());
    }

    /** Bindings sent and not yet answered. */
    public long pendingBinds() {
        return pendingBinds.get();
    }
}
