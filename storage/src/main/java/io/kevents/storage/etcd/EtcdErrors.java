package io.kevents.storage.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kevents.storage.StorageException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what jetcd and gRPC throw into the store's failures. */
final class EtcdErrors {

    private EtcdErrors() {
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether etcd answered that the requested revision is compacted. */
    static boolean isCompacted(Throwable t) {
        t = unwrap(t);
        if (t instanceof CompactedException) {
            return true;
        }
        String message = t.getMessage();
        return message != null && message.contains("required revision has been compacted");
    }

    /** The store failure for {@code t}; {@code what} says what was attempted. */
    static StorageException toStorageException(String what, Throwable t) {
        t = unwrap(t);
        if (t instanceof StorageException se) {
            return se;
        }
        if (isUnavailable(t)) {
            return new StorageException.Unavailable(what + ": etcd is unavailable: " + describe(t), t);
        }
        return new StorageException(what + ": " + describe(t), t);
    }

    /** A timeout has no message: say what it was rather than "null". */
    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : "no answer in time (" + t.getClass().getSimpleName() + ")";
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof TimeoutException || t instanceof CancellationException) {
            return true;
        }
        if (t instanceof EtcdException e) {
            ErrorCode code = e.getErrorCode();
            return code == ErrorCode.UNAVAILABLE || code == ErrorCode.DEADLINE_EXCEEDED || code == ErrorCode.ABORTED
                    || code == ErrorCode.CANCELLED;
        }
        if (t instanceof StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        }
        return false;
    }
}
