package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.assertNoDirectives;
import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.keys;
import static io.kevents.apiserver.patch.TestJson.names;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Lists and list directives of strategic merge patch. */
class StrategicMergePatchListTest {

    private static final PatchSchema SCHEMA = PatchSchema.kubernetes();

    private static final ObjectNode POD = obj("""
            {'apiVersion':'v1','kind':'Pod',
             'metadata':{'name':'shop','finalizers':['example.com/a','example.com/b'],
                         'ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'shop-1','uid':'u1'}]},
             'spec':{'containers':[
                       {'name':'app','image':'shop:1','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
                        'ports':[{'containerPort':8080,'protocol':'TCP'}],
                        'volumeMounts':[{'name':'data','mountPath':'/data'}]},
                       {'name':'proxy','image':'envoy:1'}],
                     'tolerations':[{'key':'a','operator':'Exists'}],
                     'volumes':[{'name':'data','emptyDir':{}}]},
             'status':{'conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'False'}]}}""");

    private static final ObjectNode NODE = obj("""
            {'apiVersion':'v1','kind':'Node','metadata':{'name':'worker-1'},
             'spec':{'podCIDRs':['10.0.1.0/24'],'taints':[{'key':'gpu','effect':'NoSchedule'}]},
             'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.5'},{'type':'Hostname','address':'worker-1'}],
                       'conditions':[{'type':'MemoryPressure','status':'False','lastHeartbeatTime':'t0'},
                                     {'type':'DiskPressure','status':'False','lastHeartbeatTime':'t0'},
                                     {'type':'Ready','status':'True','lastHeartbeatTime':'t0'}]}}""");

    private static ObjectNode smp(ObjectNode live, String patch) throws PatchException {
        JsonNodeKind kind = JsonNodeKind.of(live);
        ObjectNode result = StrategicMergePatch.apply(live, obj(patch), SCHEMA.forKind(kind.apiVersion, kind.kind));
        assertNoDirectives(result);
        return result;
    }

    private record JsonNodeKind(String apiVersion, String kind) {
        static JsonNodeKind of(ObjectNode object) {
            return new JsonNodeKind(object.path("apiVersion").asString(null), object.path("kind").asString(null));
        }
    }

    private static void assertFailure(ObjectNode live, String patch, int code, String messagePart) {
        assertThatThrownBy(() -> smp(live, patch)).isInstanceOfSatisfying(PatchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo(code);
            assertThat(e.failure().message()).contains(messagePart);
        });
    }

    // ---- lists merged by key

    @Test
    void anElementWithAKnownKeyIsMergedIntoTheLiveOne() throws PatchException {
        ObjectNode patched = smp(POD, "{'spec':{'containers':[{'name':'proxy','image':'envoy:2'}]}}");

        assertThat(patched.at("/spec/containers")).isEqualTo(json("""
                [{'name':'app','image':'shop:1','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
                  'ports':[{'containerPort':8080,'protocol':'TCP'}],'volumeMounts':[{'name':'data','mountPath':'/data'}]},
                 {'name':'proxy','image':'envoy:2'}]"""));
    }

    @Test
    void anElementWithANewKeyIsAddedBeforeTheLiveOnlyOnes() throws PatchException {
        // Upstream's order without $setElementOrder: patch elements first unless the live list puts a live-only
        // element before them; a new element has no live position, so it leads.
        ObjectNode patched = smp(POD, "{'spec':{'containers':[{'name':'log','image':'fluentbit:3'}]}}");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("log", "app", "proxy");
        assertThat(patched.at("/spec/containers/0")).isEqualTo(json("{'name':'log','image':'fluentbit:3'}"));
    }

    @Test
    void aMergedElementStaysAfterLiveOnlyElementsThatPrecedeIt() throws PatchException {
        ObjectNode patched = smp(POD, "{'spec':{'containers':[{'name':'proxy','image':'envoy:2'}]}}");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("app", "proxy");
    }

    @Test
    void nestedKeyedListsMergeToo() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'spec':{'containers':[{'name':'app',
                   'env':[{'name':'B','value':'20'},{'name':'C','value':'3'}],
                   'ports':[{'containerPort':9090}],
                   'volumeMounts':[{'mountPath':'/data','readOnly':true}]}]}}""");

        assertThat(patched.at("/spec/containers/0/env"))
                .isEqualTo(json("[{'name':'A','value':'1'},{'name':'B','value':'20'},{'name':'C','value':'3'}]"));
        assertThat(patched.at("/spec/containers/0/ports"))
                .isEqualTo(json("[{'containerPort':9090},{'containerPort':8080,'protocol':'TCP'}]"));
        assertThat(patched.at("/spec/containers/0/volumeMounts"))
                .isEqualTo(json("[{'name':'data','mountPath':'/data','readOnly':true}]"));
    }

    @Test
    void numericMergeKeysMatchByValue() throws PatchException {
        ObjectNode patched = smp(POD,
                "{'spec':{'containers':[{'name':'app','ports':[{'containerPort':8080.0,'name':'http'}]}]}}");

        assertThat(patched.at("/spec/containers/0/ports")).hasSize(1);
        assertThat(patched.at("/spec/containers/0/ports/0/name").stringValue()).isEqualTo("http");
    }

    @Test
    void ownerReferencesMergeByUid() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'metadata':{'ownerReferences':[{'uid':'u1','controller':true},
                   {'apiVersion':'v1','kind':'ConfigMap','name':'c','uid':'u2'}]}}""");

        assertThat(patched.at("/metadata/ownerReferences")).isEqualTo(json("""
                [{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'shop-1','uid':'u1','controller':true},
                 {'apiVersion':'v1','kind':'ConfigMap','name':'c','uid':'u2'}]"""));
    }

    @Test
    void podConditionsMergeByType() throws PatchException {
        ObjectNode patched = smp(POD, "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}");

        assertThat(patched.at("/status/conditions"))
                .isEqualTo(json("[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}]"));
    }

    @Test
    void patchItemsComeInThePatchOrder() throws PatchException {
        // Upstream's ordering: items named by the patch follow the patch, live-only items keep their place.
        ObjectNode patched = smp(POD, "{'spec':{'containers':[{'name':'log'},{'name':'app','image':'shop:2'}]}}");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("log", "app", "proxy");
    }

    @Test
    void anElementWithoutItsMergeKeyIsABadRequest() {
        assertFailure(POD, "{'spec':{'containers':[{'image':'x'}]}}", 400, "merge key \"name\"");
    }

    // ---- lists of primitives with strategy merge

    @Test
    void finalizersAreUnited() throws PatchException {
        ObjectNode patched = smp(POD, "{'metadata':{'finalizers':['example.com/b','example.com/c']}}");

        assertThat(patched.at("/metadata/finalizers"))
                .isEqualTo(json("['example.com/a','example.com/b','example.com/c']"));
    }

    @Test
    void primitiveUnionDropsDuplicates() throws PatchException {
        ObjectNode live = obj("{'kind':'Pod','apiVersion':'v1','metadata':{'finalizers':['x','x','y']}}");

        assertThat(smp(live, "{'metadata':{'finalizers':['y','z','z']}}").at("/metadata/finalizers"))
                .isEqualTo(json("['x','y','z']"));
    }

    @Test
    void nodePodCidrsAreUnited() throws PatchException {
        assertThat(smp(NODE, "{'spec':{'podCIDRs':['fd00::/64']}}").at("/spec/podCIDRs"))
                .isEqualTo(json("['fd00::/64','10.0.1.0/24']"));
    }

    // ---- lists without strategy merge

    @Test
    void tolerationsHaveNoMergeKeyAndAreReplaced() throws PatchException {
        ObjectNode patched = smp(POD, "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}");

        assertThat(patched.at("/spec/tolerations")).isEqualTo(json("[{'key':'b','operator':'Exists'}]"));
    }

    @Test
    void nodeTaintsHaveNoMergeKeyAndAreReplaced() throws PatchException {
        ObjectNode patched = smp(NODE, "{'spec':{'taints':[{'key':'maintenance','effect':'NoExecute'}]}}");

        assertThat(patched.at("/spec/taints")).isEqualTo(json("[{'key':'maintenance','effect':'NoExecute'}]"));
    }

    @Test
    void listsOfUnknownKindsAreReplaced() throws PatchException {
        ObjectNode live = obj("{'apiVersion':'example.com/v1','kind':'Widget','spec':{'containers':[{'name':'a'}]}}");

        assertThat(smp(live, "{'spec':{'containers':[{'name':'b'}]}}").at("/spec/containers"))
                .isEqualTo(json("[{'name':'b'}]"));
    }

    @Test
    void replacedListsLoseTheirDirectiveElements() throws PatchException {
        ObjectNode patched = smp(POD, "{'spec':{'tolerations':[{'$patch':'replace'},{'key':'c','operator':'Exists'}]}}");

        assertThat(patched.at("/spec/tolerations")).isEqualTo(json("[{'key':'c','operator':'Exists'}]"));
    }

    // ---- $patch directives as list elements

    @Test
    void patchDeleteElementRemovesByMergeKey() throws PatchException {
        ObjectNode patched = smp(POD, "{'spec':{'containers':[{'$patch':'delete','name':'proxy'}]}}");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("app");
    }

    @Test
    void patchDeleteOfAnUnknownKeyChangesNothing() throws PatchException {
        assertThat(smp(POD, "{'spec':{'containers':[{'$patch':'delete','name':'ghost'}]}}")).isEqualTo(POD);
    }

    @Test
    void patchDeleteElementNeedsTheMergeKey() {
        assertFailure(POD, "{'spec':{'containers':[{'$patch':'delete','image':'envoy:1'}]}}", 400, "merge key");
    }

    @Test
    void patchReplaceElementReplacesTheList() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'status':{'conditions':[{'$patch':'replace'},{'type':'PodScheduled','status':'True'}]}}""");

        assertThat(patched.at("/status/conditions")).isEqualTo(json("[{'type':'PodScheduled','status':'True'}]"));
    }

    @Test
    void patchReplaceElementAloneEmptiesTheList() throws PatchException {
        assertThat(smp(POD, "{'status':{'conditions':[{'$patch':'replace'}]}}").at("/status/conditions"))
                .isEqualTo(json("[]"));
    }

    @Test
    void patchMergeElementChangesNothing() throws PatchException {
        ObjectNode patched = smp(POD, "{'status':{'conditions':[{'$patch':'merge'},{'type':'Ready','status':'True'}]}}");

        assertThat(patched.at("/status/conditions"))
                .isEqualTo(json("[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}]"));
    }

    @Test
    void directiveElementsOfAnAbsentListAreDropped() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'spec':{'initContainers':[{'$patch':'delete','name':'x'},{'name':'init','image':'busybox',
                   'env':[{'$patch':'replace'},{'name':'A','value':null}]}]}}""");

        assertThat(patched.at("/spec/initContainers"))
                .isEqualTo(json("[{'name':'init','image':'busybox','env':[{'name':'A'}]}]"));
    }

    // ---- $setElementOrder

    @Test
    void setElementOrderOrdersTheMergedList() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'proxy'},{'name':'log'},{'name':'app'}],
                         'containers':[{'name':'log','image':'fluentbit:3'}]}}""");

        assertThat(names(patched.at("/spec/containers")))
                .containsExactly("proxy", "log", "app");
        assertThat(patched.at("/spec/containers/2/image").stringValue()).isEqualTo("shop:1");
    }

    @Test
    void setElementOrderAloneReordersTheLiveList() throws PatchException {
        ObjectNode patched = smp(NODE, """
                {'status':{'$setElementOrder/conditions':[{'type':'Ready'},{'type':'MemoryPressure'},
                                                          {'type':'DiskPressure'}]}}""");

        assertThat(keys(patched.at("/status/conditions"), "type"))
                .containsExactly("Ready", "MemoryPressure", "DiskPressure");
    }

    @Test
    void liveOnlyElementsKeepTheirPlaceAmongOrderedOnes() throws PatchException {
        // The order names app and log; proxy is only in the live list, after app.
        ObjectNode patched = smp(POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'log'}],
                         'containers':[{'name':'log','image':'fluentbit:3'}]}}""");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("app", "log", "proxy");
    }

    @Test
    void kubeletNodeStatusPatch() throws PatchException {
        ObjectNode patched = smp(NODE, """
                {'status':{'$setElementOrder/conditions':[{'type':'MemoryPressure'},{'type':'DiskPressure'},
                                                          {'type':'Ready'}],
                           'conditions':[{'type':'MemoryPressure','lastHeartbeatTime':'t1'},
                                         {'type':'DiskPressure','lastHeartbeatTime':'t1'},
                                         {'type':'Ready','lastHeartbeatTime':'t1'}]}}""");

        assertThat(patched.at("/status/conditions")).isEqualTo(json("""
                [{'type':'MemoryPressure','status':'False','lastHeartbeatTime':'t1'},
                 {'type':'DiskPressure','status':'False','lastHeartbeatTime':'t1'},
                 {'type':'Ready','status':'True','lastHeartbeatTime':'t1'}]"""));
        assertThat(patched.at("/status/addresses")).isEqualTo(NODE.at("/status/addresses"));
    }

    @Test
    void setElementOrderOfPrimitives() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'metadata':{'$setElementOrder/finalizers':['example.com/c','example.com/b','example.com/a'],
                             'finalizers':['example.com/c']}}""");

        assertThat(patched.at("/metadata/finalizers"))
                .isEqualTo(json("['example.com/c','example.com/b','example.com/a']"));
    }

    @Test
    void setElementOrderOfAnAbsentListTakesThePatchList() throws PatchException {
        ObjectNode patched = smp(POD, """
                {'spec':{'$setElementOrder/imagePullSecrets':[{'name':'b'},{'name':'a'}],
                         'imagePullSecrets':[{'name':'b'},{'$patch':'delete','name':'z'},{'name':'a'}]}}""");

        assertThat(patched.at("/spec/imagePullSecrets")).isEqualTo(json("[{'name':'b'},{'name':'a'}]"));
    }

    @Test
    void setElementOrderOfAFieldAbsentEverywhereChangesNothing() throws PatchException {
        assertThat(smp(POD, "{'spec':{'$setElementOrder/hostAliases':[{'ip':'10.0.0.1'}]}}")).isEqualTo(POD);
    }

    @Test
    void setElementOrderMustCoverThePatchListInOrder() {
        assertFailure(POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'app'}],
                         'containers':[{'name':'log','image':'x'}]}}""", 400, "$setElementOrder/containers");
        assertFailure(POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'log'}],
                         'containers':[{'name':'log'},{'name':'app'}]}}""", 400, "order");
    }

    @Test
    void setElementOrderElementsNeedTheMergeKey() {
        assertFailure(POD, """
                {'spec':{'$setElementOrder/containers':[{'image':'x'}],
                         'containers':[{'name':'app','image':'x'}]}}""", 400, "merge key");
    }

    @Test
    void malformedSetElementOrderIsABadRequest() {
        assertFailure(POD, "{'spec':{'$setElementOrder':[{'name':'app'}]}}", 400, "$setElementOrder/<field>");
        assertFailure(POD, "{'spec':{'$setElementOrderX/containers':[]}}", 400, "$setElementOrder/<field>");
        assertFailure(POD, "{'spec':{'$setElementOrder/containers':{'name':'app'}}}", 400, "must be a list");
        assertFailure(POD, "{'spec':{'$setElementOrder/containers':[],'containers':{'name':'app'}}}", 400,
                "not a list");
    }

    // ---- $deleteFromPrimitiveList

    @Test
    void deleteFromPrimitiveListRemovesValues() throws PatchException {
        ObjectNode patched = smp(POD, "{'metadata':{'$deleteFromPrimitiveList/finalizers':['example.com/a']}}");

        assertThat(patched.at("/metadata/finalizers")).isEqualTo(json("['example.com/b']"));
    }

    @Test
    void deleteFromPrimitiveListWithAdditionsAndOrder() throws PatchException {
        // What kubectl apply sends when a manifest swaps finalizer a for c.
        ObjectNode patched = smp(POD, """
                {'metadata':{'$setElementOrder/finalizers':['example.com/b','example.com/c'],
                             '$deleteFromPrimitiveList/finalizers':['example.com/a'],
                             'finalizers':['example.com/c']}}""");

        assertThat(patched.at("/metadata/finalizers")).isEqualTo(json("['example.com/b','example.com/c']"));
    }

    @Test
    void deleteFromAnAbsentListChangesNothing() throws PatchException {
        assertThat(smp(NODE, "{'metadata':{'$deleteFromPrimitiveList/finalizers':['x']}}")).isEqualTo(NODE);
    }

    @Test
    void deleteFromPrimitiveListOfNullDropsTheList() throws PatchException {
        assertThat(smp(POD, "{'metadata':{'$deleteFromPrimitiveList/finalizers':null}}").at("/metadata")
                .has("finalizers")).isFalse();
    }

    @Test
    void malformedDeleteFromPrimitiveListIsABadRequest() {
        assertFailure(POD, "{'metadata':{'$deleteFromPrimitiveList':['x']}}", 400, "$deleteFromPrimitiveList/<field>");
        assertFailure(POD, "{'metadata':{'$deleteFromPrimitiveList/finalizers':'x'}}", 400, "must be a list");
        assertFailure(POD, "{'spec':{'$deleteFromPrimitiveList/containers':[{'name':'app'}]}}", 400,
                "primitive");
    }

    // ---- element types

    @Test
    void listsOfListsCannotBeMerged() {
        assertFailure(POD, "{'metadata':{'finalizers':[['a']]}}", 422, "lists of lists");
    }

    @Test
    void mixedElementTypesAreABadRequest() {
        assertFailure(POD, "{'metadata':{'finalizers':[1]}}", 400, "not all of one type");
        assertFailure(POD, "{'spec':{'containers':['app']}}", 400, "not all of one type");
    }

    @Test
    void emptyPatchListOnAnEmptyLiveListStaysEmpty() throws PatchException {
        ObjectNode live = obj("{'apiVersion':'v1','kind':'Pod','spec':{'containers':[]}}");

        assertThat(smp(live, "{'spec':{'containers':[]}}")).isEqualTo(live);
    }

    @Test
    void anEmptyPatchListOfAMergedFieldKeepsTheLiveElements() throws PatchException {
        // A merge, not a replace: an empty list adds nothing and removes nothing.
        assertThat(smp(POD, "{'spec':{'containers':[]},'metadata':{'finalizers':[]}}")).isEqualTo(POD);
    }
}
