package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.assertNoDirectives;
import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Maps and map-level directives of strategic merge patch. */
class StrategicMergePatchMapTest {

    private static final TypeSchema POD = PatchSchema.kubernetes().forKind("v1", "Pod");

    private static final ObjectNode LIVE = obj("""
            {'apiVersion':'v1','kind':'Pod',
             'metadata':{'name':'web','labels':{'app':'web','tier':'front'},'annotations':{'note':'x'}},
             'spec':{'nodeSelector':{'disktype':'ssd','zone':'a'},
                     'containers':[{'name':'web','image':'nginx:1.25'}],
                     'volumes':[{'name':'cache','emptyDir':{'medium':'Memory'}}]}}""");

    private static ObjectNode smp(ObjectNode live, String patch) throws PatchException {
        ObjectNode result = StrategicMergePatch.apply(live, obj(patch), POD);
        assertNoDirectives(result);
        return result;
    }

    private static void assertBadRequest(String patch, String messagePart) {
        assertThatThrownBy(() -> smp(LIVE, patch)).isInstanceOfSatisfying(PatchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo(400);
            assertThat(e.failure().reason()).isEqualTo("BadRequest");
            assertThat(e.failure().message()).contains(messagePart);
        });
    }

    @Test
    void mapsMergeRecursively() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'metadata':{'labels':{'tier':'back','canary':'true'}}}");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{'app':'web','tier':'back','canary':'true'}"));
        assertThat(patched.at("/metadata/annotations")).isEqualTo(LIVE.at("/metadata/annotations"));
        assertThat(patched.get("spec")).isEqualTo(LIVE.get("spec"));
    }

    @Test
    void nullDeletesAKey() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'metadata':{'labels':{'tier':null},'annotations':null}}");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{'app':'web'}"));
        assertThat(patched.get("metadata").has("annotations")).isFalse();
    }

    @Test
    void nullOfAnAbsentKeyIsIgnored() throws PatchException {
        assertThat(smp(LIVE, "{'status':null,'metadata':{'finalizers':null}}")).isEqualTo(LIVE);
    }

    @Test
    void nullsInsideNewMapsAreDropped() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'status':{'phase':'Running','reason':null,'extra':{'a':null}}}");

        assertThat(patched.get("status")).isEqualTo(json("{'phase':'Running','extra':{}}"));
    }

    @Test
    void aValueOfAnotherTypeIsReplaced() throws PatchException {
        ObjectNode live = obj("{'a':'text','b':{'c':1},'d':[1]}");

        ObjectNode patched = StrategicMergePatch.apply(live, obj("{'a':{'x':1,'y':null},'b':'flat','d':{'e':2}}"),
                TypeSchema.OPAQUE);

        assertThat(patched).isEqualTo(json("{'a':{'x':1},'b':'flat','d':{'e':2}}"));
    }

    @Test
    void patchReplaceMakesTheMapThePatchContent() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'spec':{'nodeSelector':{'$patch':'replace','gpu':'true'}}}");

        assertThat(patched.at("/spec/nodeSelector")).isEqualTo(json("{'gpu':'true'}"));
    }

    @Test
    void patchReplaceOfAnAbsentMapAddsItsContent() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'spec':{'securityContext':{'$patch':'replace','runAsUser':1000}}}");

        assertThat(patched.at("/spec/securityContext")).isEqualTo(json("{'runAsUser':1000}"));
    }

    @Test
    void patchReplaceResolvesDirectivesInsideItsContent() throws PatchException {
        ObjectNode patched = smp(LIVE, """
                {'spec':{'$patch':'replace','nodeName':'n1','dnsPolicy':null,
                         'containers':[{'name':'a','image':'x'},{'$patch':'delete','name':'web'}]}}""");

        assertThat(patched.get("spec")).isEqualTo(json("{'nodeName':'n1','containers':[{'name':'a','image':'x'}]}"));
    }

    @Test
    void patchDeleteClearsTheMap() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'spec':{'nodeSelector':{'$patch':'delete'}}}");

        assertThat(patched.at("/spec/nodeSelector")).isEqualTo(json("{}"));
    }

    @Test
    void patchDeleteOfAnAbsentMapAddsNothing() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'spec':{'affinity':{'$patch':'delete'}}}");

        assertThat(patched.get("spec").has("affinity")).isFalse();
    }

    @Test
    void patchDeleteAtTheTopClearsTheObject() throws PatchException {
        assertThat(smp(LIVE, "{'$patch':'delete'}")).isEqualTo(json("{}"));
    }

    @Test
    void patchMergeIsTheDefault() throws PatchException {
        ObjectNode patched = smp(LIVE, "{'metadata':{'labels':{'$patch':'merge','canary':'true'}}}");

        assertThat(patched.at("/metadata/labels")).isEqualTo(json("{'app':'web','tier':'front','canary':'true'}"));
    }

    @Test
    void unknownPatchDirectivesAreBadRequests() {
        assertBadRequest("{'metadata':{'labels':{'$patch':'upsert'}}}", "upsert");
        assertBadRequest("{'metadata':{'$patch':1}}", "$patch");
        assertBadRequest("{'spec':{'containers':[{'name':'web','$patch':'remove'}]}}", "remove");
        assertBadRequest("{'spec':{'initContainers':[{'name':'init','$patch':'nope'}]}}", "nope");
    }

    @Test
    void retainKeysDropsUnlistedLiveKeys() throws PatchException {
        // kubectl apply switching a volume from emptyDir to a configMap source.
        ObjectNode patched = smp(LIVE, """
                {'spec':{'$setElementOrder/volumes':[{'name':'cache'}],
                         'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'web-config'},
                                     'name':'cache'}]}}""");

        assertThat(patched.at("/spec/volumes")).isEqualTo(json("[{'name':'cache','configMap':{'name':'web-config'}}]"));
    }

    @Test
    void retainKeysAllowsNullsOfUnlistedKeys() throws PatchException {
        ObjectNode patched = smp(LIVE, """
                {'spec':{'volumes':[{'$retainKeys':['hostPath','name'],'name':'cache','emptyDir':null,
                                     'hostPath':{'path':'/tmp'}}]}}""");

        assertThat(patched.at("/spec/volumes")).isEqualTo(json("[{'name':'cache','hostPath':{'path':'/tmp'}}]"));
    }

    @Test
    void retainKeysMustListEverySetKey() {
        assertBadRequest("{'metadata':{'$retainKeys':['name'],'labels':{'a':'b'}}}", "labels");
    }

    @Test
    void retainKeysMustBeAListOfNames() {
        assertBadRequest("{'metadata':{'$retainKeys':'name'}}", "$retainKeys");
        assertBadRequest("{'metadata':{'$retainKeys':[1]}}", "$retainKeys");
    }

    @Test
    void aReplaceStrategyFieldIsReplacedWhole() throws PatchException {
        TypeSchema schema = TypeSchema.builder("Thing").field("settings", FieldSchema.replace()).build();
        ObjectNode live = obj("{'settings':{'a':1,'b':2},'other':{'a':1,'b':2}}");

        ObjectNode patched = StrategicMergePatch.apply(live, obj("{'settings':{'c':3},'other':{'c':3}}"), schema);

        assertThat(patched).isEqualTo(json("{'settings':{'c':3},'other':{'a':1,'b':2,'c':3}}"));
    }

    @Test
    void otherDollarKeysAreOrdinaryFields() throws PatchException {
        ObjectNode patched = StrategicMergePatch.apply(obj("{}"), obj("{'$ref':'#/x'}"), TypeSchema.OPAQUE);

        assertThat(patched).isEqualTo(json("{'$ref':'#/x'}"));
    }

    @Test
    void neitherTheLiveObjectNorThePatchIsModified() throws PatchException {
        ObjectNode live = LIVE.deepCopy();
        ObjectNode patch = obj("""
                {'metadata':{'labels':{'$patch':'replace','x':'y'}},
                 'spec':{'$setElementOrder/containers':[{'name':'web'}],
                         'containers':[{'name':'web','image':'nginx:1.26'}],
                         'volumes':[{'$retainKeys':['name'],'name':'cache'}]}}""");
        ObjectNode patchBefore = patch.deepCopy();

        ObjectNode patched = StrategicMergePatch.apply(live, patch, POD);
        ((ObjectNode) patched.at("/spec/containers/0")).put("mutated", true);

        assertThat(live).isEqualTo(LIVE);
        assertThat(patch).isEqualTo(patchBefore);
    }
}
