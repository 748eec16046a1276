package io.kevents.recorder.series;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.Fixtures;
import io.kevents.model.EventNames;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact sink calls the events.k8s.io/v1 pipeline makes for repeated events, against a manual clock. */
class SeriesSequenceTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2021-09-15T11:13:20Z"));
    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final Pod pod = pod("default", "nginx-pod-failed-to-scheduler");
    private EventBroadcaster broadcaster;
    private EventRecorder recorder;

    private void start(SeriesOptions options) {
        broadcaster = EventBroadcaster.create(settings(clock), options);
        broadcaster.startRecordingToSink(sink);
        recorder = broadcaster.newRecorder("default-scheduler", "default-scheduler-k8s-master01");
    }

    @AfterEach
    void close() {
        broadcaster.close(Duration.ofSeconds(5));
    }

    /** Records one FailedScheduling event and waits until the pipeline has handled it. */
    private void failedScheduling() {
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling",
                "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity.");
        flush();
    }

    /** Moves the clock (running due timers) and waits for the writes they cause. */
    private void advance(Duration step) {
        clock.advance(step);
        flush();
    }

    private void flush() {
        assertThat(broadcaster.flush(Duration.ofSeconds(10))).as("pipeline flushed").isTrue();
    }

    private void assertCalls(String... calls) {
        assertThat(sink.briefCalls()).containsExactly(calls);
    }

    /** The name Kubernetes gives an event about {@code objectName} recorded at {@code time}. */
    private static String eventName(String objectName, Instant time) {
        return objectName + "." + Long.toHexString(EventNames.unixNanos(time));
    }

    @Test
    void clientGoScheduleCreatesThenPatchesCountTwoThenWritesOnlyAtFinish() {
        start(SeriesOptions.clientGo());
        String name = eventName("nginx-pod-failed-to-scheduler", clock.now());

        failedScheduling();
        assertCalls("create " + name + " count=1");

        advance(Duration.ofSeconds(1));
        failedScheduling();
        assertCalls("create " + name + " count=1", "patch " + name + " count=2");

        advance(Duration.ofSeconds(1));
        failedScheduling();
        failedScheduling();
        failedScheduling();
        // Third and later occurrences are only counted (client-go writes nothing until refresh or finish).
        advance(Duration.ofMinutes(5));
        assertThat(sink.briefCalls()).hasSize(2);

        // The finish loop runs every 6 minutes; at minute 12 the series has been idle for more than 6 minutes.
        advance(Duration.ofMinutes(7));
        assertCalls("create " + name + " count=1", "patch " + name + " count=2", "patch " + name + " count=5");
        Event stored = sink.eventsV1().get(0);
        assertThat(stored.getSeries().getCount()).isEqualTo(5);
        assertThat(stored.getSeries().getLastObservedTime().getTime()).isEqualTo("2021-09-15T11:13:22.000000Z");
        assertThat(broadcaster.metrics().snapshot().writes()).isEqualTo(3);
    }

    @Test
    void afterTheSeriesFinishedTheNextOccurrenceStartsANewEventObject() {
        start(SeriesOptions.clientGo());
        failedScheduling();
        assertCalls("create " + eventName("nginx-pod-failed-to-scheduler", clock.now()) + " count=1");
        advance(Duration.ofMinutes(13)); // singleton forgotten at minute 12
        failedScheduling();
        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.calls().get(1).operation()).isEqualTo("create");
        assertThat(sink.calls().get(1).name()).isNotEqualTo(sink.calls().get(0).name());
    }

    @Test
    void openSeriesAreRewrittenEveryRefreshPeriodToKeepThemAlive() {
        start(SeriesOptions.clientGo());
        failedScheduling();
        advance(Duration.ofSeconds(1));
        failedScheduling();
        assertThat(sink.calls()).hasSize(2);
        // Keep the series active every 5 minutes so that the finish loop never closes it. The refresh loop fires at
        // minute 30, just before the 6th of these occurrences, and writes the count it has (2 + 5).
        for (int minute = 5; minute <= 30; minute += 5) {
            advance(Duration.ofMinutes(5));
            failedScheduling();
        }
        assertThat(sink.calls()).hasSize(3);
        assertThat(sink.calls().get(2).operation()).isEqualTo("patch");
        assertThat(sink.calls().get(2).count()).isEqualTo(7);
    }

    @Test
    void defaultScheduleKeepsCountsFreshWithoutWritingEveryOccurrence() {
        start(SeriesOptions.defaults());
        failedScheduling();
        advance(Duration.ofMillis(100));
        failedScheduling();
        assertThat(sink.calls()).hasSize(2);

        // 100 more occurrences in a burst: at most one write per second per series.
        for (int i = 0; i < 100; i++) {
            failedScheduling();
        }
        advance(Duration.ofMillis(999));
        assertThat(sink.calls()).hasSize(2);
        advance(Duration.ofMillis(2));
        assertThat(sink.calls()).hasSize(3);
        assertThat(sink.calls().get(2).count()).isEqualTo(102);

        // A slow trickle (count 103 < 2 × 102) is still written within maxStaleness (10 s).
        failedScheduling();
        advance(Duration.ofSeconds(9));
        assertThat(sink.calls()).hasSize(3);
        advance(Duration.ofSeconds(2));
        assertThat(sink.calls()).hasSize(4);
        assertThat(sink.calls().get(3).count()).isEqualTo(103);
    }

    @Test
    void withClientGoScheduleTheCountStaysAtTwoForHalfAnHourWhileTheDefaultIsFresh() {
        // The improvement, measured: after 50 occurrences in one minute, what does the server show?
        start(SeriesOptions.clientGo());
        for (int i = 0; i < 50; i++) {
            failedScheduling();
            advance(Duration.ofMillis(1200));
        }
        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(2);
    }

    @Test
    void defaultScheduleShowsTheRealCountWithinSeconds() {
        start(SeriesOptions.defaults());
        for (int i = 0; i < 50; i++) {
            failedScheduling();
            advance(Duration.ofMillis(1200));
        }
        advance(Duration.ofSeconds(11));
        assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(50);
    }

    @Test
    void eventsAboutAnObjectAtNewResourceVersionsStillFormOneSeries() {
        start(SeriesOptions.clientGo());
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "no nodes");
        flush();
        recorder.eventf(Fixtures.podAtVersion(pod, "2"), null, EventType.WARNING, "FailedScheduling", "Scheduling",
                "no nodes");
        flush();
        // client-go keys on the whole ObjectReference including resourceVersion: it would create two objects.
        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.calls()).extracting(c -> c.operation()).containsExactly("create", "patch");
        assertThat(sink.eventsV1()).hasSize(1);
    }

    @Test
    void theNoteIsNotPartOfTheKeyAndTheFirstNoteIsKept() {
        start(SeriesOptions.clientGo());
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "first %d", 1);
        flush();
        recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "second %d", 2);
        flush();
        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.eventsV1().get(0).getNote()).isEqualTo("first 1");
    }

    @Test
    void aSeriesExpiredOnTheServerIsCreatedAgainWithItsCount() {
        start(SeriesOptions.clientGo());
        failedScheduling();
        assertThat(sink.calls()).hasSize(1);
        sink.expireAll();
        advance(Duration.ofSeconds(1));
        failedScheduling();
        assertThat(sink.calls()).hasSize(3);
        List<String> calls = sink.briefCalls();
        assertThat(calls.get(1)).startsWith("patch").endsWith("count=2 failed");
        assertThat(calls.get(2)).startsWith("create").endsWith("count=2");
        assertThat(sink.eventsV1().get(0).getSeries().getCount()).isEqualTo(2);
    }

    @Test
    void writesTheEventAsKubernetesBuildsIt() {
        start(SeriesOptions.clientGo());
        recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding", "Successfully assigned %s/%s to %s",
                "default", "nginx-pod-failed-to-scheduler", "k8s-node01");
        flush();
        Event event = sink.eventsV1().get(0);
        assertThat(event.getMetadata().getName()).isEqualTo("nginx-pod-failed-to-scheduler.16a4fa81b4712000");
        assertThat(event.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(event.getEventTime().getTime()).isEqualTo("2021-09-15T11:13:20.000000Z");
        assertThat(event.getReportingController()).isEqualTo("default-scheduler");
        assertThat(event.getReportingInstance()).isEqualTo("default-scheduler-k8s-master01");
        assertThat(event.getAction()).isEqualTo("Binding");
        assertThat(event.getNote())
                .isEqualTo("Successfully assigned default/nginx-pod-failed-to-scheduler to k8s-node01");
        assertThat(event.getRegarding().getKind()).isEqualTo("Pod");
        assertThat(event.getRegarding().getUid()).isEqualTo("uid-nginx-pod-failed-to-scheduler");
        assertThat(event.getRegarding().getResourceVersion()).isEqualTo("1");
        assertThat(event.getSeries()).isNull();
        assertThat(event.getDeprecatedCount()).isNull();
        assertThat(event.getDeprecatedFirstTimestamp()).isNull();
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToTheDefaultNamespace() {
        start(SeriesOptions.clientGo());
        recorder.eventf(Fixtures.node("k8s-node01"), null, EventType.NORMAL, "NodeReady", "Ready", "ready");
        flush();
        assertThat(sink.eventsV1().get(0).getMetadata().getNamespace()).isEqualTo("default");
        assertThat(sink.eventsV1().get(0).getRegarding().getNamespace()).isNull();
    }

    @Test
    void eventsRecordedInTheSameMicrosecondGetDistinctNames() {
        start(SeriesOptions.clientGo());
        for (String reason : List.of("A", "B", "C")) {
            recorder.eventf(pod, null, EventType.NORMAL, reason, "Act", "same instant");
        }
        flush();
        assertThat(sink.eventsV1()).hasSize(3);
        assertThat(sink.calls()).allSatisfy(call -> assertThat(call.failed()).isFalse());
        assertThat(sink.eventsV1()).extracting(e -> e.getMetadata().getName()).doesNotHaveDuplicates();
    }
}
