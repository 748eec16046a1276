package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.TestJson.assertNoDirectives;
import static io.kevents.apiserver.patch.TestJson.body;
import static io.kevents.apiserver.patch.TestJson.json;
import static io.kevents.apiserver.patch.TestJson.names;
import static io.kevents.apiserver.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's pod ({@code nginx-pod-test}, one container {@code nginx} with the mistyped image
 * {@code nginxa:1.8}) patched the way client-side {@code kubectl apply} (1.20 and 1.32 alike) patches it: a 3-way
 * strategic merge patch that always carries {@code $setElementOrder} for merged lists and the new
 * last-applied-configuration annotation.
 */
class KubectlApplyTest {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** The pod as the server holds it after {@code kubectl apply -f pod.yaml}: defaulted, scheduled, failing. */
    private static final ObjectNode SEED_POD = obj("""
            {'apiVersion':'v1','kind':'Pod',
             'metadata':{'name':'nginx-pod-test','namespace':'default','uid':'6f1c0e7a-0000-4000-8000-000000000001',
               'resourceVersion':'4711','creationTimestamp':'2021-09-15T11:13:20Z',
               'annotations':{'cni.projectcalico.org/podIP':'10.100.85.220/32',
                 'kubectl.kubernetes.io/last-applied-configuration':
                   '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-pod-test","namespace":"default"},"spec":{"containers":[{"image":"nginxa:1.8","name":"nginx"}]}}\\n'}},
             'spec':{'containers':[{'name':'nginx','image':'nginxa:1.8','imagePullPolicy':'IfNotPresent',
                 'resources':{},'terminationMessagePath':'/dev/termination-log',
                 'terminationMessagePolicy':'File',
                 'volumeMounts':[{'name':'default-token-k46nh','readOnly':true,
                                  'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]}],
               'dnsPolicy':'ClusterFirst','enableServiceLinks':true,'nodeName':'k8s-node01',
               'restartPolicy':'Always','schedulerName':'default-scheduler','serviceAccountName':'default',
               'tolerations':[{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute',
                               'tolerationSeconds':300},
                              {'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute',
                               'tolerationSeconds':300}],
               'volumes':[{'name':'default-token-k46nh','secret':{'secretName':'default-token-k46nh',
                                                                  'defaultMode':420}}]},
             'status':{'phase':'Pending','hostIP':'172.20.70.215','podIP':'10.100.85.220',
               'podIPs':[{'ip':'10.100.85.220'}],
               'conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'False'},
                             {'type':'ContainersReady','status':'False'},{'type':'PodScheduled','status':'True'}],
               'containerStatuses':[{'name':'nginx','image':'nginxa:1.8','imageID':'','ready':false,
                 'restartCount':0,'started':false,
                 'state':{'waiting':{'reason':'ImagePullBackOff','message':'Back-off pulling image "nginxa:1.8"'}}}]}}""");

    private static final TypeSchema POD = PatchSchema.kubernetes().forKind("v1", "Pod");

    private static ObjectNode apply(ObjectNode live, String patch) throws PatchException {
        ObjectNode patched = StrategicMergePatch.apply(live, obj(patch), POD);
        assertNoDirectives(patched);
        return patched;
    }

    @Test
    void fixingTheImage() throws PatchException {
        ObjectNode patched = apply(SEED_POD, """
                {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':
                    '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-pod-test","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.8","name":"nginx"}]}}\\n'}},
                 'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'image':'nginx:1.8','name':'nginx'}]}}""");

        ObjectNode expected = SEED_POD.deepCopy();
        ((ObjectNode) expected.at("/spec/containers/0")).put("image", "nginx:1.8");
        // What kubectl stores: the applied manifest as compact JSON, ending with a newline.
        ((ObjectNode) expected.at("/metadata/annotations")).put(LAST_APPLIED, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-pod-test",\
                "namespace":"default"},"spec":{"containers":[{"image":"nginx:1.8","name":"nginx"}]}}
                """);
        assertThat(patched).isEqualTo(expected);
        assertThat(patched.at("/metadata/annotations").get(LAST_APPLIED).stringValue()).contains("nginx:1.8");
        assertThat(patched.at("/metadata/annotations/cni.projectcalico.org~1podIP").stringValue())
                .isEqualTo("10.100.85.220/32");
    }

    @Test
    void addingAnEnvVarThenAnother() throws PatchException {
        ObjectNode withPort = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'env':[{'name':'NGINX_PORT','value':'80'}],'name':'nginx'}]}}""");

        assertThat(withPort.at("/spec/containers/0/env")).isEqualTo(json("[{'name':'NGINX_PORT','value':'80'}]"));
        assertThat(withPort.at("/spec/containers/0/image").stringValue()).isEqualTo("nginxa:1.8");

        ObjectNode withMode = apply(withPort, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'$setElementOrder/env':[{'name':'MODE'},{'name':'NGINX_PORT'}],
                                        'env':[{'name':'MODE','value':'debug'}],'name':'nginx'}]}}""");

        assertThat(withMode.at("/spec/containers/0/env"))
                .isEqualTo(json("[{'name':'MODE','value':'debug'},{'name':'NGINX_PORT','value':'80'}]"));
        assertThat(withMode.at("/spec/containers/0/volumeMounts")).isEqualTo(SEED_POD.at("/spec/containers/0/volumeMounts"));
    }

    @Test
    void changingAndRemovingEnvVars() throws PatchException {
        ObjectNode live = apply(SEED_POD, """
                {'spec':{'containers':[{'name':'nginx','env':[{'name':'A','value':'1'},{'name':'B','value':'2'},
                                                             {'name':'C','value':'3'}]}]}}""");

        // Manifest now has C=30 and A; B was removed from it.
        ObjectNode patched = apply(live, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'$setElementOrder/env':[{'name':'C'},{'name':'A'}],
                                        'env':[{'name':'C','value':'30'},{'$patch':'delete','name':'B'}],
                                        'name':'nginx'}]}}""");

        assertThat(patched.at("/spec/containers/0/env"))
                .isEqualTo(json("[{'name':'C','value':'30'},{'name':'A','value':'1'}]"));
    }

    @Test
    void addingAContainer() throws PatchException {
        ObjectNode patched = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'},{'name':'sidecar'}],
                         'containers':[{'command':['sleep','3600'],'image':'busybox:1.36','name':'sidecar'}]}}""");

        assertThat(patched.at("/spec/containers")).hasSize(2);
        assertThat(patched.at("/spec/containers/0")).isEqualTo(SEED_POD.at("/spec/containers/0"));
        assertThat(patched.at("/spec/containers/1"))
                .isEqualTo(json("{'command':['sleep','3600'],'image':'busybox:1.36','name':'sidecar'}"));
    }

    @Test
    void addingAContainerInFront() throws PatchException {
        ObjectNode patched = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'init-proxy'},{'name':'nginx'}],
                         'containers':[{'image':'envoy:1.30','name':'init-proxy'}]}}""");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("init-proxy", "nginx");
    }

    @Test
    void removingAContainerThroughTheThreeWayPatch() throws PatchException {
        ObjectNode twoContainers = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'},{'name':'sidecar'}],
                         'containers':[{'image':'busybox:1.36','name':'sidecar'}]}}""");

        // The sidecar is in last-applied but not in the new manifest: kubectl sends a delete directive.
        ObjectNode patched = apply(twoContainers, """
                {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'}},
                 'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'$patch':'delete','name':'sidecar'}]}}""");

        assertThat(patched.at("/spec/containers")).isEqualTo(SEED_POD.at("/spec/containers"));
    }

    @Test
    void containersAddedByOthersSurviveAndKeepTheirPlace() throws PatchException {
        // An injected container (in no manifest) sits after nginx in the live pod.
        ObjectNode injected = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'},{'name':'istio-proxy'}],
                         'containers':[{'name':'istio-proxy','image':'proxyv2'}]}}""");
        assertThat(names(injected.at("/spec/containers"))).containsExactly("nginx", "istio-proxy");

        ObjectNode patched = apply(injected, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'},{'name':'sidecar'}],
                         'containers':[{'image':'nginx:1.8','name':'nginx'},{'image':'busybox','name':'sidecar'}]}}""");

        assertThat(names(patched.at("/spec/containers")))
                .containsExactly("nginx", "sidecar", "istio-proxy");
        assertThat(patched.at("/spec/containers/0/image").stringValue()).isEqualTo("nginx:1.8");
    }

    @Test
    void reorderingContainers() throws PatchException {
        ObjectNode twoContainers = apply(SEED_POD, "{'spec':{'containers':[{'image':'busybox','name':'sidecar'}]}}");

        ObjectNode patched = apply(twoContainers,
                "{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'nginx'}]}}");

        assertThat(names(patched.at("/spec/containers"))).containsExactly("sidecar", "nginx");
    }

    @Test
    void removingAFieldFromTheManifest() throws PatchException {
        ObjectNode patched = apply(SEED_POD, """
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'imagePullPolicy':null,'name':'nginx'}]}}""");

        assertThat(patched.at("/spec/containers/0").has("imagePullPolicy")).isFalse();
        assertThat(patched.at("/spec/containers/0/image").stringValue()).isEqualTo("nginxa:1.8");
    }

    @Test
    void switchingAVolumeSourceWithRetainKeys() throws PatchException {
        ObjectNode withCache = apply(SEED_POD, """
                {'spec':{'$setElementOrder/volumes':[{'name':'cache'}],
                         'volumes':[{'emptyDir':{},'name':'cache'}]}}""");

        ObjectNode patched = apply(withCache, """
                {'spec':{'$setElementOrder/volumes':[{'name':'cache'}],
                         'volumes':[{'$retainKeys':['hostPath','name'],'emptyDir':null,
                                     'hostPath':{'path':'/var/cache/nginx'},'name':'cache'}]}}""");

        // The token volume is not in the manifest, so $setElementOrder does not place it: the applied one leads.
        assertThat(patched.at("/spec/volumes")).isEqualTo(json("""
                [{'name':'cache','hostPath':{'path':'/var/cache/nginx'}},
                 {'name':'default-token-k46nh','secret':{'secretName':'default-token-k46nh','defaultMode':420}}]"""));
    }

    @Test
    void theSameApplyThroughThePatcherEntryPoint() {
        ObjectNode before = SEED_POD.deepCopy();
        PatchOutcome outcome = new Patcher().apply("application/strategic-merge-patch+json", "Pod", SEED_POD, body("""
                {'spec':{'$setElementOrder/containers':[{'name':'nginx'}],
                         'containers':[{'image':'nginx:1.8','name':'nginx'}]}}"""));

        assertThat(outcome).isInstanceOfSatisfying(PatchOutcome.Applied.class, applied ->
                assertThat(applied.object().at("/spec/containers/0/image").stringValue()).isEqualTo("nginx:1.8"));
        assertThat(SEED_POD).isEqualTo(before);
    }

    @Test
    void reapplyingTheSameManifestChangesNothing() throws PatchException {
        // kubectl apply with an unchanged manifest sends only the order directive.
        assertThat(apply(SEED_POD, "{'spec':{'$setElementOrder/containers':[{'name':'nginx'}]}}"))
                .isEqualTo(SEED_POD);
    }
}
