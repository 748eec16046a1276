package io.kevents.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key rules shared by every store: keys are non-empty UTF-8 strings without NUL characters, ordered by their UTF-8
 * bytes (as etcd orders them).
 *
 * <p>NUL is excluded because stores build composite index keys with it as the separator, and because a list page's
 * successor key ({@code key + "\0"}) must never be a real key. Kubernetes keys are paths and never contain it.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * Checks {@code key} and returns its UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the key is empty or contains NUL
     */
    public static byte[] bytes(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("key must not contain NUL: " + key);
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a list or watch prefix and returns its UTF-8 bytes; unlike a key, the prefix may be empty (every key).
     */
    public static byte[] prefixBytes(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
        if (prefix.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("prefix must not contain NUL: " + prefix);
        }
        return prefix.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}, or {@code null} when
     * there is none (the prefix is empty or all 0xff), meaning "to the end of the key space".
     */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
