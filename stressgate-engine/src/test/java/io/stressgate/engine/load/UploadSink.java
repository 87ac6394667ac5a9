package io.stressgate.engine.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A loopback server that takes uploads: for every request it counts the body's bytes and hashes them with SHA-256,
 * then answers 200. It can hold the first upload after its first {@code pauseAfter} bytes until the test resumes it.
 */
final class UploadSink implements AutoCloseable {
    /** One upload as received: whether the body ended where its Content-Length said. */
    record Upload(String contentType, long declaredLength, long received, String sha256, boolean complete) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final long pauseAfter;
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    private UploadSink(HttpServer server, long pauseAfter) {
        this.server = server;
        this.pauseAfter = pauseAfter;
        server.setExecutor(pool);
        server.createContext("/", this::take);
        server.start();
    }

    static UploadSink plain() throws IOException {
        return new UploadSink(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64), -1);
    }

    /** A sink that holds the first upload after {@code pauseAfter} bytes until {@link #resume()}. */
    static UploadSink pausing(long pauseAfter) throws IOException {
        return new UploadSink(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64), pauseAfter);
    }

    static UploadSink tls(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new UploadSink(server, -1);
    }

    private void take(HttpExchange exchange) throws IOException {
        try (exchange) {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            long length = declared == null ? -1 : Long.parseLong(declared);
            MessageDigest sha = sha256();
            long received = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer, 0, pauseAt(received, buffer.length))) > 0) {
                    sha.update(buffer, 0, n);
                    received += n;
                    if (received == pauseAfter) {
                        paused.countDown();
                        awaitResume();
                    }
                }
            } catch (IOException e) {
                uploads.add(new Upload(exchange.getRequestHeaders().getFirst("Content-Type"), length, received, "", false));
                throw e;
            }
            uploads.add(new Upload(exchange.getRequestHeaders().getFirst("Content-Type"), length, received,
                    HexFormat.of().formatHex(sha.digest()), received == length));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private int pauseAt(long received, int max) {
        return pauseAfter > received ? (int) Math.min(max, pauseAfter - received) : max;
    }

    private void awaitResume() throws IOException {
        try {
            if (!resume.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the test did not resume the upload within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while paused", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Waits (at most 60 s) until the first upload reached its pause point. */
    boolean awaitPaused() throws InterruptedException {
        return paused.await(60, TimeUnit.SECONDS);
    }

    void resume() {
        resume.countDown();
    }

    List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        resume.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
