package io.kevents.recorder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds {@code reportingInstance} as client-go does ({@code <controller>-<hostname>}), kept within the API
 * server's 128-byte limit: a longer value keeps its first bytes and ends with a hash of the whole, so distinct
 * long host names stay distinct.
 */
public final class ReportingInstance {

    private ReportingInstance() {
    }

    /** {@code <controller>-<this host's name>}, shortened if needed. */
    public static String forController(String controller) {
        return fit(controller + "-" + hostname());
    }

    /** {@code value} if it fits in 128 bytes, otherwise a prefix followed by {@code -} and 16 hex digits of hash. */
    public static String fit(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= EventValidation.MAX_FIELD_BYTES) {
            return value;
        }
        String hash = HexFormat.of().formatHex(sha256(bytes), 0, 8);
        int keep = EventValidation.MAX_FIELD_BYTES - hash.length() - 1;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int size = Note.utf8Length(codePoint);
            if (used + size > keep) {
                break;
            }
            out.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return out.append('-').append(hash).toString();
    }

    /** The host name, as {@code os.Hostname()} would give it, or empty when it cannot be found. */
    public static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
