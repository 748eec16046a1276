package io.kevents.recorder.correlator;

import java.util.Arrays;

/**
 * The distinct messages recently seen in one group of similar events, least recently seen first. At most a handful
 * (client-go's limit is 10), so a small array searched in place costs less than a hash map per group.
 */
final class RecentMessages {

    private final String[] messages;
    private int size;

    RecentMessages(int capacity) {
        this.messages = new String[capacity];
    }

    /**
     * Marks {@code message} as the most recently seen, adding it if new. When that fills the capacity, the least
     * recently seen message is forgotten and {@code true} returned: the group has too many distinct messages.
     */
    boolean seeAndCheckFull(String message) {
        int at = indexOf(message);
        if (at >= 0) {
            System.arraycopy(messages, at + 1, messages, at, size - at - 1);
            messages[size - 1] = message;
        } else {
            messages[size++] = message;
        }
        if (size < messages.length) {
            return false;
        }
        System.arraycopy(messages, 1, messages, 0, size - 1);
        messages[--size] = null;
        return true;
    }

    private int indexOf(String message) {
        for (int i = 0; i < size; i++) {
            if (messages[i].equals(message)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(messages, size));
    }
}
