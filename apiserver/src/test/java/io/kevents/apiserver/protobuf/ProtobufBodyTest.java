package io.kevents.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.http.Request;
import io.kevents.apiserver.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protobuf request bodies: the exact bytes kubectl 1.32 sent (captured from the real binary), and messages encoded
 * here with protobuf-java's own writer the way Go's generated code writes them (every value field, even empty).
 */
class ProtobufBodyTest {

    @Test
    void kubectlCreateNamespace() throws IOException {
        ObjectNode namespace = ProtobufBody.decode(resource("kubectl-1.32-create-namespace.bin"));

        assertThat(namespace).isEqualTo(json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'team-a'},"
                + "'spec':{},'status':{}}"));
    }

    @Test
    void kubectlCreateConfigMapWithLiteralsAndABinaryFile() throws IOException {
        ObjectNode configMap = ProtobufBody.decode(resource("kubectl-1.32-create-configmap.bin"));

        assertThat(configMap.path("metadata")).isEqualTo(json("{'name':'settings','namespace':'team-a'}"));
        assertThat(configMap.path("data")).isEqualTo(json("{'empty':'','mode':'fast'}"));
        assertThat(Base64.getDecoder().decode(configMap.path("binaryData").path("blob").asString()))
                .isEqualTo(new byte[] {0, 1, (byte) 0xff, ' ', 'b', 'i', 'n', 'a', 'r', 'y'});
        assertThat(configMap.has("immutable")).isFalse();
    }

    @Test
    void coreEventAsAGoClientWritesIt() throws IOException {
        byte[] meta = message(out -> {
            string(out, 1, "nginx.17a");
            string(out, 2, "");
            string(out, 3, "default");
            string(out, 6, "");
            out.writeInt64(7, 0);
            bytes(out, 8, new byte[0]);
            stringMap(out, 11, Map.of("app", "web"));
            bytes(out, 17, message(entry -> string(entry, 1, "kubelet"))); // managedFields: not ours, skipped
        });
        byte[] event = message(out -> {
            bytes(out, 1, meta);
            bytes(out, 2, message(ref -> {
                string(ref, 1, "Pod");
                string(ref, 2, "default");
                string(ref, 3, "nginx");
                string(ref, 4, "u-1");
                string(ref, 5, "v1");
                string(ref, 6, "");
                string(ref, 7, "spec.containers{nginx}");
            }));
            string(out, 3, "Pulling");
            string(out, 4, "Pulling image \"nginx\"");
            bytes(out, 5, message(source -> {
                string(source, 1, "kubelet");
                string(source, 2, "node-1");
            }));
            bytes(out, 6, time(1_631_704_400L, 0));
            bytes(out, 7, time(1_631_704_460L, 0));
            out.writeInt32(8, 3);
            string(out, 9, "Normal");
            bytes(out, 10, new byte[0]);
            string(out, 12, "");
            string(out, 14, "");
            string(out, 15, "");
        });

        ObjectNode decoded = ProtobufBody.decode(envelope("v1", "Event", event));

        assertThat(decoded).isEqualTo(json("{'apiVersion':'v1','kind':'Event',"
                + "'metadata':{'name':'nginx.17a','namespace':'default','labels':{'app':'web'}},"
                + "'involvedObject':{'kind':'Pod','namespace':'default','name':'nginx','uid':'u-1','apiVersion':'v1',"
                + "'fieldPath':'spec.containers{nginx}'},'reason':'Pulling','message':'Pulling image \\\"nginx\\\"',"
                + "'source':{'component':'kubelet','host':'node-1'},'firstTimestamp':'2021-09-15T11:13:20Z',"
                + "'lastTimestamp':'2021-09-15T11:14:20Z','count':3,'type':'Normal'}"));
    }

    @Test
    void eventsV1EventKeepsMicrosecondsAndTheSeries() throws IOException {
        byte[] event = message(out -> {
            bytes(out, 1, message(meta -> string(meta, 1, "pod.18b")));
            bytes(out, 2, time(1_631_704_400L, 123_456_000));
            bytes(out, 3, message(series -> {
                series.writeInt32(1, 7);
                bytes(series, 2, time(1_631_704_410L, 500_000_000));
            }));
            string(out, 4, "default-scheduler");
            string(out, 7, "FailedScheduling");
            string(out, 10, "0/3 nodes are available");
            string(out, 11, "Warning");
        });

        ObjectNode decoded = ProtobufBody.decode(envelope("events.k8s.io/v1", "Event", event));

        assertThat(decoded.path("eventTime").asString()).isEqualTo("2021-09-15T11:13:20.123456Z");
        assertThat(decoded.path("series")).isEqualTo(json("{'count':7,"
                + "'lastObservedTime':'2021-09-15T11:13:30.500000Z'}"));
        assertThat(decoded.path("reportingController").asString()).isEqualTo("default-scheduler");
        assertThat(decoded.path("note").asString()).isEqualTo("0/3 nodes are available");
    }

    @Test
    void pointerFieldsKeepTheirZero() throws IOException {
        byte[] options = message(out -> {
            out.writeInt64(1, 0);
            bytes(out, 2, message(pre -> string(pre, 1, "")));
            string(out, 5, "All");
        });

        ObjectNode decoded = ProtobufBody.decode(envelope("meta.k8s.io/v1", "DeleteOptions", options));

        assertThat(decoded.path("gracePeriodSeconds").isNumber()).isTrue();
        assertThat(decoded.path("gracePeriodSeconds").asLong()).isZero();
        assertThat(decoded.path("preconditions")).isEqualTo(json("{'uid':''}"));
        assertThat(decoded.path("dryRun")).isEqualTo(Json.parse("[\"All\"]".getBytes()));
    }

    @Test
    void aKindWithoutASchemaIsUnsupportedAndSaysWhatToDo() throws IOException {
        byte[] pod = envelope("v1", "Pod", message(out -> bytes(out, 1, message(meta -> string(meta, 1, "p")))));

        assertThatThrownBy(() -> ProtobufBody.decode(pod)).isInstanceOfSatisfying(ProtobufBodyException.class, e -> {
            assertThat(e.unsupportedType()).isTrue();
            assertThat(e.getMessage()).contains("v1/Namespace", "send v1/Pod as application/json");
        });
    }

    @Test
    void brokenBytesAreMalformed() throws IOException {
        byte[] namespace = resource("kubectl-1.32-create-namespace.bin");
        byte[] truncated = java.util.Arrays.copyOf(namespace, namespace.length - 5);
        byte[] wrongWireType = envelope("v1", "Namespace", message(out -> out.writeInt32(1, 5)));

        for (byte[] body : new byte[][] {"{}".getBytes(), truncated, wrongWireType, new byte[] {'k', '8', 's'}}) {
            assertThatThrownBy(() -> ProtobufBody.decode(body))
                    .isInstanceOfSatisfying(ProtobufBodyException.class,
                            e -> assertThat(e.unsupportedType()).isFalse());
        }
    }

    @Test
    void requestsChooseTheReaderByContentType() throws IOException {
        byte[] namespace = resource("kubectl-1.32-create-namespace.bin");
        byte[] pod = envelope("v1", "Pod", new byte[0]);

        assertThat(request("application/vnd.kubernetes.protobuf", namespace).bodyObject().path("metadata")
                .path("name").asString()).isEqualTo("team-a");
        assertThat(request("application/json; charset=utf-8", "{\"kind\":\"Namespace\"}".getBytes()).bodyObject()
                .path("kind").asString()).isEqualTo("Namespace");
        assertThat(request("", "{}".getBytes()).bodyObject()).isEmpty();
        assertStatus(() -> request("text/plain", "{}".getBytes()).bodyObject(), 415, "application/json");
        assertStatus(() -> request("application/vnd.kubernetes.protobuf", pod).bodyObject(), 415, "v1/Pod");
        assertStatus(() -> request("application/vnd.kubernetes.protobuf", "{}".getBytes()).bodyObject(), 400,
                "not valid protobuf");
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code,
                                     String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private static Request request(String contentType, byte[] body) {
        return new Request("POST", "/api/v1/namespaces", Map.of(), "", contentType, body);
    }

    private static ObjectNode json(String text) {
        return Json.parseObject(text.replace('\'', '"').getBytes());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ProtobufBodyTest.class.getResourceAsStream("/protobuf/" + name)) {
            return in.readAllBytes();
        }
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) throws IOException {
        byte[] unknown = message(out -> {
            bytes(out, 1, message(typeMeta -> {
                string(typeMeta, 1, apiVersion);
                string(typeMeta, 2, kind);
            }));
            bytes(out, 2, raw);
            string(out, 3, "");
            string(out, 4, "");
        });
        byte[] body = new byte[4 + unknown.length];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    private static byte[] time(long seconds, int nanos) throws IOException {
        return message(out -> {
            out.writeInt64(1, seconds);
            out.writeInt32(2, nanos);
        });
    }

    private static void string(CodedOutputStream out, int field, String value) throws IOException {
        out.writeString(field, value);
    }

    private static void bytes(CodedOutputStream out, int field, byte[] value) throws IOException {
        out.writeBytes(field, ByteString.copyFrom(value));
    }

    private static void stringMap(CodedOutputStream out, int field, Map<String, String> map) throws IOException {
        for (Map.Entry<String, String> entry : map.entrySet()) {
            bytes(out, field, message(e -> {
                string(e, 1, entry.getKey());
                string(e, 2, entry.getValue());
            }));
        }
    }
}
