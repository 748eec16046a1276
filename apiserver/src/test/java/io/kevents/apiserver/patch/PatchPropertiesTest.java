package io.kevents.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class PatchPropertiesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> KINDS = List.of("Pod", "Node", "Namespace", "ConfigMap", "Event", "Lease",
            "Widget");

    private final Patcher patcher = new Patcher();

    @Provide
    Arbitrary<ObjectNode> objects() {
        return JsonArbitraries.objectsWithNulls();
    }

    @Provide
    Arbitrary<ObjectNode> nullFree() {
        return JsonArbitraries.nullFreeObjects();
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.of(KINDS);
    }

    private static ObjectNode applied(PatchOutcome outcome) {
        assertThat(outcome).isInstanceOf(PatchOutcome.Applied.class);
        return ((PatchOutcome.Applied) outcome).object();
    }

    @Property
    void anEmptyPatchIsTheIdentityForEveryType(@ForAll("objects") ObjectNode live, @ForAll("kinds") String kind,
                                               @ForAll PatchType type) {
        byte[] empty = (type == PatchType.JSON_PATCH ? "[]" : "{}").getBytes();

        assertThat(applied(patcher.apply(type, "v1", kind, live, empty))).isEqualTo(live);
    }

    @Property
    void aMergePatchOfAnObjectOntoItselfIsTheIdentity(@ForAll("nullFree") ObjectNode object) {
        assertThat(JsonMergePatch.apply(object, object)).isEqualTo(object);
    }

    @Property
    void theMergePatchDiffOfTwoObjectsTurnsTheFirstIntoTheSecond(@ForAll("nullFree") ObjectNode from,
                                                                 @ForAll("nullFree") ObjectNode to) {
        ObjectNode diff = JsonArbitraries.mergePatchDiff(from, to);

        assertThat(JsonMergePatch.apply(from, diff)).isEqualTo(to);
        assertThat(applied(patcher.apply(PatchType.MERGE_PATCH, "Widget", from, MAPPER.writeValueAsBytes(diff))))
                .isEqualTo(to);
    }

    @Property
    void withoutDirectivesOrSchemaAStrategicMergePatchIsAMergePatch(@ForAll("objects") ObjectNode live,
                                                                    @ForAll("objects") ObjectNode patch)
            throws PatchException {
        assertThat(StrategicMergePatch.apply(live, patch, TypeSchema.OPAQUE))
                .isEqualTo(JsonMergePatch.apply(live, patch));
    }

    @Property
    void noPatchTypeEverModifiesTheLiveObject(@ForAll("objects") ObjectNode live, @ForAll("objects") ObjectNode patch,
                                              @ForAll("kinds") String kind, @ForAll PatchType type) {
        ObjectNode before = live.deepCopy();
        byte[] body = type == PatchType.JSON_PATCH
                ? MAPPER.writeValueAsBytes(JsonNodeFactory.instance.arrayNode().add(
                        JsonNodeFactory.instance.objectNode().put("op", "add").put("path", "/spec").set("value", patch)))
                : MAPPER.writeValueAsBytes(patch);

        PatchOutcome outcome = patcher.apply(type, "v1", kind, live, body);

        assertThat(live).isEqualTo(before);
        if (outcome instanceof PatchOutcome.Applied applied) {
            TestJson.assertNoDirectives(applied.object());
        }
    }

    @Property
    void jsonPatchAddThenRemoveIsTheIdentity(@ForAll("objects") ObjectNode live, @ForAll("objects") ObjectNode value)
            throws PatchException {
        JsonNode operations = TestJson.json("[{'op':'add','path':'/new~1key','value':" + value
                + "},{'op':'remove','path':'/new~1key'}]");

        assertThat(JsonPatch.parse(operations).apply(live)).isEqualTo(live);
    }

    @Property
    void jsonPatchTestOfEveryTopLevelMemberPasses(@ForAll("objects") ObjectNode live) throws PatchException {
        StringBuilder operations = new StringBuilder("[");
        for (String name : live.propertyNames()) {
            operations.append(operations.length() > 1 ? "," : "")
                    .append("{\"op\":\"test\",\"path\":\"/").append(name).append("\",\"value\":")
                    .append(live.get(name)).append('}');
        }
        JsonNode patch = MAPPER.readTree(operations.append(']').toString());

        assertThat(JsonPatch.parse(patch).apply(live)).isEqualTo(live);
    }

    @Property
    void applyingAContainerPatchTwiceIsApplyingItOnce(@ForAll("pods") ObjectNode pod,
                                                      @ForAll("containerPatches") ObjectNode patch)
            throws PatchException {
        TypeSchema schema = PatchSchema.kubernetes().forKind("v1", "Pod");

        ObjectNode once = StrategicMergePatch.apply(pod, patch, schema);

        assertThat(StrategicMergePatch.apply(once, patch, schema)).isEqualTo(once);
    }

    @Provide
    Arbitrary<ObjectNode> pods() {
        return containerLists().map(containers -> {
            ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("spec").set("containers", containers);
            return pod;
        });
    }

    @Provide
    Arbitrary<ObjectNode> containerPatches() {
        return containerLists().map(containers -> {
            ObjectNode patch = JsonNodeFactory.instance.objectNode();
            patch.putObject("spec").set("containers", containers);
            return patch;
        });
    }

    /** Containers with distinct names, random images and env vars with distinct names. */
    private static Arbitrary<tools.jackson.databind.node.ArrayNode> containerLists() {
        Arbitrary<ObjectNode> env = Arbitraries.of("A", "B", "C").flatMap(name -> Arbitraries.of("1", "2")
                .map(value -> JsonNodeFactory.instance.objectNode().put("name", name).put("value", value)));
        Arbitrary<ObjectNode> container = Arbitraries.of("app", "proxy", "log", "init").flatMap(name ->
                Arbitraries.of("img:1", "img:2").flatMap(image -> env.list().ofMaxSize(3)
                        .uniqueElements(e -> e.get("name").stringValue())
                        .map(vars -> {
                            ObjectNode c = JsonNodeFactory.instance.objectNode().put("name", name).put("image", image);
                            c.putArray("env").addAll(vars);
                            return c;
                        })));
        return container.list().ofMaxSize(4).uniqueElements(c -> c.get("name").stringValue())
                .map(list -> JsonNodeFactory.instance.arrayNode().addAll(list));
    }
}
