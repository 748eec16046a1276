package io.kevents.kubelet.node;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's capacity, as quantities ({@code "4"}, {@code "8008920Ki"}).
 *
 * @param cpu              cores
 * @param memory           e.g. {@code 8008920Ki}
 * @param pods             the pod limit ({@code 110} by default)
 * @param ephemeralStorage e.g. {@code 52403200Ki}
 */
public record NodeResources(String cpu, String memory, String pods, String ephemeralStorage) {

    /** Four cores, about 8 GiB, 110 pods, 50 GiB of disk: a typical small VM. */
    public static NodeResources standard() {
        return new NodeResources("4", "8008920Ki", "110", "52403200Ki");
    }

    /** {@code status.capacity}. */
    public Map<String, Quantity> capacity() {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(cpu));
        capacity.put("ephemeral-storage", new Quantity(ephemeralStorage));
        capacity.put("hugepages-1Gi", new Quantity("0"));
        capacity.put("hugepages-2Mi", new Quantity("0"));
        capacity.put("memory", new Quantity(memory));
        capacity.put("pods", new Quantity(pods));
        return capacity;
    }

    /**
     * {@code status.allocatable}: capacity minus the kubelet's default hard eviction thresholds
     * ({@code memory.available<100Mi}, {@code nodefs.available<10%}); nothing is reserved for system daemons.
     */
    public Map<String, Quantity> allocatable() {
        Map<String, Quantity> allocatable = capacity();
        BigDecimal memoryBytes = Quantity.getAmountInBytes(new Quantity(memory))
                .subtract(BigDecimal.valueOf(100L * 1024 * 1024));
        allocatable.put("memory", new Quantity(memoryBytes.divide(BigDecimal.valueOf(1024)).toBigInteger() + "Ki"));
        BigDecimal storageBytes = Quantity.getAmountInBytes(new Quantity(ephemeralStorage))
                .multiply(BigDecimal.valueOf(9)).divide(BigDecimal.TEN);
        allocatable.put("ephemeral-storage", new Quantity(storageBytes.toBigInteger().toString()));
        return allocatable;
    }
}
