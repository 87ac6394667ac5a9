package io.stressgate.engine.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A trivial responder on a random loopback port that answers every bodiless request with a fixed 200: the
 * partner of the generator's warm-up, so the generator's own code is compiled before any real target is timed.
 * Every {@link #CLOSE_EVERY}th answer on a connection says {@code Connection: close} and closes it, so the
 * generator's connect path is compiled as well: a run's first arrivals open connections, and code compiled
 * without that path would be thrown back to the interpreter exactly then.
 */
final class LoopbackResponder implements AutoCloseable {
    static final int CLOSE_EVERY = 64;
    /** The headers a typical server sends, so the parser's paths for them are compiled too. */
    private static final String HEAD = "HTTP/1.1 200 OK\r\nServer: stressgate-warmup\r\nDate: Mon, 23 Nov 2026 00:00:00 GMT\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 2\r\n";
    private static final byte[] RESPONSE = (HEAD + "Connection: keep-alive\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_RESPONSE = (HEAD + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;

    LoopbackResponder() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::serve, "stressgate-warmup-responder");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out = ByteBuffer.allocate(LAST_RESPONSE.length * 512);
        try {
            while (running) {
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        answer(key, in, out);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            running = false;
        }
    }

    private void accept() throws IOException {
        SocketChannel c = server.accept();
        if (c != null) {
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, new int[2]);
        }
    }

    /**
     * Counts request ends (CRLF CRLF, carried across reads) and writes one response for each; the attachment
     * holds the CRLF match state and the responses written on the connection.
     */
    private void answer(SelectionKey key, ByteBuffer in, ByteBuffer out) {
        SocketChannel c = (SocketChannel) key.channel();
        int[] match = (int[]) key.attachment();
        try {
            in.clear();
            if (c.read(in) < 0) {
                key.cancel();
                c.close();
                return;
            }
            int requests = 0;
            for (int i = 0; i < in.position(); i++) {
                byte b = in.get(i);
                match[0] = b == (match[0] % 2 == 0 ? '\r' : '\n') ? match[0] + 1 : b == '\r' ? 1 : 0;
                if (match[0] == 4) {
                    requests++;
                    match[0] = 0;
                }
            }
            out.clear();
            boolean last = false;
            for (int i = 0; i < requests && !last && out.remaining() >= LAST_RESPONSE.length; i++) {
                last = ++match[1] % CLOSE_EVERY == 0;
                out.put(last ? LAST_RESPONSE : RESPONSE);
            }
            out.flip();
            while (out.hasRemaining()) {
                c.write(out);
            }
            if (last) {
                key.cancel();
                c.close();
            }
        } catch (IOException e) {
            key.cancel();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            server.close();
        } catch (IOException e) {
            // the warm-up is over either way; a socket that will not close leaks nothing the run needs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
