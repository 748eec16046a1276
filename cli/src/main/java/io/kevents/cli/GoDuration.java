package io.kevents.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations the way Kubernetes flags write them: {@code 1h}, {@code 5s}, {@code 1h30m}, {@code 250ms}. */
final class GoDuration implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 1h, 30m, 5s)");
            }
            double amount = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (amount * unit);
            end = matcher.end();
        }
        if (end != value.length() || end == 0) {
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 1h, 30m, 5s)");
        }
        return Duration.ofNanos(nanos);
    }
}
