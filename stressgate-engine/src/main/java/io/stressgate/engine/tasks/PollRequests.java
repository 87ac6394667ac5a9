package io.stressgate.engine.tasks;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.Template;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the status request of one job from a chain's poll {@link RequestSpec}: the job id goes in for
 * {@link JobChain#ID} (percent-encoded in the path and query, as is in headers and body); the built-ins
 * {@code vu} and {@code iteration} are 0 and {@code uuid} is fresh, as the sweep runs outside any iteration.
 */
final class PollRequests {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "upgrade", "expect");

    private final RequestSpec poll;
    private final String origin;

    PollRequests(RequestSpec poll) {
        this.poll = poll;
        String o = poll.origin().toString();
        this.origin = o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    HttpRequest request(String jobId, Duration timeout) {
        StringBuilder path = new StringBuilder(origin);
        int start = path.length();
        poll.pathAndQuery().render(path, name -> value(name, jobId, true));
        if (path.length() == start || path.charAt(start) != '/') {
            path.insert(start, '/');
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.toString())).timeout(timeout);
        for (RequestSpec.Header h : poll.headers()) {
            if (!RESTRICTED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                b.header(h.name(), render(h.value(), jobId));
            }
        }
        Body body = poll.body();
        if (body.contentType() != null) {
            b.header("Content-Type", body.contentType());
        }
        return b.method(poll.method(), publisher(body, jobId)).build();
    }

    private static HttpRequest.BodyPublisher publisher(Body body, String jobId) {
        if (body instanceof Body.Text text) {
            return HttpRequest.BodyPublishers.ofString(render(text.template(), jobId), StandardCharsets.UTF_8);
        }
        if (body instanceof Body.Bytes bytes) {
            return HttpRequest.BodyPublishers.ofByteArray(bytes.data());
        }
        if (body instanceof Body.Streamed streamed) {
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> StreamedBodyInput.open(streamed)), streamed.length());
        }
        return HttpRequest.BodyPublishers.noBody();
    }

    private static String render(Template template, String jobId) {
        StringBuilder out = new StringBuilder();
        template.render(out, name -> value(name, jobId, false));
        return out.toString();
    }

    private static CharSequence value(String name, String jobId, boolean inUrl) {
        return switch (name) {
            case JobChain.ID -> inUrl ? encode(jobId) : jobId;
            case "uuid" -> UUID.randomUUID().toString();
            case "vu", "iteration" -> "0";
            default -> throw new IllegalArgumentException("the poll request uses {{" + name + "}}, which the drain "
                    + "sweep cannot fill (only id and the built-ins)");
        };
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so an id cannot change the URL's shape. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
