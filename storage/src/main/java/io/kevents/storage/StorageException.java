package io.kevents.storage;

/** A failure of the store itself, or a request it cannot answer (a compacted revision). */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The requested revision is older than the store's last compaction (the API server answers 410 Gone). */
    public static final class Compacted extends StorageException {
        private final long requestedRevision;
        private final long compactedRevision;

        public Compacted(long requestedRevision, long compactedRevision) {
            super("required revision " + requestedRevision + " has been compacted (compacted up to "
                    + compactedRevision + ")");
            this.requestedRevision = requestedRevision;
            this.compactedRevision = compactedRevision;
        }

        /** The revision that was asked for. */
        public long requestedRevision() {
            return requestedRevision;
        }

        /** The revision up to which history is gone. */
        public long compactedRevision() {
            return compactedRevision;
        }
    }

    /** The store is closed or unreachable. */
    public static final class Unavailable extends StorageException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
