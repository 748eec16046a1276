package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class JsonPatchTest {

    private static final ObjectNode POD = obj("""
            {'apiVersion':'v1','kind':'Pod',
             'metadata':{'name':'nginx-pod-test','namespace':'default','labels':{'app':'nginx'}},
             'spec':{'containers':[{'name':'nginx','image':'nginxa:1.8','ports':[{'containerPort':80}]}]}}""");

    private static JsonNode patch(ObjectNode document, String operations) throws PatchException {
        return JsonPatch.parse(json(operations)).apply(document);
    }

    private static void assertFails(ObjectNode document, String operations, int code, String messagePart) {
        assertThatThrownBy(() -> patch(document, operations)).isInstanceOfSatisfying(PatchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo(code);
            assertThat(e.failure().message()).contains(messagePart);
        });
    }

    @Test
    void addSetsAMemberAndReplacesAnExistingOne() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'add','path':'/metadata/labels/tier','value':'web'},
                 {'op':'add','path':'/metadata/labels/app','value':'nginx2'}]""");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{'app':'nginx2','tier':'web'}"));
    }

    @Test
    void addInsertsIntoAnArrayAtAnIndexOrAtTheEnd() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'add','path':'/spec/containers/0/ports/0','value':{'containerPort':443}},
                 {'op':'add','path':'/spec/containers/0/ports/-','value':{'containerPort':8080}},
                 {'op':'add','path':'/spec/containers/0/ports/3','value':{'containerPort':9090}}]""");

        assertThat(patched.at("/spec/containers/0/ports")).isEqualTo(json(
                "[{'containerPort':443},{'containerPort':80},{'containerPort':8080},{'containerPort':9090}]"));
    }

    @Test
    void addOfTheRootReplacesTheDocument() throws PatchException {
        assertThat(patch(POD, "[{'op':'add','path':'','value':{'a':1}}]")).isEqualTo(json("{'a':1}"));
    }

    @Test
    void escapedTokensReachKeysWithSlashesAndTildes() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'},
                 {'op':'add','path':'/metadata/labels/odd~0key','value':'x'}]""");

        assertThat(patched.at("/metadata/labels/app.kubernetes.io~1name").stringValue()).isEqualTo("web");
        assertThat(patched.get("metadata").get("labels").get("odd~key").stringValue()).isEqualTo("x");
    }

    @Test
    void removeDeletesAMemberOrAnElement() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'remove','path':'/metadata/labels/app'},
                 {'op':'remove','path':'/spec/containers/0/ports/0'}]""");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{}"));
        assertThat(patched.at("/spec/containers/0/ports")).isEqualTo(json("[]"));
    }

    @Test
    void replaceChangesAnExistingValue() throws PatchException {
        JsonNode patched = patch(POD, "[{'op':'replace','path':'/spec/containers/0/image','value':'nginx:1.8'}]");

        assertThat(patched.at("/spec/containers/0/image").stringValue()).isEqualTo("nginx:1.8");
    }

    @Test
    void replaceAcceptsNullAsAValue() throws PatchException {
        JsonNode patched = patch(POD, "[{'op':'replace','path':'/metadata/labels/app','value':null}]");

        assertThat(patched.at("/metadata/labels/app").isNull()).isTrue();
    }

    @Test
    void moveAndCopy() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'copy','from':'/metadata/labels/app','path':'/metadata/labels/component'},
                 {'op':'move','from':'/metadata/labels/app','path':'/metadata/annotations'}]""");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{'component':'nginx'}"));
        assertThat(patched.at("/metadata/annotations").stringValue()).isEqualTo("nginx");
    }

    @Test
    void copiesAreIndependent() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'copy','from':'/spec/containers/0','path':'/spec/containers/-'},
                 {'op':'replace','path':'/spec/containers/1/name','value':'sidecar'}]""");

        assertThat(patched.at("/spec/containers/0/name").stringValue()).isEqualTo("nginx");
        assertThat(patched.at("/spec/containers/1/name").stringValue()).isEqualTo("sidecar");
    }

    @Test
    void moveToItselfChangesNothing() throws PatchException {
        assertThat(patch(POD, "[{'op':'move','from':'/metadata','path':'/metadata'}]")).isEqualTo(POD);
    }

    @Test
    void passingTestsLetThePatchApply() throws PatchException {
        JsonNode patched = patch(POD, """
                [{'op':'test','path':'/metadata/labels/app','value':'nginx'},
                 {'op':'test','path':'/spec/containers/0/ports/0/containerPort','value':80.0},
                 {'op':'test','path':'/spec/containers/0/ports','value':[{'containerPort':80}]},
                 {'op':'replace','path':'/metadata/labels/app','value':'web'}]""");

        assertThat(patched.at("/metadata/labels/app").stringValue()).isEqualTo("web");
    }

    @Test
    void aFailedTestIsInvalidAndNothingApplies() {
        ObjectNode before = POD.deepCopy();

        assertFails(POD, """
                [{'op':'replace','path':'/metadata/labels/app','value':'web'},
                 {'op':'test','path':'/spec/containers/0/image','value':'nginx:1.9'}]""", 422, "test");
        assertThat(POD).isEqualTo(before);
    }

    @Test
    void testOfAnAbsentPathFails() {
        assertFails(POD, "[{'op':'test','path':'/metadata/uid','value':'x'}]", 422, "/metadata/uid");
    }

    @Test
    void pathsThatDoNotExistAreInvalid() {
        assertFails(POD, "[{'op':'replace','path':'/metadata/uid','value':'x'}]", 422, "/metadata/uid");
        assertFails(POD, "[{'op':'remove','path':'/metadata/uid'}]", 422, "/metadata/uid");
        assertFails(POD, "[{'op':'add','path':'/status/phase','value':'Running'}]", 422, "/status");
        assertFails(POD, "[{'op':'move','from':'/nope','path':'/x'}]", 422, "/nope");
        assertFails(POD, "[{'op':'copy','from':'/nope','path':'/x'}]", 422, "/nope");
        assertFails(POD, "[{'op':'add','path':'/kind/x','value':1}]", 422, "/kind");
    }

    @Test
    void badArrayIndicesAreInvalid() {
        assertFails(POD, "[{'op':'add','path':'/spec/containers/2','value':{}}]", 422, "index");
        assertFails(POD, "[{'op':'replace','path':'/spec/containers/1','value':{}}]", 422, "index");
        assertFails(POD, "[{'op':'remove','path':'/spec/containers/-'}]", 422, "index");
        assertFails(POD, "[{'op':'remove','path':'/spec/containers/00'}]", 422, "index");
        assertFails(POD, "[{'op':'remove','path':'/spec/containers/+0'}]", 422, "index");
        assertFails(POD, "[{'op':'add','path':'/spec/containers/99999999999','value':{}}]", 422, "index");
    }

    @Test
    void movingAValueIntoItselfIsInvalid() {
        assertFails(POD, "[{'op':'move','from':'/spec','path':'/spec/containers/0/spec'}]", 422, "inside");
    }

    @Test
    void theRootCannotBeRemoved() {
        assertFails(POD, "[{'op':'remove','path':''}]", 422, "whole document");
    }

    @Test
    void anEmptyPatchChangesNothing() throws PatchException {
        assertThat(patch(POD, "[]")).isEqualTo(POD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'op':'add','path':'/a','value':1}",
        "[1]",
        "[{'path':'/a','value':1}]",
        "[{'op':'add','value':1}]",
        "[{'op':7,'path':'/a','value':1}]",
        "[{'op':'add','path':'/a'}]",
        "[{'op':'replace','path':'/a'}]",
        "[{'op':'test','path':'/a'}]",
        "[{'op':'move','path':'/a'}]",
        "[{'op':'copy','path':'/a','from':3}]",
        "[{'op':'increment','path':'/a','value':1}]",
        "[{'op':'add','path':'a','value':1}]",
        "[{'op':'add','path':'/a~9','value':1}]"
    })
    void malformedPatchesAreBadRequests(String operations) {
        assertFails(POD, operations, 400, "");
    }

    @Test
    void tooManyOperationsAreTooLarge() {
        ArrayNode operations = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
            operations.addObject().put("op", "test").put("path", "/kind").put("value", "Pod");
        }

        assertThatThrownBy(() -> JsonPatch.parse(operations)).isInstanceOfSatisfying(PatchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo(413);
            assertThat(e.failure().reason()).isEqualTo("RequestEntityTooLarge");
        });
    }

    @Test
    void theInputDocumentIsNeverModified() throws PatchException {
        ObjectNode before = POD.deepCopy();

        patch(POD, """
                [{'op':'add','path':'/metadata/labels/x','value':'y'},
                 {'op':'remove','path':'/spec/containers/0/ports'},
                 {'op':'move','from':'/metadata/name','path':'/metadata/generateName'}]""");

        assertThat(POD).isEqualTo(before);
    }

    @Test
    void theSameParsedPatchCanBeAppliedTwiceWithoutSharing() throws PatchException {
        JsonPatch addContainer = JsonPatch.parse(json(
                "[{'op':'add','path':'/spec/containers/-','value':{'name':'sidecar','env':[]}}]"));

        ObjectNode first = (ObjectNode) addContainer.apply(POD);
        ObjectNode second = (ObjectNode) addContainer.apply(POD);
        ((ArrayNode) first.at("/spec/containers/1/env")).add("mutated");

        assertThat(second.at("/spec/containers/1/env")).isEqualTo(json("[]"));
    }
}
