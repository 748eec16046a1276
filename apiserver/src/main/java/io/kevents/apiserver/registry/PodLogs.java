package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kubectl logs} gets from a pod ({@code GET .../pods/<name>/log}). The containers here are simulated and
 * print nothing, so a container that runs, or ran, has an empty log. One that has not started gets the kubelet's
 * own refusal, word for word, for example {@code container "nginx" in pod "nginx-pod-test" is waiting to start:
 * trying and failing to pull image} for the seed's pod whose image does not exist: what a real cluster answers, and
 * a lesson in itself (the reason is in the pod's events, not in its log).
 */
public final class PodLogs {

    private PodLogs() {
    }

    /**
     * The log of one of {@code pod}'s containers (always empty here), or the 400 a real cluster answers.
     *
     * @param container the {@code container} parameter, or {@code null}: the pod's only container
     * @param previous  the {@code previous} parameter: the log of the container's last terminated run
     * @throws ApiException 400 for a container that is not the pod's, not named when it must be, or without a log
     */
    public static String log(ObjectNode pod, String container, boolean previous) {
        String podName = pod.path("metadata").path("name").asString("");
        String name = chooseContainer(pod, podName, container);
        if (pod.path("spec").path("nodeName").asString("").isEmpty()) {
            return ""; // not scheduled: no kubelet to ask, and Kubernetes answers an empty log
        }
        JsonNode status = containerStatus(pod, name);
        if (status == null) {
            throw refused(name, podName, "is not available");
        }
        JsonNode state = status.path("state");
        JsonNode lastTerminated = status.path("lastState").path("terminated");
        if (previous) {
            if (lastTerminated.path("containerID").asString("").isEmpty()) {
                throw ApiException.badRequest("previous terminated container " + quote(name) + " in pod "
                        + quote(podName) + " not found");
            }
            return "";
        }
        if (state.has("running")) {
            return "";
        }
        if (state.has("terminated") || lastTerminated.isObject()) {
            JsonNode terminated = state.has("terminated") ? state.path("terminated") : lastTerminated;
            if (terminated.path("containerID").asString("").isEmpty()) {
                throw refused(name, podName, "is terminated");
            }
            return "";
        }
        if (state.has("waiting")) {
            String reason = state.path("waiting").path("reason").asString("");
            throw refused(name, podName, "is waiting to start: " + switch (reason) {
                case "ErrImagePull" -> "image can't be pulled";
                case "ImagePullBackOff" -> "trying and failing to pull image";
                default -> reason;
            });
        }
        throw refused(name, podName, "is waiting to start - no logs yet");
    }

    /** The container the request is about, as kube-apiserver picks it. */
    private static String chooseContainer(ObjectNode pod, String podName, String container) {
        List<String> containers = names(pod.path("spec").path("containers"));
        List<String> initContainers = names(pod.path("spec").path("initContainers"));
        if (container != null && !container.isEmpty()) {
            if (!containers.contains(container) && !initContainers.contains(container)) {
                throw ApiException.badRequest("container " + container + " is not valid for pod " + podName);
            }
            return container;
        }
        if (containers.size() == 1) {
            return containers.get(0);
        }
        String message = "a container name must be specified for pod " + podName;
        if (!containers.isEmpty()) {
            message += ", choose one of: [" + String.join(" ", containers) + "]";
            if (!initContainers.isEmpty()) {
                message += " or one of the init containers: [" + String.join(" ", initContainers) + "]";
            }
        }
        throw ApiException.badRequest(message);
    }

    private static JsonNode containerStatus(ObjectNode pod, String name) {
        for (String field : List.of("containerStatuses", "initContainerStatuses")) {
            for (JsonNode status : pod.path("status").path(field)) {
                if (name.equals(status.path("name").asString(null))) {
                    return status;
                }
            }
        }
        return null;
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : containers) {
            names.add(c.path("name").asString(""));
        }
        return names;
    }

    /** The kubelet's refusal: {@code container "x" in pod "y" <what>}. */
    private static ApiException refused(String container, String pod, String what) {
        return ApiException.badRequest("container " + quote(container) + " in pod " + quote(pod) + " " + what);
    }

    /** Go's %q for a Kubernetes name, which has no character it would escape. */
    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}
