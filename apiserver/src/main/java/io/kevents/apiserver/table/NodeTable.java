package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, plus addresses, OS, kernel and runtime. */
final class NodeTable implements TableConverter {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            Column.text("Status", "The status of the node"),
            Column.text("Roles", "The roles of the node"),
            Column.text("Age", "Time since creation."),
            Column.text("Version", "Kubelet Version reported by the node."),
            Column.wide("Internal-IP", "List of internal IPs."),
            Column.wide("External-IP", "List of external IPs."),
            Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7)."),
            Column.wide("Kernel-Version", "Kernel Version reported by the node."),
            Column.wide("Container-Runtime", "Container Runtime Version reported by the node."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode node, Instant now) {
        String status = "Unknown";
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (condition.path("type").asString("").equals("Ready")) {
                status = condition.path("status").asString("").equals("True") ? "Ready" : "NotReady";
            }
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status += ",SchedulingDisabled";
        }
        TreeSet<String> roles = new TreeSet<>();
        node.path("metadata").path("labels").properties().forEach(label -> {
            if (label.getKey().startsWith(ROLE_PREFIX) && label.getKey().length() > ROLE_PREFIX.length()) {
                roles.add(label.getKey().substring(ROLE_PREFIX.length()));
            } else if (label.getKey().equals("kubernetes.io/role") && !label.getValue().asString("").isEmpty()) {
                roles.add(label.getValue().asString());
            }
        });
        JsonNode info = node.path("status").path("nodeInfo");
        List<Object> cells = new ArrayList<>();
        cells.add(Json.text(node, "metadata.name"));
        cells.add(status);
        cells.add(roles.isEmpty() ? "<none>" : String.join(",", roles));
        cells.add(Tables.age(node, now));
        cells.add(info.path("kubeletVersion").asString(""));
        cells.add(address(node, "InternalIP"));
        cells.add(address(node, "ExternalIP"));
        cells.add(orUnknown(info.path("osImage").asString("")));
        cells.add(orUnknown(info.path("kernelVersion").asString("")));
        cells.add(orUnknown(info.path("containerRuntimeVersion").asString("")));
        return cells;
    }

    private static String address(ObjectNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (address.path("type").asString("").equals(type)) {
                return address.path("address").asString("");
            }
        }
        return "<none>";
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }
}
