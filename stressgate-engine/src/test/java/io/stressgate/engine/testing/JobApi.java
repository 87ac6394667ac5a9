package io.stressgate.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny asynchronous job API for tests, like the task-queue backends of the seeds: POST /jobs answers 201 with an
 * id; GET /jobs/{id} says queued, then running, then finished after {@code workMillis}; GET /jobs/{id}/result
 * downloads the result; unknown ids are 404.
 */
public final class JobApi {
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final long workMillis;

    public JobApi(long workMillis) {
        this.workMillis = workMillis;
    }

    public TestTarget start() throws IOException {
        return TestTarget.start(this::handle, 16);
    }

    public long submitted() {
        return ids.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/jobs")) {
            String id = "Job-" + ids.incrementAndGet();
            created.put(id, System.nanoTime());
            TestTarget.reply(exchange, 201, "{\"id\":\"" + id + "\"}");
            return;
        }
        String[] parts = path.split("/");
        Long at = parts.length >= 3 ? created.get(parts[2]) : null;
        if (at == null) {
            TestTarget.reply(exchange, 404, "{\"error\":\"no such job\"}");
        } else if (parts.length == 4 && parts[3].equals("result")) {
            TestTarget.reply(exchange, 200, "result of " + parts[2]);
        } else {
            long age = (System.nanoTime() - at) / 1_000_000;
            String status = age >= workMillis ? "FINISHED" : age >= workMillis / 3 ? "running" : "queued";
            TestTarget.reply(exchange, 200, "{\"data\":{\"status\":\"" + status + "\"}}");
        }
    }
}
