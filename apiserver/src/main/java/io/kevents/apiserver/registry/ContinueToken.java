package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.json.Json;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opaque {@code continue} token of a paged list: the revision the first page was read at and the key the
 * next page starts at, so that every page shows the same snapshot (as kube-apiserver's token does).
 *
 * @param revision the snapshot
 * @param startKey the first key of the next page (inclusive)
 */
record ContinueToken(long revision, String startKey) {

    String encode() {
        ObjectNode json = Json.object().put("v", "kevents/v1").put("rv", revision).put("start", startKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(json));
    }

    static ContinueToken decode(String token) {
        try {
            ObjectNode json = Json.parseObject(Base64.getUrlDecoder().decode(token));
            if (!json.path("rv").isNumber() || !json.path("start").isString()) {
                throw new IllegalArgumentException("missing fields");
            }
            return new ContinueToken(json.get("rv").asLong(), json.get("start").asString());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid continue token: " + token);
        }
    }
}
