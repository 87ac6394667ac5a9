package io.stressgate.engine.scenario;

/** What a request sends: nothing, text that may hold placeholders, or fixed bytes (a file or a multipart form). */
public sealed interface Body permits Body.None, Body.Text, Body.Bytes {
    Body NONE = new None();

    /** The Content-Type header value, or null when there is no body. */
    String contentType();

    /** No body. */
    record None() implements Body {
        public String contentType() {
            return null;
        }
    }

    /** A text body (JSON or raw), rendered per request when it holds placeholders. */
    record Text(Template template, String contentType) implements Body {
    }

    /** A fixed byte body, read once when the scenario is loaded. */
    record Bytes(byte[] data, String contentType) implements Body {
    }
}
