package io.kevents.apiserver.http;

import tools.jackson.databind.node.ObjectNode;

/** Applies a PATCH body of some content type to an object (served form); errors are {@link ApiException}s. */
@FunctionalInterface
public interface PatchFunction {

    /** The patched object; {@code live} is not modified. */
    ObjectNode apply(String contentType, String kind, ObjectNode live, byte[] body);
}
