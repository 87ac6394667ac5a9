package io.stressgate.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.scenario.Quantities;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stand-in for seed 002's system: an API whose work runs in a bounded pool of {@code POOL} workers, each
 * request taking between half and one and a half times {@code WORK}; everything else waits in line. With
 * {@code --processes} each request's work runs in a child process, as seed 002's Node API ran Python, so the
 * pool's bound shows in the number of child processes. Used by examples/100-users. Run as
 * {@code java -cp stressgate.jar io.stressgate.cli.demo.PoolApi PORT POOL WORK [--processes]} (e.g. 8081 4 150ms).
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
        boolean processes = args.length > 3 && args[3].equals("--processes");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(pool));
        server.createContext("/", exchange -> handle(exchange, workMicros, processes));
        server.start();
        System.out.printf("pool api on http://127.0.0.1:%d: %d workers%s, %s per request on average%n", port, pool,
                processes ? " (one child process each)" : "", args[2]);
    }

    private static void handle(HttpExchange exchange, long workMicros, boolean processes) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            long micros = ThreadLocalRandom.current().nextLong(workMicros / 2, workMicros * 3 / 2 + 1);
            try {
                if (processes) {
                    new ProcessBuilder("sleep", String.format(Locale.ROOT, "%.3f", micros / 1e6))
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start().waitFor();
                } else {
                    Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
                }
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
