package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException.Cause;
import io.kevents.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods: the defaults kubectl users see on a real cluster (scheduler name, restart and DNS policy, image pull
 * policy, the not-ready/unreachable tolerations added by admission, phase Pending, QoS class), a status subresource,
 * and the field selectors kubectl and kubelets use.
 */
public final class PodStrategy implements ResourceStrategy {

    /** Seconds a pod tolerates a not-ready or unreachable node (DefaultTolerationSeconds admission). */
    public static final long DEFAULT_TOLERATION_SECONDS = 300;
    private static final Set<String> FIELD_LABELS = Set.of("metadata.name", "metadata.namespace", "spec.nodeName",
            "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
            "status.podIP", "status.nominatedNodeName");

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode spec = Json.objectAt(pod, "spec");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "serviceAccountName", "default");
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        if (!spec.has("priority")) {
            spec.put("priority", 0);
        }
        if (!spec.has("enableServiceLinks")) {
            spec.put("enableServiceLinks", true);
        }
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (String list : List.of("initContainers", "containers")) {
            if (spec.get(list) instanceof ArrayNode containers) {
                for (JsonNode container : containers) {
                    if (container instanceof ObjectNode c) {
                        defaultContainer(c);
                    }
                }
            }
        }
        addDefaultTolerations(spec);
        ObjectNode status = Json.object();
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(spec));
        pod.set("status", status);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    public List<Cause> validate(ObjectNode pod, ObjectNode old, ResourceType served) {
        List<Cause> causes = new ArrayList<>();
        JsonNode containers = pod.path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            causes.add(new Cause("FieldValueRequired", "Required value", "spec.containers"));
            return causes;
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            if (container.path("name").asString("").isEmpty()) {
                causes.add(new Cause("FieldValueRequired", "Required value", "spec.containers[" + i + "].name"));
            }
            if (container.path("image").asString("").isEmpty()) {
                causes.add(new Cause("FieldValueRequired", "Required value", "spec.containers[" + i + "].image"));
            }
        }
        if (old != null) {
            String oldNode = Json.text(old, "spec.nodeName");
            String newNode = Json.text(pod, "spec.nodeName");
            if (oldNode != null && !oldNode.isEmpty() && !oldNode.equals(newNode)) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: pod updates may not change fields other "
                        + "than `spec.containers[*].image`, `spec.initContainers[*].image`, "
                        + "`spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations)"
                        + " or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously "
                        + "negative)", "spec"));
            }
        }
        return causes;
    }

    @Override
    public Map<String, String> fields(ObjectNode pod) {
        Map<String, String> fields = CommonFields.metadata(pod);
        fields.put("spec.nodeName", CommonFields.nullToEmpty(Json.text(pod, "spec.nodeName")));
        fields.put("spec.restartPolicy", CommonFields.nullToEmpty(Json.text(pod, "spec.restartPolicy")));
        fields.put("spec.schedulerName", CommonFields.nullToEmpty(Json.text(pod, "spec.schedulerName")));
        fields.put("spec.serviceAccountName", CommonFields.nullToEmpty(Json.text(pod, "spec.serviceAccountName")));
        fields.put("spec.hostNetwork", Boolean.toString(pod.path("spec").path("hostNetwork").asBoolean(false)));
        fields.put("status.phase", CommonFields.nullToEmpty(Json.text(pod, "status.phase")));
        fields.put("status.podIP", CommonFields.nullToEmpty(Json.text(pod, "status.podIP")));
        fields.put("status.nominatedNodeName", CommonFields.nullToEmpty(Json.text(pod, "status.nominatedNodeName")));
        return fields;
    }

    @Override
    public Set<String> fieldLabels() {
        return FIELD_LABELS;
    }

    private static void defaultContainer(ObjectNode container) {
        String image = container.path("image").asString("");
        if (!container.has("imagePullPolicy")) {
            container.put("imagePullPolicy", pullsAlways(image) ? "Always" : "IfNotPresent");
        }
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        if (!container.has("resources")) {
            container.putObject("resources");
        }
    }

    /** Kubernetes pulls always when the image has no tag or the tag {@code latest} (and no digest). */
    static boolean pullsAlways(String image) {
        if (image.contains("@")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon <= slash || image.substring(colon + 1).equals("latest");
    }

    private static void addDefaultTolerations(ObjectNode spec) {
        ArrayNode tolerations = spec.get("tolerations") instanceof ArrayNode existing ? existing
                : spec.putArray("tolerations");
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean present = false;
            for (JsonNode toleration : tolerations) {
                String tolerationKey = toleration.path("key").asString("");
                String effect = toleration.path("effect").asString("");
                if (tolerationKey.equals(key) && (effect.isEmpty() || effect.equals("NoExecute"))) {
                    present = true;
                }
            }
            if (!present) {
                tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                        .put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
            }
        }
    }

    /** BestEffort without any request or limit, Guaranteed when every container's requests equal limits. */
    private static String qosClass(ObjectNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (JsonNode container : spec.path("containers")) {
            JsonNode requests = container.path("resources").path("requests");
            JsonNode limits = container.path("resources").path("limits");
            if (requests.size() > 0 || limits.size() > 0) {
                any = true;
            }
            for (String resource : List.of("cpu", "memory")) {
                JsonNode limit = limits.get(resource);
                JsonNode request = requests.get(resource);
                if (limit == null || request != null && !request.asString().equals(limit.asString())) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field) || node.get(field).isNull()) {
            node.put(field, value);
        }
    }
}
