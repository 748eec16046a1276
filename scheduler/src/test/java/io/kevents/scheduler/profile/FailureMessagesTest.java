package io.kevents.scheduler.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.scheduler.framework.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FailedScheduling text, checked against every worked example of the reference and the seed's cluster. */
class FailureMessagesTest {

    private static final FailureMessages V1_20 = VersionProfile.V1_20.failureMessages();
    private static final FailureMessages V1_32 = VersionProfile.V1_32.failureMessages();
    private static final String MASTER_TAINT_1_20 =
            "node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate";
    private static final String MASTER_TAINT_1_32 = "node(s) had untolerated taint {node-role.kubernetes.io/master: }";

    @Test
    void ground_truth_of_the_seeds_v1_20_1_cluster() {
        List<Status> statuses = List.of(
                Status.unresolvable("TaintToleration", MASTER_TAINT_1_20),
                Status.unresolvable("NodeAffinity", "node(s) didn't match Pod's node affinity"));
        assertThat(V1_20.fitError(2, statuses, "")).isEqualTo("0/2 nodes are available: 1 node(s) didn't match "
                + "Pod's node affinity, 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't "
                + "tolerate.");
    }

    @Test
    void reference_v1_20_example_with_the_v1_19_node_selector_text() {
        List<Status> statuses = List.of(
                Status.unresolvable("NodeAffinity", "node(s) didn't match node selector"),
                Status.unresolvable("TaintToleration", MASTER_TAINT_1_20));
        assertThat(V1_20.fitError(2, statuses, "")).isEqualTo("0/2 nodes are available: 1 node(s) didn't match "
                + "node selector, 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't "
                + "tolerate.");
    }

    @Test
    void reference_current_example_with_preemption() {
        Status notHelpful = Status.unresolvable("DefaultPreemption", "Preemption is not helpful for scheduling");
        String preemption = "preemption: " + V1_32.fitError(2, List.of(notHelpful, notHelpful), "");
        List<Status> statuses = List.of(
                Status.unresolvable("NodeAffinity", "node(s) didn't match Pod's node affinity/selector"),
                Status.unresolvable("TaintToleration", MASTER_TAINT_1_32));
        assertThat(V1_32.fitError(2, statuses, preemption)).isEqualTo("0/2 nodes are available: 1 node(s) didn't "
                + "match Pod's node affinity/selector, 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/master: }. preemption: 0/2 nodes are available: 2 Preemption is not "
                + "helpful for scheduling.");
    }

    @Test
    void reference_resource_shortage_in_both_versions() {
        Status cpu = Status.unschedulable("NodeResourcesFit", "Insufficient cpu");
        List<Status> statuses = List.of(cpu, cpu, cpu);
        Status noVictims = Status.unresolvable("DefaultPreemption", "No preemption victims found for incoming pod");
        String preemption = "preemption: " + V1_32.fitError(3, List.of(noVictims, noVictims, noVictims), "");
        assertThat(V1_32.fitError(3, statuses, preemption)).isEqualTo("0/3 nodes are available: 3 Insufficient cpu. "
                + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
        assertThat(V1_20.fitError(3, statuses, "")).isEqualTo("0/3 nodes are available: 3 Insufficient cpu.");
    }

    @Test
    void reference_mixed_v1_20_example_counts_several_reasons_from_one_node() {
        Status both = Status.unschedulable("NodeResourcesFit", "Insufficient cpu", "Insufficient memory");
        List<Status> statuses = List.of(Status.unresolvable("TaintToleration", MASTER_TAINT_1_20), both, both);
        assertThat(V1_20.fitError(3, statuses, "")).isEqualTo("0/3 nodes are available: 1 node(s) had taint "
                + "{node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu, "
                + "2 Insufficient memory.");
    }

    @Test
    void reasons_from_one_node_and_separate_nodes_add_up() {
        List<Status> statuses = List.of(
                Status.unschedulable("NodeResourcesFit", "Too many pods", "Insufficient cpu"),
                Status.unschedulable("NodeResourcesFit", "Insufficient cpu", "Insufficient memory"),
                Status.unschedulable("NodeResourcesFit", "Insufficient memory"));
        assertThat(V1_32.fitError(3, statuses, "")).isEqualTo(
                "0/3 nodes are available: 1 Too many pods, 2 Insufficient cpu, 2 Insufficient memory.");
    }

    @Test
    void sorts_by_bytes_not_by_number_or_locale() {
        List<Status> statuses = new ArrayList<>();
        statuses.addAll(Collections.nCopies(10, Status.unresolvable("NodeUnschedulable", "node(s) were unschedulable")));
        statuses.addAll(Collections.nCopies(2, Status.unschedulable("NodeResourcesFit", "Insufficient cpu")));
        statuses.add(Status.unschedulable("NodePorts", "node(s) didn't have free ports for the requested pod ports"));
        statuses.add(Status.unschedulable("NodeResourcesFit", "Too many pods"));
        assertThat(V1_20.fitError(14, statuses, "")).isEqualTo("0/14 nodes are available: 1 Too many pods, "
                + "1 node(s) didn't have free ports for the requested pod ports, 10 node(s) were unschedulable, "
                + "2 Insufficient cpu.");
    }

    @Test
    void versions_1_25_to_1_29_end_with_a_double_period() {
        FailureMessages doublePeriod = new FailureMessages(FitErrorStyle.DOUBLE_PERIOD, true);
        Status cpu = Status.unschedulable("NodeResourcesFit", "Insufficient cpu");
        assertThat(doublePeriod.fitError(1, List.of(cpu),
                "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                        + "1 No preemption victims found for incoming pod..");
    }

    @Test
    void current_versions_truncate_the_event_to_1024_bytes_and_v1_20_does_not() {
        String message = V1_32.fitError(2000, manyDistinctReasons(300), "");
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024);

        String note = V1_32.eventNote(message);
        assertThat(note.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(note).endsWith(" ...").startsWith(message.substring(0, 1020));
        assertThat(V1_20.eventNote(message)).isEqualTo(message);
    }

    @Test
    void truncation_keeps_exactly_1024_bytes_and_cuts_between_characters() {
        String exactly = "x".repeat(1024);
        assertThat(FailureMessages.truncate(exactly)).isSameAs(exactly);
        String multiByte = "x".repeat(1019) + "é".repeat(10);
        String cut = FailureMessages.truncate(multiByte);
        assertThat(cut).isEqualTo("x".repeat(1019) + " ...");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    }

    @Test
    void histogram_is_empty_without_statuses() {
        assertThat(FailureMessages.histogram(List.of())).isEmpty();
        assertThat(V1_32.fitError(0, List.of(), "")).isEqualTo("0/0 nodes are available:");
    }

    private static List<Status> manyDistinctReasons(int count) {
        List<Status> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(Status.unresolvable("TaintToleration",
                    "node(s) had untolerated taint {example.com/team-" + i + ": x}"));
        }
        return statuses;
    }
}
