package io.kevents.scheduler.profile;

import io.kevents.model.GoStrings;
import io.kevents.recorder.Note;
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
    public static final int NOTE_LENGTH_LIMIT = Note.MAX_BYTES;

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
     * {@code " ..."}), at a character boundary so the result stays valid UTF-8. The recorder applies the same cut to
     * every note, so this delegates to it rather than keep a second copy that could drift.
     */
    public static String truncate(String message) {
        return Note.normalise(message);
    }
}
