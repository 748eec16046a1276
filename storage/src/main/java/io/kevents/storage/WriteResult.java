package io.kevents.storage;

/** The outcome of a write: written, or the reason it was not. */
public sealed interface WriteResult {

    /** The write happened; {@code kv} is the new state (for a delete: the deleted value at the deletion revision). */
    record Written(KeyValue kv) implements WriteResult {
    }

    /** Create found the key already present; {@code current} is what is stored. */
    record AlreadyExists(KeyValue current) implements WriteResult {
    }

    /** Update or delete found no such key. */
    record NotFound(String key) implements WriteResult {
    }

    /** The key's modRevision was not the expected one; {@code current} is what is stored. */
    record Conflict(KeyValue current) implements WriteResult {
    }
}
