package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventSource;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl describe pod nginx-pod-test} shows 2m57s after the pod started, as in the seed, with the
 * kubelet's events going through the real core/v1 pipeline (correlator, spam filter) into an in-memory sink. The
 * requeue jitter is fixed at its mean (12.5 s); a real kubelet draws it at random, so real runs differ by seconds.
 *
 * <p>The seed shows Pulling x4 (over 2m57s), Failed x4 and Error: ErrImagePull x4 (over 2m49s), BackOff x6 and
 * Error: ImagePullBackOff x7 (over 2m49s): 25 events, the 1.20 spam filter's whole budget for one pod.
 */
class DescribeCountsTest {

    private static final String PULL_ERROR = "rpc error: code = Unknown desc = failed to pull and unpack image "
            + "\"docker.io/library/nginxa:1.8\": failed to resolve reference \"docker.io/library/nginxa:1.8\": pull "
            + "access denied, repository does not exist or may require authorization: server message: "
            + "insufficient_scope: authorization failed";

    private LegacyEventBroadcaster broadcaster;

    @AfterEach
    void close() {
        broadcaster.close(Duration.ofSeconds(5));
    }

    @Test
    void version120SharesOneSpamBudgetPerPod() {
        InMemoryEventSink sink = new InMemoryEventSink();
        TestNode node = nodeWithPipeline(VersionProfile.V1_20, sink);
        node.bind(Pods.nginxPodTest());
        advanceFlushing(node, 177);

        assertThat(DescribeRows.of(sink.events(), "nginx-pod-test", at(177))).containsExactly(
                "Normal Pulling 62s (x4 over 2m57s) kubelet Pulling image \"nginxa:1.8\"",
                "Warning Failed 54s (x4 over 2m49s) kubelet Error: ErrImagePull",
                "Warning Failed 54s (x4 over 2m49s) kubelet Failed to pull image \"nginxa:1.8\": " + PULL_ERROR,
                "Warning Failed 41s (x6 over 2m49s) kubelet Error: ImagePullBackOff",
                "Normal BackOff 28s (x7 over 2m49s) kubelet Back-off pulling image \"nginxa:1.8\"");
    }

    @Test
    void version120WritesHeldBackOccurrencesWithTheNextAllowedOne() {
        InMemoryEventSink sink = new InMemoryEventSink();
        TestNode node = nodeWithPipeline(VersionProfile.V1_20, sink);
        node.bind(Pods.nginxPodTest());
        advanceFlushing(node, 320);
        // After 5 minutes the budget has refilled by one event: the BackOff of the sync at 313 s gets it and carries
        // every occurrence held back since 149 s, as client-go's correlator counts before it filters.
        assertThat(DescribeRows.of(sink.events(), "nginx-pod-test", at(320))).contains(
                "Normal BackOff 7s (x18 over 5m12s) kubelet Back-off pulling image \"nginxa:1.8\"",
                "Warning Failed 3m4s (x6 over 5m12s) kubelet Error: ImagePullBackOff");
    }

    @Test
    void version132BudgetsNormalAndWarningEventsSeparately() {
        InMemoryEventSink sink = new InMemoryEventSink();
        TestNode node = nodeWithPipeline(VersionProfile.V1_32, sink);
        node.bind(Pods.nginxPodTest());
        advanceFlushing(node, 177);

        assertThat(DescribeRows.of(sink.events(), "nginx-pod-test", at(177))).containsExactly(
                "Normal Pulling 62s (x4 over 2m57s) kubelet Pulling image \"nginxa:1.8\"",
                "Warning Failed 54s (x4 over 2m49s) kubelet Error: ErrImagePull",
                "Warning Failed 54s (x4 over 2m49s) kubelet Failed to pull image \"nginxa:1.8\": " + PULL_ERROR,
                "Normal BackOff 2s (x9 over 2m49s) kubelet Back-off pulling image \"nginxa:1.8\"",
                "Warning Failed 2s (x9 over 2m49s) kubelet Error: ImagePullBackOff");
    }

    /** A node whose events go through a real broadcaster, wired as {@link HollowNodes} wires it for the profile. */
    private TestNode nodeWithPipeline(VersionProfile profile, InMemoryEventSink sink) {
        ManualClock clock = new ManualClock(TestNode.START);
        broadcaster = LegacyEventBroadcaster.create(PipelineSettings.defaults().withClock(clock),
                CorrelatorOptions.defaults().withSpamKeyByType(profile.spamFilterKeysByType()));
        broadcaster.startRecordingToSink(sink);
        LegacyEventRecorder recorder = broadcaster.newRecorder(new EventSource("kubelet", "k8s-node01"));
        return new TestNode(clock, profile, c -> c, NodeSpec.worker("k8s-node01", "172.20.70.215",
                "10.100.85.192/26"), ignored -> recorder);
    }

    /** Advances second by second, letting the pipeline write what each second recorded. */
    private void advanceFlushing(TestNode node, int seconds) {
        for (int s = 1; s <= seconds; s++) {
            node.advanceTo(s);
            assertThat(broadcaster.flush(Duration.ofSeconds(5))).isTrue();
        }
    }

    private static Instant at(int seconds) {
        return TestNode.START.plusSeconds(seconds);
    }
}
