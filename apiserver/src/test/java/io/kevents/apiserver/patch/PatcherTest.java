package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.body;
import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.obj;
import static io.kevents.apiserver.patch.TestJson.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** The entry point: dispatch by type, failures as values with the right HTTP answer, live never modified. */
class PatcherTest {

    private final Patcher patcher = new Patcher();

    private static final ObjectNode POD = obj("""
            {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'a':'1'},'finalizers':['x']},
             'spec':{'containers':[{'name':'c','image':'i'}],'tolerations':[{'key':'k'}]}}""");

    private PatchFailure failure(PatchType type, String kind, ObjectNode live, byte[] body) {
        PatchOutcome outcome = patcher.apply(type, kind, live, body);
        assertThat(outcome).isInstanceOf(PatchOutcome.Rejected.class);
        PatchFailure failure = ((PatchOutcome.Rejected) outcome).failure();
        assertThat(failure.message()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
        return failure;
    }

    private ObjectNode applied(PatchType type, ObjectNode live, String patch) {
        PatchOutcome outcome = patcher.apply(type, "Pod", live, body(patch));
        assertThat(outcome).isInstanceOf(PatchOutcome.Applied.class);
        return ((PatchOutcome.Applied) outcome).object();
    }

    /** Strategic merges unite finalizers (a new value leads, as upstream orders it); merge patches replace them. */
    @Test
    void eachTypeUsesItsEngine() {
        String addFinalizer = "{'metadata':{'finalizers':['y']}}";

        assertThat(applied(PatchType.MERGE_PATCH, POD, addFinalizer).at("/metadata/finalizers"))
                .isEqualTo(json("['y']"));
        assertThat(applied(PatchType.STRATEGIC_MERGE_PATCH, POD, addFinalizer).at("/metadata/finalizers"))
                .isEqualTo(json("['y','x']"));
        assertThat(applied(PatchType.APPLY_PATCH, POD, addFinalizer).at("/metadata/finalizers"))
                .isEqualTo(json("['y','x']"));
        assertThat(applied(PatchType.JSON_PATCH, POD, "[{'op':'add','path':'/metadata/finalizers/-','value':'y'}]")
                .at("/metadata/finalizers")).isEqualTo(json("['x','y']"));
    }

    @Test
    void contentTypesPickTheType() {
        PatchOutcome outcome = patcher.apply("application/strategic-merge-patch+json; charset=utf-8", "Pod", POD,
                body("{'metadata':{'finalizers':['y']}}"));

        assertThat(((PatchOutcome.Applied) outcome).object().at("/metadata/finalizers")).isEqualTo(json("['y','x']"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/apply-patch+cbor"})
    void unknownContentTypesAreUnsupportedMediaTypes(String contentType) {
        PatchOutcome outcome = patcher.apply(contentType, "Pod", POD, body("{}"));

        assertThat(outcome).isInstanceOfSatisfying(PatchOutcome.Rejected.class, rejected -> {
            assertThat(rejected.failure().code()).isEqualTo(415);
            assertThat(rejected.failure().reason()).isEqualTo("UnsupportedMediaType");
            assertThat(rejected.failure().message()).contains(contentType, "application/merge-patch+json");
        });
    }

    @Test
    void aMissingContentTypeIsUnsupported() {
        PatchOutcome outcome = patcher.apply((String) null, "Pod", POD, body("{}"));

        assertThat(((PatchOutcome.Rejected) outcome).failure().code()).isEqualTo(415);
    }

    @ParameterizedTest
    @EnumSource(PatchType.class)
    void malformedJsonIsABadRequest(PatchType type) {
        PatchFailure failure = failure(type, "Pod", POD, raw("{\"metadata\": {"));

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.reason()).isEqualTo("BadRequest");
        assertThat(failure.message()).startsWith("error decoding patch: ");
    }

    @ParameterizedTest
    @EnumSource(PatchType.class)
    void emptyBodiesAreBadRequests(PatchType type) {
        assertThat(failure(type, "Pod", POD, new byte[0]).code()).isEqualTo(400);
        assertThat(failure(type, "Pod", POD, raw("  \n")).code()).isEqualTo(400);
        assertThat(failure(type, "Pod", POD, null).code()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(PatchType.class)
    void trailingContentIsABadRequest(PatchType type) {
        assertThat(failure(type, "Pod", POD, raw("{} {}")).code()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(value = PatchType.class, names = {"MERGE_PATCH", "STRATEGIC_MERGE_PATCH", "APPLY_PATCH"})
    void objectPatchesMustBeObjects(PatchType type) {
        PatchFailure failure = failure(type, "Pod", POD, body("[{'op':'remove','path':'/spec'}]"));

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message()).contains("must be a JSON object");
    }

    @Test
    void jsonPatchMustBeAnArray() {
        assertThat(failure(PatchType.JSON_PATCH, "Pod", POD, body("{'op':'remove'}")).code()).isEqualTo(400);
    }

    @Test
    void aFailedJsonPatchTestIsInvalid() {
        PatchFailure failure = failure(PatchType.JSON_PATCH, "Pod", POD,
                body("[{'op':'test','path':'/metadata/name','value':'q'}]"));

        assertThat(failure.code()).isEqualTo(422);
        assertThat(failure.reason()).isEqualTo("Invalid");
    }

    @Test
    void aJsonPatchThatLeavesNoObjectIsInvalid() {
        PatchFailure failure = failure(PatchType.JSON_PATCH, "Pod", POD, body("[{'op':'replace','path':'','value':[]}]"));

        assertThat(failure.code()).isEqualTo(422);
        assertThat(failure.message()).contains("must be a JSON object");
    }

    @Test
    void anUnknownDirectiveIsABadRequest() {
        PatchFailure failure = failure(PatchType.STRATEGIC_MERGE_PATCH, "Pod", POD,
                body("{'metadata':{'$patch':'explode'}}"));

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message()).contains("explode");
    }

    @Test
    void applyBodiesInYamlNeedAYamlMapper() {
        PatchFailure failure = failure(PatchType.APPLY_PATCH, "Pod", POD,
                raw("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"));

        assertThat(failure.code()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(PatchType.class)
    void theLiveObjectIsNeverModified(PatchType type) {
        ObjectNode live = POD.deepCopy();
        String patch = type == PatchType.JSON_PATCH
                ? "[{'op':'remove','path':'/metadata/labels'},{'op':'add','path':'/spec/containers/0/x','value':1}]"
                : "{'metadata':{'labels':null,'finalizers':['z']},'spec':{'containers':[{'name':'c','image':'j'}]}}";

        ObjectNode patched = ((PatchOutcome.Applied) patcher.apply(type, "Pod", live, body(patch))).object();
        ((ObjectNode) patched.at("/spec/containers/0")).put("touched", true);

        assertThat(live).isEqualTo(POD);
    }

    @Test
    void theKindsGroupComesFromTheLiveApiVersion() {
        ObjectNode podLikeWidget = POD.deepCopy().put("apiVersion", "example.com/v1");

        PatchOutcome outcome = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, "Pod", podLikeWidget,
                body("{'metadata':{'finalizers':['y']}}"));

        // Not core/v1's Pod: nothing is known, lists are replaced.
        assertThat(((PatchOutcome.Applied) outcome).object().at("/metadata/finalizers")).isEqualTo(json("['y']"));
    }

    @Test
    void anExplicitApiVersionWins() {
        ObjectNode withoutApiVersion = POD.deepCopy();
        withoutApiVersion.remove("apiVersion");

        PatchOutcome outcome = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, "v1", "Pod", withoutApiVersion,
                body("{'metadata':{'finalizers':['y']}}"));

        assertThat(((PatchOutcome.Applied) outcome).object().at("/metadata/finalizers")).isEqualTo(json("['y','x']"));
    }

    @Test
    void orElseThrowGivesTheObjectOrTheFailure() throws PatchException {
        ObjectNode patched = patcher.apply(PatchType.MERGE_PATCH, "Pod", POD, body("{'a':1}")).orElseThrow();
        assertThat(patched.get("a").intValue()).isEqualTo(1);

        PatchOutcome rejected = patcher.apply(PatchType.MERGE_PATCH, "Pod", POD, raw("nope"));
        assertThatThrownBy(rejected::orElseThrow).isInstanceOfSatisfying(PatchException.class,
                e -> assertThat(e.failure().code()).isEqualTo(400));
    }

    @Test
    void patchExceptionsCarryNoStackTrace() {
        assertThat(new PatchException(PatchFailure.badRequest("x")).getStackTrace()).isEmpty();
    }

    @Test
    void unsupportedMediaTypeListsTheAcceptedOnes() {
        PatchFailure failure = Patcher.unsupportedMediaType("text/plain");

        assertThat(failure.code()).isEqualTo(415);
        assertThat(failure.message()).contains("text/plain", "application/json-patch+json",
                "application/merge-patch+json", "application/strategic-merge-patch+json",
                "application/apply-patch+yaml");
    }
}
