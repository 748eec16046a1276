package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.body;
import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The patches real clients other than kubectl apply send: event recorders, kubectl label, leader election. */
class ClientPatchShapesTest {

    private final Patcher patcher = new Patcher();

    private static final ObjectNode CORE_EVENT = obj("""
            {'apiVersion':'v1','kind':'Event',
             'metadata':{'name':'nginx-pod-test.16a4f3b2c1d0e9f8','namespace':'default','resourceVersion':'900'},
             'involvedObject':{'apiVersion':'v1','kind':'Pod','name':'nginx-pod-test','namespace':'default',
                               'uid':'6f1c0e7a-0000-4000-8000-000000000001','fieldPath':'spec.containers{nginx}'},
             'reason':'Failed','message':'Error: ImagePullBackOff','type':'Warning',
             'source':{'component':'kubelet','host':'k8s-node01'},
             'firstTimestamp':'2021-09-15T11:13:28Z','lastTimestamp':'2021-09-15T11:15:10Z','count':3,
             'eventTime':null,'reportingComponent':'','reportingInstance':''}""");

    private static final ObjectNode EVENTS_V1_EVENT = obj("""
            {'apiVersion':'events.k8s.io/v1','kind':'Event',
             'metadata':{'name':'nginx-pod-failed-to-scheduler.16a4f3b2c1d0e9f9','namespace':'default'},
             'eventTime':'2021-09-15T11:13:28.123456Z','reportingController':'default-scheduler',
             'reportingInstance':'default-scheduler-k8s-master01','action':'Scheduling','reason':'FailedScheduling',
             'regarding':{'apiVersion':'v1','kind':'Pod','name':'nginx-pod-failed-to-scheduler','namespace':'default'},
             'note':'0/2 nodes are available: 1 node(s) did not match the node affinity of the pod.','type':'Warning'}""");

    private static final ObjectNode NODE = obj("""
            {'apiVersion':'v1','kind':'Node',
             'metadata':{'name':'k8s-node01','labels':{'kubernetes.io/hostname':'k8s-node01','kubernetes.io/os':'linux'}},
             'spec':{'podCIDR':'10.100.1.0/24'}}""");

    private static final ObjectNode LEASE = obj("""
            {'apiVersion':'coordination.k8s.io/v1','kind':'Lease',
             'metadata':{'name':'k8s-node01','namespace':'kube-node-lease'},
             'spec':{'holderIdentity':'k8s-node01','leaseDurationSeconds':40,
                     'renewTime':'2021-09-15T11:15:00.000000Z'}}""");

    private ObjectNode applied(PatchType type, String kind, ObjectNode live, String patch) {
        PatchOutcome outcome = patcher.apply(type, kind, live, body(patch));
        assertThat(outcome).isInstanceOf(PatchOutcome.Applied.class);
        return ((PatchOutcome.Applied) outcome).object();
    }

    @Test
    void coreV1RecorderCountPatch() {
        ObjectNode patched = applied(PatchType.STRATEGIC_MERGE_PATCH, "Event", CORE_EVENT,
                "{'count':4,'lastTimestamp':'2021-09-15T11:16:02Z','message':'Error: ImagePullBackOff'}");

        ObjectNode expected = CORE_EVENT.deepCopy();
        expected.put("count", 4).put("lastTimestamp", "2021-09-15T11:16:02Z");
        assertThat(patched).isEqualTo(expected);
    }

    @Test
    void eventsV1RecorderSeriesPatchAddsTheSeries() {
        ObjectNode patched = applied(PatchType.STRATEGIC_MERGE_PATCH, "Event", EVENTS_V1_EVENT,
                "{'series':{'count':2,'lastObservedTime':'2021-09-15T11:14:28.654321Z'}}");

        ObjectNode expected = EVENTS_V1_EVENT.deepCopy();
        expected.set("series", json("{'count':2,'lastObservedTime':'2021-09-15T11:14:28.654321Z'}"));
        assertThat(patched).isEqualTo(expected);
    }

    @Test
    void eventsV1RecorderSeriesPatchUpdatesTheSeries() {
        ObjectNode withSeries = applied(PatchType.STRATEGIC_MERGE_PATCH, "Event", EVENTS_V1_EVENT,
                "{'series':{'count':2,'lastObservedTime':'2021-09-15T11:14:28.654321Z'}}");

        ObjectNode patched = applied(PatchType.STRATEGIC_MERGE_PATCH, "Event", withSeries,
                "{'series':{'count':7,'lastObservedTime':'2021-09-15T11:19:30.000001Z'}}");

        assertThat(patched.get("series")).isEqualTo(json("{'count':7,'lastObservedTime':'2021-09-15T11:19:30.000001Z'}"));
        assertThat(patched.get("note")).isEqualTo(EVENTS_V1_EVENT.get("note"));
    }

    @Test
    void kubectlLabelAddsAndRemovesANodeLabel() {
        ObjectNode labelled = applied(PatchType.MERGE_PATCH, "Node", NODE, "{'metadata':{'labels':{'disktype':'ssd'}}}");

        assertThat(labelled.at("/metadata/labels/disktype").stringValue()).isEqualTo("ssd");
        assertThat(labelled.at("/metadata/labels")).hasSize(3);

        ObjectNode unlabelled = applied(PatchType.MERGE_PATCH, "Node", labelled,
                "{'metadata':{'labels':{'disktype':null}}}");

        assertThat(unlabelled).isEqualTo(NODE);
    }

    @Test
    void kubectlLabelOverwriteWithResourceVersionPrecondition() {
        // kubectl label --overwrite --resource-version sends the version in the patch; the server checks it.
        ObjectNode patched = applied(PatchType.MERGE_PATCH, "Node", NODE,
                "{'metadata':{'labels':{'kubernetes.io/os':'windows'},'resourceVersion':'77'}}");

        assertThat(patched.at("/metadata/labels/kubernetes.io~1os").stringValue()).isEqualTo("windows");
        assertThat(patched.at("/metadata/resourceVersion").stringValue()).isEqualTo("77");
    }

    @Test
    void leaseRenewal() {
        ObjectNode patched = applied(PatchType.STRATEGIC_MERGE_PATCH, "Lease", LEASE,
                "{'spec':{'renewTime':'2021-09-15T11:15:10.000000Z'}}");

        assertThat(patched.at("/spec/renewTime").stringValue()).isEqualTo("2021-09-15T11:15:10.000000Z");
        assertThat(patched.at("/spec/holderIdentity").stringValue()).isEqualTo("k8s-node01");
    }

    @Test
    void fabric8JsonPatchOfAnEvent() {
        ObjectNode patched = applied(PatchType.JSON_PATCH, "Event", CORE_EVENT, """
                [{'op':'test','path':'/count','value':3},
                 {'op':'replace','path':'/count','value':4},
                 {'op':'replace','path':'/lastTimestamp','value':'2021-09-15T11:16:02Z'}]""");

        assertThat(patched.get("count").intValue()).isEqualTo(4);
    }

    @Test
    void serverSideApplyMergesTheAppliedObject() {
        ObjectNode patched = applied(PatchType.APPLY_PATCH, "Node", NODE, """
                {'apiVersion':'v1','kind':'Node','metadata':{'name':'k8s-node01','labels':{'disktype':'ssd'}}}""");

        assertThat(patched.at("/metadata/labels")).hasSize(3);
        assertThat(patched.at("/spec/podCIDR").stringValue()).isEqualTo("10.100.1.0/24");
    }
}
