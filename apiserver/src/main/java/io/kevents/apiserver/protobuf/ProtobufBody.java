package io.kevents.apiserver.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.kevents.apiserver.json.Json;
import java.io.IOException;
import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body sent as {@code application/vnd.kubernetes.protobuf}: the four magic bytes {@code k8s\0}, then
 * a {@code runtime.Unknown} envelope naming the type ({@code apiVersion}, {@code kind}) around the encoded object.
 * The result is the JSON tree of the object, so the rest of the server handles it exactly like a JSON body.
 */
public final class ProtobufBody {

    /** The media type clients send. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBody() {
    }

    /**
     * The object in {@code body}.
     *
     * @throws ProtobufBodyException when the bytes are malformed or of a type kevents has no schema for
     */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw ProtobufBodyException.malformed("the body does not start with the Kubernetes protobuf prefix "
                    + "\"k8s\\x00\"");
        }
        Envelope envelope = readEnvelope(body);
        if (!envelope.contentEncoding().isEmpty()) {
            throw ProtobufBodyException.unsupported("content encoding \"" + envelope.contentEncoding()
                    + "\" is not supported");
        }
        ProtoMessage schema = KubernetesMessages.forType(envelope.apiVersion(), envelope.kind())
                .orElseThrow(() -> ProtobufBodyException.unsupported("kevents reads protobuf bodies of "
                        + String.join(", ", KubernetesMessages.supportedTypes()) + "; send "
                        + envelope.apiVersion() + "/" + envelope.kind() + " as application/json"));
        ObjectNode object = Json.object();
        object.put("apiVersion", envelope.apiVersion());
        object.put("kind", envelope.kind());
        ProtobufDecoder.decode(envelope.raw(), schema, object);
        return object;
    }

    private record Envelope(String apiVersion, String kind, byte[] raw, String contentEncoding) {
    }

    private static Envelope readEnvelope(byte[] body) {
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        String contentEncoding = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.skipField(tag);
                } else if (field == 1) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    for (int inner = in.readTag(); inner != 0; inner = in.readTag()) {
                        switch (WireFormat.getTagFieldNumber(inner)) {
                            case 1 -> apiVersion = in.readString();
                            case 2 -> kind = in.readString();
                            default -> in.skipField(inner);
                        }
                    }
                    in.popLimit(limit);
                } else if (field == 2) {
                    raw = in.readByteArray();
                } else if (field == 3) {
                    contentEncoding = in.readString();
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw ProtobufBodyException.malformed("malformed protobuf envelope: " + e.getMessage());
        } catch (IOException e) {
            throw ProtobufBodyException.malformed("unreadable protobuf envelope: " + e.getMessage());
        }
        if (kind.isEmpty()) {
            throw ProtobufBodyException.malformed("the protobuf envelope names no kind");
        }
        return new Envelope(apiVersion, kind, raw, contentEncoding);
    }
}
