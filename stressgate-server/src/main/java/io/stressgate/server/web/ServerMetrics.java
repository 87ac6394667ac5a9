package io.stressgate.server.web;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The service's Prometheus metrics: requests by route and status with their duration, uploads by outcome, requests
 * in flight, and whether the store answers. Routes are the matched templates, so labels stay few.
 */
final class ServerMetrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final Counter uploads;

    ServerMetrics(IntSupplier inFlight, BooleanSupplier storeUp) {
        requests = Counter.builder().name("stressgate_http_requests_total").help("HTTP requests by method, route and status")
                .labelNames("method", "route", "status").register(registry);
        duration = Histogram.builder().name("stressgate_http_request_duration_seconds").help("HTTP request duration by route")
                .labelNames("route").classicOnly().register(registry);
        uploads = Counter.builder().name("stressgate_uploads_total")
                .help("Run uploads by outcome: created, existing, conflict, rejected").labelNames("outcome").register(registry);
        GaugeWithCallback.builder().name("stressgate_requests_in_flight").help("Requests being handled now")
                .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("stressgate_store_up").help("1 when the store answers a query, else 0")
                .callback(cb -> cb.call(storeUp.getAsBoolean() ? 1 : 0)).register(registry);
    }

    void request(String method, String route, int status, double seconds) {
        requests.labelValues(method, route, String.valueOf(status)).inc();
        duration.labelValues(route).observe(seconds);
    }

    void upload(String outcome) {
        uploads.labelValues(outcome).inc();
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toByteArray();
    }
}
