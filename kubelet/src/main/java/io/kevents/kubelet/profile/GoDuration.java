package io.kevents.kubelet.profile;

import java.time.Duration;

/**
 * Go's {@code time.Duration.String()}, which the kubelet's {@code %v} puts into messages such as
 * {@code Successfully pulled image "nginx:1.8" in 49.657983991s}: the largest units first ({@code 2m3.5s},
 * {@code 1h0m0s}), fractions without trailing zeros, and below one second the smallest unit that keeps an integer
 * part ({@code 850ms}, {@code 1.5µs}, {@code 12ns}).
 */
public final class GoDuration {

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    /** Formats {@code duration} as Go would (Go durations are int64 nanoseconds; longer ones saturate). */
    public static String format(Duration duration) {
        long nanos = saturatedNanos(duration);
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; unsigned arithmetic handles it as Go does.
        long magnitude = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder(24);
        if (Long.compareUnsigned(magnitude, NANOS_PER_SECOND) < 0) {
            if (magnitude < NANOS_PER_MICRO) {
                out.append(magnitude).append("ns");
            } else if (magnitude < NANOS_PER_MILLI) {
                appendWithFraction(out, magnitude, NANOS_PER_MICRO, 3);
                out.append("µs");
            } else {
                appendWithFraction(out, magnitude, NANOS_PER_MILLI, 6);
                out.append("ms");
            }
        } else {
            long seconds = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
            long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
            long hours = seconds / 3600;
            long minutes = seconds / 60 % 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(seconds % 60);
            appendFraction(out, fraction, 9);
            out.append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    /** Go's {@code Duration.Truncate(time.Millisecond)}, which kubelets since 1.26 apply before printing. */
    public static Duration truncatedToMillis(Duration duration) {
        return Duration.ofNanos(saturatedNanos(duration) / NANOS_PER_MILLI * NANOS_PER_MILLI);
    }

    private static void appendWithFraction(StringBuilder out, long nanos, long unit, int digits) {
        out.append(nanos / unit);
        appendFraction(out, nanos % unit, digits);
    }

    /** Appends {@code .ddd} with {@code digits} digits minus trailing zeros; nothing when the fraction is zero. */
    private static void appendFraction(StringBuilder out, long fraction, int digits) {
        if (fraction == 0) {
            return;
        }
        String padded = String.format("%0" + digits + "d", fraction);
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(padded, 0, end);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
