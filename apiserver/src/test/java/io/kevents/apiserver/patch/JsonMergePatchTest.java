package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonMergePatchTest {

    private static final ObjectNode NODE = obj("""
            {'apiVersion':'v1','kind':'Node','metadata':{'name':'worker-1',
              'labels':{'kubernetes.io/hostname':'worker-1','zone':'a'}},
             'spec':{'taints':[{'key':'dedicated','value':'gpu','effect':'NoSchedule'}]}}""");

    @Test
    void kubectlLabelAddsALabel() {
        ObjectNode patched = JsonMergePatch.apply(NODE, obj("{'metadata':{'labels':{'disktype':'ssd'}}}"));

        assertThat(patched.at("/metadata/labels")).isEqualTo(
                json("{'kubernetes.io/hostname':'worker-1','zone':'a','disktype':'ssd'}"));
        assertThat(patched.get("spec")).isEqualTo(NODE.get("spec"));
    }

    @Test
    void kubectlLabelWithMinusRemovesTheLabel() {
        ObjectNode labelled = JsonMergePatch.apply(NODE, obj("{'metadata':{'labels':{'disktype':'ssd'}}}"));

        ObjectNode unlabelled = JsonMergePatch.apply(labelled, obj("{'metadata':{'labels':{'disktype':null}}}"));

        assertThat(unlabelled).isEqualTo(NODE);
    }

    @Test
    void listsAreReplacedWhole() {
        ObjectNode patched = JsonMergePatch.apply(NODE,
                obj("{'spec':{'taints':[{'key':'maintenance','effect':'NoExecute'}]}}"));

        assertThat(patched.at("/spec/taints")).isEqualTo(json("[{'key':'maintenance','effect':'NoExecute'}]"));
    }

    @Test
    void nullOfAnAbsentKeyChangesNothing() {
        assertThat(JsonMergePatch.apply(NODE, obj("{'status':null,'metadata':{'annotations':null}}")))
                .isEqualTo(NODE);
    }

    @Test
    void nullsInsideANewObjectAreDropped() {
        ObjectNode patched = JsonMergePatch.apply(NODE, obj("{'metadata':{'annotations':{'a':'1','b':null}}}"));

        assertThat(patched.at("/metadata/annotations")).isEqualTo(json("{'a':'1'}"));
    }

    @Test
    void anObjectPatchReplacesAScalarAndViceVersa() {
        ObjectNode target = obj("{'a':'text','b':{'c':1}}");

        assertThat(JsonMergePatch.apply(target, obj("{'a':{'x':null,'y':2},'b':7}")))
                .isEqualTo(json("{'a':{'y':2},'b':7}"));
    }

    @Test
    void aNonObjectPatchReplacesTheWholeDocument() {
        assertThat(JsonMergePatch.apply(NODE, json("[1,2]"))).isEqualTo(json("[1,2]"));
        assertThat(JsonMergePatch.apply(NODE, json("'x'"))).isEqualTo(json("'x'"));
    }

    @Test
    void anObjectPatchOnANonObjectStartsFromEmpty() {
        assertThat(JsonMergePatch.apply(json("[1]"), json("{'a':1,'b':null}"))).isEqualTo(json("{'a':1}"));
    }

    @Test
    void neitherArgumentIsModifiedAndTheResultSharesNothing() {
        ObjectNode target = obj("{'a':{'b':[1,2]},'c':'d'}");
        ObjectNode patch = obj("{'a':{'e':{'f':1}},'c':null}");
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        ObjectNode patched = JsonMergePatch.apply(target, patch);
        ((ObjectNode) patched.get("a")).put("mutated", true);
        ((ObjectNode) patched.at("/a/e")).put("mutated", true);

        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }
}
