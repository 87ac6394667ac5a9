package io.stressgate.engine.load;

import com.fasterxml.jackson.core.JsonPointer;
import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.RequestSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request ready for the wire: its name index, origin, limits, the bytes of a static request encoded once, or the
 * compiled templates of a request that changes per iteration, where extracted values go, its checks (null
 * when it declares none), and how many redirects it follows. A redirect's next hop is a request of its own whose
 * {@link #root} is the flow's request it started from.
 */
final class CompiledRequest {
    private static final String USER_AGENT = "stressgate/1";
    /** The write buffer of a connection sending a streamed body: the chunk read from disk or generated per write. */
    static final int STREAM_CHUNK = 128 * 1024;

    final RequestSpec spec;
    final int name;
    final Origin origin;
    final boolean head;
    final long timeoutNanos;
    final long connectTimeoutNanos;
    final long maxBody;
    final int[] extractSlots;
    final JsonPointer[] extractPointers;
    /** True when the body is read as JSON for extraction or job polling (a body that is not JSON is then an error). */
    final boolean readsJson;
    final CompiledChecks checks;
    /** Where each check is counted under the request's name (null without checks), for the hops of a redirect. */
    final int[] checkSlots;
    final int redirects;
    /** The flow's request this one is a redirect hop of; itself for a request of the flow. */
    CompiledRequest root = this;
    /** Where redirects may go and whether cookies are kept; null where the client acts on neither (the warm-up). */
    ClientRules client;
    private final byte[][] keptHeaders;
    private final byte[] staticBytes;
    private final CompiledTemplate path;
    private final String[] headerNames;
    private final CompiledTemplate[] headerValues;
    private final CompiledTemplate bodyTemplate;
    private final byte[] bodyBytes;
    /** The large body sent from disk or generated as it goes out, or null: the request's bytes then hold the body. */
    private final Body.Streamed streamed;

    private final boolean captureBody;
    /** The request sets Accept-Encoding itself: the client's is left out. */
    private final boolean ownAcceptEncoding;

    CompiledRequest(RequestSpec spec, int name, Origin origin, List<String> slots, boolean captureBody) {
        this(spec, name, origin, slots, captureBody, null);
    }

    /** {@code checkSlots[i]} is where check i of the spec is counted under its request name; null without checks. */
    CompiledRequest(RequestSpec spec, int name, Origin origin, List<String> slots, boolean captureBody, int[] checkSlots) {
        this.readsJson = captureBody || !spec.extract().isEmpty();
        if (!spec.checks().isEmpty() && checkSlots == null) {
            throw new IllegalArgumentException("request " + spec.name() + " declares checks but has nowhere to count them");
        }
        this.checks = spec.checks().isEmpty() ? null : new CompiledChecks(spec.checks(), checkSlots);
        this.checkSlots = checkSlots;
        this.redirects = spec.redirects();
        this.keptHeaders = checks == null ? null : checks.headers;
        this.captureBody = readsJson || spec.readsBody();
        this.spec = spec;
        this.name = name;
        this.origin = origin;
        this.head = spec.method().equals("HEAD");
        this.timeoutNanos = spec.timeout().toNanos();
        this.connectTimeoutNanos = spec.connectTimeout().toNanos();
        this.maxBody = spec.maxResponseBytes();
        this.extractSlots = spec.extract().keySet().stream().mapToInt(slots::indexOf).toArray();
        this.extractPointers = spec.extract().values().stream().map(JsonPointer::compile).toArray(JsonPointer[]::new);
        this.path = new CompiledTemplate(spec.pathAndQuery(), slots, CompiledTemplate.Place.URL);
        this.headerNames = spec.headers().stream().map(RequestSpec.Header::name).toArray(String[]::new);
        this.ownAcceptEncoding = java.util.Arrays.stream(headerNames).anyMatch("Accept-Encoding"::equalsIgnoreCase);
        this.headerValues = spec.headers().stream().map(h -> new CompiledTemplate(h.value(), slots, CompiledTemplate.Place.HEADER)).toArray(CompiledTemplate[]::new);
        this.bodyTemplate = spec.body() instanceof Body.Text t ? new CompiledTemplate(t.template(), slots, CompiledTemplate.Place.BODY) : null;
        this.bodyBytes = spec.body() instanceof Body.Bytes b ? b.data() : null;
        this.streamed = spec.body() instanceof Body.Streamed b ? b : null;
        this.staticBytes = spec.isStatic() ? encode(null) : null;
    }

    /** True when the response body must be kept to extract values or check it. */
    boolean capture() {
        return captureBody;
    }

    /** True when the response's Location and Set-Cookie headers are read (to follow it, to keep its cookies). */
    boolean tapsHops() {
        return client != null && (redirects > 0 || client.cookies);
    }

    /** The path and query this request is sent to by iteration {@code it}, rendered (for a redirect or a cookie). */
    String target(Iteration it) {
        StringBuilder s = new StringBuilder();
        render(s, path, it);
        return s.toString();
    }

    /** The lower-case names of the headers the checks read, or null when none does. */
    byte[][] keptHeaders() {
        return keptHeaders;
    }

    /**
     * Writes the request into {@code out} (cleared first), growing it when needed; returns the buffer to write.
     * The buffer is direct, so the socket writes it without a copy through the JDK's temporary buffers. For a
     * streamed body only the head goes in, and the buffer is made big enough for {@link #feeder()}'s chunks.
     */
    ByteBuffer write(ByteBuffer out, Iteration it) {
        byte[] bytes = staticBytes != null ? staticBytes : encode(it);
        if (it != null && it.cookies != null) {
            bytes = it.cookies.addTo(bytes, origin, System.nanoTime());
        }
        int need = streamed == null ? bytes.length : Math.max(bytes.length, STREAM_CHUNK);
        if (out.capacity() < need) {
            out = ByteBuffer.allocateDirect(Math.max(need, out.capacity() * 2));
        }
        out.clear();
        out.put(bytes);
        out.flip();
        return out;
    }

    /** A new feeder for this request's streamed body, or null when the bytes from {@link #write} are the whole request. */
    BodyFeeder feeder() {
        return streamed == null ? null : new BodyFeeder(streamed);
    }

    private byte[] encode(Iteration it) {
        StringBuilder s = new StringBuilder(256); // the event loops share this request: no shared buffer
        s.append(spec.method()).append(' ').append(origin.absoluteForm() ? "http://" + origin.hostHeader : "");
        render(s, path, it);
        s.append(" HTTP/1.1\r\nHost: ").append(origin.hostHeader).append("\r\nUser-Agent: ").append(USER_AGENT)
                .append("\r\nAccept: */*\r\n");
        if (origin.acceptEncoding != null && !ownAcceptEncoding) {
            s.append("Accept-Encoding: ").append(origin.acceptEncoding).append("\r\n");
        }
        for (int i = 0; i < headerNames.length; i++) {
            s.append(headerNames[i]).append(": ");
            render(s, headerValues[i], it);
            s.append("\r\n");
        }
        byte[] body = bodyBytes;
        if (bodyTemplate != null) {
            StringBuilder b = new StringBuilder();
            render(b, bodyTemplate, it);
            body = b.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (streamed != null) {
            s.append("Content-Type: ").append(streamed.contentType()).append("\r\nContent-Length: ").append(streamed.length()).append("\r\n");
        } else if (body != null) {
            s.append("Content-Type: ").append(spec.body().contentType()).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (spec.method().equals("POST") || spec.method().equals("PUT") || spec.method().equals("PATCH")) {
            s.append("Content-Length: 0\r\n");
        }
        s.append("\r\n");
        byte[] headBytes = s.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static void render(StringBuilder s, CompiledTemplate t, Iteration it) {
        if (t.isStatic()) {
            s.append(t.text());
        } else {
            t.render(s, it);
        }
    }
}
