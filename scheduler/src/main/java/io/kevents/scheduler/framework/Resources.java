package io.kevents.scheduler.framework;

import java.util.HashMap;
import java.util.Map;

/**
 * Amounts of the resources the scheduler accounts for, as plain numbers: cpu in millicores, memory and
 * ephemeral storage in bytes, extended resources (e.g. {@code nvidia.com/gpu}) by name. Quantities are parsed once,
 * when a pod or node enters the scheduler, so that filters compare {@code long}s.
 *
 * @param milliCpu         cpu in thousandths of a core
 * @param memory           bytes
 * @param ephemeralStorage bytes
 * @param scalars          extended resources, in their base unit; usually empty
 */
public record Resources(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {

    /** Nothing. */
    public static final Resources ZERO = new Resources(0, 0, 0, Map.of());

    public Resources {
        scalars = scalars.isEmpty() ? Map.of() : Map.copyOf(scalars);
    }

    /** Whether every amount is zero. */
    public boolean isZero() {
        return milliCpu == 0 && memory == 0 && ephemeralStorage == 0 && scalars.isEmpty();
    }

    /** The amount of an extended resource, 0 when absent. */
    public long scalar(String name) {
        return scalars.getOrDefault(name, 0L);
    }

    /** The sum of this and {@code other}. */
    public Resources plus(Resources other) {
        return combine(other, 1);
    }

    /** This minus {@code other}. */
    public Resources minus(Resources other) {
        return combine(other, -1);
    }

    /** The larger of each amount (an init container's needs against the sum of the app containers'). */
    public Resources max(Resources other) {
        Map<String, Long> merged = scalars;
        if (!other.scalars.isEmpty()) {
            Map<String, Long> larger = new HashMap<>(scalars);
            other.scalars.forEach((name, value) -> larger.merge(name, value, Math::max));
            merged = larger;
        }
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                Math.max(ephemeralStorage, other.ephemeralStorage), merged);
    }

    private Resources combine(Resources other, int sign) {
        if (other == ZERO) {
            return this;
        }
        Map<String, Long> merged = scalars;
        if (!other.scalars.isEmpty()) {
            Map<String, Long> sum = new HashMap<>(scalars);
            other.scalars.forEach((name, value) -> sum.merge(name, sign * value, Long::sum));
            sum.values().removeIf(v -> v == 0);
            merged = sum;
        }
        return new Resources(milliCpu + sign * other.milliCpu, memory + sign * other.memory,
                ephemeralStorage + sign * other.ephemeralStorage, merged);
    }
}
