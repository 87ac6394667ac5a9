package io.stressgate.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.scenario.Quantities;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stand-in for seed 002's system: an API whose work runs in a bounded pool of {@code POOL} workers, each
 * request taking between half and one and a half times {@code WORK}; everything else waits in line. Used by the
 * README's worked example. Run as
 * {@code java -cp stressgate.jar io.stressgate.cli.demo.PoolApi PORT POOL WORK} (e.g. 8081 4 150ms).
 */
public final class PoolApi {
    private PoolApi() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096"); // keep every client's connection
        int port = Integer.parseInt(args[0]);
        int pool = Integer.parseInt(args[1]);
        long workMicros = Quantities.duration(args[2]).toNanos() / 1000;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(pool));
        server.createContext("/", exchange -> handle(exchange, workMicros));
        server.start();
        System.out.printf("pool api on http://127.0.0.1:%d: %d workers, %s per request on average%n", port, pool, args[2]);
    }

    private static void handle(HttpExchange exchange, long workMicros) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            long micros = ThreadLocalRandom.current().nextLong(workMicros / 2, workMicros * 3 / 2 + 1);
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"text\":\"transcribed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
