package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.kevents.model.HumanDuration;
import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The Events section of {@code kubectl describe pod} (kubectl's {@code DescribeEvents}), one string per row:
 * {@code <type> <reason> <age> <from> <message>}, sorted by lastTimestamp; the age is
 * {@code <since last> (x<count> over <since first>)} when the count is above one. kubectl leaves the order of
 * events with the same lastTimestamp open; here they are ordered by message, so that tests are stable.
 */
final class DescribeRows {

    private DescribeRows() {
    }

    static List<String> of(List<Event> events, String podName, Instant now) {
        return events.stream()
                .filter(e -> podName.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing((Event e) -> KubeTime.parse(e.getLastTimestamp()))
                        .thenComparing(Event::getMessage))
                .map(e -> e.getType() + " " + e.getReason() + " " + age(e, now) + " " + e.getSource().getComponent()
                        + " " + e.getMessage())
                .toList();
    }

    private static String age(Event event, Instant now) {
        String first = HumanDuration.since(KubeTime.parse(event.getFirstTimestamp()), now);
        int count = event.getCount() == null ? 1 : event.getCount();
        if (count > 1) {
            return HumanDuration.since(KubeTime.parse(event.getLastTimestamp()), now) + " (x" + count + " over "
                    + first + ")";
        }
        return first;
    }
}
