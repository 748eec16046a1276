package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EventConversionTest {

    @Test
    void mapsEveryFieldByKubernetesNames() {
        Event core = new EventBuilder().withNewMetadata().withName("nginx.16a4").withNamespace("default")
                .withResourceVersion("42").endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withKind("Pod").withName("nginx").withUid("u1")
                        .withFieldPath("spec.containers{nginx}").build())
                .withMessage("Pulling image \"nginx\"").withReason("Pulling").withType("Normal")
                .withSource(new EventSource("kubelet", "node-1")).withFirstTimestamp("2021-09-15T11:13:20Z")
                .withLastTimestamp("2021-09-15T11:16:17Z").withCount(4)
                .withReportingComponent("kubelet").withReportingInstance("node-1").withAction("Pull")
                .withEventTime(new MicroTime("2021-09-15T11:13:20.000001Z"))
                .withSeries(new EventSeries(3, new MicroTime("2021-09-15T11:16:17.000000Z")))
                .build();

        var v1 = EventConversion.toEventsV1(core);

        assertThat(v1.getApiVersion()).isEqualTo("events.k8s.io/v1");
        assertThat(v1.getRegarding().getFieldPath()).isEqualTo("spec.containers{nginx}");
        assertThat(v1.getNote()).isEqualTo("Pulling image \"nginx\"");
        assertThat(v1.getReportingController()).isEqualTo("kubelet");
        assertThat(v1.getDeprecatedSource().getHost()).isEqualTo("node-1");
        assertThat(v1.getDeprecatedFirstTimestamp()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(v1.getDeprecatedLastTimestamp()).isEqualTo("2021-09-15T11:16:17Z");
        assertThat(v1.getDeprecatedCount()).isEqualTo(4);
        assertThat(v1.getSeries().getCount()).isEqualTo(3);
        assertThat(v1.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(EventConversion.toCore(v1)).isEqualTo(core.edit().withApiVersion("v1").withKind("Event").build());
    }

    @Test
    void doesNotCrossFillSourceAndReportingController() {
        Event core = new EventBuilder().withNewMetadata().withName("x").endMetadata()
                .withSource(new EventSource("kubelet", null)).build();
        assertThat(EventConversion.toEventsV1(core).getReportingController()).isNull();
        var v1 = new io.fabric8.kubernetes.api.model.events.v1.EventBuilder().withNewMetadata().withName("x")
                .endMetadata().withReportingController("default-scheduler").build();
        assertThat(EventConversion.toCore(v1).getSource()).isNull();
    }

    @Property
    void coreToEventsV1AndBackIsLossless(@ForAll("events") Event core) {
        Event back = EventConversion.toCore(EventConversion.toEventsV1(core));
        assertThat(back).isEqualTo(core);
    }

    @Property
    void convertedObjectsShareNoMutableState(@ForAll("events") Event core) {
        var v1 = EventConversion.toEventsV1(core);
        v1.getMetadata().setName("changed");
        v1.getRegarding().setName("changed");
        assertThat(core.getMetadata().getName()).isNotEqualTo("changed");
        assertThat(core.getInvolvedObject().getName()).isNotEqualTo("changed");
    }

    @Test
    void copiesEveryFieldAndShareNothingMutable() {
        Event event = new EventBuilder().withApiVersion("v1").withKind("Event")
                .withNewMetadata().withName("nginx.16a4").withNamespace("default").withGenerateName("nginx.")
                .withUid("e1").withResourceVersion("42").withGeneration(3L).withSelfLink("/x")
                .withCreationTimestamp("2021-09-15T11:13:20Z").withDeletionTimestamp("2021-09-15T12:13:20Z")
                .withDeletionGracePeriodSeconds(30L).addToLabels("app", "nginx").addToAnnotations("note", "yes")
                .addToFinalizers("kevents.io/keep")
                .addNewOwnerReference().withKind("Pod").withName("nginx").withUid("u1").endOwnerReference()
                .addNewManagedField().withManager("kubectl").withOperation("Apply").endManagedField()
                .addToAdditionalProperties("extraMeta", "m").endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withName("nginx")
                        .withNamespace("default").withUid("u1").withResourceVersion("7")
                        .withFieldPath("spec.containers{nginx}").addToAdditionalProperties("extraRef", "r").build())
                .withRelated(new ObjectReferenceBuilder().withKind("Node").withName("node-1").build())
                .withMessage("Pulling").withReason("Pulling").withType("Normal").withAction("Pull")
                .withEventTime(new MicroTime("2021-09-15T11:13:20.000001Z")).withReportingComponent("kubelet")
                .withReportingInstance("node-1").withSource(new EventSource("kubelet", "node-1"))
                .withFirstTimestamp("2021-09-15T11:13:20Z").withLastTimestamp("2021-09-15T11:16:17Z").withCount(4)
                .withSeries(new EventSeries(3, new MicroTime("2021-09-15T11:16:17.000000Z")))
                .addToAdditionalProperties("extra", 1).build();

        Event copy = EventConversion.copyOf(event);

        assertThat(copy).isEqualTo(event).isEqualTo(new EventBuilder(event).build()).isNotSameAs(event);
        copy.getMetadata().getLabels().put("app", "changed");
        copy.getMetadata().getFinalizers().add("more");
        copy.getMetadata().getOwnerReferences().get(0).setName("changed");
        copy.getMetadata().setResourceVersion("43");
        copy.getInvolvedObject().setName("changed");
        copy.getSeries().setCount(4);
        copy.getSource().setHost("changed");
        assertThat(event.getMetadata().getLabels()).containsEntry("app", "nginx");
        assertThat(event.getMetadata().getFinalizers()).containsExactly("kevents.io/keep");
        assertThat(event.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("nginx");
        assertThat(event.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("nginx");
        assertThat(event.getSeries().getCount()).isEqualTo(3);
        assertThat(event.getSource().getHost()).isEqualTo("node-1");
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> text = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> optional = text.injectNull(0.3);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 1000).injectNull(0.3);
        return Combinators.combine(text, optional, optional, optional, count, optional, optional, optional)
                .as((name, message, reason, component, n, host, action, instance) -> new EventBuilder()
                        .withApiVersion("v1").withKind("Event")
                        .withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                        .withInvolvedObject(new ObjectReferenceBuilder().withKind("Pod").withName(name).build())
                        .withMessage(message).withReason(reason)
                        .withSource(component == null ? null : new EventSource(component, host))
                        .withCount(n).withAction(action).withReportingComponent(component)
                        .withReportingInstance(instance)
                        .withSeries(n == null ? null : new EventSeries(n + 1, new MicroTime("2021-09-15T11:13:20.5Z")))
                        .build());
    }
}
