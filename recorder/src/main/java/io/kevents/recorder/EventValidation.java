package io.kevents.recorder;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The checks the API server would make, done before an event is queued so that a bad event is refused at once
 * (and counted) instead of failing minutes later with "Server rejected event (will not retry!)".
 *
 * <p>Limits are in bytes, as the API server measures them.
 */
public final class EventValidation {

    /** Maximum length of reason, action and reportingInstance, in bytes. */
    public static final int MAX_FIELD_BYTES = 128;
    private static final int MAX_QUALIFIED_NAME_LENGTH = 63;
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private EventValidation() {
    }

    /**
     * Checks the per-call fields of an event.
     *
     * @param requireAction whether {@code action} is mandatory (events.k8s.io/v1)
     * @return {@code null} when valid, otherwise what is wrong
     */
    public static String checkCall(String type, String reason, String action, boolean requireAction) {
        if (!EventType.isValid(type)) {
            return "type must be Normal or Warning, not '" + type + "'";
        }
        if (reason == null || reason.isEmpty()) {
            return "reason is required";
        }
        if (tooLong(reason)) {
            return "reason is longer than " + MAX_FIELD_BYTES + " bytes";
        }
        if (requireAction && (action == null || action.isEmpty())) {
            return "action is required";
        }
        if (action != null && tooLong(action)) {
            return "action is longer than " + MAX_FIELD_BYTES + " bytes";
        }
        return null;
    }

    /**
     * Checks a reporting controller name, which must be a Kubernetes qualified name such as {@code kubelet} or
     * {@code example.com/my-operator}.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String requireQualifiedName(String controller) {
        if (controller == null || controller.isEmpty()) {
            throw new IllegalArgumentException("reportingController is required");
        }
        String name = controller.substring(controller.lastIndexOf('/') + 1);
        if (name.length() > MAX_QUALIFIED_NAME_LENGTH || !QUALIFIED_NAME.matcher(controller).matches()) {
            throw new IllegalArgumentException("reportingController '" + controller
                    + "' is not a qualified name ([prefix/]name, name of at most 63 alphanumerics, '-', '_', '.')");
        }
        return controller;
    }

    private static boolean tooLong(String value) {
        // Fast path: a string this short cannot exceed the limit even in 4-byte code points.
        return value.length() * 4 > MAX_FIELD_BYTES
                && value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES;
    }
}
