package io.kevents.apiserver.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The strategic-merge-patch view of one API type: the fields that have patch tags or lead to fields that do.
 * Fields not listed behave as {@link FieldSchema#UNKNOWN}.
 *
 * @param name   the API type's name, for messages ({@code PodSpec})
 * @param fields the fields that matter, by JSON name
 */
public record TypeSchema(String name, Map<String, FieldSchema> fields) {

    /** A type about which nothing is known: every map merges, every list is replaced. */
    public static final TypeSchema OPAQUE = new TypeSchema("object", Map.of());

    public TypeSchema {
        Objects.requireNonNull(name, "name");
        fields = Map.copyOf(fields);
    }

    /** The schema of field {@code name}, {@link FieldSchema#UNKNOWN} when not listed. */
    public FieldSchema field(String name) {
        return fields.getOrDefault(name, FieldSchema.UNKNOWN);
    }

    /**
     * The schema at a dotted field path ({@code spec.containers.env}); list fields step into their elements.
     * Unlisted fields give {@link FieldSchema#UNKNOWN}.
     */
    public FieldSchema fieldAt(String dottedPath) {
        TypeSchema current = this;
        FieldSchema field = FieldSchema.UNKNOWN;
        for (String part : dottedPath.split("\\.")) {
            field = current.field(part);
            current = field.type();
        }
        return field;
    }

    /** A builder for a type called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects the fields of a {@link TypeSchema}. */
    public static final class Builder {
        private final String name;
        private final Map<String, FieldSchema> fields = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds field {@code jsonName}. */
        public Builder field(String jsonName, FieldSchema schema) {
            if (fields.putIfAbsent(jsonName, schema) != null) {
                throw new IllegalArgumentException(name + "." + jsonName + " is declared twice");
            }
            return this;
        }

        /** Adds field {@code jsonName} without patch tags, whose value has schema {@code type}. */
        public Builder field(String jsonName, TypeSchema type) {
            return field(jsonName, FieldSchema.of(type));
        }

        /** Adds the fields of {@code inlined} (a Go struct embedded with {@code json:",inline"}). */
        public Builder inline(TypeSchema inlined) {
            inlined.fields().forEach(this::field);
            return this;
        }

        /** The immutable schema. */
        public TypeSchema build() {
            return new TypeSchema(name, fields);
        }
    }
}
