package io.kevents.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes' two timestamp encodings.
 *
 * <ul>
 *   <li>{@code Time} (firstTimestamp, lastTimestamp, creationTimestamp): RFC 3339 in UTC with whole seconds,
 *       {@code 2021-09-15T11:13:20Z}.</li>
 *   <li>{@code MicroTime} (eventTime, series.lastObservedTime): six fractional digits,
 *       {@code 2021-09-15T11:13:20.123456Z}.</li>
 * </ul>
 * Zero values are JSON {@code null}, never an empty string; callers map {@code null} both ways.
 */
public final class KubeTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private static final int NO_FRACTION = -1;

    private KubeTime() {
    }

    /** Formats as a {@code Time} (truncated to the second), or {@code null} for {@code null}. */
    public static String formatTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        String text = format(instant.getEpochSecond(), NO_FRACTION);
        return text != null ? text : SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Formats as a {@code MicroTime} (truncated to the microsecond), or {@code null} for {@code null}. */
    public static String formatMicroTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        String text = format(instant.getEpochSecond(), instant.getNano() / 1000);
        return text != null ? text : MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The text of years 1-9999 written digit by digit, or {@code null} for other years (left to the formatter).
     * Every event write formats two or three timestamps, and {@link DateTimeFormatter} took a tenth of a
     * recorder's write path.
     */
    private static String format(long epochSecond, int micros) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            return null;
        }
        byte[] text = new byte[micros == NO_FRACTION ? 20 : 27];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        if (micros != NO_FRACTION) {
            text[19] = '.';
            digits(text, 20, micros, 6);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Whether {@code text} is already in the canonical form ({@code 2021-09-15T11:13:20Z}, or with exactly six
     * fractional digits for MicroTime), so it needs no parse and re-format. A cheap shape check, used on every
     * write of an event.
     */
    public static boolean isCanonical(String text, boolean micro) {
        int length = micro ? 27 : 20;
        if (text.length() != length || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return false;
        }
        if (micro && text.charAt(19) != '.') {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            boolean separator = i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || micro && i == 19;
            if (!separator && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses either encoding (and any RFC 3339 offset or fraction a client may send), or returns {@code null} for
     * {@code null} or an empty string.
     *
     * @throws java.time.format.DateTimeParseException when the text is not RFC 3339
     */
    public static Instant parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }
}
