package io.kevents.scheduler;

import static io.kevents.scheduler.testing.Objects.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kevents.scheduler.framework.ClusterEventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterEventHandlersTest {

    private final Node base = node("n", Map.of("a", "b")).editStatus().addNewCondition().withType("Ready")
            .withStatus("True").withLastHeartbeatTime("2021-09-15T11:13:20Z").endCondition().endStatus().build();

    @Test
    void heartbeats_and_annotations_are_not_scheduling_changes() {
        Node heartbeat = new NodeBuilder(base).editStatus().editFirstCondition()
                .withLastHeartbeatTime("2021-09-15T11:14:20Z").endCondition().endStatus()
                .editMetadata().addToAnnotations("x", "y").endMetadata().build();
        assertThat(ClusterEventHandlers.schedulingChanges(base, heartbeat)).isEmpty();
    }

    @Test
    void labels_taints_allocatable_conditions_and_uncordoning_are() {
        assertThat(ClusterEventHandlers.schedulingChanges(base, new NodeBuilder(base).editMetadata()
                .addToLabels("disktype", "ssd").endMetadata().build()))
                .containsExactly(ClusterEventType.NODE_LABEL_CHANGE);
        assertThat(ClusterEventHandlers.schedulingChanges(base, new NodeBuilder(base).editSpec().addNewTaint()
                .withKey("k").withEffect("NoSchedule").endTaint().endSpec().build()))
                .containsExactly(ClusterEventType.NODE_TAINT_CHANGE);
        assertThat(ClusterEventHandlers.schedulingChanges(base, new NodeBuilder(base).editStatus()
                .addToAllocatable("cpu", new Quantity("8")).endStatus().build()))
                .containsExactly(ClusterEventType.NODE_ALLOCATABLE_CHANGE);
        assertThat(ClusterEventHandlers.schedulingChanges(base, new NodeBuilder(base).editStatus().editFirstCondition()
                .withStatus("False").endCondition().endStatus().build()))
                .containsExactly(ClusterEventType.NODE_CONDITION_CHANGE);
        Node cordoned = new NodeBuilder(base).editSpec().withUnschedulable(true).endSpec().build();
        assertThat(ClusterEventHandlers.schedulingChanges(base, cordoned)).isEmpty();
        assertThat(ClusterEventHandlers.schedulingChanges(cordoned, base))
                .containsExactly(ClusterEventType.NODE_TAINT_CHANGE);
    }
}
