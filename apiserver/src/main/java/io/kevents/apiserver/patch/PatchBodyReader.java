package io.kevents.apiserver.patch;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/** Reads PATCH bodies into trees; anything that does not parse is a 400 with the parser's reason. */
final class PatchBodyReader {

    private final ObjectReader reader;

    PatchBodyReader(ObjectMapper mapper) {
        // One document per body: trailing content is an error, not silently ignored.
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The body as a tree. */
    JsonNode read(byte[] body) throws PatchException {
        if (body == null || body.length == 0) {
            throw PatchException.badRequest("the patch body is empty");
        }
        JsonNode tree;
        try {
            tree = reader.readTree(body);
        } catch (JacksonException e) {
            throw PatchException.badRequest("error decoding patch: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw PatchException.badRequest("the patch body is empty");
        }
        return tree;
    }

    /** The body as an object, as merge patches and strategic merge patches must be. */
    ObjectNode readObject(byte[] body, PatchType type) throws PatchException {
        JsonNode tree = read(body);
        if (!(tree instanceof ObjectNode object)) {
            throw PatchException.badRequest("a " + type.mediaType() + " patch must be a JSON object, got a "
                    + JsonValues.typeName(tree));
        }
        return object;
    }
}
