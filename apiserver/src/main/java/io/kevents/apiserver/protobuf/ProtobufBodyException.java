package io.kevents.apiserver.protobuf;

/** A protobuf request body kevents cannot turn into an object; {@link #unsupportedType()} tells 415 from 400. */
public final class ProtobufBodyException extends RuntimeException {

    private final boolean unsupportedType;

    private ProtobufBodyException(String message, boolean unsupportedType) {
        super(message);
        this.unsupportedType = unsupportedType;
    }

    /** The bytes are not a well-formed Kubernetes protobuf envelope or message. */
    static ProtobufBodyException malformed(String message) {
        return new ProtobufBodyException(message, false);
    }

    /** Well-formed, but of a kind kevents has no schema for. */
    static ProtobufBodyException unsupported(String message) {
        return new ProtobufBodyException(message, true);
    }

    /** Whether the body was of a kind kevents does not decode (as opposed to broken bytes). */
    public boolean unsupportedType() {
        return unsupportedType;
    }
}
