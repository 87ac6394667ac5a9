package io.stressgate.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The demo's HTTP API, a small task-queue backend like those in the seeds: POST /jobs queues a job in Redis and
 * answers 201 with its id (503 when the queue is over its limit or Redis is down, a circuit breaker);
 * {@code POST /jobs?work=5s&mem=32MB} asks for a job that works that long and holds that much memory (seed 000's
 * long audio); GET /jobs/{id} tells its status; GET /jobs/{id}/result downloads the result once finished; GET /health.
 * Run as its own process: {@code java -cp stressgate.jar io.stressgate.cli.demo.DemoApi PORT REDIS_PORT}.
 */
public final class DemoApi {
    private static final int QUEUE_LIMIT = 2_000;

    private final JedisPooled redis;

    private DemoApi(int redisPort) {
        this.redis = new JedisPooled(new HostAndPort("127.0.0.1", redisPort),
                DefaultJedisClientConfig.builder().timeoutMillis(1_000).build());
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the JDK server keeps only 200 idle keep-alive connections by default and closes the rest after each
        // response; a storm of 500 clients would then measure connection churn instead of the API
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        int port = Integer.parseInt(args[0]);
        DemoApi api = new DemoApi(Integer.parseInt(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2048);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", api::handle);
        server.start();
        System.out.println("demo api listening on http://127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                route(exchange, method, path);
            } catch (JedisException e) {
                reply(exchange, 503, "{\"error\":\"redis unavailable\"}");
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/") || path.equals("/health")) {
            redis.ping();
            reply(exchange, 200, "{\"status\":\"ok\",\"queue\":" + redis.llen(DemoKeys.QUEUE) + "}");
        } else if (method.equals("POST") && path.equals("/jobs")) {
            submit(exchange, JobSize.fromQuery(exchange.getRequestURI().getRawQuery()));
        } else if (method.equals("GET") && parts.length == 3 && parts[1].equals("jobs")) {
            status(exchange, parts[2]);
        } else if (method.equals("GET") && parts.length == 4 && parts[1].equals("jobs") && parts[3].equals("result")) {
            result(exchange, parts[2]);
        } else {
            reply(exchange, 404, "{\"error\":\"not found\"}");
        }
    }

    private void submit(HttpExchange exchange, JobSize size) throws IOException {
        if (size == null) {
            reply(exchange, 400, "{\"error\":\"work and mem must be a duration and a size, e.g. work=5s&mem=32MB\"}");
            return;
        }
        if (redis.llen(DemoKeys.QUEUE) >= QUEUE_LIMIT) {
            reply(exchange, 503, "{\"error\":\"queue full\"}");
            return;
        }
        String id = UUID.randomUUID().toString().substring(0, 13);
        redis.hset(DemoKeys.job(id), size.withStatus("queued"));
        redis.lpush(DemoKeys.QUEUE, id);
        reply(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"queued\"}");
    }

    private void status(HttpExchange exchange, String id) throws IOException {
        String status = redis.hget(DemoKeys.job(id), "status");
        if (status == null) {
            reply(exchange, 404, "{\"error\":\"no such job\"}");
        } else {
            reply(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
        }
    }

    private void result(HttpExchange exchange, String id) throws IOException {
        String status = redis.hget(DemoKeys.job(id), "status");
        if (status == null) {
            reply(exchange, 404, "{\"error\":\"no such job\"}");
        } else if (!status.equals("finished")) {
            reply(exchange, 409, "{\"error\":\"job is " + status + "\"}");
        } else {
            reply(exchange, 200, "{\"id\":\"" + id + "\",\"transcript\":\"done\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
