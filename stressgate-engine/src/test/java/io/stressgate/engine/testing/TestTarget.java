package io.stressgate.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on a random loopback port for tests: fast, slow, erroring, stalling or anything a handler
 * does. Counts the requests it served. Closed with try-with-resources.
 */
public final class TestTarget implements AutoCloseable {
    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle and delayed ACKs add 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong served = new AtomicLong();

    private TestTarget(HttpHandler handler, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
    }

    /** A server whose every request runs {@code handler} on one of {@code threads} threads. */
    public static TestTarget start(HttpHandler handler, int threads) throws IOException {
        return new TestTarget(handler, threads);
    }

    /** Answers 200 with a short body at once. */
    public static TestTarget fast() throws IOException {
        return start(exchange -> reply(exchange, 200, "ok"), 8);
    }

    /** Answers 200 after {@code millis}. */
    public static TestTarget slow(long millis) throws IOException {
        return start(exchange -> {
            sleep(millis);
            reply(exchange, 200, "slow");
        }, 64);
    }

    /**
     * Stalls: fast, except that every request arriving within {@code stallMillis} from {@code afterMillis} after
     * the first request waits {@code stallMillis} before its answer (a lock held, a GC pause, a full disk).
     */
    public static TestTarget stalling(long afterMillis, long stallMillis) throws IOException {
        long[] first = {0};
        return start(exchange -> {
            long now = System.nanoTime();
            synchronized (first) {
                if (first[0] == 0) {
                    first[0] = now;
                }
            }
            long sinceFirst = (now - first[0]) / 1_000_000;
            if (sinceFirst >= afterMillis && sinceFirst < afterMillis + stallMillis) {
                sleep(stallMillis);
            }
            reply(exchange, 200, "ok");
        }, 400);
    }

    /**
     * A pool API: {@code workers} workers serve one request each for {@code millis}; up to {@code queueLimit} more
     * wait in line, and a request beyond that is answered 503 at once. Its capacity is workers / millis.
     */
    public static TestTarget pool(int workers, long millis, int queueLimit) throws IOException {
        Semaphore free = new Semaphore(workers, true);
        AtomicInteger admitted = new AtomicInteger();
        return start(exchange -> {
            if (admitted.incrementAndGet() > workers + queueLimit) {
                admitted.decrementAndGet();
                reply(exchange, 503, "queue full");
                return;
            }
            try {
                free.acquireUninterruptibly();
                try {
                    sleep(millis);
                    reply(exchange, 200, "done");
                } finally {
                    free.release();
                }
            } finally {
                admitted.decrementAndGet();
            }
        }, workers + queueLimit + 8);
    }

    /** Answers every request with {@code status}. */
    public static TestTarget status(int status) throws IOException {
        return start(exchange -> reply(exchange, status, "status " + status), 8);
    }

    public static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback URL nothing listens on: the port was bound, then released. */
    public static String refusingUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long served() {
        return served.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
