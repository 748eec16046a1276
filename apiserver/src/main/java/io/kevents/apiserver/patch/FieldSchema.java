package io.kevents.apiserver.patch;

import java.util.Objects;

/**
 * What strategic merge patch must know about one field: its strategy, the merge key of its list elements, and the
 * schema of its value (of its elements, for a list).
 *
 * @param strategy   how the field's patch value combines with its live value
 * @param mergeKey   the element field identifying list elements ({@code name} for containers); empty for none
 * @param retainKeys whether the field is tagged {@code retainKeys} (clients then send {@code $retainKeys}; the
 *                   server honours that directive wherever it appears, so this is informational)
 * @param type       the schema of the value, or of each element for a list
 */
public record FieldSchema(PatchStrategy strategy, String mergeKey, boolean retainKeys, TypeSchema type) {

    /** A field the schema does not know: maps merge, lists are replaced, nothing below has merge keys. */
    public static final FieldSchema UNKNOWN = new FieldSchema(PatchStrategy.DEFAULT, "", false, TypeSchema.OPAQUE);

    public FieldSchema {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(mergeKey, "mergeKey");
        Objects.requireNonNull(type, "type");
    }

    /** A field without patch tags whose value (or whose list elements) has schema {@code type}. */
    public static FieldSchema of(TypeSchema type) {
        return new FieldSchema(PatchStrategy.DEFAULT, "", false, type);
    }

    /** A list of objects merged by {@code mergeKey}, whose elements know no further merge keys. */
    public static FieldSchema mergeByKey(String mergeKey) {
        return mergeByKey(mergeKey, TypeSchema.OPAQUE);
    }

    /** A list of objects merged by {@code mergeKey}, whose elements have schema {@code elements}. */
    public static FieldSchema mergeByKey(String mergeKey, TypeSchema elements) {
        if (mergeKey.isEmpty()) {
            throw new IllegalArgumentException("a merge key must not be empty");
        }
        return new FieldSchema(PatchStrategy.MERGE, mergeKey, false, elements);
    }

    /** A list of primitives merged as a set ({@code patchStrategy:"merge"} without a merge key). */
    public static FieldSchema mergePrimitives() {
        return new FieldSchema(PatchStrategy.MERGE, "", false, TypeSchema.OPAQUE);
    }

    /** A value replaced whole ({@code patchStrategy:"replace"}). */
    public static FieldSchema replace() {
        return new FieldSchema(PatchStrategy.REPLACE, "", false, TypeSchema.OPAQUE);
    }

    /** This field, also tagged {@code retainKeys}. */
    public FieldSchema withRetainKeys() {
        return new FieldSchema(strategy, mergeKey, true, type);
    }

    /** Whether a list in this field is merged rather than replaced. */
    public boolean mergesLists() {
        return strategy == PatchStrategy.MERGE;
    }

    /** Whether a map in this field is replaced rather than merged. */
    public boolean replacesMaps() {
        return strategy == PatchStrategy.REPLACE;
    }

    /** Whether list elements are identified by a merge key. */
    public boolean hasMergeKey() {
        return !mergeKey.isEmpty();
    }
}
