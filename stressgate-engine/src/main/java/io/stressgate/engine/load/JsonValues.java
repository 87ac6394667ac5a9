package io.stressgate.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one way the load generator reads JSON responses: the body as a tree, and the value at a pointer as text the way
 * extraction, job polling and checks all see it (a scalar's text; null for a missing value, JSON null or a container).
 */
final class JsonValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {
    }

    /** The body's first {@code length} bytes as a JSON tree, or null when they are not JSON. */
    static JsonNode parse(byte[] body, int length) {
        try {
            return JSON.readTree(body, 0, length);
        } catch (IOException e) {
            return null;
        }
    }

    /** The value's text, or null when there is no scalar value. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }
}
