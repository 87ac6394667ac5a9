package io.stressgate.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * What one status poll said about a job: its status (lower-cased, null when the reply had none), whether the
 * status URL answered 404/410, and how often the job completed (from the chain's completion-count pointer, 0 when
 * unknown). A reply that was not a usable answer (5xx, not JSON) says nothing.
 */
record StatusReply(String status, boolean notFound, long completions) {
    static final StatusReply NOTHING = new StatusReply(null, false, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    static StatusReply of(int httpStatus, byte[] body, String statusPointer, String completionsPointer) {
        if (httpStatus == 404 || httpStatus == 410) {
            return new StatusReply(null, true, 0);
        }
        if (httpStatus < 200 || httpStatus > 299 || body == null) {
            return NOTHING;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return NOTHING;
        }
        if (root == null) {
            return NOTHING;
        }
        JsonNode status = root.at(statusPointer);
        String text = status.isValueNode() && !status.isNull() ? status.asText().trim().toLowerCase(Locale.ROOT) : null;
        long completions = 0;
        if (completionsPointer != null) {
            JsonNode count = root.at(completionsPointer);
            completions = count.canConvertToLong() ? count.asLong() : 0;
        }
        return new StatusReply(text, false, completions);
    }
}
