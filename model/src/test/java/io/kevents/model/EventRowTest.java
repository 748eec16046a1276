package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRowTest {

    private final Instant now = Instant.parse("2021-09-15T11:16:17Z");

    @Test
    void legacyEventsUseTheirTimestampsAndCount() {
        Event pulling = new EventBuilder().withNewMetadata().withName("nginx-pod-test.1").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("nginx-pod-test")
                .withFieldPath("spec.containers{nginx}").endInvolvedObject()
                .withType("Normal").withReason("Pulling").withMessage("Pulling image \"nginxa:1.8\"\n")
                .withFirstTimestamp("2021-09-15T11:13:20Z").withLastTimestamp("2021-09-15T11:15:10Z").withCount(4)
                .withSource(new EventSource("kubelet", "k8s-node01")).build();
        EventRow row = EventRow.of(pulling, now);
        assertThat(row).isEqualTo(new EventRow("67s", "Normal", "Pulling", "pod/nginx-pod-test",
                "spec.containers{nginx}", "kubelet, k8s-node01", "Pulling image \"nginxa:1.8\"", "2m57s", 4,
                "nginx-pod-test.1"));
    }

    @Test
    void eventsK8sIoEventsUseEventTimeAndSeries() {
        Event scheduled = new EventBuilder().withNewMetadata().withName("p.2").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("p").endInvolvedObject()
                .withType("Warning").withReason("FailedScheduling").withMessage("0/2 nodes are available")
                .withEventTime(new MicroTime("2021-09-15T11:03:17.000000Z"))
                .withReportingComponent("default-scheduler").withReportingInstance("default-scheduler-m")
                .build();
        EventRow single = EventRow.of(scheduled, now);
        assertThat(single.lastSeen()).isEqualTo("13m");
        assertThat(single.firstSeen()).isEqualTo("13m");
        assertThat(single.count()).isEqualTo(1);
        assertThat(single.source()).isEqualTo("default-scheduler, default-scheduler-m");

        scheduled.setSeries(new EventSeries(5, new MicroTime("2021-09-15T11:16:06.000000Z")));
        EventRow series = EventRow.of(scheduled, now);
        assertThat(series.lastSeen()).isEqualTo("11s");
        assertThat(series.count()).isEqualTo(5);
    }

    @Test
    void missingTimestampsShowUnknown() {
        Event bare = new EventBuilder().withNewMetadata().withName("x").endMetadata()
                .withNewInvolvedObject().withKind("Node").withName("k8s-node01").endInvolvedObject().build();
        EventRow row = EventRow.of(bare, now);
        assertThat(row.lastSeen()).isEqualTo("<unknown>");
        assertThat(row.object()).isEqualTo("node/k8s-node01");
    }
}
