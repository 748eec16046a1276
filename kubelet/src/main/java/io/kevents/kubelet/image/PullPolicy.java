package io.kevents.kubelet.image;

/**
 * A container's {@code imagePullPolicy}. The API server defaults it ({@code Always} for {@code :latest} or
 * untagged images, else {@code IfNotPresent}); the kubelet only reads it.
 */
public enum PullPolicy {
    ALWAYS,
    IF_NOT_PRESENT,
    NEVER,
    /** Missing or unrecognised: like the kubelet, never pulls (an absent image then fails as under Never). */
    UNSET;

    /** The policy named in a container spec. */
    public static PullPolicy fromSpec(String value) {
        if (value == null) {
            return UNSET;
        }
        return switch (value) {
            case "Always" -> ALWAYS;
            case "IfNotPresent" -> IF_NOT_PRESENT;
            case "Never" -> NEVER;
            default -> UNSET;
        };
    }

    /** The kubelet's {@code shouldPullImage}. */
    public boolean shouldPull(boolean present) {
        return this == ALWAYS || this == IF_NOT_PRESENT && !present;
    }
}
