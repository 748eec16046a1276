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
        int literalStart = 0;
        for (int i = format.indexOf('%'); i >= 0; i = format.indexOf('%', literalStart)) {
            out.append(format, literalStart, i);
            if (i + 1 == length) {
                return null;
            }
            char conversion = format.charAt(i + 1);
            literalStart = i + 2;
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            if (conversion != 's' && conversion != 'd' || next >= args.length) {
                return null;
            }
            Object arg = args[next++];
            if (conversion == 's' && arg instanceof Formattable
                    || conversion == 'd' && !(arg instanceof Integer || arg instanceof Long || arg instanceof Short
                    || arg instanceof Byte || arg instanceof BigInteger || arg == null)) {
                return null;
            }
            appendPlain(out, arg);
        }
        return out.append(format, literalStart, length).toString();
    }

    /** Appends {@code String.valueOf(arg)}, without the intermediate string for the common types. */
    private static void appendPlain(StringBuilder out, Object arg) {
        if (arg instanceof Integer number) {
            out.append(number.intValue());
        } else if (arg instanceof Long number) {
            out.append(number.longValue());
        } else {
            out.append(arg);
        }
    }
}
