package io.kevents.apiserver.http;

import io.kevents.apiserver.json.Json;
import io.kevents.model.KubeTime;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Sets a condition in {@code status.conditions}, keeping lastTransitionTime when the status does not change. */
final class PodConditions {

    private PodConditions() {
    }

    static void set(ObjectNode object, String type, String status, String reason, String message, Instant now) {
        ObjectNode objectStatus = Json.objectAt(object, "status");
        ArrayNode conditions = objectStatus.get("conditions") instanceof ArrayNode existing ? existing
                : objectStatus.putArray("conditions");
        ObjectNode condition = null;
        for (JsonNode candidate : conditions) {
            if (candidate.path("type").asString("").equals(type) && candidate instanceof ObjectNode found) {
                condition = found;
            }
        }
        if (condition == null) {
            condition = conditions.addObject();
            condition.put("type", type);
        }
        if (!status.equals(condition.path("status").asString(""))) {
            condition.put("lastTransitionTime", KubeTime.formatTime(now));
        }
        condition.put("status", status);
        condition.putNull("lastProbeTime");
        // A condition's reason and message describe its current status; a new status replaces both.
        if (reason != null) {
            condition.put("reason", reason);
        } else {
            condition.remove("reason");
        }
        if (message != null) {
            condition.put("message", message);
        } else {
            condition.remove("message");
        }
    }
}
