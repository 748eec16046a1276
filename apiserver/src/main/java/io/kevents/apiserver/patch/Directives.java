package io.kevents.apiserver.patch;

import java.util.Optional;

/** The directive keys and values of strategic merge patch. Directives never end up in a patched object. */
final class Directives {

    /** {@code $patch: replace|delete|merge}, in a map or as a list element. */
    static final String PATCH = "$patch";
    /** Value of {@link #PATCH}: the map (or list) is replaced by the patch's content. */
    static final String REPLACE = "replace";
    /** Value of {@link #PATCH}: the map is cleared, or the list element with this merge key is removed. */
    static final String DELETE = "delete";
    /** Value of {@link #PATCH}: the default, merge. */
    static final String MERGE = "merge";
    /** {@code $retainKeys: [..]}: keys of the live map not listed are dropped. */
    static final String RETAIN_KEYS = "$retainKeys";
    /** {@code $setElementOrder/<field>: [..]}: the order the merged list must end up in. */
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    /** {@code $deleteFromPrimitiveList/<field>: [..]}: values to remove from a merged list of primitives. */
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    private Directives() {
    }

    /**
     * The field a parallel-list directive key is about: {@code containers} for
     * {@code $setElementOrder/containers} and prefix {@code $setElementOrder}; empty when the key does not have
     * exactly the form {@code <prefix>/<field>}.
     */
    static Optional<String> fieldOf(String key, String prefix) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            return Optional.empty();
        }
        return Optional.of(key.substring(slash + 1));
    }
}
