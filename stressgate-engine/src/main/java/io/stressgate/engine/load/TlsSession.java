package io.stressgate.engine.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel for one connection: drives the handshake as the channel becomes ready, wraps
 * the request bytes and unwraps the response bytes for the parser. It takes a client engine already configured
 * ({@link TlsSettings#engine}: trust, client certificate, SNI, host-name verification, versions, suites); a caller
 * that needs ALPN sets {@code SSLParameters.setApplicationProtocols} on that engine before constructing this, and
 * reads {@code engine.getApplicationProtocol()} once {@link #handshaking()} is false.
 */
final class TlsSession {
    /** What a step of the handshake or of writing is waiting for. */
    enum Wait { NOTHING, READ, WRITE }

    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;
    private boolean more;

    TlsSession(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet);
        netOut.flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    void begin() throws SSLException {
        engine.beginHandshake();
    }

    boolean handshaking() {
        var status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.FINISHED && status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Advances the handshake as far as the channel allows; returns what it waits for, NOTHING when done. */
    Wait handshake(SocketChannel channel) throws IOException {
        while (true) {
            if (!flush(channel)) {
                return Wait.WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapSome(channel)) {
                        return Wait.READ;
                    }
                }
                default -> {
                    return Wait.NOTHING;
                }
            }
        }
    }

    /** Encrypts and sends what remains of {@code plain}; returns true when all of it is on the wire. */
    boolean write(SocketChannel channel, ByteBuffer plain) throws IOException {
        while (true) {
            if (!flush(channel)) {
                return false;
            }
            if (!plain.hasRemaining()) {
                return true;
            }
            wrap(plain);
        }
    }

    /**
     * Reads and decrypts what the channel has; returns the plaintext (flipped, to be consumed by the caller before
     * the next call), or null when the peer closed the connection.
     */
    ByteBuffer read(SocketChannel channel) throws IOException {
        appIn.clear();
        more = false;
        int n = netIn.hasRemaining() ? channel.read(netIn) : 0;
        if (n < 0 && netIn.position() == 0) {
            return null;
        }
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    more = true;
                    break;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return appIn.position() == 0 ? null : appIn.flip();
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            }
        } finally {
            netIn.compact();
        }
        return appIn.flip();
    }

    /** True when decrypted data did not fit and more is waiting; read again before waiting for the channel. */
    boolean more() {
        return more;
    }

    private boolean unwrapSome(SocketChannel channel) throws IOException {
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            int n = channel.read(netIn);
            if (n < 0) {
                throw new SSLException("the server closed the connection during the TLS handshake (offered "
                        + String.join(", ", engine.getEnabledProtocols()) + ")");
            }
            return n > 0;
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the server closed TLS during the handshake");
        }
        return true;
    }

    private void wrap(ByteBuffer plain) throws SSLException {
        netOut.compact();
        SSLEngineResult r = engine.wrap(plain, netOut);
        netOut.flip();
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("TLS closed while sending");
        }
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
        }
    }

    private boolean flush(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
