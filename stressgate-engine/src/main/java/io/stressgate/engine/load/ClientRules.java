package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.ClientOptions;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.Template;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the load client does on its own during a run: which origins a redirect may lead to (a request's own, and
 * those {@code options.allowedOrigins} names, each with its pool slot since the run starts), whether virtual users
 * keep cookies, and the compiled requests of redirect hops, built on the first redirect to a place and reused by
 * every loop after that. Shared by the loops; only the hop cache changes while the run goes.
 */
final class ClientRules {
    /** Distinct hops kept compiled; past this a hop is compiled each time (a target redirecting to ever new URLs). */
    static final int MAX_CACHED_HOPS = 1024;
    private static final Set<String> CROSS_ORIGIN_DROPPED = Set.of("authorization", "cookie", "proxy-authorization");

    final boolean cookies;
    final Clock clock;
    private final Map<String, Origin> origins = new HashMap<>();
    private final Set<Origin> allowed = new HashSet<>();
    private final ConcurrentHashMap<HopKey, CompiledRequest> hops = new ConcurrentHashMap<>();

    private record HopKey(CompiledRequest root, String method, boolean body, Origin to, String target) {
    }

    /** {@code origins} are the run's origins by their text, the allowed ones among them. */
    ClientRules(ClientOptions options, Map<String, Origin> origins, Clock clock) {
        this.cookies = options.cookies();
        this.clock = clock;
        origins.values().forEach(o -> this.origins.put(key(o.uri), o));
        for (URI uri : options.allowedOrigins()) {
            Origin o = this.origins.get(key(uri));
            if (o == null) {
                throw new IllegalArgumentException("allowed origin " + uri + " has no connection pool slot");
            }
            allowed.add(o);
        }
    }

    /** The run's origin of an absolute http or https URL, or null when the run has no pool slot for it. */
    Origin origin(URI url) {
        return origins.get(key(url));
    }

    /** True when a request to {@code own} may be redirected to {@code to}. */
    boolean allows(Origin own, Origin to) {
        return own == to || allowed.contains(to);
    }

    /**
     * The hop to {@code to} and {@code target} (path and query) of a request that began as {@code root}, sent with
     * {@code method}, with the root's body or without. Leaving the root's origin drops its credentials headers.
     */
    CompiledRequest hop(CompiledRequest root, String method, boolean body, Origin to, String target, List<String> slots) {
        HopKey key = new HopKey(root, method, body, to, target);
        CompiledRequest hop = hops.get(key);
        if (hop != null) {
            return hop;
        }
        RequestSpec s = root.spec;
        List<RequestSpec.Header> headers = to == root.origin ? s.headers() : s.headers().stream()
                .filter(h -> !CROSS_ORIGIN_DROPPED.contains(h.name().toLowerCase(Locale.ROOT))).toList();
        RequestSpec spec = new RequestSpec(s.name(), method, to.uri, Template.literal(target), headers,
                body ? s.body() : Body.NONE, s.timeout(), s.connectTimeout(), s.expect(), s.maxResponseBytes(), s.extract(),
                s.checks(), s.redirects(), s.location());
        hop = new CompiledRequest(spec, root.name, to, slots, root.readsJson, root.checkSlots);
        hop.root = root;
        hop.client = this;
        if (hops.size() < MAX_CACHED_HOPS) {
            hops.putIfAbsent(key, hop);
        }
        return hop;
    }

    private static String key(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
