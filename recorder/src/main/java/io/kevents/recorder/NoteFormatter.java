package io.kevents.recorder;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Formattable;
import java.util.IllegalFormatException;

/**
 * Formats notes with {@link String#format} semantics, fast for the patterns events use.
 *
 * <p>Almost every event format uses only {@code %s}, {@code %d} and {@code %%} without flags or widths
 * ({@code "Pulling image %s"}, {@code "0/%d nodes are available"}). For those this builds the text directly;
 * {@link String#format} parses the pattern with a regular expression on every call, which costs more than the
 * rest of the pipeline put together. Any other pattern goes to {@link String#format}, and a pattern its
 * arguments do not fit gives the pattern followed by the arguments instead of an exception.
 */
final class NoteFormatter {

    private NoteFormatter() {
    }

    static String format(String format, Object[] args) {
        String fast = simpleFormat(format, args);
        if (fast != null) {
            return fast;
        }
        try {
            return String.format(format, args);
        } catch (IllegalFormatException e) {
            return format + " " + Arrays.toString(args);
        }
    }

    /** The formatted text, or {@code null} when the pattern needs the full formatter (or does not fit). */
    private static String simpleFormat(String format, Object[] args) {
        StringBuilder out = new StringBuilder(format.length() + 16 * args.length);
        int next = 0;
        int length = format.length();
        for (int i = 0; i < length; i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i == length) {
                return null;
            }
            switch (format.charAt(i)) {
                case '%' -> out.append('%');
                case 's' -> {
                    if (next >= args.length || args[next] instanceof Formattable) {
                        return null;
                    }
                    out.append(args[next++]);
                }
                case 'd' -> {
                    if (next >= args.length) {
                        return null;
                    }
                    Object arg = args[next++];
                    if (arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte
                            || arg instanceof BigInteger || arg == null) {
                        out.append(arg);
                    } else {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }
}
