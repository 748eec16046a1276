package io.kevents.recorder.fake;

import io.kevents.model.ObjectRef;
import java.util.Map;

/**
 * One call seen by a fake recorder.
 *
 * @param regarding   the object (null if it could not be referenced)
 * @param related     the related object, or null
 * @param type        the event type
 * @param reason      the reason
 * @param action      the action (null for core/v1 recorders)
 * @param note        the formatted text
 * @param annotations the annotations
 */
public record FakeEvent(ObjectRef regarding, ObjectRef related, String type, String reason, String action,
                        String note, Map<String, String> annotations) {

    /** client-go's FakeRecorder line: {@code "<type> <reason> <note>"}. */
    public String line() {
        return type + " " + reason + " " + note;
    }
}
