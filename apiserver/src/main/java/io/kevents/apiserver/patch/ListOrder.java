package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.Directives.PATCH;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The order of a merged list. Elements the patch names (in the patch list or its {@code $setElementOrder}) come in
 * the patch's order; elements only the live list has keep their live order and are slotted in before the first
 * patch element that comes after them in the live list. This is what makes {@code kubectl apply} reorder
 * containers as the manifest does while keeping containers someone else added.
 */
final class ListOrder {

    /** Rank of an element absent from an order: after all present ones. */
    private static final int ABSENT = Integer.MAX_VALUE;

    private ListOrder() {
    }

    /** One element with its rank in the wanted (patch) order and in the live order. */
    private record Ranked(JsonNode element, int wanted, int live) {
    }

    /**
     * {@code merged} rearranged.
     *
     * @param wanted   the order the patch asks for (its list, or its {@code $setElementOrder} list)
     * @param live     the live list before the merge, {@code null} when there was none
     * @param mergeKey the key identifying elements; empty to identify them by value
     */
    static ArrayNode arrange(ArrayNode merged, Iterable<? extends JsonNode> wanted, Iterable<? extends JsonNode> live,
                             String mergeKey) {
        List<JsonNode> wantedIds = identities(wanted, mergeKey);
        List<JsonNode> liveIds = live == null ? List.of() : identities(live, mergeKey);
        List<Ranked> fromPatch = new ArrayList<>();
        List<Ranked> liveOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            JsonNode id = identity(element, mergeKey);
            Ranked ranked = new Ranked(element, rank(wantedIds, id), rank(liveIds, id));
            (ranked.wanted() != ABSENT ? fromPatch : liveOnly).add(ranked);
        }
        // List.sort is stable: ties keep the merged order.
        fromPatch.sort(Comparator.comparingInt(Ranked::wanted));
        liveOnly.sort(Comparator.comparingInt(Ranked::live));
        return interleave(liveOnly, fromPatch);
    }

    /**
     * Checks that the patch list names its elements in the order of its {@code $setElementOrder} list and names none
     * that list lacks (elements carrying a {@code $patch} directive are not counted).
     */
    static void checkPatchFollowsOrder(ArrayNode patchList, ArrayNode order, String mergeKey, String field)
            throws PatchException {
        if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        int next = 0;
        for (JsonNode element : patchList) {
            if (element.isObject() && element.has(PATCH)) {
                continue;
            }
            JsonNode id = requiredIdentity(element, mergeKey, field);
            while (next < order.size() && !JsonValues.same(id, requiredIdentity(order.get(next), mergeKey, field))) {
                next++;
            }
            if (next == order.size()) {
                throw PatchException.badRequest("strategic merge patch: the elements of \"" + field
                        + "\" in the patch are not in the order of $setElementOrder/" + field + " "
                        + JsonValues.quote(order));
            }
            next++;
        }
    }

    /** Live-only elements go first only while they precede, in the live list, the next patch element. */
    private static ArrayNode interleave(List<Ranked> liveOnly, List<Ranked> fromPatch) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode(liveOnly.size() + fromPatch.size());
        int l = 0;
        int p = 0;
        while (l < liveOnly.size() || p < fromPatch.size()) {
            boolean takeLive;
            if (p == fromPatch.size()) {
                takeLive = true;
            } else if (l == liveOnly.size()) {
                takeLive = false;
            } else {
                int liveRank = liveOnly.get(l).live();
                int patchRank = fromPatch.get(p).live();
                takeLive = liveRank != ABSENT && patchRank != ABSENT && liveRank < patchRank;
            }
            result.add(takeLive ? liveOnly.get(l++).element() : fromPatch.get(p++).element());
        }
        return result;
    }

    private static List<JsonNode> identities(Iterable<? extends JsonNode> elements, String mergeKey) {
        List<JsonNode> ids = new ArrayList<>();
        for (JsonNode element : elements) {
            ids.add(identity(element, mergeKey));
        }
        return ids;
    }

    /** What identifies an element: its merge-key value, or itself without a merge key; {@code null} for none. */
    private static JsonNode identity(JsonNode element, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return element;
        }
        return element.isObject() ? element.get(mergeKey) : null;
    }

    private static JsonNode requiredIdentity(JsonNode element, String mergeKey, String field) throws PatchException {
        JsonNode id = identity(element, mergeKey);
        if (id == null) {
            throw PatchException.badRequest("strategic merge patch: element " + JsonValues.quote(element) + " of \""
                    + field + "\" or its $setElementOrder list does not contain the merge key \"" + mergeKey + "\"");
        }
        return id;
    }

    private static int rank(List<JsonNode> ids, JsonNode id) {
        if (id == null) {
            return ABSENT;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (JsonValues.same(ids.get(i), id)) {
                return i;
            }
        }
        return ABSENT;
    }
}
