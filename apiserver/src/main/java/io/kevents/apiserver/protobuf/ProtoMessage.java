package io.kevents.apiserver.protobuf;

import java.util.HashMap;
import java.util.Map;

/**
 * The schema of one Kubernetes protobuf message: which JSON field each field number is. Built with
 * {@link #builder(String)}, nested messages first; immutable once built.
 */
public final class ProtoMessage {

    private final String name;
    private final Map<Integer, ProtoField> fields;

    private ProtoMessage(String name, Map<Integer, ProtoField> fields) {
        this.name = name;
        this.fields = Map.copyOf(fields);
    }

    /** A builder for the message called {@code name} (used in error messages). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The message name, e.g. {@code ObjectMeta}. */
    public String name() {
        return name;
    }

    /** The field with {@code number}, or {@code null} for one this schema does not know (it is skipped). */
    public ProtoField field(int number) {
        return fields.get(number);
    }

    /** Collects the fields of a message schema. */
    public static final class Builder {
        private final String name;
        private final Map<Integer, ProtoField> fields = new HashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** A value field. */
        public Builder field(int number, String jsonName, ProtoType type) {
            return add(new ProtoField(number, jsonName, type, false, null, false));
        }

        /** A pointer field: present means set, even when zero. */
        public Builder pointer(int number, String jsonName, ProtoType type) {
            return add(new ProtoField(number, jsonName, type, false, null, true));
        }

        /** A list of scalars. */
        public Builder repeated(int number, String jsonName, ProtoType type) {
            return add(new ProtoField(number, jsonName, type, true, null, false));
        }

        /** A nested message. */
        public Builder message(int number, String jsonName, ProtoMessage message) {
            return add(new ProtoField(number, jsonName, ProtoType.MESSAGE, false, message, false));
        }

        /** A list of nested messages. */
        public Builder messages(int number, String jsonName, ProtoMessage message) {
            return add(new ProtoField(number, jsonName, ProtoType.MESSAGE, true, message, false));
        }

        private Builder add(ProtoField field) {
            if (fields.putIfAbsent(field.number(), field) != null) {
                throw new IllegalArgumentException(name + " field " + field.number() + " defined twice");
            }
            return this;
        }

        /** The schema. */
        public ProtoMessage build() {
            return new ProtoMessage(name, fields);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
