package io.stressgate.engine.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tunnel to an https target through an HTTP proxy on a non-blocking channel: sends CONNECT for the
 * target's host and port and reads the proxy's answer, which must be 2xx; TLS then starts inside the tunnel.
 */
final class ProxyTunnel {
    /** What a step waits for; NOTHING once the tunnel is open. */
    enum Wait { NOTHING, READ, WRITE }

    /** The proxy refused the tunnel or broke off; counted as the error kind {@code proxy}. */
    static final class ProxyFailure extends IOException {
        ProxyFailure(String message) {
            super(message);
        }
    }

    private static final int MAX_REPLY = 8 * 1024;

    private final ByteBuffer request;
    private final ByteBuffer reply = ByteBuffer.allocate(MAX_REPLY);
    private boolean open;

    /** {@code authority} is the target's host:port (an IPv6 host in brackets). */
    ProxyTunnel(String authority) {
        request = ByteBuffer.wrap(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    boolean open() {
        return open;
    }

    /** Advances as far as the channel allows; throws {@link ProxyFailure} when the proxy will not open the tunnel. */
    Wait step(SocketChannel channel) throws IOException {
        if (request.hasRemaining()) {
            channel.write(request);
            if (request.hasRemaining()) {
                return Wait.WRITE;
            }
        }
        int n = channel.read(reply);
        if (n < 0) {
            throw new ProxyFailure("the proxy closed the connection before answering CONNECT");
        }
        int end = headEnd();
        if (end < 0) {
            if (!reply.hasRemaining()) {
                throw new ProxyFailure("the proxy's answer to CONNECT has more than " + MAX_REPLY + " bytes of headers");
            }
            return Wait.READ;
        }
        int status = status();
        if (status < 200 || status > 299) {
            throw new ProxyFailure("the proxy answered CONNECT with " + (status < 0 ? "no HTTP status" : "status " + status));
        }
        if (reply.position() > end) {
            throw new ProxyFailure("the proxy sent bytes after its answer to CONNECT, before the TLS handshake");
        }
        open = true;
        return Wait.NOTHING;
    }

    /** The position after the blank line that ends the answer's headers, or -1 when it has not arrived yet. */
    private int headEnd() {
        byte[] a = reply.array();
        for (int i = 3; i < reply.position(); i++) {
            if (a[i] == '\n' && (a[i - 1] == '\n' || a[i - 1] == '\r' && a[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    private int status() {
        byte[] a = reply.array();
        if (reply.position() < 12 || a[0] != 'H' || a[1] != 'T' || a[2] != 'T' || a[3] != 'P' || a[8] != ' ') {
            return -1;
        }
        int s = 0;
        for (int i = 9; i < 12; i++) {
            if (a[i] < '0' || a[i] > '9') {
                return -1;
            }
            s = s * 10 + a[i] - '0';
        }
        return s;
    }
}
