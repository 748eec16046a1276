package io.kevents.cli;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kevents.model.EventRow;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays the seed's scheduler example through the real recorder pipeline: the calls kube-scheduler (events.k8s.io/v1)
 * and the kubelet (core/v1) make, on a simulated clock, into an in-memory sink that stores events as the API
 * server does; then prints them as {@code kubectl get events} would at two moments of the story.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay the seed's scheduler example through the recorder pipeline and print the events "
                + "as 'kubectl get events' would.")
final class DemoCommand implements Callable<Integer> {

    private static final String NAMESPACE = "default";
    private static final String POD = "nginx-pod-failed-to-scheduler";
    private static final String FAILED_SCHEDULING = "0/2 nodes are available: 1 node(s) didn't match Pod's node "
            + "affinity, 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.";

    @Option(names = "--wide", description = "Print every column, as 'kubectl get events -o wide' does.")
    boolean wide;

    @Option(names = "--client-go-series",
            description = "Write series counts on client-go's schedule (2nd occurrence, then every 30 min) "
                    + "instead of kevents' fresher one.")
    boolean clientGoSeries;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        ManualClock clock = new ManualClock(Instant.parse("2021-09-15T11:00:00Z"));
        Instant start = clock.now();
        InMemoryEventSink apiServer = new InMemoryEventSink();
        PipelineSettings settings = PipelineSettings.defaults().withClock(clock);
        EventBroadcaster schedulerEvents = EventBroadcaster.create(settings,
                clientGoSeries ? SeriesOptions.clientGo() : SeriesOptions.defaults());
        LegacyEventBroadcaster kubeletEvents = LegacyEventBroadcaster.create(settings, CorrelatorOptions.defaults());
        schedulerEvents.startRecordingToSink(apiServer);
        kubeletEvents.startRecordingToSink(apiServer);
        EventRecorder scheduler = schedulerEvents.newRecorder("default-scheduler", "default-scheduler-k8s-master01");
        LegacyEventRecorder kubelet = kubeletEvents.newRecorder(new EventSource("kubelet", "k8s-node01"));

        out.println("kevents demo: the seed's scheduler example, recorded through the kevents pipeline");
        out.println("  cluster: k8s-master01 (taint node-role.kubernetes.io/master:NoSchedule, label disktype=ssd),"
                + " k8s-node01");
        out.println();
        Pod pod = pod("1");
        step(clock, start, "kubectl apply -f nginx-pod-failed-to-scheduler.yaml   (nodeSelector disktype: ssd)");
        step(clock, start, "default-scheduler: no node fits -> Warning FailedScheduling (action Scheduling)");
        scheduler.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", FAILED_SCHEDULING);
        settle(schedulerEvents, kubeletEvents);

        clock.advance(Duration.ofSeconds(1));
        step(clock, start, "default-scheduler: retry after 1s back-off -> FailedScheduling again"
                + " (pod now at resourceVersion 2)");
        scheduler.eventf(pod("2"), null, EventType.WARNING, "FailedScheduling", "Scheduling", FAILED_SCHEDULING);
        settle(schedulerEvents, kubeletEvents);

        clock.advance(Duration.ofSeconds(10));
        printEvents(clock, start, apiServer);
        out.println("(The seed's v1.20 cluster shows two FailedScheduling rows: client-go keys a series on the pod's"
                + " resourceVersion,");
        out.println(" which changed between the attempts. kevents leaves it out, so both attempts are one event with"
                + " series.count 2;");
        out.println(" './kevents demo --wide' shows the COUNT column.)");
        out.println();

        clock.advance(Duration.ofMinutes(13).minusSeconds(11));
        step(clock, start, "kubectl label nodes k8s-node01 disktype=ssd");
        step(clock, start, "default-scheduler: binds the pod -> Normal Scheduled (action Binding)");
        scheduler.eventf(pod("3"), null, EventType.NORMAL, "Scheduled", "Binding", "Successfully assigned %s/%s to %s",
                NAMESPACE, POD, "k8s-node01");
        ObjectReference container = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withNamespace(NAMESPACE).withName(POD).withUid("5e0c2a7e-1c3b-4b55-9d59-8f0c2d1e6a11")
                .withFieldPath("spec.containers{nginx}").build();
        step(clock, start, "kubelet on k8s-node01: Pulled, Created, Started (core/v1, with the correlator)");
        clock.advance(Duration.ofMillis(40));
        kubelet.eventf(container, EventType.NORMAL, "Pulled", "Container image %s already present on machine",
                "\"nginx:1.8\"");
        clock.advance(Duration.ofMillis(60));
        kubelet.eventf(container, EventType.NORMAL, "Created", "Created container %s", "nginx");
        clock.advance(Duration.ofMillis(150));
        kubelet.eventf(container, EventType.NORMAL, "Started", "Started container %s", "nginx");
        settle(schedulerEvents, kubeletEvents);

        clock.advance(Duration.ofSeconds(13).minusMillis(250));
        printEvents(clock, start, apiServer);

        CloseReport schedulerReport = schedulerEvents.close(Duration.ofSeconds(5));
        CloseReport kubeletReport = kubeletEvents.close(Duration.ofSeconds(5));
        printMetrics("events.k8s.io/v1 pipeline (scheduler)", schedulerEvents.metrics().snapshot());
        printMetrics("core/v1 pipeline (kubelet)", kubeletEvents.metrics().snapshot());
        boolean complete = schedulerReport.isComplete() && kubeletReport.isComplete();
        out.println(complete ? "Everything recorded reached the sink." : "Some events were not delivered: "
                + schedulerReport.undelivered() + kubeletReport.undelivered());
        return complete ? 0 : 1;
    }

    private static Pod pod(String resourceVersion) {
        return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(POD)
                .withUid("5e0c2a7e-1c3b-4b55-9d59-8f0c2d1e6a11").withResourceVersion(resourceVersion).endMetadata()
                .withNewSpec().addToNodeSelector("disktype", "ssd").addNewContainer().withName("nginx")
                .withImage("nginx:1.8").endContainer().endSpec().build();
    }

    private void step(ManualClock clock, Instant start, String what) {
        out.printf("[+%s] %s%n", io.kevents.model.HumanDuration.format(Duration.between(start, clock.now())), what);
    }

    private static void settle(EventBroadcaster a, LegacyEventBroadcaster b) {
        if (!a.flush(Duration.ofSeconds(10)) || !b.flush(Duration.ofSeconds(10))) {
            throw new IllegalStateException("the pipeline did not settle within 10 s");
        }
    }

    private void printEvents(ManualClock clock, Instant start, InMemoryEventSink apiServer) {
        out.println();
        out.printf("$ kubectl get events%s        # at +%s%n", wide ? " -o wide" : "",
                io.kevents.model.HumanDuration.format(Duration.between(start, clock.now())));
        List<String> header = EventRow.COLUMNS.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
        TextTable table = new TextTable(visible(header));
        List<Event> events = apiServer.events().stream()
                .sorted(Comparator.comparing(e -> e.getMetadata().getName())).toList();
        for (Event event : events) {
            List<String> cells = EventRow.of(event, clock.now()).cells().stream().map(String::valueOf).toList();
            table.add(visible(cells));
        }
        out.print(table.render());
        out.println();
    }

    private List<String> visible(List<String> cells) {
        if (wide) {
            return cells;
        }
        List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (EventRow.DEFAULT_VISIBLE.get(i)) {
                shown.add(cells.get(i));
            }
        }
        return shown;
    }

    private void printMetrics(String pipeline, RecorderMetrics.Snapshot metrics) {
        out.printf("%s: %d recorded, %d creates, %d patches, %d coalesced, %d dropped%n", pipeline,
                metrics.recorded(), metrics.creates(), metrics.patches(), metrics.coalesced(),
                metrics.dropped().values().stream().mapToLong(Long::longValue).sum());
    }
}
