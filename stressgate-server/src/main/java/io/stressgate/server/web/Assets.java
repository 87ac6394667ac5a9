package io.stressgate.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.stressgate.engine.report.ChartAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The scripts and the stylesheet the pages load from the service itself (no CDN): Chart.js from its webjar and the
 * shared chart views, both as the engine's reports read them, and the pages' own script and style. All are read once
 * at start; a missing one stops the start with its classpath location.
 */
final class Assets {
    static final String PATH = "/assets/";

    private final Map<String, byte[]> files;

    Assets() {
        ChartAssets charts = ChartAssets.load();
        files = Map.of(
                "chart.umd.js", charts.chartJs().getBytes(StandardCharsets.UTF_8),
                "stressgate-charts.js", charts.charts().getBytes(StandardCharsets.UTF_8),
                "pages.js", read("/io/stressgate/server/web/pages.js"),
                "pages.css", read("/io/stressgate/server/web/pages.css"));
    }

    void register(Javalin app) {
        app.get(PATH + "{name}", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = files.get(name);
        if (body == null) {
            throw ApiException.notFound("no asset " + name);
        }
        ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.result(body);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
