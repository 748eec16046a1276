package io.kevents.apiserver.protobuf;

/** How a field of a Kubernetes protobuf message is encoded on the wire and shown in JSON. */
public enum ProtoType {
    /** A UTF-8 string. */
    STRING,
    /** Raw bytes, shown in JSON as base64 (like Go's []byte). */
    BYTES,
    /** A varint boolean. */
    BOOL,
    /** A varint 32-bit integer. */
    INT32,
    /** A varint 64-bit integer. */
    INT64,
    /** A nested message with its own schema. */
    MESSAGE,
    /** {@code meta/v1.Time}: seconds and nanos, shown as RFC 3339 with whole seconds. */
    TIME,
    /** {@code meta/v1.MicroTime}: seconds and nanos, shown as RFC 3339 with microseconds. */
    MICRO_TIME,
    /** {@code map<string, string>}. */
    STRING_MAP,
    /** {@code map<string, bytes>}, values shown as base64. */
    BYTES_MAP
}
