package io.kevents.scheduler.profile;

import io.kevents.model.GoStrings;
import io.kevents.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the FailedScheduling text (Kubernetes' {@code FitError.Error()}): {@code 0/N nodes are available:}, then
 * every reason of every rejected node counted ({@code "<count> <reason>"}), sorted byte by byte and joined with
 * {@code ", "}, then what preemption said; and cuts the event's copy to the API server's 1024 bytes in the versions
 * that do.
 *
 * <p>Sorting is by UTF-8 bytes (Go's {@code sort.Strings}): {@code "10 x"} before {@code "2 x"}, digits before
 * upper case before lower case. Comparing code points gives exactly that order.
 */
public final class FailureMessages {

    /** The API server's limit on an event's note, in bytes. */
    public static final int NOTE_LENGTH_LIMIT = 1024;
    private static final String TRUNCATION_SUFFIX = " ...";

    private final FitErrorStyle style;
    private final boolean truncateEventNote;

    /**
     * @param style             how the parts are joined
     * @param truncateEventNote whether the event's copy is cut to 1024 bytes (v1.21 on)
     */
    public FailureMessages(FitErrorStyle style, boolean truncateEventNote) {
        this.style = style;
        this.truncateEventNote = truncateEventNote;
    }

    /**
     * The full message (also the pod condition's message).
     *
     * @param numAllNodes       nodes in the snapshot
     * @param statuses          the rejected nodes' statuses, one per node
     * @param postFilterMessage preemption's text, or empty
     */
    public String fitError(int numAllNodes, Iterable<Status> statuses, String postFilterMessage) {
        String histogram = histogram(statuses);
        StringBuilder message = new StringBuilder(64 + histogram.length() + postFilterMessage.length());
        message.append("0/").append(numAllNodes).append(" nodes are available:");
        if (style == FitErrorStyle.LEGACY || !histogram.isEmpty()) {
            message.append(' ').append(histogram).append('.');
        }
        if (!postFilterMessage.isEmpty()) {
            message.append(' ').append(postFilterMessage);
            if (style == FitErrorStyle.DOUBLE_PERIOD) {
                message.append('.');
            }
        }
        return message.toString();
    }

    /** {@code "<count> <reason>"} for every distinct reason, byte-wise sorted, joined with {@code ", "}. */
    public static String histogram(Iterable<Status> statuses) {
        // Plugins share Status instances for constant reasons, so counting instances first touches each reason
        // string once per distinct status rather than once per node.
        Map<Status, int[]> byStatus = new IdentityHashMap<>();
        for (Status status : statuses) {
            byStatus.computeIfAbsent(status, s -> new int[1])[0]++;
        }
        Map<String, int[]> byReason = new HashMap<>();
        for (Map.Entry<Status, int[]> entry : byStatus.entrySet()) {
            for (String reason : entry.getKey().reasons()) {
                byReason.computeIfAbsent(reason, r -> new int[1])[0] += entry.getValue()[0];
            }
        }
        List<String> entries = new ArrayList<>(byReason.size());
        byReason.forEach((reason, count) -> entries.add(count[0] + " " + reason));
        entries.sort(GoStrings::compare);
        return String.join(", ", entries);
    }

    /** The event's copy of {@code message}: unchanged, or cut to 1020 bytes plus {@code " ..."} when longer. */
    public String eventNote(String message) {
        return truncateEventNote ? truncate(message) : message;
    }

    /**
     * Cuts {@code message} to {@value #NOTE_LENGTH_LIMIT} bytes of UTF-8 as kube-scheduler does (first 1020 bytes and
     * {@code " ..."}), at a character boundary so the result stays valid UTF-8.
     */
    public static String truncate(String message) {
        if (utf8Length(message) <= NOTE_LENGTH_LIMIT) {
            return message;
        }
        int budget = NOTE_LENGTH_LIMIT - TRUNCATION_SUFFIX.length();
        int used = 0;
        int end = 0;
        while (end < message.length()) {
            int codePoint = message.codePointAt(end);
            int size = utf8Length(codePoint);
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return message.substring(0, end) + TRUNCATION_SUFFIX;
    }

    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
