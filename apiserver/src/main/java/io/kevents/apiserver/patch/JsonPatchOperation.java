package io.kevents.apiserver.patch;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** One RFC 6902 operation. Applying one modifies the document it is given (the caller's copy). */
public sealed interface JsonPatchOperation {

    /** The operation's {@code path}. */
    JsonPointer path();

    /**
     * Applies this operation to {@code document}, which it may modify.
     *
     * @return the resulting document (a different node when the whole document is replaced)
     * @throws PatchException 422 when the operation does not apply to this document or a {@code test} fails
     */
    JsonNode applyTo(JsonNode document) throws PatchException;

    /** {@code add}: set an object member or insert into an array ({@code -} appends). */
    record Add(JsonPointer path, JsonNode value) implements JsonPatchOperation {
        public Add {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            return JsonTree.add(document, path, value.deepCopy(), "add");
        }
    }

    /** {@code remove}: delete an existing member or element. */
    record Remove(JsonPointer path) implements JsonPatchOperation {
        public Remove {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            JsonTree.remove(document, path, "remove");
            return document;
        }
    }

    /** {@code replace}: change an existing value. */
    record Replace(JsonPointer path, JsonNode value) implements JsonPatchOperation {
        public Replace {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            return JsonTree.replace(document, path, value.deepCopy(), "replace");
        }
    }

    /** {@code move}: remove the value at {@code from} and add it at {@code path}. */
    record Move(JsonPointer from, JsonPointer path) implements JsonPatchOperation {
        public Move {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            if (from.equals(path)) {
                JsonTree.existing(document, from, "move");
                return document;
            }
            if (from.isProperPrefixOf(path)) {
                throw PatchException.invalid("json patch move operation does not apply: \"" + path
                        + "\" is inside the value being moved from \"" + from + "\"");
            }
            JsonNode value = JsonTree.remove(document, from, "move");
            return JsonTree.add(document, path, value, "move");
        }
    }

    /** {@code copy}: add a copy of the value at {@code from} at {@code path}. */
    record Copy(JsonPointer from, JsonPointer path) implements JsonPatchOperation {
        public Copy {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            JsonNode value = JsonTree.existing(document, from, "copy").deepCopy();
            return JsonTree.add(document, path, value, "copy");
        }
    }

    /** {@code test}: fail unless the value at {@code path} equals {@code value} (numbers by numeric value). */
    record Test(JsonPointer path, JsonNode value) implements JsonPatchOperation {
        public Test {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode applyTo(JsonNode document) throws PatchException {
            JsonNode actual = JsonTree.find(document, path);
            if (!JsonValues.same(actual, value)) {
                throw PatchException.invalid("json patch test operation failed: the value at \"" + path + "\" is "
                        + (actual == null ? "absent" : JsonValues.quote(actual)) + ", not "
                        + JsonValues.quote(value));
            }
            return document;
        }
    }
}
