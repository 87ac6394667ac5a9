package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes under one HTTP/2 connection: a non-blocking socket to the origin, or to its proxy and then through a
 * CONNECT tunnel to the origin (for https and for h2c alike, so that the proxy only pipes bytes), and over https a
 * TLS session offering h2 and http/1.1 in ALPN. It sets itself up as the socket gets ready and tells its connection
 * when bytes may flow and which protocol the server chose, or why it failed; after that it only moves bytes.
 */
final class Http2Socket {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Socket.class);

    private final EventLoop loop;
    private final Origin origin;
    private final Http2Connection owner;
    private SocketChannel channel;
    private SelectionKey key;
    private TlsSession tls;
    private SSLEngine engine;
    private ProxyTunnel tunnel;
    private boolean connected;
    private boolean up;

    Http2Socket(EventLoop loop, Origin origin, Http2Connection owner) {
        this.loop = loop;
        this.origin = origin;
        this.owner = owner;
    }

    /** Starts connecting; what follows is told to the connection. */
    void open() {
        if (origin.address == null) {
            owner.failAll(origin.proxy != null ? ErrorKind.PROXY : ErrorKind.OTHER); // a name that does not resolve
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (origin.proxy != null) {
                tunnel = new ProxyTunnel(origin.uri.getHost() + ":" + origin.uri.getPort());
            }
            if (origin.tls()) {
                tls = new TlsSession(alpnEngine());
            }
            if (channel.connect(origin.address)) {
                key = channel.register(loop.selector, 0, owner);
                connected();
            } else {
                key = channel.register(loop.selector, SelectionKey.OP_CONNECT, owner);
            }
        } catch (IOException e) {
            owner.failAll(connectFailure(e));
        }
    }

    /** The origin's TLS engine offering h2 and http/1.1 in ALPN (both, so that a server without h2 says so). */
    private SSLEngine alpnEngine() {
        engine = loop.tls.forOrigin(origin).engine(origin.uri.getHost(), origin.uri.getPort());
        SSLParameters params = engine.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(params);
        return engine;
    }

    /** True once bytes of the connection flow (connected, tunnelled, TLS negotiated). */
    boolean up() {
        return up;
    }

    /** True over TLS, where bytes may wait in the session after a read. */
    boolean encrypted() {
        return tls != null;
    }

    /** Goes on setting up as far as the socket, ready for {@code ops}, allows. */
    void advance(int ops) {
        try {
            if (!connected) {
                if ((ops & SelectionKey.OP_CONNECT) != 0) {
                    channel.finishConnect();
                    connected();
                }
            } else if (tunnel != null && !tunnel.open()) {
                tunnel();
            } else {
                handshake();
            }
        } catch (IOException e) {
            owner.failAll(connectFailure(e));
        }
    }

    /** Failing to reach the proxy is the proxy's error; otherwise classified as usual. */
    private ErrorKind connectFailure(IOException e) {
        return origin.proxy != null && !connected ? ErrorKind.PROXY : Connection.classify(e);
    }

    private void connected() throws IOException {
        connected = true;
        if (tunnel != null) {
            tunnel();
        } else {
            secure();
        }
    }

    private void tunnel() throws IOException {
        ProxyTunnel.Wait wait;
        try {
            wait = tunnel.step(channel);
        } catch (IOException e) {
            LOG.debug("proxy {} for {}: {}", origin.proxy, origin, e.getMessage());
            owner.failAll(ErrorKind.PROXY);
            return;
        }
        switch (wait) {
            case WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case READ -> key.interestOps(SelectionKey.OP_READ);
            default -> secure();
        }
    }

    /** Starts TLS over https; over http the connection speaks h2c at once. */
    private void secure() throws IOException {
        if (tls == null) {
            up = true;
            owner.up("h2");
        } else {
            tls.begin();
            handshake();
        }
    }

    private void handshake() {
        try {
            switch (tls.handshake(channel)) {
                case WRITE -> key.interestOps(SelectionKey.OP_WRITE);
                case READ -> key.interestOps(SelectionKey.OP_READ);
                default -> {
                    up = true;
                    owner.up(engine.getApplicationProtocol() == null ? "" : engine.getApplicationProtocol());
                }
            }
        } catch (IOException e) {
            LOG.debug("TLS handshake with {} failed: {}", origin, e.toString());
            if (e instanceof SSLException ssl) {
                loop.tls.failed(origin, ssl);
                owner.failAll(ErrorKind.TLS);
            } else {
                owner.failAll(Connection.classify(e));
            }
        }
    }

    /** Writes what the socket takes of {@code out}, and asks to be told when it takes more if some is left. */
    void write(ByteBuffer out) throws IOException {
        boolean all;
        if (tls == null) {
            channel.write(out);
            all = !out.hasRemaining();
        } else {
            all = tls.write(channel, out);
        }
        key.interestOps(all ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /** The bytes read (into {@code buffer} on plain TCP), in plain; null when the server closed the connection. */
    ByteBuffer read(ByteBuffer buffer) throws IOException {
        if (tls != null) {
            return tls.read(channel);
        }
        buffer.clear();
        return channel.read(buffer) < 0 ? null : buffer.flip();
    }

    /** True when TLS holds more read bytes than the last {@link #read} returned. */
    boolean more() {
        return tls != null && tls.more();
    }

    void close() {
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing an HTTP/2 connection to {}: {}", origin, e.toString());
            }
        }
    }
}
