package io.kevents.recorder;

import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * An event's human-readable text ({@code note} in events.k8s.io/v1, {@code message} in core/v1): a format and its
 * arguments, formatted when first needed.
 *
 * <p>Formatting is deferred because most occurrences of a repeated event never need their text (a series keeps the
 * first note), and {@link String#format} costs more than the rest of recording. It is only deferred when every
 * argument is an immutable value (strings, numbers, enums, times, UUIDs); with any other argument the text is made
 * at once, so a caller changing that object afterwards cannot change the event.
 *
 * <p>The text is normalised to what the API server accepts: at most {@value #MAX_BYTES} bytes of UTF-8, cut at a
 * code-point boundary and marked with {@value #TRUNCATION_MARK}, as kube-scheduler does since v1.21. A format the
 * arguments do not fit yields the format followed by the arguments instead of an exception.
 *
 * <p>With no arguments the format is used literally ({@code "50% done"} stays as it is).
 */
public final class Note {

    /** The API server's limit on note/message length, in bytes. */
    public static final int MAX_BYTES = 1024;
    /** Appended to a truncated note. */
    public static final String TRUNCATION_MARK = " ...";

    private final String format;
    private final Object[] args;
    private volatile Normalised normalised;

    private Note(String format, Object[] args, Normalised normalised) {
        this.format = format;
        this.args = args;
        this.normalised = normalised;
    }

    /** A note from a format and its arguments. */
    public static Note of(String format, Object... args) {
        String safeFormat = format == null ? "" : format;
        if (args == null || args.length == 0) {
            return new Note(safeFormat, null, null);
        }
        if (allImmutable(args)) {
            return new Note(safeFormat, args.clone(), null);
        }
        return new Note(safeFormat, null, Normalised.of(formatSafely(safeFormat, args)));
    }

    /** A literal note. */
    public static Note literal(String text) {
        return of(text);
    }

    /** The normalised text. */
    public String text() {
        return normalised().text();
    }

    /** Whether the text had to be shortened to fit the API server's limit. */
    public boolean wasTruncated() {
        return normalised().truncated();
    }

    private Normalised normalised() {
        Normalised result = normalised;
        if (result == null) {
            // Benign race: two threads may format the same immutable inputs; both get equal results.
            result = Normalised.of(args == null ? format : formatSafely(format, args));
            normalised = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return text();
    }

    /** Cuts {@code text} to at most {@link #MAX_BYTES} bytes of UTF-8 at a code-point boundary. */
    public static String normalise(String text) {
        if (text.length() * 3L <= MAX_BYTES || utf8Length(text) <= MAX_BYTES) {
            return text;
        }
        int budget = MAX_BYTES - TRUNCATION_MARK.length();
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + TRUNCATION_MARK;
    }

    /** The UTF-8 length of {@code text} in bytes. */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    /** The UTF-8 length of one code point in bytes. */
    static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint < 0x10000) {
            // A lone surrogate is encoded by Java as '?', one byte; count it as three to stay on the safe side.
            return 3;
        }
        return 4;
    }

    private static String formatSafely(String format, Object[] args) {
        return NoteFormatter.format(format, args);
    }

    private static boolean allImmutable(Object[] args) {
        for (Object arg : args) {
            if (!(arg == null || arg instanceof String || arg instanceof Number && isJdkNumber(arg)
                    || arg instanceof Boolean || arg instanceof Character || arg instanceof Enum<?>
                    || arg instanceof TemporalAccessor && arg.getClass().getName().startsWith("java.time.")
                    || arg instanceof java.time.Duration || arg instanceof UUID)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJdkNumber(Object number) {
        // AtomicInteger and friends are Numbers but mutable.
        return number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte || number instanceof Double || number instanceof Float
                || number instanceof java.math.BigInteger || number instanceof java.math.BigDecimal;
    }

    private record Normalised(String text, boolean truncated) {
        static Normalised of(String raw) {
            String text = normalise(raw);
            return new Normalised(text, text != raw);
        }
    }
}
