package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import io.kevents.model.HumanDuration;
import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, plus IP, NODE, NOMINATED NODE, READINESS GATES. */
final class PodTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.text("Restarts", "The number of times the containers in this pod have been restarted and when "
                    + "the last container in this pod has restarted."),
            Column.text("Age", "Time since creation."),
            Column.wide("IP", "IP address allocated to the pod."),
            Column.wide("Node", "Name of the node the pod is assigned to."),
            Column.wide("Nominated Node", "Name of the node the pod is nominated to."),
            Column.wide("Readiness Gates", "Pod readiness gates."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode pod, Instant now) {
        JsonNode status = pod.path("status");
        String reason = status.path("reason").asString("");
        if (reason.isEmpty()) {
            reason = status.path("phase").asString("");
        }
        int restarts = 0;
        int ready = 0;
        Instant lastRestart = null;
        boolean running = false;
        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            restarts += container.path("restartCount").asInt(0);
            JsonNode state = container.path("state");
            if (state.path("terminated").path("exitCode").asInt(-1) == 0) {
                continue;
            }
            initializing = true;
            String waiting = state.path("waiting").path("reason").asString("");
            reason = !waiting.isEmpty() && !waiting.equals("PodInitializing") ? "Init:" + waiting
                    : "Init:" + i + "/" + pod.path("spec").path("initContainers").size();
            break;
        }
        if (!initializing) {
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += container.path("restartCount").asInt(0);
                Instant finished = KubeTime.parse(container.path("lastState").path("terminated").path("finishedAt")
                        .asString(null));
                if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                    lastRestart = finished;
                }
                JsonNode state = container.path("state");
                String waiting = state.path("waiting").path("reason").asString("");
                JsonNode terminated = state.path("terminated");
                if (!waiting.isEmpty()) {
                    reason = waiting;
                } else if (!terminated.path("reason").asString("").isEmpty()) {
                    reason = terminated.path("reason").asString();
                } else if (terminated.isObject()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
                } else if (container.path("ready").asBoolean(false) && state.path("running").isObject()) {
                    running = true;
                    ready++;
                }
            }
            if (reason.equals("Completed") && running) {
                reason = "Running";
            }
        }
        if (pod.path("metadata").has("deletionTimestamp")
                && !pod.path("metadata").path("deletionTimestamp").isNull()) {
            reason = status.path("reason").asString("").equals("NodeLost") ? "Unknown" : "Terminating";
        }
        int total = pod.path("spec").path("containers").size();
        String restartCell = restarts + (lastRestart == null ? ""
                : " (" + HumanDuration.since(lastRestart, now) + " ago)");
        List<Object> cells = new ArrayList<>();
        cells.add(Json.text(pod, "metadata.name"));
        cells.add(ready + "/" + total);
        cells.add(reason);
        cells.add(restartCell);
        cells.add(Tables.age(pod, now));
        cells.add(Tables.orNone(status.get("podIP")));
        cells.add(Tables.orNone(pod.path("spec").get("nodeName")));
        cells.add(Tables.orNone(status.get("nominatedNodeName")));
        int gates = pod.path("spec").path("readinessGates").size();
        cells.add(gates == 0 ? "<none>" : "0/" + gates);
        return cells;
    }
}
