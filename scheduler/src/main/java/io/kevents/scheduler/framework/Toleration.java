package io.kevents.scheduler.framework;

import java.util.List;

/**
 * A pod toleration, matched against taints as Kubernetes does.
 *
 * @param key      empty with operator {@code Exists} tolerates every taint
 * @param operator {@code Equal} (the default) or {@code Exists}
 * @param value    compared with the taint's value for {@code Equal}
 * @param effect   empty tolerates every effect
 */
public record Toleration(String key, String operator, String value, String effect) {

    public Toleration {
        key = key == null ? "" : key;
        operator = operator == null || operator.isEmpty() ? "Equal" : operator;
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    /** Whether this toleration tolerates {@code taint}. */
    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> value.equals(taint.value());
            default -> false;
        };
    }

    /**
     * Whether any of {@code tolerations} tolerates {@code taint}; the one matching rule that the taint filter and
     * score and the cordon filter share.
     */
    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (Toleration toleration : tolerations) {
            if (toleration.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }

    /** Converts a fabric8 toleration. */
    public static Toleration from(io.fabric8.kubernetes.api.model.Toleration toleration) {
        return new Toleration(toleration.getKey(), toleration.getOperator(), toleration.getValue(),
                toleration.getEffect());
    }
}
