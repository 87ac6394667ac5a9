package io.stressgate.engine.load;

import io.stressgate.engine.scenario.TransportOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a run reaches each origin: the Accept-Encoding its requests send, and the proxy in between, if any. The
 * scenario's {@code proxy} and {@code noProxy} win; what it leaves unsaid comes from the environment as curl reads
 * it: {@code https_proxy} or {@code HTTPS_PROXY} for https targets, {@code http_proxy} (lower-case only, as curl,
 * since a CGI host sets {@code HTTP_PROXY} from a request header) for http targets, {@code all_proxy} or
 * {@code ALL_PROXY} for either, and {@code no_proxy} or {@code NO_PROXY}; the lower-case name first.
 */
final class Transport {
    private final String acceptEncoding;
    private final URI httpsProxy;
    private final URI httpProxy;
    private final List<String> noProxy;

    private Transport(String acceptEncoding, URI httpsProxy, URI httpProxy, List<String> noProxy) {
        this.acceptEncoding = acceptEncoding;
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = noProxy;
    }

    /** Throws {@link IllegalArgumentException} naming the variable when the environment's proxy is not a proxy URL. */
    static Transport of(TransportOptions options, Map<String, String> env) {
        String accept = options.compression().isEmpty() ? null : String.join(", ", options.compression());
        URI https;
        URI http;
        if (options.proxySet()) {
            https = options.proxy();
            http = options.proxy();
        } else {
            URI all = env(env, "all_proxy", "ALL_PROXY");
            https = or(env(env, "https_proxy", "HTTPS_PROXY"), all);
            http = or(env(env, "http_proxy", null), all);
        }
        List<String> exclusions = options.noProxy() != null ? options.noProxy() : split(first(env, "no_proxy", "NO_PROXY"));
        return new Transport(accept, https, http, exclusions);
    }

    /** The Accept-Encoding the run's requests send, or null when they ask for no compression. */
    String acceptEncoding() {
        return acceptEncoding;
    }

    /** The origin of {@code uri} (scheme, host and port) as this run reaches it. */
    Origin origin(int id, URI uri) {
        return new Origin(id, uri, acceptEncoding, proxyFor(uri));
    }

    /** The proxy requests to {@code target} go through, or null when they go straight to it. */
    URI proxyFor(URI target) {
        URI proxy = "https".equals(target.getScheme()) ? httpsProxy : httpProxy;
        return proxy == null || excluded(target.getHost()) ? null : proxy;
    }

    /**
     * curl's rules: {@code *} excludes every host; otherwise an entry (its leading dot dropped) excludes the host
     * that equals it and every host under it as a domain; an IP address only itself. No CIDR ranges, no ports.
     */
    private boolean excluded(String rawHost) {
        String host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        host = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String e = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
            e = e.startsWith(".") ? e.substring(1) : e;
            if (entry.equals("*") || host.equals(e) || host.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    private static URI env(Map<String, String> env, String lower, String upper) {
        String name = env.get(lower) != null && !env.get(lower).isBlank() ? lower : upper;
        String value = name == null ? null : env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TransportOptions.proxyUrl(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + name + ": " + e.getMessage(), e);
        }
    }

    private static String first(Map<String, String> env, String lower, String upper) {
        String value = env.get(lower);
        return value != null && !value.isBlank() ? value : env.get(upper);
    }

    private static URI or(URI first, URI second) {
        return first != null ? first : second;
    }

    private static List<String> split(String list) {
        List<String> entries = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                String e = entry.trim().toLowerCase(Locale.ROOT);
                if (!e.isEmpty()) {
                    entries.add(e);
                }
            }
        }
        return entries;
    }
}
