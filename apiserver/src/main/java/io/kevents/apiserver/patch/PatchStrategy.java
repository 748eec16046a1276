package io.kevents.apiserver.patch;

/** How strategic merge patch combines a field's patch value with its live value ({@code patchStrategy} tag). */
public enum PatchStrategy {

    /** No tag: maps merge recursively, lists are replaced whole. */
    DEFAULT,

    /** {@code patchStrategy:"merge"}: lists are merged (by merge key, or as a set of primitives). */
    MERGE,

    /** {@code patchStrategy:"replace"}: the value is replaced whole, even a map. */
    REPLACE
}
