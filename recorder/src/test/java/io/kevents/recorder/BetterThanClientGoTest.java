package io.kevents.recorder;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.recorder.sink.SinkException;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Each test here pins down one way kevents' recorder improves on client-go (reference: client-go-events.md,
 * "Opportunities"), and would fail against a pipeline that behaved like client-go.
 */
class BetterThanClientGoTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2021-09-15T11:13:20Z"));
    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final Pod pod = pod("default", "nginx-pod-test");

    @Test
    void aSlowSinkGetsOneWritePerEventObjectCarryingTheLatestState() throws Exception {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.defaults())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            sink.hold();
            for (int i = 0; i < 50; i++) {
                recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "no fit");
            }
            awaitHandled(broadcaster);
            sink.release();
            assertThat(broadcaster.flush(Duration.ofSeconds(10))).isTrue();
            // At most one write was in flight when the sink stalled; every later occurrence asked for a write (the
            // 2nd occurrence, each doubling) but they waited as one, which carries the latest count.
            assertThat(sink.calls()).hasSizeLessThanOrEqualTo(2);
            assertThat(sink.calls().get(sink.calls().size() - 1).count()).isEqualTo(50);
            assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(50);
            assertThat(broadcaster.metrics().snapshot().coalesced()).isPositive();
        }
    }

    @Test
    void legacyRepeatsWaitingForASlowSinkAreCoalescedToo() {
        try (LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create(settings(clock),
                CorrelatorOptions.defaults())) {
            broadcaster.startRecordingToSink(sink);
            LegacyEventRecorder kubelet = broadcaster.newRecorder(new EventSource("kubelet", "node-1"));
            kubelet.event(pod, EventType.NORMAL, "Pulling", "Pulling image \"nginx\"");
            assertThat(broadcaster.flush(Duration.ofSeconds(10))).isTrue();
            sink.hold();
            for (int i = 0; i < 10; i++) {
                kubelet.event(pod, EventType.NORMAL, "Pulling", "Pulling image \"nginx\"");
            }
            awaitHandled(broadcaster);
            sink.release();
            assertThat(broadcaster.flush(Duration.ofSeconds(10))).isTrue();
            // client-go sends one patch per occurrence (10); here at most the one in flight plus one more.
            assertThat(sink.briefCalls()).hasSizeBetween(2, 3);
            assertThat(sink.calls().get(sink.calls().size() - 1).count()).isEqualTo(11);
        }
    }

    @Test
    void closeFlushesPendingWritesAndFinalSeriesCounts() {
        EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo());
        broadcaster.startRecordingToSink(sink);
        EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
        for (int i = 0; i < 7; i++) {
            recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "no fit");
            broadcaster.flush(Duration.ofSeconds(10));
        }
        // client-go would write count 2 and lose the other 5 occurrences at shutdown.
        assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(2);
        CloseReport report = broadcaster.close(Duration.ofSeconds(10));
        assertThat(report.isComplete()).isTrue();
        assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(7);
    }

    @Test
    void closeReturnsWhatItCouldNotDeliver() {
        EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo());
        broadcaster.startRecordingToSink(sink);
        EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
        sink.failWhere(call -> true, SinkException.status(503, "ServiceUnavailable", "etcd is down"));
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "no fit for %s", "nginx");
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "no fit for %s", "nginx");
        broadcaster.flush(Duration.ofSeconds(10));

        CloseReport report = broadcaster.close(Duration.ofMillis(500));

        assertThat(report.isComplete()).isFalse();
        assertThat(report.undelivered()).singleElement().satisfies(lost -> {
            assertThat(lost.reason()).isEqualTo("FailedScheduling");
            assertThat(lost.object()).isEqualTo("Pod/nginx-pod-test");
            assertThat(lost.count()).isEqualTo(2);
            assertThat(lost.note()).isEqualTo("no fit for nginx");
        });
        assertThat(broadcaster.metrics().snapshot().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void closeReportsAWriteCutShortByTheDeadline() {
        EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo());
        broadcaster.startRecordingToSink(sink);
        EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
        sink.hold();
        recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding", "assigned %s to node-1", "nginx");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.heldWrites() == 1);

        CloseReport report = broadcaster.close(Duration.ofMillis(300));

        assertThat(report.undelivered()).singleElement().satisfies(lost -> {
            assertThat(lost.reason()).isEqualTo("Scheduled");
            assertThat(lost.why()).startsWith("not written before the close deadline");
        });
        assertThat(sink.events()).isEmpty();
        sink.release();
    }

    @Test
    void retriesServerOverloadWithBackoffAndHonoursRetryAfter() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            sink.failNext(1, new SinkException(429, "TooManyRequests", Duration.ofSeconds(7), "slow down", null));
            sink.failNext(1, SinkException.status(503, "ServiceUnavailable", "unavailable"));
            recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding", "assigned");
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(sink.calls()).hasSize(1);

            // Retry-After: 7 s, not sooner.
            clock.advance(Duration.ofMillis(6_999));
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(sink.calls()).hasSize(1);
            clock.advance(Duration.ofMillis(1));
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(sink.calls()).hasSize(2);

            // Second failure (503): exponential back-off, the second retry capped at 2 s (jitter pinned to max).
            clock.advance(Duration.ofMillis(2_000));
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(sink.briefCalls()).hasSize(3);
            assertThat(sink.calls().get(2).failed()).isFalse();
            RecorderMetrics.Snapshot metrics = broadcaster.metrics().snapshot();
            assertThat(metrics.retries()).isEqualTo(2);
            assertThat(metrics.creates()).isEqualTo(1);
        }
    }

    @Test
    void transportFailuresAreRetried() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            sink.failNext(3, SinkException.transport("connection refused", new java.net.ConnectException()));
            recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding", "assigned");
            for (int i = 0; i < 4; i++) {
                broadcaster.flush(Duration.ofSeconds(10));
                clock.advance(Duration.ofSeconds(10));
            }
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(sink.eventsV1()).hasSize(1);
            assertThat(broadcaster.metrics().snapshot().retries()).isEqualTo(3);
        }
    }

    @Test
    void rejectionsAreNotRetriedAndAreCounted() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            for (int status : new int[] {400, 403, 422}) {
                sink.failNext(1, SinkException.status(status, "Rejected", "no"));
                recorder.eventf(pod, null, EventType.NORMAL, "Reason" + status, "Act", "x");
                broadcaster.flush(Duration.ofSeconds(10));
                clock.advance(Duration.ofMinutes(1));
                broadcaster.flush(Duration.ofSeconds(10));
            }
            assertThat(sink.calls()).hasSize(3).allSatisfy(call -> assertThat(call.failed()).isTrue());
            RecorderMetrics.Snapshot metrics = broadcaster.metrics().snapshot();
            assertThat(metrics.retries()).isZero();
            assertThat(metrics.dropped(DropReason.REJECTED)).isEqualTo(3);
        }
    }

    @Test
    void aFailingEventDoesNotHoldUpOthers() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            sink.failWhere(call -> call.reason().equals("Poison"),
                    SinkException.status(500, "InternalError", "boom"));
            recorder.eventf(pod, null, EventType.WARNING, "Poison", "Act", "fails");
            for (int i = 0; i < 20; i++) {
                recorder.eventf(pod("default", "pod-" + i), null, EventType.NORMAL, "Fine", "Act", "works");
            }
            broadcaster.flush(Duration.ofSeconds(10));
            // In client-go's legacy pipeline every later event waits behind the failing one's ~2 minutes of retries.
            assertThat(sink.eventsV1()).hasSize(20);
        }
    }

    @Test
    void invalidEventsAreRefusedAtOnceAndCounted() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            assertThat(recorder.eventf(pod, null, "Error", "Failed", "Act", "x")).isEqualTo(RecordOutcome.INVALID);
            assertThat(recorder.eventf(pod, null, EventType.NORMAL, "", "Act", "x")).isEqualTo(RecordOutcome.INVALID);
            assertThat(recorder.eventf(pod, null, EventType.NORMAL, "R".repeat(129), "Act", "x"))
                    .isEqualTo(RecordOutcome.INVALID);
            assertThat(recorder.eventf(pod, null, EventType.NORMAL, "Reason", "", "x"))
                    .isEqualTo(RecordOutcome.INVALID);
            assertThat(recorder.eventf(new Pod(), null, EventType.NORMAL, "Reason", "Act", "x"))
                    .isEqualTo(RecordOutcome.INVALID);
            assertThat(recorder.eventf(pod, null, EventType.NORMAL, "R".repeat(128), "Act", "x"))
                    .isEqualTo(RecordOutcome.ACCEPTED);
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(broadcaster.metrics().snapshot().dropped(DropReason.INVALID)).isEqualTo(5);
            assertThat(sink.eventsV1()).hasSize(1);
        }
    }

    @Test
    void longNotesAreCutToWhatTheServerAcceptsInsteadOfBeingRejected() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            String message = "0/5000 nodes are available: " + "1 node(s) had untolerated taint 😀, ".repeat(60);
            recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", message);
            broadcaster.flush(Duration.ofSeconds(10));
            String note = sink.eventsV1().get(0).getNote();
            assertThat(note.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(note).endsWith(" ...");
            assertThat(message).startsWith(note.substring(0, note.length() - 4));
            assertThat(broadcaster.metrics().snapshot().truncated()).isEqualTo(1);
        }
    }

    @Test
    void recordingNeverBlocksEvenWhenEveryWatcherIsStuck() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock).withQueueCapacity(16),
                SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(sink);
            broadcaster.startEventWatcher(event -> {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sink.hold();
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            // A hang here fails the test; nothing about speed is asserted.
            RecordOutcome last = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                RecordOutcome outcome = null;
                for (int i = 0; i < 100_000; i++) {
                    outcome = recorder.eventf(pod("default", "p" + (i % 100)), null, EventType.NORMAL, "R", "A",
                            "n");
                }
                return outcome;
            });
            assertThat(last).isEqualTo(RecordOutcome.DROPPED_QUEUE_FULL);
            assertThat(broadcaster.metrics().snapshot().dropped(DropReason.QUEUE_FULL)).isPositive();
            unblock.countDown();
            sink.release();
        }
    }

    @Test
    void recordingAfterCloseIsRefusedWithoutAnException() {
        EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo());
        broadcaster.startRecordingToSink(sink);
        EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
        broadcaster.close(Duration.ofSeconds(1));
        assertThat(recorder.eventf(pod, null, EventType.NORMAL, "R", "A", "n"))
                .isEqualTo(RecordOutcome.DROPPED_SHUTDOWN);
        assertThat(broadcaster.metrics().snapshot().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void aFailingWatcherKeepsReceivingEvents() {
        try (EventBroadcaster broadcaster = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo())) {
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            broadcaster.startEventWatcher(event -> {
                seen.add(event.reason());
                if (event.reason().equals("Bad")) {
                    throw new IllegalStateException("watcher bug");
                }
            });
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s-1");
            recorder.eventf(pod, null, EventType.NORMAL, "Bad", "A", "n");
            broadcaster.flush(Duration.ofSeconds(10));
            recorder.eventf(pod, null, EventType.NORMAL, "Good", "A", "n");
            broadcaster.flush(Duration.ofSeconds(10));
            assertThat(seen).containsExactly("Bad", "Good");
        }
    }

    private static void awaitHandled(EventBroadcaster broadcaster) {
        // flush() would also wait for the held sink; only wait for the watchers here.
        org.awaitility.Awaitility.await().until(() -> broadcaster.metrics().snapshot().watcherQueued() == 0);
    }

    private static void awaitHandled(LegacyEventBroadcaster broadcaster) {
        org.awaitility.Awaitility.await().until(() -> broadcaster.metrics().snapshot().watcherQueued() == 0);
    }
}
