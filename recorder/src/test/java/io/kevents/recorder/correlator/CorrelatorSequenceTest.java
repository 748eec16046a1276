package io.kevents.recorder.correlator;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.recorder.sink.SinkCall;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact sink calls the core/v1 pipeline makes, as client-go's tools/record correlator would. */
class CorrelatorSequenceTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2021-09-15T11:13:20Z"));
    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final Pod pod = pod("default", "nginx-pod-test");
    private final ObjectReference container = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
            .withNamespace("default").withName("nginx-pod-test").withUid("uid-nginx-pod-test")
            .withFieldPath("spec.containers{nginx}").build();
    private LegacyEventBroadcaster broadcaster;
    private LegacyEventRecorder kubelet;

    private void start(CorrelatorOptions options) {
        broadcaster = LegacyEventBroadcaster.create(settings(clock), options);
        broadcaster.startRecordingToSink(sink);
        kubelet = broadcaster.newRecorder(new EventSource("kubelet", "k8s-node01"));
    }

    @AfterEach
    void close() {
        if (broadcaster != null) {
            broadcaster.close(Duration.ofSeconds(5));
        }
    }

    private void flush() {
        assertThat(broadcaster.flush(Duration.ofSeconds(10))).as("pipeline flushed").isTrue();
    }

    private void pulling() {
        kubelet.eventf(container, EventType.NORMAL, "Pulling", "Pulling image \"%s\"", "nginxa:1.8");
        flush();
    }

    @Test
    void identicalEventsBecomeOneObjectWithACountLikeKubeletsPulling() {
        start(CorrelatorOptions.defaults());
        pulling();
        clock.advance(Duration.ofSeconds(40));
        pulling();
        clock.advance(Duration.ofSeconds(50));
        pulling();
        clock.advance(Duration.ofSeconds(20));
        pulling();

        List<SinkCall> calls = sink.calls();
        assertThat(calls).extracting(SinkCall::operation).containsExactly("create", "patch", "patch", "patch");
        assertThat(calls).extracting(SinkCall::count).containsExactly(1, 2, 3, 4);
        assertThat(calls).extracting(SinkCall::name).containsOnly(calls.get(0).name());

        Event event = sink.events().get(0);
        assertThat(event.getCount()).isEqualTo(4);
        assertThat(event.getFirstTimestamp()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(event.getLastTimestamp()).isEqualTo("2021-09-15T11:15:10Z");
        assertThat(event.getMessage()).isEqualTo("Pulling image \"nginxa:1.8\"");
        assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(event.getSource().getHost()).isEqualTo("k8s-node01");
        assertThat(event.getReportingComponent()).isEqualTo("kubelet");
        assertThat(event.getReportingInstance()).isEqualTo("k8s-node01");
        assertThat(event.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{nginx}");
        assertThat(event.getEventTime()).isNull();
    }

    @Test
    void differentMessagesAreDifferentObjects() {
        start(CorrelatorOptions.defaults());
        kubelet.eventf(container, EventType.WARNING, "Failed", "Error: %s", "ErrImagePull");
        kubelet.eventf(container, EventType.WARNING, "Failed", "Error: %s", "ImagePullBackOff");
        kubelet.eventf(container, EventType.WARNING, "Failed", "Error: %s", "ErrImagePull");
        flush();
        assertThat(sink.events()).hasSize(2);
        assertThat(sink.events()).extracting(Event::getMessage, Event::getCount)
                .containsExactly(tuple("Error: ErrImagePull", 2),
                        tuple("Error: ImagePullBackOff", 1));
    }

    @Test
    void tenDistinctMessagesOfSimilarEventsTurnIntoOneCombinedEvent() {
        start(CorrelatorOptions.defaults().withoutSpamFilter());
        for (int i = 1; i <= 12; i++) {
            kubelet.eventf(pod, EventType.WARNING, "FailedSync", "error syncing pod: attempt %d", i);
            clock.advance(Duration.ofSeconds(1));
        }
        flush();
        List<Event> events = sink.events();
        // Messages 1..9 are their own events; the 10th distinct message starts the combined event, which 11 and 12
        // then update.
        assertThat(events).hasSize(10);
        Event combined = events.get(9);
        assertThat(combined.getMessage()).isEqualTo("(combined from similar events): error syncing pod: attempt 12");
        assertThat(combined.getCount()).isEqualTo(3);
        assertThat(combined.getFirstTimestamp()).isEqualTo("2021-09-15T11:13:29Z");
        assertThat(combined.getReportingComponent()).isEqualTo("kubelet");
    }

    @Test
    void aggregationWindowSlidesAndExpires() {
        start(CorrelatorOptions.defaults().withoutSpamFilter());
        for (int i = 1; i <= 9; i++) {
            kubelet.eventf(pod, EventType.WARNING, "FailedSync", "attempt %d", i);
        }
        // More than 10 minutes of quiet: the group starts afresh, so the 10th message is not combined.
        clock.advance(Duration.ofMinutes(11));
        kubelet.eventf(pod, EventType.WARNING, "FailedSync", "attempt %d", 10);
        flush();
        assertThat(sink.events()).extracting(Event::getMessage).doesNotContain(
                "(combined from similar events): attempt 10");
    }

    @Test
    void spamFilterLetsTwentyFiveWritesThroughThenOnePerFiveMinutesAndCarriesTheCount() {
        start(CorrelatorOptions.defaults());
        for (int i = 0; i < 30; i++) {
            pulling();
        }
        assertThat(sink.calls()).hasSize(25);
        assertThat(broadcaster.metrics().snapshot().dropped(DropReason.SPAM_FILTER)).isEqualTo(5);
        assertThat(sink.events().get(0).getCount()).isEqualTo(25);

        clock.advance(Duration.ofMinutes(5));
        pulling();
        // The held-back occurrences were counted: the next allowed write carries all 31.
        assertThat(sink.calls()).hasSize(26);
        assertThat(sink.events().get(0).getCount()).isEqualTo(31);
        pulling();
        assertThat(sink.calls()).hasSize(26);
    }

    @Test
    void spamFilterBucketsArePerType() {
        start(CorrelatorOptions.defaults());
        for (int i = 0; i < 25; i++) {
            kubelet.eventf(pod, EventType.NORMAL, "Pulling", "pull %d", i % 5);
        }
        kubelet.eventf(pod, EventType.WARNING, "Failed", "Error: ErrImagePull");
        flush();
        assertThat(sink.events()).extracting(Event::getReason).contains("Failed");
    }

    @Test
    void olderReleasesShareOneBudgetAcrossTypes() {
        start(CorrelatorOptions.defaults().withSpamKeyByType(false));
        for (int i = 0; i < 25; i++) {
            kubelet.eventf(pod, EventType.NORMAL, "Pulling", "pull %d", i % 5);
        }
        kubelet.eventf(pod, EventType.WARNING, "Failed", "Error: ErrImagePull");
        flush();
        // Kubernetes 1.20's kubelet: the 26th event about the pod is held back whatever its type.
        assertThat(sink.events()).extracting(Event::getReason).doesNotContain("Failed");
        // ... and not because nothing was written: the 25 Pulling occurrences were, the Failed one was dropped.
        assertThat(sink.events()).extracting(Event::getMessage, Event::getCount).containsExactlyInAnyOrder(
                tuple("pull 0", 5), tuple("pull 1", 5),
                tuple("pull 2", 5), tuple("pull 3", 5),
                tuple("pull 4", 5));
        assertThat(broadcaster.metrics().snapshot().dropped(DropReason.SPAM_FILTER)).isEqualTo(1);
    }

    @Test
    void spamFilterCanBeTurnedOff() {
        start(CorrelatorOptions.defaults().withoutSpamFilter());
        for (int i = 0; i < 40; i++) {
            pulling();
        }
        assertThat(sink.calls()).hasSize(40);
    }

    @Test
    void closeWritesCountsTheSpamFilterHeldBack() {
        start(CorrelatorOptions.defaults());
        for (int i = 0; i < 30; i++) {
            pulling();
        }
        CloseReport report = broadcaster.close(Duration.ofSeconds(5));
        assertThat(report.isComplete()).isTrue();
        assertThat(sink.events().get(0).getCount()).isEqualTo(30);
    }

    @Test
    void anEventExpiredOnTheServerIsCreatedAgainWithTheSameNameAndRunningCount() {
        start(CorrelatorOptions.defaults());
        pulling();
        String name = sink.calls().get(0).name();
        sink.expireAll();
        clock.advance(Duration.ofSeconds(30));
        pulling();
        assertThat(sink.briefCalls()).containsExactly("create " + name + " count=1",
                "patch " + name + " count=2 failed", "create " + name + " count=2");
        Event event = sink.events().get(0);
        assertThat(event.getFirstTimestamp()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(event.getCount()).isEqualTo(2);
    }

    @Test
    void eventsAboutAnUpdatedObjectStayOneObject() {
        start(CorrelatorOptions.defaults());
        kubelet.eventf(pod, EventType.NORMAL, "Started", "Started container nginx");
        kubelet.eventf(io.kevents.recorder.Fixtures.podAtVersion(pod, "9"), EventType.NORMAL, "Started",
                "Started container nginx");
        flush();
        assertThat(sink.events()).hasSize(1);
        assertThat(sink.events().get(0).getCount()).isEqualTo(2);
    }
}
