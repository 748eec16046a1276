package io.kevents.apiserver.patch;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Random JSON trees for property tests, over few keys so that patches and targets overlap. */
final class JsonArbitraries {

    /** Plain names plus field names the Kubernetes schema knows, so schema paths get exercised. */
    private static final List<String> KEYS = List.of("a", "b", "c", "name", "type", "metadata", "spec",
            "containers", "finalizers", "labels");

    private JsonArbitraries() {
    }

    /** Objects whose members are never {@code null} (RFC 7386 cannot express a null member). */
    static Arbitrary<ObjectNode> nullFreeObjects() {
        return objects(3, false);
    }

    /** Objects that may have {@code null} members. */
    static Arbitrary<ObjectNode> objectsWithNulls() {
        return objects(3, true);
    }

    private static Arbitrary<ObjectNode> objects(int depth, boolean nulls) {
        return Arbitraries.maps(Arbitraries.of(KEYS), values(depth - 1, nulls)).ofMaxSize(4)
                .map(JsonArbitraries::object);
    }

    private static Arbitrary<JsonNode> values(int depth, boolean nulls) {
        Arbitrary<JsonNode> scalars = scalars(nulls);
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<JsonNode> objects = Arbitraries.lazy(() -> objects(depth, nulls)).map(JsonNode.class::cast);
        // Arrays never hold null members: a strategic merge patch drops them from the objects of a list it takes
        // from the patch, where RFC 7386 keeps them, and that difference is deliberate.
        Arbitrary<JsonNode> arrays = Arbitraries.lazy(() -> values(depth - 1, false)).list().ofMaxSize(3)
                .map(JsonArbitraries::array);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalars),
                net.jqwik.api.Tuple.of(2, objects),
                net.jqwik.api.Tuple.of(1, arrays));
    }

    private static Arbitrary<JsonNode> scalars(boolean nulls) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.of("x", "y", "z", "").map(nodes::stringNode);
        Arbitrary<JsonNode> numbers = Arbitraries.integers().between(-3, 3).map(nodes::numberNode);
        Arbitrary<JsonNode> booleans = Arbitraries.of(true, false).map(nodes::booleanNode);
        return nulls
                ? Arbitraries.oneOf(strings, numbers, booleans, Arbitraries.just(nodes.nullNode()))
                : Arbitraries.oneOf(strings, numbers, booleans);
    }

    private static ObjectNode object(Map<String, JsonNode> members) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        members.forEach(object::set);
        return object;
    }

    private static JsonNode array(List<JsonNode> elements) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.addAll(elements);
        return array;
    }

    /** The RFC 7386 patch that turns {@code from} into {@code to} (both without null members). */
    static ObjectNode mergePatchDiff(ObjectNode from, ObjectNode to) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (String name : from.propertyNames()) {
            if (!to.has(name)) {
                patch.putNull(name);
            }
        }
        for (Map.Entry<String, JsonNode> member : to.properties()) {
            JsonNode before = from.get(member.getKey());
            JsonNode after = member.getValue();
            if (before instanceof ObjectNode beforeObject && after instanceof ObjectNode afterObject) {
                ObjectNode nested = mergePatchDiff(beforeObject, afterObject);
                if (!nested.isEmpty()) {
                    patch.set(member.getKey(), nested);
                }
            } else if (!after.equals(before)) {
                patch.set(member.getKey(), after);
            }
        }
        return patch;
    }
}
