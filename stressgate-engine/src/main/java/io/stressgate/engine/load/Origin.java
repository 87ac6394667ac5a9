package io.stressgate.engine.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * A scheme, host and port requests go to, resolved once when the run starts, with how it is reached: the address
 * connected to (the target's, or its proxy's), the Accept-Encoding its requests send (null for none).
 */
final class Origin {
    final int id;
    final URI uri;
    final String hostHeader;
    final InetSocketAddress address;
    final String resolveError;
    final String acceptEncoding;
    /** The proxy connected to instead of the target, or null; an https origin is then reached through CONNECT. */
    final URI proxy;

    /** An origin reached directly, asking for no compression (the warm-up's loopback responder). */
    Origin(int id, URI uri) {
        this(id, uri, null, null);
    }

    Origin(int id, URI uri, String acceptEncoding, URI proxy) {
        this.id = id;
        this.uri = uri;
        this.acceptEncoding = acceptEncoding;
        this.proxy = proxy;
        int port = uri.getPort();
        boolean defaultPort = "http".equals(uri.getScheme()) && port == 80 || "https".equals(uri.getScheme()) && port == 443;
        this.hostHeader = defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        InetSocketAddress resolved = null;
        String problem = null;
        URI connectTo = proxy == null ? uri : proxy; // through a proxy, the target's name is the proxy's to resolve
        try {
            String host = connectTo.getHost().startsWith("[") ? connectTo.getHost().substring(1, connectTo.getHost().length() - 1)
                    : connectTo.getHost();
            resolved = new InetSocketAddress(InetAddress.getByName(host), connectTo.getPort());
        } catch (UnknownHostException e) {
            problem = "cannot resolve " + connectTo.getHost() + ": " + e.getMessage();
        }
        this.address = resolved;
        this.resolveError = problem;
    }

    boolean tls() {
        return "https".equals(uri.getScheme());
    }

    /** True when requests name the whole URL (an http origin through a proxy). */
    boolean absoluteForm() {
        return proxy != null && !tls();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
