package io.stressgate.engine.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request of a flow: where it goes ({@code origin} plus a path-and-query template), what it sends,
 * how long it may take, which statuses count as success, and which values it extracts from its JSON response
 * for later requests of the same iteration (name to JSON pointer), the checks every response is put to, and how
 * many redirects it follows (0: none, its 3xx is its answer).
 */
public record RequestSpec(
        String name,
        String method,
        URI origin,
        Template pathAndQuery,
        List<Header> headers,
        Body body,
        Duration timeout,
        Duration connectTimeout,
        StatusSet expect,
        long maxResponseBytes,
        Map<String, String> extract,
        List<CheckSpec> checks,
        int redirects,
        Location location) {

    /** The redirects a request follows unless it says otherwise. */
    public static final int DEFAULT_REDIRECTS = 10;
    /** The most a request may be told to follow. */
    public static final int MAX_REDIRECTS = 50;

    public RequestSpec {
        if (redirects < 0 || redirects > MAX_REDIRECTS) {
            throw new IllegalArgumentException("redirects " + redirects + " is not between 0 and " + MAX_REDIRECTS);
        }
        headers = List.copyOf(headers);
        extract = Map.copyOf(extract);
        checks = List.copyOf(checks);
    }

    /** A request following the default number of redirects. */
    public RequestSpec(String name, String method, URI origin, Template pathAndQuery, List<Header> headers, Body body,
                       Duration timeout, Duration connectTimeout, StatusSet expect, long maxResponseBytes,
                       Map<String, String> extract, List<CheckSpec> checks, Location location) {
        this(name, method, origin, pathAndQuery, headers, body, timeout, connectTimeout, expect, maxResponseBytes,
                extract, checks, DEFAULT_REDIRECTS, location);
    }

    /** A request without checks. */
    public RequestSpec(String name, String method, URI origin, Template pathAndQuery, List<Header> headers, Body body,
                       Duration timeout, Duration connectTimeout, StatusSet expect, long maxResponseBytes,
                       Map<String, String> extract, Location location) {
        this(name, method, origin, pathAndQuery, headers, body, timeout, connectTimeout, expect, maxResponseBytes,
                extract, List.of(), DEFAULT_REDIRECTS, location);
    }

    /** A request header whose value may hold placeholders. */
    public record Header(String name, Template value) {
    }

    /** True when nothing in the request changes from one send to the next, so it is encoded once. */
    public boolean isStatic() {
        return pathAndQuery.isStatic() && headers.stream().allMatch(h -> h.value().isStatic())
                && !(body instanceof Body.Text text && !text.template().isStatic());
    }

    /** True when the response body must be kept (up to the size cap) to read values from it. */
    public boolean readsBody() {
        return !extract.isEmpty() || checks.stream().anyMatch(CheckSpec::readsBody);
    }
}
