package io.kevents.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** Turns Kubernetes quantities into the plain numbers of {@link Resources}, rounding up as Kubernetes does. */
final class Quantities {

    static final String CPU = "cpu";
    static final String MEMORY = "memory";
    static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    static final String PODS = "pods";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    /** The resources in a requests/allocatable map; unknown names that are not extended resources are ignored. */
    static Resources resources(Map<String, Quantity> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return Resources.ZERO;
        }
        long cpu = 0;
        long memory = 0;
        long ephemeral = 0;
        Map<String, Long> scalars = null;
        for (Map.Entry<String, Quantity> entry : quantities.entrySet()) {
            String name = entry.getKey();
            Quantity quantity = entry.getValue();
            if (quantity == null) {
                continue;
            }
            switch (name) {
                case CPU -> cpu = milli(quantity);
                case MEMORY -> memory = value(quantity);
                case EPHEMERAL_STORAGE -> ephemeral = value(quantity);
                default -> {
                    if (isScalar(name)) {
                        long amount = value(quantity);
                        if (amount != 0) {
                            if (scalars == null) {
                                scalars = new HashMap<>();
                            }
                            scalars.put(name, amount);
                        }
                    }
                }
            }
        }
        return new Resources(cpu, memory, ephemeral, scalars == null ? Map.of() : scalars);
    }

    /** Extended resources ({@code example.com/x}), huge pages and attachable volumes. */
    static boolean isScalar(String name) {
        return name.indexOf('/') > 0 || name.startsWith("hugepages-") || name.startsWith("attachable-volumes-");
    }

    /** The quantity in thousandths, rounded up ({@code 100m} → 100, {@code 1} → 1000). */
    static long milli(Quantity quantity) {
        return scaled(quantity, THOUSAND);
    }

    /** The quantity, rounded up ({@code 1Gi} → 1073741824). */
    static long value(Quantity quantity) {
        return scaled(quantity, BigDecimal.ONE);
    }

    private static long scaled(Quantity quantity, BigDecimal factor) {
        try {
            BigDecimal amount = quantity.getNumericalAmount().multiply(factor);
            return amount.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            // A malformed or astronomically large quantity: the API server would not have accepted the former,
            // so treat both as "more than any node has".
            return Long.MAX_VALUE / 4;
        }
    }
}
