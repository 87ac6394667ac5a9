package io.stressgate.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals, made before a request reaches the API (a NUL in the path, a URI or headers over the limit),
 * answered as the API's JSON errors instead of an HTML page, so a client reads every refusal the same way.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        body.put("message", reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason);
        try {
            return ByteBuffer.wrap(ApiJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of three plain values did not serialize", e);
        }
    }
}
