package io.kevents.model;

/** String rules of Go, which Kubernetes (and etcd) follow and kevents must match. */
public final class GoStrings {

    private GoStrings() {
    }

    /**
     * Compares as Go compares strings: by their UTF-8 bytes, which is the order of code points (Java's
     * {@link String#compareTo} compares UTF-16 units and orders some characters differently).
     */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
