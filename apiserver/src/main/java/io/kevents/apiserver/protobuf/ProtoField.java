package io.kevents.apiserver.protobuf;

/**
 * One field of a message schema.
 *
 * @param number   the protobuf field number
 * @param name     the JSON field name
 * @param type     the encoding
 * @param repeated whether the field is a list
 * @param message  the nested schema, for {@link ProtoType#MESSAGE} fields (else {@code null})
 * @param pointer  whether the Go field is a pointer: Go writes a value field even when it is zero, so a zero
 *                 there means "unset" and is dropped like JSON's omitempty, whereas a pointer field is written
 *                 only when set, so its zero (a grace period of 0, say) is kept
 */
public record ProtoField(int number, String name, ProtoType type, boolean repeated, ProtoMessage message,
                         boolean pointer) {
}
