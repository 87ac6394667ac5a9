package io.stressgate.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API answers with an error: the HTTP status, a short code, a sentence, and where the problem is (a
 * JSON pointer into the body, or a parameter name), plus how many seconds to wait before retrying (429, 503).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message, Map<String, Object> details, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "bad_parameter", parameter + ": " + message, Map.of("parameter", parameter), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null, null);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, "unavailable", message, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The JSON body: status, error code, message and the details (pointer or parameter). */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", getMessage());
        body.putAll(details);
        return body;
    }
}
