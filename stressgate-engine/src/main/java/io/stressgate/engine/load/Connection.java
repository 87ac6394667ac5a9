package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 keep-alive connection of an event loop, carrying one exchange at a time. It connects, writes the
 * request, parses the response as bytes arrive, enforces the connect and request timeouts (as a timer of its
 * loop), and reports the outcome to the loop. It never reports synchronously from {@link #send}, so a target
 * that fails instantly cannot recurse. An HTTP/2 stream ({@link Http2Stream}) is one too, for the flow driver.
 */
class Connection extends TimerHeap.Timed {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private final EventLoop loop;
    final Origin origin;
    final ResponseParser parser = new ResponseParser();
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer out = ByteBuffer.allocateDirect(512);
    /** Chunks the connection writes for one event before it lets the loop serve the others (a streamed body). */
    private static final int CHUNKS_PER_TURN = 8;
    /** The streamed body still being sent, or null (an in-memory request, or its body is all out). */
    private BodyFeeder feeder;
    private TlsSession tls;
    /** The CONNECT exchange with the proxy before TLS, for an https origin reached through one; else null. */
    private ProxyTunnel tunnel;
    private HopHeaders hopHeaders;
    private boolean connecting;
    private long connectDeadline;
    private long requestDeadline;
    int served;
    boolean idle;
    boolean closed;

    CompiledRequest request;
    Iteration iteration;
    long latencyStart;
    boolean retried;
    ErrorKind pendingFailure;
    /** Set while the connection opens ahead of any exchange; told when it is ready (parked idle) or failed. */
    private Runnable preconnected;

    Connection(EventLoop loop, Origin origin) {
        this.loop = loop;
        this.origin = origin;
        if (origin.acceptEncoding != null) {
            parser.decodeCompressed();
        }
    }

    /** Starts an exchange; the outcome arrives later through the loop. */
    void send(CompiledRequest r, Iteration it, long latencyStart, long now, boolean retry) {
        this.request = r;
        this.iteration = it;
        this.latencyStart = latencyStart;
        this.retried = retry;
        this.idle = false;
        parser.reset(r.head, r.maxBody, r.capture(), r.keptHeaders());
        parser.hops(r.tapsHops() ? hopHeaders() : null);
        out = r.write(out, it);
        feeder = r.feeder();
        requestDeadline = now + r.timeoutNanos;
        if (channel == null) {
            connect(now, r.connectTimeoutNanos);
        } else {
            loop.timers.schedule(this, requestDeadline);
            write();
        }
    }

    /**
     * Opens the connection ahead of any exchange (plain HTTP only); once connected it parks idle in the loop's
     * pool. {@code done} runs on the loop thread either way; a failure is not an error of the run, since no
     * request was intended yet.
     */
    void preconnect(long now, long connectTimeoutNanos, Runnable done) {
        if (origin.tls()) {
            throw new IllegalStateException("an https connection is not opened ahead: its handshake belongs to an exchange");
        }
        preconnected = done;
        requestDeadline = now + connectTimeoutNanos;
        connect(now, connectTimeoutNanos);
    }

    private void connect(long now, long connectTimeoutNanos) {
        if (origin.address == null) {
            deferFailure(origin.proxy != null ? ErrorKind.PROXY : ErrorKind.OTHER); // the proxy's name does not resolve
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connectDeadline = now + connectTimeoutNanos;
            loop.timers.schedule(this, Math.min(connectDeadline, requestDeadline));
            if (origin.tls()) {
                tls = new TlsSession(loop.tls.forOrigin(origin).engine(origin.uri.getHost(), origin.uri.getPort()));
                tunnel = origin.proxy == null ? null : new ProxyTunnel(origin.uri.getHost() + ":" + origin.uri.getPort());
            }
            if (channel.connect(origin.address)) {
                key = channel.register(loop.selector, 0, this);
                connected();
            } else {
                connecting = true;
                key = channel.register(loop.selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            deferFailure(connectFailure(e));
        }
    }

    private void deferFailure(ErrorKind kind) {
        pendingFailure = kind;
        loop.defer(this);
    }

    void onConnectable() {
        try {
            channel.finishConnect();
            connecting = false;
            loop.timers.schedule(this, requestDeadline);
            connected();
        } catch (IOException e) {
            fail(connectFailure(e));
        }
    }

    /** A failure to reach the proxy is the proxy's; otherwise classified as usual. */
    private ErrorKind connectFailure(IOException e) {
        return origin.proxy != null ? ErrorKind.PROXY : classify(e);
    }

    private void connected() throws IOException {
        if (preconnected != null) {
            loop.timers.cancel(this);
            loop.pool.release(this);
            settlePreconnect();
            return;
        }
        if (tls == null) {
            write();
            return;
        }
        if (tunnel != null && !tunnel.open()) {
            openTunnel();
            return;
        }
        tls.begin();
        handshake();
    }

    private void openTunnel() {
        ProxyTunnel.Wait wait;
        try {
            wait = tunnel.step(channel);
        } catch (IOException e) {
            LOG.debug("proxy {} for {}: {}", origin.proxy, origin, e.getMessage());
            fail(ErrorKind.PROXY);
            return;
        }
        switch (wait) {
            case WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case READ -> key.interestOps(SelectionKey.OP_READ);
            default -> {
                try {
                    tls.begin();
                    handshake();
                } catch (IOException e) {
                    fail(ErrorKind.OTHER);
                }
            }
        }
    }

    private void handshake() {
        try {
            switch (tls.handshake(channel)) {
                case WRITE -> key.interestOps(SelectionKey.OP_WRITE);
                case READ -> key.interestOps(SelectionKey.OP_READ);
                default -> write();
            }
        } catch (IOException e) {
            fail(tlsOr(e));
        }
    }

    void onWritable() {
        if (tunnel != null && !tunnel.open()) {
            openTunnel();
        } else if (tls != null && tls.handshaking()) {
            handshake();
        } else {
            write();
        }
    }

    private void write() {
        try {
            for (int chunk = 0; ; chunk++) {
                boolean sent;
                if (tls == null) {
                    channel.write(out);
                    sent = !out.hasRemaining();
                } else {
                    sent = tls.write(channel, out);
                }
                if (!sent || feeder == null) {
                    key.interestOps(sent ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                    return;
                }
                if (!feeder.fill(out)) {
                    closeFeeder();
                    key.interestOps(SelectionKey.OP_READ);
                    return;
                }
                if (chunk == CHUNKS_PER_TURN) {
                    key.interestOps(SelectionKey.OP_WRITE); // the next chunk waits for the loop's next turn
                    return;
                }
            }
        } catch (BodyFeeder.BodyChangedException e) {
            LOG.warn("request {}: {}", request.spec.name(), e.getMessage());
            key.interestOps(0);
            loop.timers.cancel(this);
            deferFailure(ErrorKind.BODY_FILE_CHANGED); // maybe still inside send: report once the stack unwinds
        } catch (IOException e) {
            fail(tlsOr(e));
        }
    }

    private void closeFeeder() {
        if (feeder != null) {
            feeder.close();
            feeder = null;
        }
    }

    void onReadable(ByteBuffer buffer) {
        if (idle) {
            close();
            return;
        }
        if (tunnel != null && !tunnel.open()) {
            openTunnel();
            return;
        }
        if (tls != null) {
            readTls();
            return;
        }
        try {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                finish(parser.endOfStream(), false);
                return;
            }
            buffer.flip();
            ResponseParser.Progress p = parser.feed(buffer);
            if (p != ResponseParser.Progress.NEED_MORE) {
                finish(p, buffer.hasRemaining());
            }
        } catch (IOException e) {
            fail(classify(e));
        }
    }

    private void readTls() {
        if (tls.handshaking()) {
            handshake();
            return;
        }
        try {
            ResponseParser.Progress p = ResponseParser.Progress.NEED_MORE;
            do {
                ByteBuffer plain = tls.read(channel);
                if (plain == null) {
                    finish(parser.endOfStream(), false);
                    return;
                }
                p = parser.feed(plain);
                if (p != ResponseParser.Progress.NEED_MORE) {
                    finish(p, plain.hasRemaining());
                    return;
                }
            } while (tls.more());
        } catch (IOException e) {
            fail(tlsOr(e));
        }
    }

    private void finish(ResponseParser.Progress progress, boolean leftover) {
        if (progress == ResponseParser.Progress.ERROR) {
            fail(parser.started() ? parser.failure() : ErrorKind.RESET);
            return;
        }
        loop.timers.cancel(this);
        served++;
        boolean reuse = parser.keepAlive() && !leftover && feeder == null; // an answer before the whole body: close
        if (!reuse) {
            close();
        }
        loop.flows.responded(this, reuse);
    }

    /** The loop's timer for this connection fired: the connect or the whole request took too long. */
    @Override
    void fire(long now) {
        fail(ErrorKind.TIMEOUT);
    }

    void fail(ErrorKind kind) {
        loop.timers.cancel(this);
        if (preconnected != null) {
            close();
            settlePreconnect();
            return;
        }
        boolean retry = kind == ErrorKind.RESET && served > 0 && !parser.started() && !retried;
        close();
        loop.flows.failed(this, kind, retry);
    }

    /** Reports a failure found while starting the exchange, now that the caller's stack has unwound. */
    void reportDeferred() {
        ErrorKind kind = pendingFailure;
        pendingFailure = null;
        fail(kind);
    }

    private void settlePreconnect() {
        Runnable done = preconnected;
        preconnected = null;
        done.run();
    }

    void parkIdle() {
        idle = true;
        request = null;
        iteration = null;
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void close() {
        closeFeeder();
        parser.release();
        closed = true;
        idle = false;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket we are done with; nothing to recover
            }
        }
        loop.timers.cancel(this);
    }

    private HopHeaders hopHeaders() {
        if (hopHeaders == null) {
            hopHeaders = new HopHeaders();
        }
        return hopHeaders;
    }

    boolean connecting() {
        return connecting;
    }

    /** A TLS failure (noted with its reason for the results) or else as {@link #classify} says. */
    private ErrorKind tlsOr(IOException e) {
        if (e instanceof javax.net.ssl.SSLException ssl) {
            loop.tls.failed(origin, ssl);
            return ErrorKind.TLS;
        }
        return classify(e);
    }

    static ErrorKind classify(IOException e) {
        if (e instanceof ConnectException) {
            return e.getMessage() != null && e.getMessage().contains("refused") ? ErrorKind.CONNECTION_REFUSED : ErrorKind.OTHER;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("reset") || m.contains("broken pipe") || m.contains("closed")) {
            return ErrorKind.RESET;
        }
        return ErrorKind.OTHER;
    }
}
