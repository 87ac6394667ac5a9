package io.stressgate.engine.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the client keys of {@code options:} ({@code allowedOrigins}, {@code cookies}) and a request's
 * {@code redirects}, reporting every bad value with its place.
 */
final class ClientOptionsReader {
    /** More origins than a scenario could mean; a list this long is a mistake (or a generated list). */
    static final int MAX_ORIGINS = 64;

    private final Problems problems;

    ClientOptionsReader(Problems problems) {
        this.problems = problems;
    }

    ClientOptions read(Fields options) {
        boolean cookies = options.bool("cookies", ClientOptions.DEFAULTS.cookies());
        List<Node> items = options.list("allowedOrigins");
        if (items.size() > MAX_ORIGINS) {
            problems.add(options.node().get("allowedOrigins"), items.size() + " allowed origins are more than the limit " + MAX_ORIGINS);
            return new ClientOptions(List.of(), cookies);
        }
        List<URI> origins = new ArrayList<>();
        for (Node item : items) {
            URI origin = options.convert(item, null, ClientOptionsReader::origin);
            if (origin != null && !origins.contains(origin)) {
                origins.add(origin);
            }
        }
        return new ClientOptions(origins, cookies);
    }

    /** An origin as written in {@code allowedOrigins}: scheme, host and optional port, nothing after them. */
    static URI origin(String text) {
        URI url = RequestReader.absoluteUrl(text);
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an origin: give only scheme, host and port (such as "
                    + "http://127.0.0.1:8081), a redirect to any path of it is then allowed");
        }
        return RequestReader.origin(url);
    }

    /** A request's {@code redirects}: how many it follows, 0 for none. */
    static int redirects(String text) {
        long n = Quantities.count(text);
        if (n > RequestSpec.MAX_REDIRECTS) {
            throw new IllegalArgumentException("redirects " + n + " is more than the limit " + RequestSpec.MAX_REDIRECTS
                    + " (0 turns following off)");
        }
        return (int) n;
    }
}
