package io.stressgate.engine.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** A scheme, host and port requests go to, resolved once when the run starts. */
final class Origin {
    final int id;
    final URI uri;
    final String hostHeader;
    final InetSocketAddress address;
    final String resolveError;

    Origin(int id, URI uri) {
        this.id = id;
        this.uri = uri;
        int port = uri.getPort();
        boolean defaultPort = "http".equals(uri.getScheme()) && port == 80 || "https".equals(uri.getScheme()) && port == 443;
        this.hostHeader = defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        InetSocketAddress resolved = null;
        String problem = null;
        try {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            resolved = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            problem = "cannot resolve " + uri.getHost() + ": " + e.getMessage();
        }
        this.address = resolved;
        this.resolveError = problem;
    }

    boolean tls() {
        return "https".equals(uri.getScheme());
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
