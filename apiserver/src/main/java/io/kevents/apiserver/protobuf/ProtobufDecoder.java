package io.kevents.apiserver.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.kevents.apiserver.json.Json;
import io.kevents.model.KubeTime;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one protobuf message into the JSON tree a JSON client would have sent, following a {@link ProtoMessage}
 * schema: fields the schema does not know are skipped, zero values of non-pointer fields are left out (Go writes
 * them; JSON's omitempty would not), and times become RFC 3339 text.
 */
final class ProtobufDecoder {

    private static final int MAX_DEPTH = 32;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtobufDecoder() {
    }

    /** Decodes {@code bytes} as {@code schema} into {@code target}. */
    static void decode(byte[] bytes, ProtoMessage schema, ObjectNode target) {
        try {
            readMessage(CodedInputStream.newInstance(bytes), schema, target, 0);
        } catch (InvalidProtocolBufferException e) {
            throw ProtobufBodyException.malformed("malformed " + schema.name() + ": " + e.getMessage());
        } catch (IOException e) {
            throw ProtobufBodyException.malformed("unreadable " + schema.name() + ": " + e.getMessage());
        }
    }

    private static void readMessage(CodedInputStream in, ProtoMessage schema, ObjectNode target, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw ProtobufBodyException.malformed("messages nested deeper than " + MAX_DEPTH);
        }
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            ProtoField field = schema.field(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            requireWireType(schema, field, WireFormat.getTagWireType(tag));
            readField(in, field, target, depth);
        }
    }

    private static void readField(CodedInputStream in, ProtoField field, ObjectNode target, int depth)
            throws IOException {
        switch (field.type()) {
            case STRING -> put(field, target, in.readString());
            case BYTES -> put(field, target, Base64.getEncoder().encodeToString(in.readByteArray()));
            case BOOL -> {
                boolean value = in.readBool();
                if (value || field.pointer()) {
                    target.put(field.name(), value);
                }
            }
            case INT32 -> putNumber(field, target, in.readInt32());
            case INT64 -> putNumber(field, target, in.readInt64());
            case TIME, MICRO_TIME -> {
                String time = readTime(in, field.type() == ProtoType.MICRO_TIME);
                if (time != null) {
                    target.put(field.name(), time);
                }
            }
            case STRING_MAP, BYTES_MAP -> readMapEntry(in, field, target);
            case MESSAGE -> {
                ObjectNode nested = Json.object();
                int limit = in.pushLimit(in.readRawVarint32());
                readMessage(in, field.message(), nested, depth + 1);
                in.popLimit(limit);
                if (field.repeated()) {
                    list(target, field).add(nested);
                } else {
                    target.set(field.name(), nested);
                }
            }
        }
    }

    private static void put(ProtoField field, ObjectNode target, String value) {
        if (field.repeated()) {
            list(target, field).add(value);
        } else if (!value.isEmpty() || field.pointer()) {
            target.put(field.name(), value);
        }
    }

    /** Small numbers become int nodes, as a JSON parser makes them, so decoded and parsed trees compare equal. */
    private static void putNumber(ProtoField field, ObjectNode target, long value) {
        var node = value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        if (field.repeated()) {
            list(target, field).add(node);
        } else if (value != 0 || field.pointer()) {
            target.set(field.name(), node);
        }
    }

    private static ArrayNode list(ObjectNode target, ProtoField field) {
        return target.get(field.name()) instanceof ArrayNode existing ? existing : target.putArray(field.name());
    }

    /** A {@code meta/v1.Time} or {@code MicroTime}; {@code null} for Go's zero time, which encodes as nothing. */
    private static String readTime(CodedInputStream in, boolean micro) throws IOException {
        long seconds = 0;
        int nanos = 0;
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> seconds = in.readInt64();
                case 2 -> nanos = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (seconds == 0 && nanos == 0) {
            return null;
        }
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        return micro ? KubeTime.formatMicroTime(instant) : KubeTime.formatTime(instant);
    }

    /** One {@code key=1, value=2} entry of a protobuf map. */
    private static void readMapEntry(CodedInputStream in, ProtoField field, ObjectNode target) throws IOException {
        String key = "";
        String value = "";
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readString();
                case 2 -> value = field.type() == ProtoType.BYTES_MAP
                        ? Base64.getEncoder().encodeToString(in.readByteArray()) : in.readString();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        Json.objectAt(target, field.name()).put(key, value);
    }

    private static void requireWireType(ProtoMessage schema, ProtoField field, int wireType) {
        int expected = switch (field.type()) {
            case BOOL, INT32, INT64 -> WireFormat.WIRETYPE_VARINT;
            default -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
        };
        if (wireType != expected) {
            throw ProtobufBodyException.malformed(schema.name() + "." + field.name() + " (field " + field.number()
                    + ") has wire type " + wireType + ", expected " + expected);
        }
    }
}
