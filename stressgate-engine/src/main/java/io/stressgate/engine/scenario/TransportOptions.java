package io.stressgate.engine.scenario;

import java.net.URI;
import java.util.List;

/**
 * How the load client reaches targets beyond the requests themselves: the content codings it asks for and decodes
 * ({@code gzip}, {@code deflate}; empty to ask for none), and the HTTP proxy it goes through. When the scenario says
 * nothing of a proxy ({@code proxySet} false) or of exclusions ({@code noProxy} null), the environment decides as
 * curl does; {@code proxySet} with a null {@code proxy} means straight to the target whatever the environment says.
 */
public record TransportOptions(List<String> compression, boolean proxySet, URI proxy, List<String> noProxy) {
    /** The codings asked for when the scenario does not say. */
    public static final List<String> DEFAULT_COMPRESSION = List.of("gzip", "deflate");
    public static final TransportOptions DEFAULTS = new TransportOptions(DEFAULT_COMPRESSION, false, null, null);

    public TransportOptions {
        compression = List.copyOf(compression);
        noProxy = noProxy == null ? null : List.copyOf(noProxy);
    }

    /**
     * An HTTP proxy's address as a scenario or the environment writes it ({@code http://host:port}, or
     * {@code host:port} as curl accepts it), normalised to {@code http://host:port}; curl's 1080 when no port is
     * given. Throws {@link IllegalArgumentException} saying what is wrong.
     */
    public static URI proxyUrl(String text) {
        String t = text.trim();
        URI uri;
        try {
            uri = new URI(t.contains("://") ? t : "http://" + t);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("proxy \"" + text + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("proxy \"" + text + "\": only an http:// proxy is supported (CONNECT tunnels https"
                    + " targets through it), not " + scheme + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("proxy \"" + text + "\" names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("proxy \"" + text + "\": proxy credentials are not supported");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/") || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("proxy \"" + text + "\" has a path or query; give only http://host:port");
        }
        int port = uri.getPort() < 0 ? 1080 : uri.getPort();
        return URI.create("http://" + uri.getHost() + ":" + port);
    }
}
